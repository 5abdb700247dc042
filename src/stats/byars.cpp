// Byar's approximation to the Poisson limits; formula and reference in poisson.hpp.
#include <cmath>

#include "stats/check_internal.hpp"
#include "stats/distributions.hpp"
#include "stats/poisson.hpp"

namespace jamlik {

OrUndefined<double> ByarsLower(double count, double confidence) {
  stats_internal::RequireNonNegative(count, "count");
  RequireConfidence(confidence);
  // The formula divides by O; its limit at O = 0 is −∞.
  if (count == 0) return Undefined(UndefinedReason::kNegativeLimit);
  const double z = TwoSidedNormalQuantile(confidence);
  const double lower = count * std::pow(1 - 1 / (9 * count) - z / (3 * std::sqrt(count)), 3);
  if (lower < 0) return Undefined(UndefinedReason::kNegativeLimit);
  return lower;
}

double ByarsUpper(double count, double confidence) {
  stats_internal::RequireNonNegative(count, "count");
  RequireConfidence(confidence);
  const double z = TwoSidedNormalQuantile(confidence);
  const double next = count + 1;
  return next * std::pow(1 - 1 / (9 * next) + z / (3 * std::sqrt(next)), 3);
}

}  // namespace jamlik
