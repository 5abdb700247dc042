#include "app/plans/measure_effect.hpp"

#include <algorithm>
#include <map>

#include "app/analyses/analyses.hpp"
#include "app/impact/impact.hpp"
#include "app/plans/annual_report.hpp"
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

// The decided impact assessments whose subject is measure `measure`, newest decision first: the
// predictions a measured effect is set beside (a draft's predictions are not yet the decision's).
std::vector<ImpactAssessment> DecidedAssessments(store::Store& store, std::int64_t organisation,
                                                 std::int64_t plan, const std::string& measure) {
  std::vector<ImpactAssessment> out;
  for (ImpactAssessment& assessment : ListImpactAssessments(store, organisation, plan)) {
    const json& subject = assessment.document["subject"];
    if (assessment.decision && subject.value("kind", "") == "measure" &&
        subject.value("measure", "") == measure) {
      out.push_back(std::move(assessment));
    }
  }
  std::sort(out.begin(), out.end(), [](const ImpactAssessment& a, const ImpactAssessment& b) {
    return std::pair(a.decided_at.value_or(0), a.id) > std::pair(b.decided_at.value_or(0), b.id);
  });
  return out;
}

}  // namespace

json PredictedEffect(const std::vector<ImpactAssessment>& decided,
                     const std::vector<FollowUpRecord>& records, const std::string& target) {
  for (const ImpactAssessment& assessment : decided) {
    const json outcomes = PredictionOutcomes(records, assessment);
    json predictions = json::array();
    const json& written = assessment.document["predictions"];
    for (std::size_t i = 0; i < written.size() && i < outcomes.size(); ++i) {
      if (written[i].value("target", "") != target) continue;
      json prediction = outcomes[i];
      prediction["reasoning"] = written[i].value("reasoning", "");
      predictions.push_back(std::move(prediction));
    }
    if (predictions.empty()) continue;
    // The target's baseline as the newest follow-up of it found it in the data (never typed):
    // the predicted change is the prediction less it, on the target's own scale.
    json baseline = nullptr;
    const FollowUpRecord* newest = nullptr;
    for (const FollowUpRecord& record : records) {
      if (record.target == target && record.baseline && (!newest || record.id > newest->id)) {
        newest = &record;
      }
    }
    if (newest != nullptr) {
      baseline = {{"value", *newest->baseline},
                  {"period", newest->target_snapshot.value("baseline_period", "")}};
      for (json& prediction : predictions) {
        prediction["change"] = prediction["predicted"].get<double>() - *newest->baseline;
      }
    } else {
      for (json& prediction : predictions) prediction["change"] = nullptr;
    }
    const json& decision = *assessment.decision;
    return {{"assessment", assessment.id},
            {"title", assessment.document.value("title", "")},
            {"decision",
             {{"outcome", decision.value("outcome", "")},
              {"decided_by", decision.value("decided_by", "")},
              {"date", decision.value("date", "")},
              {"reference", decision.value("reference", "")}}},
            {"baseline", baseline},
            {"predictions", predictions}};
  }
  return nullptr;
}

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
  const std::vector<ImpactAssessment> decided =
      DecidedAssessments(store, organisation, plan_id, measure_id);
  const std::vector<FollowUpRecord> records =
      decided.empty() ? std::vector<FollowUpRecord>() : OrganisationFollowUps(store, organisation);
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
                 {"predicted", PredictedEffect(decided, records, bound.target.value("id", ""))}};
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

namespace {

std::string NameOr(const std::map<std::string, std::string>& names, const std::string& id,
                   const std::string& fallback) {
  const auto found = names.find(id);
  return found != names.end() && !found->second.empty() ? found->second : fallback;
}

}  // namespace

std::optional<json> AnnualReportWithEffects(store::Store& store, std::int64_t organisation,
                                            std::int64_t user, std::int64_t plan,
                                            const std::string& period) {
  auto model = AnnualReportModel(store, organisation, plan, period);
  if (model) AddMeasureEffects(store, organisation, user, plan, *model);
  return model;
}

void AddMeasureEffects(store::Store& store, std::int64_t organisation, std::int64_t user,
                       std::int64_t plan, json& model) {
  // The targets' indicator names as the report's targets carry them, so that effects read alike.
  std::map<std::string, std::string> indicator_names;
  const auto name_targets = [&](const json& targets) {
    for (const json& target : targets) {
      indicator_names[target.value("id", "")] = target.value("indicator_name", "");
    }
  };
  name_targets(model.value("other_targets", json::array()));
  for (const json& recommendation : model["recommendations"]) {
    for (const json& goal : recommendation["goals"]) name_targets(goal["targets"]);
  }
  std::map<std::string, json> by_measure;
  for (json& measure : model["measures"]) {
    const std::string id = measure.value("id", "");
    const auto answer = MeasureEffects(store, organisation, user, plan, id, {});
    json effects = json::array();
    if (answer) {
      for (const json& item : (*answer)["assessments"]) {
        const json& measured = item["measured"];
        if (measured.is_null()) continue;
        const json& did = measured["difference_in_differences"];
        json predicted = nullptr;
        if (item["predicted"].is_object() && !item["predicted"]["predictions"].empty()) {
          const json& first = item["predicted"]["predictions"][0];
          json outcome = nullptr;
          if (first["measured"].is_object()) {
            outcome = {{"estimate", first["measured"]["estimate"]},
                       {"lower", first["measured"]["lower"]},
                       {"upper", first["measured"]["upper"]},
                       {"status", first["measured"]["status"]}};
          }
          predicted = {
              {"period", first["period"]}, {"value", first["predicted"]}, {"measured", outcome}};
        }
        effects.push_back(
            {{"target", item["target"]},
             {"indicator", item["indicator"]},
             {"indicator_name", NameOr(indicator_names, item["target"].get<std::string>(),
                                       item["indicator"].get<std::string>())},
             {"area", item["area"]},
             {"before_period", measured["before_period"]},
             {"after_period", measured["after_period"]},
             {"difference_in_differences",
              {{"estimate", did["estimate"]}, {"lower", did["lower"]}, {"upper", did["upper"]}}},
             {"verdict", measured["verdict"]},
             {"verdict_label", measured["verdict_label"]},
             {"summary", measured["summary"]},
             {"predicted", predicted}});
      }
    }
    measure["effects"] = effects;
    by_measure[id] = effects;
  }
  for (json& recommendation : model["recommendations"]) {
    for (json& goal : recommendation["goals"]) {
      for (json& measure : goal["measures"]) measure["effects"] = by_measure[measure["id"]];
    }
  }
}

}  // namespace jamlik::app
