#include "app/plans/measure_effect.hpp"

#include <algorithm>
#include <map>

#include "app/analyses/analyses.hpp"
#include "app/plans/plans.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "effect/effect_json.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

std::string TextOf(const json& item, const char* key) {
  const auto found = item.find(key);
  return found != item.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The document's list `key`, or an empty one (a reference into the document: the measure found
// in it is kept by address).
const json& ListOf(const json& document, const char* key) {
  static const json kEmpty = json::array();
  const auto found = document.find(key);
  return found != document.end() && found->is_array() ? *found : kEmpty;
}

}  // namespace

std::optional<std::vector<BoundEffectQuery>> MeasureEffectQueries(
    const json& document, const std::string& measure_id, const MeasureEffectOptions& options) {
  const json* measure = nullptr;
  for (const json& item : ListOf(document, "measures")) {
    if (item.is_object() && TextOf(item, "id") == measure_id) measure = &item;
  }
  if (measure == nullptr) return std::nullopt;
  const json group = measure->value("target_group", json::object());
  std::vector<std::string> subgroups;
  std::string dimension;
  if (group.is_object()) {
    dimension = TextOf(group, "dimension");
    for (const json& subgroup : group.value("subgroups", json::array())) {
      if (subgroup.is_string()) subgroups.push_back(subgroup.get<std::string>());
    }
  }
  const json goals = measure->value("goals", json::array());
  std::vector<BoundEffectQuery> out;
  bool named = options.target.empty();
  for (const json& target : ListOf(document, "targets")) {
    const std::string goal = TextOf(target, "goal");
    if (goal.empty() || std::find(goals.begin(), goals.end(), json(goal)) == goals.end()) continue;
    if (!options.target.empty() && TextOf(target, "id") != options.target) continue;
    named = true;
    effect::EffectQuery query;
    query.indicator = TextOf(target, "indicator");
    query.area = TextOf(target, "area");
    query.dimension = dimension;
    query.subgroups = subgroups;
    query.start = TextOf(*measure, "start");
    query.comparison =
        options.comparison.value_or(dimension.empty() ? effect::ComparisonKind::kOtherAreas
                                                      : effect::ComparisonKind::kOtherSubgroups);
    query.comparison_areas = options.comparison_areas;
    query.before = options.before;
    query.after = options.after;
    query.confidence = options.confidence;
    out.push_back({target, std::move(query)});
  }
  if (!named) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("inget mål för insatsens mål har detta id",
                               "no target of the measure's goals has this id")),
                {}, "target");
  }
  return out;
}

std::optional<json> MeasureEffects(store::Store& store, std::int64_t organisation,
                                   std::int64_t user, std::int64_t plan_id,
                                   const std::string& measure_id,
                                   const MeasureEffectOptions& options) {
  const auto plan = FindPlan(store, organisation, plan_id);
  if (!plan) return std::nullopt;
  const auto queries = MeasureEffectQueries(plan->document, measure_id, options);
  if (!queries) return std::nullopt;
  json measure;
  for (const json& item : plan->document["measures"]) {
    if (item["id"] == measure_id) measure = item;
  }
  // Each analysis' published results read once.
  std::map<std::int64_t, std::optional<PublishedResults>> results;
  json assessments = json::array();
  for (const BoundEffectQuery& bound : *queries) {
    const std::int64_t analysis_id = bound.target.value("analysis", std::int64_t{0});
    if (!results.contains(analysis_id)) {
      const auto analysis = FindAnalysis(store, organisation, analysis_id);
      results[analysis_id] =
          analysis
              ? std::optional<PublishedResults>(PublishResults(store, *analysis, user, "effect"))
              : std::nullopt;
    }
    json item = {{"target", bound.target.value("id", "")},
                 {"analysis", analysis_id},
                 {"indicator", bound.query.indicator},
                 {"area", bound.query.area},
                 {"measured", nullptr},
                 {"predicted", nullptr}};
    if (const auto& published = results[analysis_id]) {
      item["measured"] = effect::EffectJson(effect::AssessEffect(published->rows(), bound.query));
    }
    assessments.push_back(std::move(item));
  }
  return json{{"measure",
               {{"id", measure_id},
                {"name", measure.value("name", "")},
                {"start", measure.value("start", "")},
                {"target_group", measure.value("target_group", json::object())},
                {"goals", measure.value("goals", json::array())}}},
              {"assessments", assessments}};
}

}  // namespace jamlik::app
