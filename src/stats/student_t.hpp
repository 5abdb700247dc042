#pragma once
// The confidence interval of a mean (income, BMI, school merit points) from its summary.
#include "stats/interval.hpp"

namespace jamlik {

// Student's t interval for the mean of `count` values with sample standard deviation `sd`
// (n − 1 denominator):
//   mean ∓ t(1 − α/2; n − 1) · sd/√n.
// Reference: Student (1908) Biometrika 6:1–25; PHEindicatormethods phe_mean.
// Undefined: count < 2 (kTooFewObservations), where the sd has no degrees of freedom.
// Throws kInvalidArgument for a negative or non-finite count or sd, a non-finite mean, or a
// confidence outside [0.9, 1).
OrUndefined<Interval> StudentTInterval(double count, double mean, double sd, double confidence);

}  // namespace jamlik
