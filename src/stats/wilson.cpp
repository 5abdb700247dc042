// Wilson score interval; formula and reference in proportion.hpp.
#include <algorithm>
#include <cmath>

#include "stats/distributions.hpp"
#include "stats/proportion.hpp"
#include "stats/proportion_internal.hpp"

namespace jamlik {

OrUndefined<Interval> WilsonInterval(double successes, double trials, double confidence) {
  stats_internal::CheckProportionInputs(successes, trials, confidence);
  if (trials == 0) return Undefined(UndefinedReason::kZeroDenominator);
  // z is infinite at 100% confidence; the limit of the formula there is [0, 1].
  if (confidence == 1) return Interval{0, 1};
  const double z = TwoSidedNormalQuantile(confidence);
  const double z2 = z * z;
  const double centre = 2 * successes + z2;
  const double spread = z * std::sqrt(z2 + 4 * successes * (1 - successes / trials));
  const double denominator = 2 * (trials + z2);
  // At x = 0 and x = n the limit is exactly 0 or 1; rounding in z·√(z²) must not cross it.
  return Interval{std::max(0.0, (centre - spread) / denominator),
                  std::min(1.0, (centre + spread) / denominator)};
}

}  // namespace jamlik
