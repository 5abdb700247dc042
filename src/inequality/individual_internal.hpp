#pragma once
// Shared machinery of the individual-data measures: the checks every distribution measure makes
// and the sorted, summarised sample they compute from.
#include <functional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "inequality/measure.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality::internal {

// A sample sorted by value with its totals.
struct Distribution {
  std::vector<Observation> sorted;  // by value, ties in input order
  double total_weight = 0.0;
  double mean = 0.0;
  bool has_zero = false;
};

// Return the sorted sample, or why a distribution measure is undefined for it: no observations,
// a total weight of 0, a negative value, or a mean of 0.
tl::expected<Distribution, std::string> Summarise(const Sample& sample);

using DistributionStatistic =
    std::function<tl::expected<double, std::string>(const Distribution&, const MeasureOptions&)>;

// Wrap a point statistic into a registry compute function; these measures offer no interval.
IndividualCompute PointCompute(DistributionStatistic statistic);

std::string ZeroValueReason();

// Return the descriptor of a distribution measure on individual data (weighted by frequency
// weights, no interval, applicable to no subgroup dimension: it takes a sample, not subgroups).
MeasureDescriptor DistributionDescriptor(std::string id, std::string label_sv, std::string label_en,
                                         MeasureScale scale, std::string interpretation_sv,
                                         std::string interpretation_en, std::string reference,
                                         DistributionStatistic statistic);

}  // namespace jamlik::inequality::internal
