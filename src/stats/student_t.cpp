// Student's t interval for a mean; formula and reference in student_t.hpp.
#include "stats/student_t.hpp"

#include <cmath>

#include "stats/check_internal.hpp"
#include "stats/distributions.hpp"

namespace jamlik {

OrUndefined<Interval> StudentTInterval(double count, double mean, double sd, double confidence) {
  stats_internal::RequireNonNegative(count, "count");
  stats_internal::RequireFinite(mean, "mean");
  stats_internal::RequireNonNegative(sd, "sd");
  RequireConfidence(confidence);
  if (count < 2) return Undefined(UndefinedReason::kTooFewObservations);
  const double half_width =
      StudentTQuantile(1 - (1 - confidence) / 2, count - 1) * sd / std::sqrt(count);
  return Interval{mean - half_width, mean + half_width};
}

}  // namespace jamlik
