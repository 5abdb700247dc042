#pragma once
// The inputs and outputs every inequality measure shares: subgroup estimates (HEAT style) or
// individual observations, the options of a computation and its result.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "inequality/measure_reason.hpp"

namespace jamlik::inequality {

// One population subgroup of a dimension (a quintile, a region, a sex).
struct Subgroup {
  std::string name{};
  int order = 0;  // 1 = most disadvantaged .. J = most advantaged; ignored when not ordered
  std::optional<double> population{};
  std::optional<double> estimate{};  // missing subgroups count against the minimum-data rules
  std::optional<double> se{};
  bool reference = false;
};

// The subgroups of one indicator in one setting, with what the measures need to know about it.
struct SubgroupData {
  std::vector<Subgroup> subgroups;
  double indicator_scale = 100.0;  // 100 for a percentage, 1000 for a rate per 1000, 1 for a share
  bool favourable = true;          // high values are good (coverage) rather than bad (mortality)
  bool ordered = false;            // the dimension has a natural order (income quintile)
  // The largest value the indicator can take, for simulated intervals; nullopt for unbounded
  // rates. The smallest is always 0. HeatUpperBound gives HEAT's rule.
  std::optional<double> upper_bound = 100.0;
};

// Return HEAT's range rule: an indicator on the 0..100 scale is a percentage (bounded by 100);
// any other scale is a rate, bounded only below.
std::optional<double> HeatUpperBound(double indicator_scale);

// Return the population-weighted mean of the subgroups that have an estimate and a population
// (HEAT's setting average), or nullopt when none has or their populations sum to 0.
std::optional<double> SettingAverage(const SubgroupData& data);

// One person (or a frequency-weighted row) of individual data.
struct Observation {
  double value = 0.0;
  double weight = 1.0;  // a frequency: weight 3 is the same as three equal rows
  double rank = 0.0;    // the ranking variable of concentration indices (e.g. income)
};

// How the share and percentile measures (s80_s20, p90_p10, palma) cut a weighted distribution.
enum class PercentileMethod {
  // Eurostat's EU-SILC rule: whole persons. The weighted percentile P(p) is the first value whose
  // cumulative weight share exceeds p, or the mean of it and the next value when the share equals
  // p exactly; a share group is the persons above (or at and below) that percentile.
  kEurostat,
  // The Lorenz curve read linearly within each person, so a group boundary may split a person's
  // weight; the percentile is the smallest value whose cumulative weight reaches p·W (R type 1).
  kSplit,
};

struct MeasureOptions {
  double confidence = 0.95;
  // Draws of the parametric simulation; HEAT uses 100, too few for stable 2.5 % percentiles.
  int simulation_draws = 1000;
  // Resamples of the bootstrap of individual-data measures (Gini).
  int bootstrap_draws = 1000;
  std::uint64_t seed = 20240601;  // of the simulation and the bootstrap
  // Compute even when HEAT's minimum-data rules (all ordered subgroups, 85 % of unordered ones)
  // are not met, like healthequal's force = TRUE.
  bool force = false;
  // The parameter of a family: alpha of GE(alpha) (default 1) and epsilon of Atkinson (default 1).
  std::optional<double> parameter{};
  // Known bounds of the outcome for the Erreygers and Wagstaff indices on individual data.
  double lower_bound = 0.0;
  double upper_bound = 1.0;
  // The cut of s80_s20, p90_p10 and palma.
  PercentileMethod percentile_method = PercentileMethod::kEurostat;
};

// Return the method named by its id ("eurostat", "split"), or nullopt for an unknown name.
std::optional<PercentileMethod> ParsePercentileMethod(std::string_view name);

// The value of a measure. When estimate is nullopt, reason says why; when the estimate exists but
// no interval does, reason says why not. Ratios (R, RII) carry their se on the log scale.
struct MeasureResult {
  std::optional<double> estimate{};
  std::optional<double> se{};
  std::optional<double> lower{};
  std::optional<double> upper{};
  MeasureReason reason = MeasureReason::kNone;
};

// The mergeable state of every individual-data measure: the observations themselves, since Gini,
// shares, percentiles and concentration need the sorted sample. Memory: 24 bytes an observation.
class Sample {
 public:
  // Add observations; a non-finite value or a negative or non-finite weight is skipped and counted
  // as missing (listwise deletion).
  void Update(std::span<const Observation> observations);
  void Update(const Observation& observation);
  // Append another sample (never modifies it); the order of input is kept, so merging chunks in
  // order gives the same sample as one pass.
  void Merge(const Sample& other);

  const std::vector<Observation>& observations() const { return observations_; }
  std::size_t missing() const { return missing_; }
  double TotalWeight() const;
  // Return the observations sorted by value (stable: ties keep their input order).
  std::vector<Observation> SortedByValue() const;
  // Return the observations sorted by rank (stable).
  std::vector<Observation> SortedByRank() const;

 private:
  std::vector<Observation> observations_;
  std::size_t missing_ = 0;
};

}  // namespace jamlik::inequality
