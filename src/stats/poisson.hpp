#pragma once
// Counts of events (deaths, admissions, reported crimes) treated as Poisson, their confidence
// intervals, and the crude rate per multiplier of population or person-time.
#include <optional>
#include <string_view>

#include "stats/interval.hpp"

namespace jamlik {

enum class PoissonMethod { kExact, kByars };

// Return "exact" or "byars".
const char* PoissonMethodId(PoissonMethod method);

// Byar's approximation to the exact Poisson limits for an observed count O:
//   lower = O·(1 − 1/(9O) − z/(3√O))³,  upper = (O + 1)·(1 − 1/(9(O + 1)) + z/(3√(O + 1)))³,
// z = Φ⁻¹(1 − α/2). Reference: Breslow & Day (1987) Statistical Methods in Cancer Research II,
// IARC, p. 69; the `byars_lower/upper` helpers of PHEindicatormethods. Accurate from about ten
// events; below that use the exact limits (PoissonCountInterval chooses).
// Undefined: the lower limit when the formula is negative (kNegativeLimit), which happens for small
// counts at high confidence (O = 1 at 99.8%) and always at O = 0. Throws kInvalidArgument for a
// negative or non-finite count or a confidence outside [0.9, 1).
OrUndefined<double> ByarsLower(double count, double confidence);
double ByarsUpper(double count, double confidence);

// Exact Poisson limits from the chi-square quantiles (Garwood 1936, Biometrika 28:437–442):
//   lower = χ²⁻¹(α/2; 2O)/2 (0 when O = 0),  upper = χ²⁻¹(1 − α/2; 2O + 2)/2.
// Always defined. Throws as Byar's approximation does.
Interval ExactPoissonInterval(double count, double confidence);

// The count from which PHE switches from the exact limits to Byar's approximation.
inline constexpr double kByarsFromCount = 10;

// Which limits a Poisson count gets: PHE's rule (exact below 10 events, Byar's approximation from
// 10; the default) or the exact limits at every count, as epidemiologists often ask for them
// (an indicator's `metod = "exact"`).
enum class PoissonLimits { kPheRule, kExact };

// The limits an indicator's interval method id asks for: "exact" → kExact, else PHE's rule.
inline PoissonLimits PoissonLimitsFor(std::string_view method) {
  return method == "exact" ? PoissonLimits::kExact : PoissonLimits::kPheRule;
}

// Return the method `limits` uses for `count`.
PoissonMethod PoissonMethodFor(double count, PoissonLimits limits = PoissonLimits::kPheRule);

// Return the interval for a Poisson count by `limits` (PoissonMethodFor). Always defined: Byar's
// lower limit is positive for every count >= 10 at every confidence below 1.
Interval PoissonCountInterval(double count, double confidence,
                              PoissonLimits limits = PoissonLimits::kPheRule);

struct RateOptions {
  double multiplier = 100000;  // per 100 000 inhabitants, as Swedish and English statistics
  double confidence = 0.95;
  PoissonLimits limits = PoissonLimits::kPheRule;
};

struct RateEstimate : Estimate {
  std::optional<PoissonMethod> method;  // decided by the count alone; empty when it is missing
};

// Return the crude rate count/denominator × multiplier, with the count's Poisson interval
// (PoissonCountInterval) divided by the denominator and multiplied by the multiplier (PHE's
// phe_rate). The count may exceed the denominator (repeated events, person-years).
// Undefined: a missing count or denominator (kMissingInput), denominator 0 (kZeroDenominator).
// Throws kInvalidArgument for a negative count or denominator or a non-positive multiplier.
RateEstimate CrudeRate(std::optional<double> count, std::optional<double> denominator,
                       const RateOptions& options = {});

}  // namespace jamlik
