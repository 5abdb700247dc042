#pragma once
// Assigning areas or persons to quantile groups (quintiles, deciles) of a value, e.g.
// municipalities into deprivation quintiles, or persons into income quintiles for the inequality
// measures.
#include <optional>
#include <span>
#include <vector>

#include "stats/interval.hpp"

namespace jamlik {

enum class QuantileOrder {
  kHighestFirst,  // the highest value gets group 1 (PHE's invert = TRUE, e.g. most deprived first)
  kLowestFirst,   // the lowest value gets group 1
};

// Return the quantile group 1…Q of each value, in the input order. With N non-missing values and
// r the minimum rank of a value (ties share the lowest rank; rank 1 is the highest value for
// kHighestFirst, the lowest for kLowestFirst):
//   group = ⌊(Q + 1) − ⌈((N + 1) − r) / (N/Q)⌉⌋, and 0 becomes 1.
// Tied values always share a group. Reference: PHEindicatormethods phe_quantile.
// Missing values get no group (empty optional). Undefined for the whole set: N < Q
// (kTooFewObservations). Throws kInvalidArgument when Q < 1 or a value is not finite.
OrUndefined<std::vector<std::optional<int>>> AssignQuantileGroups(
    std::span<const std::optional<double>> values, int quantiles, QuantileOrder order);

}  // namespace jamlik
