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

// Wrap a point statistic into a registry compute function without an interval.
IndividualCompute PointCompute(DistributionStatistic statistic);

// Wrap a statistic into a compute function with a seeded percentile bootstrap interval
// (options.bootstrap_draws resamples). It is the Poisson bootstrap (Hanley & MacGibbon 2006):
// each person is drawn Poisson(1) times, so a block of tied values of total weight m is drawn
// Poisson(m) times, and a resample costs O(distinct values) on the already sorted sample instead
// of a draw and a sort per person. Its resample size varies around n, which scale-free measures
// such as Gini do not notice; it matches the multinomial bootstrap as n grows.
IndividualCompute BootstrapCompute(DistributionStatistic statistic);

std::string ZeroValueReason();

// Return the descriptor of a distribution measure on individual data (weighted by frequency
// weights, applicable to no subgroup dimension: it takes a sample, not subgroups), with no
// interval or a bootstrap one.
MeasureDescriptor DistributionDescriptor(std::string id, std::string label_sv, std::string label_en,
                                         MeasureScale scale, std::string interpretation_sv,
                                         std::string interpretation_en, std::string reference,
                                         DistributionStatistic statistic,
                                         IntervalMethod interval = IntervalMethod::kNone);

}  // namespace jamlik::inequality::internal
