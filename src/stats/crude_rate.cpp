// Crude rate per multiplier with a Poisson interval; contract in poisson.hpp.
#include "stats/check_internal.hpp"
#include "stats/poisson.hpp"

namespace jamlik {

RateEstimate CrudeRate(std::optional<double> count, std::optional<double> denominator,
                       const RateOptions& options) {
  stats_internal::RequirePositive(options.multiplier, "multiplier");
  RequireConfidence(options.confidence);
  RateEstimate estimate;
  if (count) {
    stats_internal::RequireNonNegative(*count, "count");
    estimate.method = PoissonMethodFor(*count, options.limits);
  }
  if (denominator) stats_internal::RequireNonNegative(*denominator, "denominator");
  if (!count || !denominator) return estimate;
  if (*denominator == 0) {
    estimate.value = Undefined(UndefinedReason::kZeroDenominator);
    estimate.interval = Undefined(UndefinedReason::kZeroDenominator);
    return estimate;
  }
  const double scale = options.multiplier / *denominator;
  const Interval limits = PoissonCountInterval(*count, options.confidence, options.limits);
  estimate.value = *count * scale;
  estimate.interval = Interval{limits.lower * scale, limits.upper * scale};
  return estimate;
}

}  // namespace jamlik
