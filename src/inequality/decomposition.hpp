#pragma once
// Decomposition of the generalized entropy family (Theil T = GE(1), MLD = GE(0)) of individual
// data into the inequality within groups and between their means.
#include <span>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "inequality/measure.hpp"

namespace jamlik::inequality {

struct EntropyDecomposition {
  double total = 0.0;    // GE(α) of all groups together
  double within = 0.0;   // Σ_g v_g^(1−α) s_g^α GE_g (v population share, s income share)
  double between = 0.0;  // GE(α) with every person given their group's mean
  std::vector<double> group_values{};  // GE_g of each group, in input order
};

// Return GE(α) of the union of the groups split exactly into within + between (Shorrocks 1980),
// or why it is undefined (an empty group, a negative value, a zero with α ≤ 0, a zero mean).
tl::expected<EntropyDecomposition, MeasureReason> DecomposeEntropy(std::span<const Sample> groups,
                                                                   double alpha);

}  // namespace jamlik::inequality
