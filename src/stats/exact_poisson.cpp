// Exact Poisson limits and PHE's rule for choosing between them and Byar's approximation;
// formulas and references in poisson.hpp.
#include "stats/check_internal.hpp"
#include "stats/distributions.hpp"
#include "stats/poisson.hpp"

namespace jamlik {

const char* PoissonMethodId(PoissonMethod method) {
  return method == PoissonMethod::kExact ? "exact" : "byars";
}

Interval ExactPoissonInterval(double count, double confidence) {
  stats_internal::RequireNonNegative(count, "count");
  RequireConfidence(confidence);
  const double tail = (1 - confidence) / 2;
  // χ² with 0 degrees of freedom is degenerate at 0, which is the lower limit of a zero count.
  const double lower = count == 0 ? 0 : ChiSquaredQuantile(tail, 2 * count) / 2;
  return Interval{lower, ChiSquaredQuantile(1 - tail, 2 * count + 2) / 2};
}

PoissonMethod PoissonMethodFor(double count, PoissonLimits limits) {
  return limits == PoissonLimits::kExact || count < kByarsFromCount ? PoissonMethod::kExact
                                                                    : PoissonMethod::kByars;
}

Interval PoissonCountInterval(double count, double confidence, PoissonLimits limits) {
  if (PoissonMethodFor(count, limits) == PoissonMethod::kExact) {
    return ExactPoissonInterval(count, confidence);
  }
  // value() cannot throw here: with O >= 10 the cubed factor is at least 1 − 1/90 − z/(3√10),
  // positive for z below 9.3, and z stays below 8.3 for every double confidence under 1.
  return Interval{ByarsLower(count, confidence).value(), ByarsUpper(count, confidence)};
}

}  // namespace jamlik
