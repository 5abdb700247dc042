#pragma once
// The plan as a document: what the API takes and gives and `jamlik plan export|import` writes and
// reads. One JSON object with five lists, each item named by an `id` unique in its list:
//
//   bodies    id, kind (fullmaktige | namnd | unit), name, parent (a committee's: the assembly; a
//             unit's: a committee; the assembly has none)
//   goals     id, body, title, recommendation (the five, app/recommendation.hpp), welfare_area,
//             contributes_to (optional: a goal of the body's parent — a committee goal contributes
//             to an assembly goal)
//   periods   id (2026-T1 … 2026-T3, 2026-H1, 2026-H2, 2026: of the plan's year), kind (tertial |
//             half_year | year), deadline (YYYY-MM-DD)
//   targets   id, goal (optional: a target may wait for its goal), analysis (a saved analysis' id),
//   and the keys of src/followup/plan.hpp:
//             indicator, area, kind, measure, dimension, subgroup, baseline_period (optional: by
//             default the first period the analysis' results hold), target_value, target_period.
//             The baseline value is never written: it comes from the results.
//   measures  id, name, committee (a body of kind namnd), target_group {dimension, subgroups},
//             budget {"2026": SEK, …}, start, end (YYYY-MM-DD), status (planned | ongoing |
//             completed | cancelled), goals (the ids of the goals it serves)
//
// Mistakes throw kInvalidArgument naming the field as the API's forms read it
// ("targets[2].kind").
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "followup/target.hpp"

namespace jamlik::app {

// Check `document` for a plan of `year` and return it canonical: every key of every item present
// in the documented order (optional ones empty), nothing else.
nlohmann::json CanonicalPlanDocument(const nlohmann::json& document, int year);

// The budget of `year` summed from the measures: {"year", "total", "committees": [{body, name,
// sek}], "goals": [{goal, title, sek}]}. A measure serving several goals counts in full towards
// each (so goal sums may overlap; the total counts it once). Cancelled measures count nothing.
nlohmann::json PlanBudget(const nlohmann::json& document, int year);

// What changed from `before` to `after`, item by item: [{collection, id, change: added | removed |
// changed, fields: {field: {from, to}}}].
nlohmann::json PlanDifference(const nlohmann::json& before, const nlohmann::json& after);

// The end of a plan period on the follow-up time axis (followup::Period::EndMonth): a tertial k at
// 12·Y + 4k, a half-year h at 12·Y + 6h, a year at 12·Y + 12; nullopt for another text.
std::optional<int> PlanPeriodEndMonth(const std::string& id);

// A target of a canonical document as the follow-up engine takes it; `baseline_period` stands in
// when the document leaves it to the data.
followup::Target EngineTarget(const nlohmann::json& target,
                              const std::optional<followup::Period>& baseline_period);

// The document as TOML (`jamlik plan export`): `year`, then [[body]], [[goal]], [[period]],
// [[target]] (the keys of examples/plan.toml, `goal` and `analysis` beside them) and [[measure]].
// `analysis_names` maps analysis ids to the names written (a store's ids differ from another's).
// With `targets_only`, only [[target]] tables with exactly the follow-up plan's keys, the file
// `jamlik follow-up --plan` reads.
std::string PlanToToml(const nlohmann::json& document, int year,
                       const std::vector<std::pair<std::int64_t, std::string>>& analysis_names,
                       bool targets_only);

// Read a TOML plan (the form PlanToToml writes, or a follow-up plan of [[target]] tables alone as
// examples/plan.toml) into the JSON form: lists named bodies, goals, periods, targets, measures;
// `year` when given. An `analysis` is kept as written (a name or an id) for the caller to resolve.
nlohmann::json TomlToPlanJson(const std::string& text, const std::string& display_name);

}  // namespace jamlik::app
