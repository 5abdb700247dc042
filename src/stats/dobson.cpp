// Dobson's interval for a directly standardised rate; formula and reference in standardisation.hpp.
#include <cmath>

#include "stats/check_internal.hpp"
#include "stats/poisson.hpp"
#include "stats/standardisation.hpp"

namespace jamlik {

OrUndefined<Interval> DobsonInterval(double rate, double variance, double count,
                                     double confidence) {
  stats_internal::RequireNonNegative(rate, "rate");
  stats_internal::RequireNonNegative(variance, "variance");
  const OrUndefined<double> count_lower = ByarsLower(count, confidence);
  if (!count_lower) return Undefined(count_lower.error());
  // Scale the count's limits to the rate: √(V/O) is the DSR's standard error per √event.
  const double scale = std::sqrt(variance / count);
  return Interval{rate + scale * (*count_lower - count),
                  rate + scale * (ByarsUpper(count, confidence) - count)};
}

}  // namespace jamlik
