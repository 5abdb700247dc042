#pragma once
// The effect assessment of a plan's measure (issue 12 item 7): the measure's target group and
// start, and the indicators of the targets of the goals it serves, assessed by the effect engine
// (src/effect) on the targets' analyses' published results, beside the effect predicted by the
// newest decided impact assessment of the measure (src/app/impact) on each target.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/impact/impact.hpp"
#include "effect/effect.hpp"
#include "store/database.hpp"

namespace jamlik::app {

struct MeasureEffectOptions {
  // By default the dimension's other subgroups, or other areas for a measure aimed at everyone.
  std::optional<effect::ComparisonKind> comparison;
  std::vector<std::string> comparison_areas;
  std::optional<followup::Period> before, after;
  std::string target;  // only this target's indicator; all bound targets when empty
  double confidence = 0.95;
};

// One indicator a measure is followed on: the target that binds it and the engine's query.
struct BoundEffectQuery {
  nlohmann::json target;  // the plan's target (id, analysis, indicator, area, …)
  effect::EffectQuery query;
};

// The measure's queries, one per target of the goals it serves (or options.target), in the
// document's order; the document may be canonical (plan_document.hpp) or read from TOML. nullopt
// when the document has no measure `measure`; throws kInvalidArgument naming "target" when
// options.target is not a target of the measure's goals.
std::optional<std::vector<BoundEffectQuery>> MeasureEffectQueries(
    const nlohmann::json& document, const std::string& measure,
    const MeasureEffectOptions& options);

// What the newest of `decided` (decided impact assessments of one measure, newest decision first)
// that predicts target `target` predicted: {assessment, title, decision: {outcome, decided_by,
// date, reference}, baseline: {value, period} | null, predictions: [PredictionOutcomes' item for
// the target + reasoning + change (predicted − baseline, null without a baseline)]}; null when
// none predicts it. `records` are the organisation's follow-ups (OrganisationFollowUps).
nlohmann::json PredictedEffect(const std::vector<ImpactAssessment>& decided,
                               const std::vector<FollowUpRecord>& records,
                               const std::string& target);

// The API's answer for measure `measure` of the organisation's plan `plan`: {measure: {id, name,
// start, target_group, goals}, assessments: [{target, analysis, indicator, area, measured:
// effect::EffectJson, predicted: PredictedEffect}]}, each measured on its analysis' published
// results (read for `user` as "effect"). nullopt when the plan or the measure is not found.
std::optional<nlohmann::json> MeasureEffects(store::Store& store, std::int64_t organisation,
                                             std::int64_t user, std::int64_t plan,
                                             const std::string& measure,
                                             const MeasureEffectOptions& options);

// Add to each measure of an annual report's model (AnnualReportModel: the plan's list and each
// goal's) `effects`: [{target, indicator, indicator_name, area, before_period, after_period,
// difference_in_differences: {estimate, lower, upper}, verdict, verdict_label, summary,
// predicted: {period, value, measured: {estimate, lower, upper, status} | null} | null}] — the
// effect route's numbers (MeasureEffects), the first prediction of the decided assessment beside
// them — so that the report, the API and the web app say the same. Results are read for `user`.
void AddMeasureEffects(store::Store& store, std::int64_t organisation, std::int64_t user,
                       std::int64_t plan, nlohmann::json& model);

// The annual report's model (AnnualReportModel) with the measures' effects (AddMeasureEffects):
// what every door — the API, the web app's downloads, `jamlik plan report` — prints. nullopt when
// the plan is not the organisation's.
std::optional<nlohmann::json> AnnualReportWithEffects(store::Store& store,
                                                      std::int64_t organisation, std::int64_t user,
                                                      std::int64_t plan, const std::string& period);

}  // namespace jamlik::app
