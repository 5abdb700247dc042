#pragma once
// The median of a sample and its distribution-free confidence interval from order statistics.
#include <cstddef>
#include <span>

#include "stats/interval.hpp"

namespace jamlik {

// Return the median of `sorted` (ascending): the middle value, or the mean of the two middle
// values for an even count. Undefined (kTooFewObservations) for no values.
OrUndefined<double> SampleMedian(std::span<const double> sorted);

// The interval [x_(r), x_(n+1−r)] between order statistics of the sorted sample x_(1) ≤ … ≤ x_(n),
// with r the largest rank such that P(B ≤ r − 1) ≤ α/2 for B ~ Binomial(n, 1/2), α = 1 −
// confidence. The number of values below the population median is B, so the interval holds the
// median with probability 1 − 2·P(B ≤ r − 1) ≥ confidence, whatever the distribution (for a
// discrete one, with ties, at least as often).
// Reference: Conover (1999), Practical Nonparametric Statistics, 3rd ed., §3.2 (the confidence
// interval for a quantile); Hahn & Meeker (1991), Statistical Intervals, §5.2.
// Undefined (kTooFewObservations) when even [x_(1), x_(n)] covers less than `confidence`, i.e.
// 0.5^(n−1) > α: n < 6 at 95 %, n < 10 at 99.8 %.
// Throws kInvalidArgument for a confidence outside [0.9, 1).
struct MedianInterval {
  Interval interval;
  std::size_t lower_rank = 0;  // r, 1-based
  std::size_t upper_rank = 0;  // n + 1 − r
  double coverage = 0;         // 1 − 2·P(B ≤ r − 1)
};
OrUndefined<MedianInterval> OrderStatisticMedianInterval(std::span<const double> sorted,
                                                         double confidence);

}  // namespace jamlik
