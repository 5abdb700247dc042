#pragma once
// The effect assessment of a plan's measure (issue 12 item 7): the measure's target group and
// start, and the indicators of the targets of the goals it serves, assessed by the effect engine
// (src/effect) on the targets' analyses' published results. The predicted effect is recorded by
// an impact assessment; until one does, `predicted` is null beside the measured one.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

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

// The API's answer for measure `measure` of the organisation's plan `plan`: {measure: {id, name,
// start, target_group, goals}, assessments: [{target, analysis, indicator, area, measured:
// effect::EffectJson, predicted: null}]}, each measured on its analysis' published results (read
// for `user` as "effect"). nullopt when the plan or the measure is not found.
std::optional<nlohmann::json> MeasureEffects(store::Store& store, std::int64_t organisation,
                                             std::int64_t user, std::int64_t plan,
                                             const std::string& measure,
                                             const MeasureEffectOptions& options);

}  // namespace jamlik::app
