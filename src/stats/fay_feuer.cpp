// Fay and Feuer's gamma interval for a directly standardised rate; formula and reference in
// standardisation.hpp.
#include "stats/check_internal.hpp"
#include "stats/distributions.hpp"
#include "stats/standardisation.hpp"

namespace jamlik {

Interval FayFeuerInterval(double rate, double variance, double max_weight, double confidence) {
  stats_internal::RequireNonNegative(rate, "rate");
  stats_internal::RequireNonNegative(variance, "variance");
  stats_internal::RequirePositive(max_weight, "max_weight");
  RequireConfidence(confidence);
  const double tail = (1 - confidence) / 2;
  // A zero rate has v = 0 and a degenerate gamma; its lower limit is 0.
  const double lower = rate == 0 ? 0 : GammaQuantile(tail, rate * rate / variance, variance / rate);
  const double shifted_rate = rate + max_weight;
  const double shifted_variance = variance + max_weight * max_weight;
  const double upper = GammaQuantile(1 - tail, shifted_rate * shifted_rate / shifted_variance,
                                     shifted_variance / shifted_rate);
  return Interval{lower, upper};
}

}  // namespace jamlik
