#pragma once
// Shared machinery of the subgroup (HEAT-style) measures: HEAT's applicability and minimum-data
// rules, population shares and ranks, normal intervals and the seeded parametric simulation.
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "inequality/measure.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality::internal {

// The subgroups that have an estimate, sorted by order when the dimension is ordered.
struct Prepared {
  std::vector<double> y;          // estimates
  std::vector<std::string> name;  // the subgroups' names (for the reading)
  std::vector<double> n;          // populations (empty unless every kept subgroup has one)
  std::vector<double> p;          // population shares
  std::vector<double> rank;  // midpoint cumulative shares (ordered dimensions with populations)
  std::vector<double> se;    // standard errors (empty unless every kept subgroup has one)
  std::vector<bool> reference;
  std::vector<int> order;
  int lowest_order = 0;  // over all subgroups, kept or not
  int highest_order = 0;
  bool reference_flagged = false;  // some subgroup is flagged, kept or not
  double mu = 0.0;                 // population-weighted mean (0 without populations)
  double scale = 100.0;
  bool favourable = true;
  bool ordered = false;
  std::optional<double> upper_bound;

  bool has_se() const { return !se.empty(); }
  // Return the index of the flagged reference subgroup, if exactly one is flagged.
  std::optional<std::size_t> ReferenceIndex() const;
  // Return the index of the best subgroup: the highest estimate if favourable, else the lowest.
  std::size_t BestIndex() const;
  // Return the index of the subgroup with this order, if kept.
  std::optional<std::size_t> IndexOfOrder(int wanted) const;
  // Recompute shares, mean and ranks after y or n changed.
  void Refresh();
};

// What a measure requires of its data, from its descriptor.
struct Rules {
  Applicability applicability;
  bool needs_population = false;
  bool needs_reference = false;
  // Simple measures (D, R) compare two subgroups; complex ones use all and need more than two.
  bool simple = false;
};

Rules RulesFor(const MeasureDescriptor& descriptor, bool simple = false);

// Apply HEAT's applicability and minimum-data rules; return the kept subgroups or the reason the
// measure is undefined.
tl::expected<Prepared, MeasureReason> Prepare(const SubgroupData& data, const Rules& rules,
                                              const MeasureOptions& options);

// HEAT's two subgroups of D and R: first − second (or first / second).
struct Pair {
  std::size_t first = 0;
  std::size_t second = 0;
};
tl::expected<Pair, MeasureReason> HeatPair(const Prepared& data);

MeasureResult Undefined(MeasureReason reason);
// An estimate without an interval, with the reason none is given.
MeasureResult PointOnly(double estimate, MeasureReason reason);
// estimate ± z·se.
MeasureResult NormalInterval(double estimate, double se, double confidence);
// exp(log(estimate) ± z·se_log), for ratios; the se stays on the log scale.
MeasureResult LogNormalInterval(double estimate, double se_log, double confidence);

// Return a uniform draw in (0, 1) from the top 53 bits of the engine, identical on every platform
// (the standard distributions are implementation-defined).
double Uniform(std::mt19937_64& engine);

// Return a standard normal draw by inverting the CDF at Uniform (platform-independent).
double StandardNormal(std::mt19937_64& engine);

// Return the estimate with the percentile interval and the standard deviation (as se) of its
// simulated or bootstrapped values (sorted here); a reason instead when fewer than two are finite.
MeasureResult FromDraws(double estimate, std::vector<double> values, double confidence);

// A measure's point estimate as a function of the kept subgroups, or why it is undefined.
using Statistic = std::function<tl::expected<double, MeasureReason>(const Prepared&)>;

// Compute the statistic and its simulated interval: draw every subgroup estimate from a normal
// distribution with its se, truncated to [0, upper_bound], recompute the statistic, and take the
// percentiles of the draws; the se is their standard deviation (on the estimate's scale).
MeasureResult WithSimulatedInterval(const Prepared& data, const Statistic& statistic,
                                    const MeasureOptions& options);

// Wrap a statistic into a registry compute function with the rules and the interval method of
// the descriptor (kSimulation or kNone).
SubgroupCompute SimpleCompute(const Rules& rules, IntervalMethod interval, Statistic statistic);

}  // namespace jamlik::inequality::internal
