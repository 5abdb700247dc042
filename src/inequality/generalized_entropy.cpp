// Generalized entropy GE(α) of individual data with frequency weights, r_i = x_i / μ:
//   GE(α) = (Σ w r^α / W − 1) / (α(α − 1)) for α ∉ {0, 1};
//   GE(1) = Theil T = Σ w r ln r / W (0 · ln 0 = 0, so zeros are allowed);
//   GE(0) = MLD = −Σ w ln r / W (undefined with a zero value, as every GE(α ≤ 0)).
// Registered as "ge" (α = options.parameter, default 1), "theil_t" and "mld". Decomposition into
// within and between groups: DecomposeEntropy (decomposition.hpp). No interval. Undefined: no
// observations, a negative value, μ = 0, zeros when α ≤ 0. Reference: Shorrocks (1980),
// Econometrica 48:613; R packages ineq (entropy) and dineq; values in distribution_expected.csv.
// Memory: the sample (24 bytes a row).
#include <cmath>
#include <numeric>
#include <string>

#include "core/i18n.hpp"
#include "inequality/decomposition.hpp"
#include "inequality/individual_internal.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality {
namespace {

constexpr double kDefaultAlpha = 1.0;

tl::expected<double, MeasureReason> GeneralizedEntropy(const internal::Distribution& d,
                                                       double alpha) {
  if (!std::isfinite(alpha)) {
    return tl::unexpected(MeasureReason::kInvalidAlpha);
  }
  if (alpha <= 0.0 && d.has_zero) return tl::unexpected(MeasureReason::kZeroValue);
  double sum = 0.0;
  for (const Observation& o : d.sorted) {
    if (o.weight == 0.0) continue;
    const double r = o.value / d.mean;
    if (alpha == 1.0) {
      if (r > 0.0) sum += o.weight * r * std::log(r);
    } else if (alpha == 0.0) {
      sum -= o.weight * std::log(r);
    } else {
      sum += o.weight * std::pow(r, alpha);
    }
  }
  const double average = sum / d.total_weight;
  if (alpha == 0.0 || alpha == 1.0) return average;
  return (average - 1.0) / (alpha * (alpha - 1.0));
}

internal::DistributionStatistic FixedAlpha(double alpha) {
  return [alpha](const internal::Distribution& d, const MeasureOptions&) {
    return GeneralizedEntropy(d, alpha);
  };
}

constexpr const char* kReference =
    "Shorrocks (1980); R packages ineq (entropy) and dineq (gini/theil/mld decompositions)";

}  // namespace

tl::expected<EntropyDecomposition, MeasureReason> DecomposeEntropy(std::span<const Sample> groups,
                                                                   double alpha) {
  Sample all;
  Sample means;
  std::vector<internal::Distribution> summaries;
  for (const Sample& group : groups) {
    auto summary = internal::Summarise(group);
    if (!summary) return tl::unexpected(summary.error());
    all.Merge(group);
    means.Update(Observation{.value = summary->mean, .weight = summary->total_weight});
    summaries.push_back(std::move(*summary));
  }
  const auto total_summary = internal::Summarise(all);
  if (!total_summary) return tl::unexpected(total_summary.error());
  const auto total = GeneralizedEntropy(*total_summary, alpha);
  if (!total) return tl::unexpected(total.error());
  const auto between_summary = internal::Summarise(means);
  const auto between = GeneralizedEntropy(*between_summary, alpha);
  if (!between) return tl::unexpected(between.error());
  EntropyDecomposition decomposition{.total = *total, .between = *between};
  for (const internal::Distribution& group : summaries) {
    const auto value = GeneralizedEntropy(group, alpha);
    if (!value) return tl::unexpected(value.error());
    const double population_share = group.total_weight / total_summary->total_weight;
    const double income_share = population_share * group.mean / total_summary->mean;
    decomposition.within +=
        std::pow(population_share, 1.0 - alpha) * std::pow(income_share, alpha) * *value;
    decomposition.group_values.push_back(*value);
  }
  return decomposition;
}

void RegisterGeneralizedEntropy(Registry& registry) {
  registry.Add(internal::DistributionDescriptor(
      "ge", "Generaliserad entropi GE(α)", "Generalized entropy GE(alpha)", MeasureScale::kRelative,
      "0 betyder ingen ojämlikhet; högre α väger skillnader i toppen tyngre (parameter α, "
      "standard 1).",
      "0 means no inequality; a higher alpha weighs differences at the top more (parameter "
      "alpha, default 1).",
      kReference, [](const internal::Distribution& d, const MeasureOptions& options) {
        return GeneralizedEntropy(d, options.parameter.value_or(kDefaultAlpha));
      }));
  registry.Add(internal::DistributionDescriptor(
      "theil_t", "Theils T-index, GE(1)", "Theil T index, GE(1)", MeasureScale::kRelative,
      "0 betyder ingen ojämlikhet; känsligt för skillnader i toppen av fördelningen.",
      "0 means no inequality; sensitive to differences at the top of the distribution.", kReference,
      FixedAlpha(1.0)));
  registry.Add(internal::DistributionDescriptor(
      "mld", "Medellogaritmisk avvikelse, GE(0)", "Mean log deviation, GE(0)",
      MeasureScale::kRelative,
      "0 betyder ingen ojämlikhet; känsligt för skillnader i botten; odefinierat vid värdet 0.",
      "0 means no inequality; sensitive to differences at the bottom; undefined with a value of "
      "0.",
      kReference, FixedAlpha(0.0)));
}

}  // namespace jamlik::inequality
