// Atkinson index of individual data with frequency weights, inequality aversion ε ≥ 0
// (options.parameter, default 1):
//   A(ε) = 1 − (Σ w (x/μ)^(1−ε) / W)^(1/(1−ε)) for ε ≠ 1;  A(1) = 1 − exp(Σ w ln x / W) / μ.
// Zeros: allowed for ε < 1; undefined for ε ≥ 1 (the equally distributed equivalent is 0 there,
// which says more about the zero than about the distribution). Undefined also: no observations,
// a negative value, μ = 0, ε < 0. No interval. Reference: Atkinson (1970), J Econ Theory 2:244;
// R package ineq (Atkinson); values in distribution_expected.csv. Memory: the sample.
#include <cmath>
#include <string>

#include "core/i18n.hpp"
#include "inequality/individual_internal.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality {
namespace {

constexpr double kDefaultEpsilon = 1.0;

tl::expected<double, MeasureReason> Atkinson(const internal::Distribution& d, double epsilon) {
  if (!(epsilon >= 0.0) || !std::isfinite(epsilon)) {
    return tl::unexpected(MeasureReason::kInvalidEpsilon);
  }
  if (epsilon >= 1.0 && d.has_zero) return tl::unexpected(MeasureReason::kZeroValue);
  double sum = 0.0;
  for (const Observation& o : d.sorted) {
    if (o.weight == 0.0) continue;
    sum += epsilon == 1.0 ? o.weight * std::log(o.value / d.mean)
                          : o.weight * std::pow(o.value / d.mean, 1.0 - epsilon);
  }
  const double average = sum / d.total_weight;
  if (epsilon == 1.0) return 1.0 - std::exp(average);
  return 1.0 - std::pow(average, 1.0 / (1.0 - epsilon));
}

}  // namespace

void RegisterAtkinson(Registry& registry) {
  registry.Add(internal::DistributionDescriptor(
      "atkinson", "Atkinsons index A(ε)", "Atkinson index A(epsilon)", MeasureScale::kRelative,
      "Andelen av medelvärdet som samhället skulle avstå för full jämlikhet; 0 betyder ingen "
      "ojämlikhet; högre ε väger de sämst ställda tyngre (parameter ε, standard 1).",
      "The share of the mean society would give up for full equality; 0 means no inequality; "
      "a higher epsilon weighs the worst off more (parameter epsilon, default 1).",
      "Atkinson (1970); R package ineq (Atkinson)",
      [](const internal::Distribution& d, const MeasureOptions& options) {
        return Atkinson(d, options.parameter.value_or(kDefaultEpsilon));
      }));
}

}  // namespace jamlik::inequality
