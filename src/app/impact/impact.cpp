#include "app/impact/impact.hpp"

#include <variant>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses.hpp"
#include "app/impact/impact_assessment.hpp"
#include "app/plans/plans.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

constexpr const char* kColumns =
    "a.id, a.plan_id, a.version, a.document, a.decision, a.created_by, a.created_at, "
    "a.updated_at, a.decided_by, a.decided_at";

ImpactAssessment AssessmentFrom(const store::Row& row) {
  ImpactAssessment assessment;
  assessment.id = row.Int(0);
  assessment.plan_id = row.Int(1);
  assessment.version = row.Int(2);
  assessment.document = json::parse(row.Text(3));
  if (!row.IsNull(4)) assessment.decision = json::parse(row.Text(4));
  assessment.created_by = row.Int(5);
  assessment.created_at = row.Int(6);
  assessment.updated_at = row.Int(7);
  assessment.decided_by = row.OptionalInt(8);
  assessment.decided_at = row.OptionalInt(9);
  return assessment;
}

std::string UserName(store::Store& store, std::int64_t user) {
  const auto found = FindUser(store, user);
  return found ? found->name : std::string();
}

// Every evidence's analysis must be one of the organisation's saved analyses.
void CheckEvidence(store::Store& store, std::int64_t organisation, const json& document) {
  const json& evidence = document["evidence"];
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    if (evidence[i]["kind"] != "analysis") continue;
    RequireSavedAnalysis(store, organisation, evidence[i]["analysis"].get<std::int64_t>(),
                         "evidence[" + std::to_string(i) + "].analysis");
  }
}

// Lock the assessment's row for a change: its current document, or why it cannot change.
std::variant<json, ImpactChange> Lock(store::Connection& connection, std::int64_t organisation,
                                      std::int64_t plan, std::int64_t id,
                                      std::int64_t expected_version) {
  const store::Rows rows = connection.Query(
      "SELECT a.document, a.version, a.decision FROM plan_impact_assessments a "
      "JOIN plans p ON p.id = a.plan_id WHERE p.organisation_id = $1 AND a.plan_id = $2 "
      "AND a.id = $3",
      {organisation, plan, id});
  if (rows.empty()) return ImpactChange::kNotFound;
  if (!rows[0].IsNull(2)) return ImpactChange::kDecided;
  if (rows[0].Int(1) != expected_version) return ImpactChange::kStale;
  return json::parse(rows[0].Text(0));
}

}  // namespace

std::optional<ImpactAssessment> CreateImpactAssessment(store::Store& store,
                                                       std::int64_t organisation, std::int64_t user,
                                                       std::int64_t plan_id, const json& document,
                                                       std::int64_t now) {
  const auto plan = FindPlan(store, organisation, plan_id);
  if (!plan) return std::nullopt;
  const json canonical = CanonicalImpactAssessment(document, plan->document);
  CheckEvidence(store, organisation, canonical);
  const std::string user_name = UserName(store, user);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  ImpactAssessment assessment;
  assessment.id = connection
                      ->Query(
                          "INSERT INTO plan_impact_assessments (plan_id, document, version, "
                          "created_by, created_at, updated_at) VALUES ($1, $2, 1, $3, $4, $4) "
                          "RETURNING id",
                          {plan_id, canonical.dump(), user, now})
                      .at(0)
                      .Int(0);
  assessment.plan_id = plan_id;
  assessment.version = 1;
  assessment.document = canonical;
  assessment.created_by = user;
  assessment.created_at = assessment.updated_at = now;
  RecordPlanChange(*connection, plan_id, user, user_name, now, "impact_created",
                   {{"impact_assessment", assessment.id},
                    {"fields", ImpactDifference(json::object(), canonical)}});
  transaction.Commit();
  return assessment;
}

ImpactChange UpdateImpactAssessment(store::Store& store, std::int64_t organisation,
                                    std::int64_t user, std::int64_t plan_id, std::int64_t id,
                                    std::int64_t expected_version, const json& document,
                                    std::int64_t now) {
  const auto plan = FindPlan(store, organisation, plan_id);
  if (!plan) return ImpactChange::kNotFound;
  const json canonical = CanonicalImpactAssessment(document, plan->document);
  CheckEvidence(store, organisation, canonical);
  const std::string user_name = UserName(store, user);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const auto locked = Lock(*connection, organisation, plan_id, id, expected_version);
  if (const auto* why = std::get_if<ImpactChange>(&locked)) return *why;
  // The version and the missing decision are checked again by the update itself, so that two
  // writers at the same version cannot both succeed.
  const store::Rows updated = connection->Query(
      "UPDATE plan_impact_assessments SET document = $1, version = version + 1, updated_at = $2 "
      "WHERE id = $3 AND version = $4 AND decision IS NULL RETURNING id",
      {canonical.dump(), now, id, expected_version});
  if (updated.empty()) return ImpactChange::kStale;
  RecordPlanChange(
      *connection, plan_id, user, user_name, now, "impact_updated",
      {{"impact_assessment", id}, {"fields", ImpactDifference(std::get<json>(locked), canonical)}});
  transaction.Commit();
  return ImpactChange::kChanged;
}

ImpactChange DecideImpactAssessment(store::Store& store, std::int64_t organisation,
                                    std::int64_t user, std::int64_t plan_id, std::int64_t id,
                                    std::int64_t expected_version, const json& decision,
                                    std::int64_t now) {
  if (!FindPlan(store, organisation, plan_id)) return ImpactChange::kNotFound;
  const json canonical = CanonicalImpactDecision(decision);
  const std::string user_name = UserName(store, user);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const auto locked = Lock(*connection, organisation, plan_id, id, expected_version);
  if (const auto* why = std::get_if<ImpactChange>(&locked)) return *why;
  const store::Rows updated = connection->Query(
      "UPDATE plan_impact_assessments SET decision = $1, version = version + 1, updated_at = $2, "
      "decided_by = $3, decided_at = $2 WHERE id = $4 AND version = $5 AND decision IS NULL "
      "RETURNING id",
      {canonical.dump(), now, user, id, expected_version});
  if (updated.empty()) return ImpactChange::kStale;
  RecordPlanChange(*connection, plan_id, user, user_name, now, "impact_decided",
                   {{"impact_assessment", id}, {"decision", canonical}});
  transaction.Commit();
  return ImpactChange::kChanged;
}

std::vector<ImpactAssessment> ListImpactAssessments(store::Store& store, std::int64_t organisation,
                                                    std::int64_t plan) {
  auto connection = store.Acquire();
  std::vector<ImpactAssessment> assessments;
  for (const store::Row& row :
       connection->Query(std::string("SELECT ") + kColumns +
                             " FROM plan_impact_assessments a JOIN plans p ON p.id = a.plan_id "
                             "WHERE p.organisation_id = $1 AND a.plan_id = $2 ORDER BY a.id",
                         {organisation, plan})) {
    assessments.push_back(AssessmentFrom(row));
  }
  return assessments;
}

std::optional<ImpactAssessment> FindImpactAssessment(store::Store& store, std::int64_t organisation,
                                                     std::int64_t plan, std::int64_t id) {
  auto connection = store.Acquire();
  const store::Rows rows =
      connection->Query(std::string("SELECT ") + kColumns +
                            " FROM plan_impact_assessments a JOIN plans p ON p.id = a.plan_id "
                            "WHERE p.organisation_id = $1 AND a.plan_id = $2 AND a.id = $3",
                        {organisation, plan, id});
  if (rows.empty()) return std::nullopt;
  return AssessmentFrom(rows[0]);
}

std::vector<FollowUpRecord> OrganisationFollowUps(store::Store& store, std::int64_t organisation) {
  // The follow-up records of all the organisation's plans: a prediction made in one budget year
  // is measured in a later year's plan (a copy keeps the targets' ids).
  std::vector<FollowUpRecord> records;
  for (const Plan& plan : ListPlans(store, organisation)) {
    for (FollowUpRecord& record : ListFollowUps(store, organisation, plan.id)) {
      records.push_back(std::move(record));
    }
  }
  return records;
}

json PredictionOutcomes(store::Store& store, std::int64_t organisation,
                        const ImpactAssessment& assessment) {
  return PredictionOutcomes(OrganisationFollowUps(store, organisation), assessment);
}

json PredictionOutcomes(const std::vector<FollowUpRecord>& records,
                        const ImpactAssessment& assessment) {
  json out = json::array();
  for (const json& prediction : assessment.document["predictions"]) {
    json outcome = {{"target", prediction["target"]},   {"period", prediction["period"]},
                    {"kind", prediction["kind"]},       {"measure", prediction["measure"]},
                    {"predicted", prediction["value"]}, {"measured", nullptr},
                    {"reason", "not_followed_up"}};
    const FollowUpRecord* newest = nullptr;
    for (const FollowUpRecord& record : records) {
      if (record.target != prediction["target"] ||
          record.evaluated_period != prediction["period"].get<std::string>()) {
        continue;
      }
      if (newest == nullptr || record.id > newest->id) newest = &record;
    }
    if (newest != nullptr) {
      if (newest->target_snapshot.value("kind", "") != prediction["kind"] ||
          newest->target_snapshot.value("measure", "") != prediction["measure"]) {
        outcome["reason"] = "target_changed";
      } else {
        const auto optional = [](const std::optional<double>& value) {
          return value ? json(*value) : json(nullptr);
        };
        outcome["measured"] = {{"estimate", optional(newest->estimate)},
                               {"lower", optional(newest->lower)},
                               {"upper", optional(newest->upper)},
                               {"status", newest->status},
                               {"follow_up", newest->id},
                               {"plan_id", newest->plan_id},
                               {"plan_period", newest->period}};
        outcome["reason"] = newest->estimate ? "" : "no_data";
      }
    }
    out.push_back(std::move(outcome));
  }
  return out;
}

json ToJson(const ImpactAssessment& assessment, const json& outcomes) {
  const auto optional = [](const std::optional<std::int64_t>& value) {
    return value ? json(*value) : json(nullptr);
  };
  return {{"id", assessment.id},
          {"plan_id", assessment.plan_id},
          {"version", assessment.version},
          {"state", assessment.decision ? "decided" : "draft"},
          {"document", assessment.document},
          {"decision", assessment.decision ? *assessment.decision : json(nullptr)},
          {"created_by", assessment.created_by},
          {"created_at", assessment.created_at},
          {"updated_at", assessment.updated_at},
          {"decided_by", optional(assessment.decided_by)},
          {"decided_at", optional(assessment.decided_at)},
          {"outcomes", outcomes}};
}

}  // namespace jamlik::app
