#include "inequality/subgroup_internal.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <utility>

#include <fmt/format.h>
#include <boost/math/distributions/normal.hpp>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "stats/distributions.hpp"

namespace jamlik::inequality::internal {
namespace {

// HEAT: unordered complex measures tolerate up to 15 % missing subgroups.
constexpr double kMaxMissingShareUnordered = 0.15;

bool Applies(const Applicability& applicability, DimensionType type) {
  switch (type) {
    case DimensionType::kBinary:
      return applicability.binary;
    case DimensionType::kOrdered:
      return applicability.ordered;
    case DimensionType::kUnordered:
      return applicability.unordered;
  }
  return false;
}

MeasureReason NotApplicable(DimensionType type) {
  switch (type) {
    case DimensionType::kBinary:
      return MeasureReason::kNotForBinaryDimensions;
    case DimensionType::kOrdered:
      return MeasureReason::kNotForOrderedDimensions;
    case DimensionType::kUnordered:
      return MeasureReason::kNotForUnorderedDimensions;
  }
  return MeasureReason::kNotForUnorderedDimensions;
}

// Draw from N(mean, sd) truncated to [lower, upper] by inverting the normal CDF.
double DrawTruncated(std::mt19937_64& engine, double mean, double sd, double lower,
                     std::optional<double> upper) {
  if (sd <= 0.0) return std::clamp(mean, lower, upper.value_or(mean < lower ? lower : mean));
  const boost::math::normal normal(mean, sd);
  const double low = boost::math::cdf(normal, lower);
  const double high = upper ? boost::math::cdf(normal, *upper) : 1.0;
  if (high <= low) return mean < lower ? lower : upper.value_or(lower);
  const double u = low + (high - low) * Uniform(engine);
  if (u <= 0.0 || u >= 1.0) return u <= 0.0 ? lower : upper.value_or(mean);
  const double x = boost::math::quantile(normal, u);
  return std::clamp(x, lower, upper.value_or(std::max(x, lower)));
}

// Type-7 quantile of sorted values.
double Percentile(const std::vector<double>& sorted, double probability) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * probability;
  const auto below = static_cast<std::size_t>(std::floor(h));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (h - std::floor(h)) * (sorted[above] - sorted[below]);
}

}  // namespace

double Uniform(std::mt19937_64& engine) {
  return (static_cast<double>(engine() >> 11) + 0.5) * 0x1.0p-53;
}

double StandardNormal(std::mt19937_64& engine) {
  return boost::math::quantile(boost::math::normal(), Uniform(engine));
}

std::optional<std::size_t> Prepared::ReferenceIndex() const {
  std::optional<std::size_t> found;
  for (std::size_t j = 0; j < reference.size(); ++j) {
    if (!reference[j]) continue;
    if (found) return std::nullopt;
    found = j;
  }
  return found;
}

std::optional<std::size_t> Prepared::IndexOfOrder(int wanted) const {
  const auto it = std::find(order.begin(), order.end(), wanted);
  if (it == order.end()) return std::nullopt;
  return static_cast<std::size_t>(it - order.begin());
}

std::size_t Prepared::BestIndex() const {
  const auto it =
      favourable ? std::max_element(y.begin(), y.end()) : std::min_element(y.begin(), y.end());
  return static_cast<std::size_t>(it - y.begin());
}

void Prepared::Refresh() {
  if (n.empty()) return;
  const double total = std::accumulate(n.begin(), n.end(), 0.0);
  p.resize(n.size());
  mu = 0.0;
  for (std::size_t j = 0; j < n.size(); ++j) {
    p[j] = n[j] / total;
    mu += p[j] * y[j];
  }
  rank.clear();
  if (!ordered) return;
  double cumulative = 0.0;
  for (double share : p) {
    rank.push_back(cumulative + share / 2.0);
    cumulative += share;
  }
}

Rules RulesFor(const MeasureDescriptor& descriptor, bool simple) {
  return Rules{.applicability = descriptor.applicability,
               .needs_population = descriptor.needs.population,
               .needs_reference = descriptor.needs.reference,
               .simple = simple};
}

tl::expected<Prepared, MeasureReason> Prepare(const SubgroupData& data, const Rules& rules,
                                              const MeasureOptions& options) {
  const DimensionType type = DimensionTypeOf(data);
  if (!Applies(rules.applicability, type)) {
    return tl::unexpected(NotApplicable(type));
  }
  std::vector<const Subgroup*> kept;
  for (const Subgroup& subgroup : data.subgroups) {
    if (subgroup.estimate && std::isfinite(*subgroup.estimate)) kept.push_back(&subgroup);
  }
  const std::size_t total = data.subgroups.size();
  const std::size_t missing = total - kept.size();
  if (!rules.simple && !options.force && missing > 0) {
    if (data.ordered) {
      return tl::unexpected(MeasureReason::kOrderedEstimatesMissing);
    }
    if (static_cast<double>(missing) > kMaxMissingShareUnordered * static_cast<double>(total)) {
      return tl::unexpected(MeasureReason::kTooManyEstimatesMissing);
    }
  }
  const std::size_t needed = rules.simple ? 2 : 3;
  if (kept.size() < needed) {
    return tl::unexpected(rules.simple ? MeasureReason::kFewerThanTwoSubgroups
                                       : MeasureReason::kFewerThanThreeSubgroups);
  }
  if (data.ordered) {
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Subgroup* a, const Subgroup* b) { return a->order < b->order; });
    for (std::size_t j = 1; j < kept.size(); ++j) {
      if (kept[j]->order == kept[j - 1]->order) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{} {}",
                                Tr("Två undergrupper har samma ordning:",
                                   "Two subgroups have the same order:"),
                                kept[j]->order));
      }
    }
  }
  Prepared prepared;
  prepared.scale = data.indicator_scale;
  prepared.favourable = data.favourable;
  prepared.ordered = data.ordered;
  prepared.upper_bound = data.upper_bound;
  for (const Subgroup& subgroup : data.subgroups) {
    prepared.reference_flagged = prepared.reference_flagged || subgroup.reference;
  }
  const auto [lowest, highest] =
      std::minmax_element(data.subgroups.begin(), data.subgroups.end(),
                          [](const Subgroup& a, const Subgroup& b) { return a.order < b.order; });
  prepared.lowest_order = lowest->order;
  prepared.highest_order = highest->order;
  bool all_population = true;
  bool all_se = true;
  for (const Subgroup* subgroup : kept) {
    prepared.y.push_back(*subgroup->estimate);
    prepared.name.push_back(subgroup->name);
    prepared.reference.push_back(subgroup->reference);
    prepared.order.push_back(subgroup->order);
    all_population = all_population && subgroup->population && *subgroup->population >= 0.0;
    all_se = all_se && subgroup->se && *subgroup->se >= 0.0;
  }
  if (all_population) {
    for (const Subgroup* subgroup : kept) prepared.n.push_back(*subgroup->population);
    if (std::accumulate(prepared.n.begin(), prepared.n.end(), 0.0) <= 0.0) prepared.n.clear();
  }
  if (rules.needs_population && prepared.n.empty()) {
    return tl::unexpected(MeasureReason::kPopulationMissing);
  }
  if (all_se) {
    for (const Subgroup* subgroup : kept) prepared.se.push_back(*subgroup->se);
  }
  if (rules.needs_reference && !prepared.ReferenceIndex()) {
    return tl::unexpected(MeasureReason::kNoSingleReference);
  }
  prepared.Refresh();
  return prepared;
}

tl::expected<Pair, MeasureReason> HeatPair(const Prepared& data) {
  const auto highest = [&] {
    return static_cast<std::size_t>(std::max_element(data.y.begin(), data.y.end()) -
                                    data.y.begin());
  };
  const auto lowest = [&] {
    return static_cast<std::size_t>(std::min_element(data.y.begin(), data.y.end()) -
                                    data.y.begin());
  };
  if (data.ordered) {
    const auto advantaged = data.IndexOfOrder(data.highest_order);
    const auto disadvantaged = data.IndexOfOrder(data.lowest_order);
    if (!advantaged || !disadvantaged) {
      return tl::unexpected(MeasureReason::kEndSubgroupMissing);
    }
    if (data.favourable) return Pair{*advantaged, *disadvantaged};
    return Pair{*disadvantaged, *advantaged};
  }
  if (!data.reference_flagged) return Pair{highest(), lowest()};
  const auto reference = data.ReferenceIndex();
  if (!reference) {
    return tl::unexpected(MeasureReason::kReferenceUnclear);
  }
  // The reference against the subgroup farthest from it on the unfavourable side.
  if (data.favourable) return Pair{*reference, lowest()};
  return Pair{highest(), *reference};
}

MeasureResult Undefined(MeasureReason reason) { return MeasureResult{.reason = reason}; }

MeasureResult PointOnly(double estimate, MeasureReason reason) {
  return MeasureResult{.estimate = estimate, .reason = reason};
}

MeasureResult NormalInterval(double estimate, double se, double confidence) {
  const double z = TwoSidedNormalQuantile(confidence);
  return MeasureResult{
      .estimate = estimate, .se = se, .lower = estimate - z * se, .upper = estimate + z * se};
}

MeasureResult LogNormalInterval(double estimate, double se_log, double confidence) {
  const double z = TwoSidedNormalQuantile(confidence);
  return MeasureResult{.estimate = estimate,
                       .se = se_log,
                       .lower = estimate * std::exp(-z * se_log),
                       .upper = estimate * std::exp(z * se_log)};
}

MeasureResult WithSimulatedInterval(const Prepared& data, const Statistic& statistic,
                                    const MeasureOptions& options) {
  const auto estimate = statistic(data);
  if (!estimate) return Undefined(estimate.error());
  if (!data.has_se()) return PointOnly(*estimate, MeasureReason::kStandardErrorsMissing);
  if (options.simulation_draws < 2) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("Simuleringen behöver minst två dragningar",
                               "The simulation needs at least two draws")));
  }
  TwoSidedNormalQuantile(options.confidence);  // validates the level before the work
  std::mt19937_64 engine(options.seed);
  Prepared draw = data;
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(options.simulation_draws));
  for (int i = 0; i < options.simulation_draws; ++i) {
    for (std::size_t j = 0; j < data.y.size(); ++j) {
      draw.y[j] = DrawTruncated(engine, data.y[j], data.se[j], 0.0, data.upper_bound);
    }
    draw.Refresh();
    if (const auto value = statistic(draw); value && std::isfinite(*value)) {
      values.push_back(*value);
    }
  }
  return FromDraws(*estimate, std::move(values), options.confidence);
}

MeasureResult FromDraws(double estimate, std::vector<double> values, double confidence) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  if (values.size() < 2) {
    return PointOnly(estimate, MeasureReason::kTooFewSimulatedValues);
  }
  std::sort(values.begin(), values.end());
  // Welford's update keeps the variance accurate for large draws of similar values.
  double mean = 0.0;
  double m2 = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double delta = values[i] - mean;
    mean += delta / static_cast<double>(i + 1);
    m2 += delta * (values[i] - mean);
  }
  const double tail = (1.0 - confidence) / 2.0;
  return MeasureResult{.estimate = estimate,
                       .se = std::sqrt(m2 / static_cast<double>(values.size() - 1)),
                       .lower = Percentile(values, tail),
                       .upper = Percentile(values, 1.0 - tail)};
}

SubgroupCompute SimpleCompute(const Rules& rules, IntervalMethod interval, Statistic statistic) {
  return [rules, interval, statistic = std::move(statistic)](
             const SubgroupData& data, const MeasureOptions& options) -> MeasureResult {
    const auto prepared = Prepare(data, rules, options);
    if (!prepared) return Undefined(prepared.error());
    if (interval == IntervalMethod::kSimulation) {
      return WithSimulatedInterval(*prepared, statistic, options);
    }
    const auto estimate = statistic(*prepared);
    if (!estimate) return Undefined(estimate.error());
    return PointOnly(*estimate, MeasureReason::kNoIntervalMethod);
  };
}

}  // namespace jamlik::inequality::internal
