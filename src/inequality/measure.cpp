#include "inequality/measure.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace jamlik::inequality {

std::optional<double> HeatUpperBound(double indicator_scale) {
  if (indicator_scale == 100.0) return 100.0;
  return std::nullopt;
}

std::optional<double> SettingAverage(const SubgroupData& data) {
  double weighted_sum = 0.0;
  double population = 0.0;
  for (const Subgroup& subgroup : data.subgroups) {
    if (!subgroup.estimate || !subgroup.population) continue;
    weighted_sum += *subgroup.population * *subgroup.estimate;
    population += *subgroup.population;
  }
  if (population <= 0.0) return std::nullopt;
  return weighted_sum / population;
}

void Sample::Update(const Observation& observation) {
  if (!std::isfinite(observation.value) || !std::isfinite(observation.rank) ||
      !std::isfinite(observation.weight) || observation.weight < 0.0) {
    ++missing_;
    return;
  }
  observations_.push_back(observation);
}

void Sample::Update(std::span<const Observation> observations) {
  for (const Observation& observation : observations) Update(observation);
}

void Sample::Merge(const Sample& other) {
  observations_.insert(observations_.end(), other.observations_.begin(), other.observations_.end());
  missing_ += other.missing_;
}

double Sample::TotalWeight() const {
  return std::accumulate(observations_.begin(), observations_.end(), 0.0,
                         [](double sum, const Observation& o) { return sum + o.weight; });
}

std::vector<Observation> Sample::SortedByValue() const {
  std::vector<Observation> sorted = observations_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Observation& a, const Observation& b) { return a.value < b.value; });
  return sorted;
}

std::vector<Observation> Sample::SortedByRank() const {
  std::vector<Observation> sorted = observations_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Observation& a, const Observation& b) { return a.rank < b.rank; });
  return sorted;
}

}  // namespace jamlik::inequality

namespace jamlik::inequality {

std::optional<PercentileMethod> ParsePercentileMethod(std::string_view name) {
  if (name == "eurostat") return PercentileMethod::kEurostat;
  if (name == "split") return PercentileMethod::kSplit;
  return std::nullopt;
}

}  // namespace jamlik::inequality
