// Population attributable risk and fraction: PAR = y_ref − μ, PAF = 100 · (y_ref − μ) / μ, with
// y_ref the most advantaged subgroup (ordered) or the best subgroup (unordered: highest if
// favourable, lowest if adverse) — as HEAT, a flagged reference subgroup is not used here. Both
// are 0 when the reference lies on the unfavourable side of μ (no improvement possible).
// Interval: Walter (1978) variance of the attributable fraction on the 2×2 table rebuilt from the
// populations (reference vs the rest), se(PAF) = 100·√var and se(PAR) = |μ|·√var, normal; unlike
// HEAT's published PAF se, ours is on the estimate's (percent) scale. Undefined: fewer than three
// subgroups, missing populations, μ = 0 (PAF). Reference: HEAT technical notes; healthequal
// paf()/parisk(); Walter, Int J Epidemiol 1978;7:175. Memory: O(J).
#include <cmath>
#include <string>
#include <utility>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality {
namespace {

using internal::Prepared;

tl::expected<std::size_t, MeasureReason> ReferenceOf(const Prepared& data) {
  if (!data.ordered) return data.BestIndex();
  const auto advantaged = data.IndexOfOrder(data.highest_order);
  if (!advantaged) {
    return tl::unexpected(MeasureReason::kAdvantagedSubgroupMissing);
  }
  return *advantaged;
}

// Return the Walter (1978) variance of the attributable fraction (as a fraction).
double WalterVariance(const Prepared& data, std::size_t reference) {
  double total = 0.0;
  for (double n : data.n) total += n;
  const double c = data.y[reference] / data.scale * data.n[reference];
  const double d = data.n[reference] - c;
  const double a = data.mu / data.scale * total - c;
  const double b = total - a - data.n[reference];
  return c * total * (a * d * (total - c) + b * c * c) / (std::pow(a + c, 3) * std::pow(c + d, 3));
}

MeasureResult Attributable(const Prepared& data, bool fraction, double confidence) {
  const auto reference = ReferenceOf(data);
  if (!reference) return internal::Undefined(reference.error());
  if (fraction && data.mu == 0.0) {
    return internal::Undefined(MeasureReason::kZeroMean);
  }
  double gap = data.y[*reference] - data.mu;
  if ((data.favourable && gap < 0.0) || (!data.favourable && gap > 0.0)) gap = 0.0;
  const double estimate = fraction ? 100.0 * gap / data.mu : gap;
  const double variance = WalterVariance(data, *reference);
  if (!(variance >= 0.0) || !std::isfinite(variance)) {
    return internal::PointOnly(estimate, MeasureReason::kWalterVarianceUndefined);
  }
  const double se = (fraction ? 100.0 : std::abs(data.mu)) * std::sqrt(variance);
  return internal::NormalInterval(estimate, se, confidence);
}

}  // namespace

void RegisterAttributable(Registry& registry) {
  for (const bool fraction : {true, false}) {
    MeasureDescriptor descriptor{
        .id = fraction ? "paf" : "par",
        .label_sv = fraction ? "Befolkningsattributerbar andel (PAF)"
                             : "Befolkningsattributerbar risk (PAR)",
        .label_en = fraction ? "Population attributable fraction (PAF)"
                             : "Population attributable risk (PAR)",
        .applicability = {.ordered = true, .unordered = true},
        .weighted = true,
        .scale = fraction ? MeasureScale::kRelative : MeasureScale::kAbsolute,
        .no_inequality = 0.0,
        .needs = {.population = true},
        .interval = IntervalMethod::kWalter,
        .sign = SignConvention::kReferenceGain,
        .interpretation_sv =
            fraction ? "Hur många procent genomsnittet skulle förbättras om alla grupper nådde "
                       "referensgruppens nivå; 0 betyder ingen möjlig förbättring."
                     : "Hur mycket genomsnittet (i indikatorns enhet) skulle förbättras om alla "
                       "grupper nådde referensgruppens nivå; 0 betyder ingen möjlig förbättring.",
        .interpretation_en =
            fraction ? "By how many percent the average would improve if every subgroup reached "
                       "the reference subgroup's level; 0 means no improvement is possible."
                     : "By how much the average (in the indicator's unit) would improve if every "
                       "subgroup reached the reference subgroup's level; 0 means none is "
                       "possible.",
        .reference = "WHO HEAT technical notes (2024); healthequal::paf/parisk; Walter (1978)",
    };
    const internal::Rules rules = internal::RulesFor(descriptor);
    descriptor.compute_subgroups = [rules, fraction](const SubgroupData& data,
                                                     const MeasureOptions& options) {
      const auto prepared = internal::Prepare(data, rules, options);
      if (!prepared) return internal::Undefined(prepared.error());
      return Attributable(*prepared, fraction, options.confidence);
    };
    registry.Add(std::move(descriptor));
  }
}

}  // namespace jamlik::inequality
