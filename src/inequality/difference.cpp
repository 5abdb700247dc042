// Difference (D) = y_first − y_second, HEAT's pair rule (HeatPair): ordered dimensions compare the
// most advantaged with the most disadvantaged subgroup (favourable: advantaged − disadvantaged;
// adverse: the reverse); unordered ones the highest with the lowest, or, with a flagged
// reference, the reference with the subgroup farthest from it on the unfavourable side.
// Interval: se = √(se₁² + se₂²), normal. Undefined with fewer than two estimates or a missing
// extreme subgroup. Reference: WHO HEAT technical notes; healthequal d(). Memory: O(J).
#include <cmath>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality {

void RegisterDifference(Registry& registry) {
  MeasureDescriptor descriptor{
      .id = "d",
      .label_sv = "Differens (D)",
      .label_en = "Difference (D)",
      .applicability = {.binary = true, .ordered = true, .unordered = true},
      .weighted = false,
      .scale = MeasureScale::kAbsolute,
      .no_inequality = 0.0,
      .needs = {.se = true},
      .interval = IntervalMethod::kDeltaMethod,
      .sign = SignConvention::kPair,
      .interpretation_sv =
          "Skillnaden mellan två undergrupper i indikatorns enhet; 0 betyder "
          "ingen ojämlikhet, större belopp större ojämlikhet.",
      .interpretation_en =
          "The gap between two subgroups in the indicator's unit; 0 means no "
          "inequality, larger magnitudes more inequality.",
      .reference = "WHO HEAT technical notes (2024); healthequal::d",
  };
  const internal::Rules rules = internal::RulesFor(descriptor, /*simple=*/true);
  descriptor.compute_subgroups = [rules](const SubgroupData& data, const MeasureOptions& options) {
    const auto prepared = internal::Prepare(data, rules, options);
    if (!prepared) return internal::Undefined(prepared.error());
    const auto pair = internal::HeatPair(*prepared);
    if (!pair) return internal::Undefined(pair.error());
    const double estimate = prepared->y[pair->first] - prepared->y[pair->second];
    if (!prepared->has_se())
      return internal::PointOnly(estimate, MeasureReason::kStandardErrorsMissing);
    const double se = std::hypot(prepared->se[pair->first], prepared->se[pair->second]);
    return internal::NormalInterval(estimate, se, options.confidence);
  };
  registry.Add(std::move(descriptor));
}

}  // namespace jamlik::inequality
