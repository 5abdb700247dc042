// Ratio (R) = y_first / y_second, the same pair as D (HeatPair). Interval on the log scale:
// se(log R) = √(se₁²/y₁² + se₂²/y₂²), exp(log R ± z·se); the se is reported on the log scale.
// Undefined when the denominator is 0 (the interval also when the numerator is). Reference: WHO
// HEAT technical notes (2024); healthequal r(). Memory: O(J).
#include <cmath>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality {

void RegisterRatio(Registry& registry) {
  MeasureDescriptor descriptor{
      .id = "r",
      .label_sv = "Kvot (R)",
      .label_en = "Ratio (R)",
      .applicability = {.binary = true, .ordered = true, .unordered = true},
      .weighted = false,
      .scale = MeasureScale::kRelative,
      .no_inequality = 1.0,
      .needs = {.se = true},
      .interval = IntervalMethod::kDeltaMethod,
      .se_on_log_scale = true,
      .sign = SignConvention::kPair,
      .interpretation_sv =
          "Hur många gånger högre den ena undergruppens värde är än den andras; "
          "1 betyder ingen ojämlikhet. Standardfelet gäller log(R).",
      .interpretation_en =
          "How many times higher one subgroup's value is than the other's; 1 "
          "means no inequality. The standard error is that of log(R).",
      .reference = "WHO HEAT technical notes (2024); healthequal::r",
  };
  const internal::Rules rules = internal::RulesFor(descriptor, /*simple=*/true);
  descriptor.compute_subgroups = [rules](const SubgroupData& data, const MeasureOptions& options) {
    const auto prepared = internal::Prepare(data, rules, options);
    if (!prepared) return internal::Undefined(prepared.error());
    const auto pair = internal::HeatPair(*prepared);
    if (!pair) return internal::Undefined(pair.error());
    const double numerator = prepared->y[pair->first];
    const double denominator = prepared->y[pair->second];
    if (denominator == 0.0) {
      return internal::Undefined(MeasureReason::kDenominatorSubgroupZero);
    }
    const double estimate = numerator / denominator;
    if (!prepared->has_se())
      return internal::PointOnly(estimate, MeasureReason::kStandardErrorsMissing);
    if (numerator <= 0.0 || denominator < 0.0) {
      return internal::PointOnly(estimate, MeasureReason::kLogIntervalNeedsPositiveValues);
    }
    const double se_log =
        std::hypot(prepared->se[pair->first] / numerator, prepared->se[pair->second] / denominator);
    return internal::LogNormalInterval(estimate, se_log, options.confidence);
  };
  registry.Add(std::move(descriptor));
}

}  // namespace jamlik::inequality
