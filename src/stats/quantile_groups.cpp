// Quantile group assignment; formula and reference in quantile_groups.hpp.
#include "stats/quantile_groups.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "stats/check_internal.hpp"

namespace jamlik {

OrUndefined<std::vector<std::optional<int>>> AssignQuantileGroups(
    std::span<const std::optional<double>> values, int quantiles, QuantileOrder order) {
  stats_internal::RequirePositive(quantiles, "quantiles");
  // Ranking keys, oriented so that rank 1 is the value that gets group 1.
  std::vector<double> keys;
  keys.reserve(values.size());
  for (const std::optional<double>& value : values) {
    if (!value) continue;
    stats_internal::RequireFinite(*value, "value");
    keys.push_back(order == QuantileOrder::kHighestFirst ? -*value : *value);
  }
  const auto n = static_cast<double>(keys.size());
  if (n < quantiles) return Undefined(UndefinedReason::kTooFewObservations);
  std::sort(keys.begin(), keys.end());

  std::vector<std::optional<int>> groups(values.size());
  const double per_group = n / quantiles;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) continue;
    const double key = order == QuantileOrder::kHighestFirst ? -*values[i] : *values[i];
    // The minimum rank: one more than the number of strictly smaller keys.
    const auto rank =
        static_cast<double>(std::lower_bound(keys.begin(), keys.end(), key) - keys.begin() + 1);
    const double group = std::floor((quantiles + 1) - std::ceil(((n + 1) - rank) / per_group));
    groups[i] = std::max(1, static_cast<int>(group));
  }
  return groups;
}

}  // namespace jamlik
