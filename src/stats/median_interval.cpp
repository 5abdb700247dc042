// The median and its order-statistic interval; method and references in median_interval.hpp.
#include "stats/median_interval.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>

#include "stats/distributions.hpp"

namespace jamlik {

OrUndefined<double> SampleMedian(std::span<const double> sorted) {
  const std::size_t n = sorted.size();
  if (n == 0) return Undefined(UndefinedReason::kTooFewObservations);
  if (n % 2 == 1) return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

OrUndefined<MedianInterval> OrderStatisticMedianInterval(std::span<const double> sorted,
                                                         double confidence) {
  RequireConfidence(confidence);
  const std::size_t n = sorted.size();
  if (n == 0) return Undefined(UndefinedReason::kTooFewObservations);
  const double tail = (1 - confidence) / 2;
  const boost::math::binomial_distribution<double> below(static_cast<double>(n), 0.5);
  auto cdf = [&](std::size_t k) { return boost::math::cdf(below, static_cast<double>(k)); };
  if (cdf(0) > tail) return Undefined(UndefinedReason::kTooFewObservations);
  // k = r − 1, the largest with P(B ≤ k) ≤ α/2: start from the normal approximation
  // n/2 − z·√n/2 and step to it (a few CDF evaluations).
  const double guess =
      static_cast<double>(n) / 2 - std::sqrt(static_cast<double>(n)) / 2 * NormalQuantile(1 - tail);
  std::size_t k = guess > 0 ? std::min(static_cast<std::size_t>(guess), n / 2) : 0;
  while (k > 0 && cdf(k) > tail) --k;
  while (k + 1 < n && cdf(k + 1) <= tail) ++k;
  MedianInterval result;
  result.lower_rank = k + 1;
  result.upper_rank = n - k;
  result.interval = {sorted[k], sorted[n - 1 - k]};
  result.coverage = 1 - 2 * cdf(k);
  return result;
}

}  // namespace jamlik
