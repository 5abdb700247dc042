#pragma once
// Proportions: the share of a group with an outcome (eligible for upper-secondary school, smokers,
// vaccinated) and its confidence interval.
#include <optional>

#include "stats/interval.hpp"

namespace jamlik {

// Wilson score interval without continuity correction for `successes` x out of `trials` n:
//   limits = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)),  z = Φ⁻¹(1 − α/2), α = 1 −
//   confidence.
// Reference: Wilson (1927) JASA 22:209–212; Newcombe (1998) Stat Med 17:857–872, method 3; the
// `wilson_lower/upper` helpers of PHEindicatormethods. Stays inside [0, 1] and behaves well at
// x = 0 and x = n, which is why public-health bodies prefer it to the Wald interval.
// x need not be an integer (weighted counts). Confidence may be exactly 1, giving [0, 1].
// Undefined: n = 0 (kZeroDenominator). Throws kInvalidArgument when x < 0, n < 0, x > n, an input
// is not finite, or the confidence is outside [0.9, 1].
OrUndefined<Interval> WilsonInterval(double successes, double trials, double confidence);

// Clopper–Pearson "exact" interval: the limits where the binomial tail probabilities equal α/2,
//   lower = B⁻¹(α/2; x, n − x + 1)  (0 when x = 0),
//   upper = B⁻¹(1 − α/2; x + 1, n − x)  (1 when x = n),
// with B⁻¹ the beta quantile. Reference: Clopper & Pearson (1934) Biometrika 26:404–413.
// Conservative (coverage at least the nominal level); use it when a guaranteed coverage matters
// more than width. Same inputs, undefined cases and errors as WilsonInterval.
OrUndefined<Interval> ClopperPearsonInterval(double successes, double trials, double confidence);

enum class ProportionMethod { kWilson, kClopperPearson };

struct ProportionOptions {
  double multiplier = 1;  // 100 gives a percentage
  double confidence = 0.95;
  ProportionMethod method = ProportionMethod::kWilson;  // as PHE and Fingertips publish
};

// Return the proportion x/n × multiplier with its interval × multiplier (PHE's phe_proportion).
// Undefined: a missing x or n (kMissingInput), n = 0 (kZeroDenominator). Throws as the intervals
// do, and when the multiplier is not positive.
Estimate Proportion(std::optional<double> successes, std::optional<double> trials,
                    const ProportionOptions& options = {});

}  // namespace jamlik
