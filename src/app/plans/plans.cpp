#include "app/plans/plans.hpp"

#include <map>
#include <set>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses.hpp"
#include "app/plans/plan_document.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "followup/follow_up.hpp"
#include "pipeline/pipeline.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

constexpr const char* kPlanColumns =
    "id, organisation_id, year, version, copied_from, document, created_at, updated_at";

Plan PlanFrom(const store::Row& row) {
  Plan plan;
  plan.id = row.Int(0);
  plan.organisation_id = row.Int(1);
  plan.year = static_cast<int>(row.Int(2));
  plan.version = row.Int(3);
  plan.copied_from = row.OptionalInt(4);
  plan.document = json::parse(row.Text(5));
  plan.created_at = row.Int(6);
  plan.updated_at = row.Int(7);
  return plan;
}

store::Value Optional(const std::optional<double>& value) {
  if (value) return *value;
  return std::monostate{};
}

std::string UserName(store::Store& store, std::int64_t user) {
  const auto found = FindUser(store, user);
  return found ? found->name : std::string();
}

void CheckYear(int year) {
  if (year < 1900 || year > 2200) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("året ska vara 1900–2200", "the year must be 1900–2200")), {},
                "year");
  }
}

// Every target's analysis must be one of the organisation's saved analyses.
void CheckAnalyses(store::Store& store, std::int64_t organisation, const json& document) {
  const json& targets = document["targets"];
  for (std::size_t i = 0; i < targets.size(); ++i) {
    RequireSavedAnalysis(store, organisation, targets[i]["analysis"].get<std::int64_t>(),
                         "targets[" + std::to_string(i) + "].analysis");
  }
}

std::optional<Plan> Insert(store::Store& store, std::int64_t organisation, std::int64_t user,
                           int year, const json& document, std::optional<std::int64_t> from,
                           std::int64_t now, const char* action, const json& details) {
  const std::string user_name = UserName(store, user);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  if (!connection
           ->Query("SELECT id FROM plans WHERE organisation_id = $1 AND year = $2",
                   {organisation, std::int64_t{year}})
           .empty()) {
    return std::nullopt;
  }
  const store::Rows rows = connection->Query(
      "INSERT INTO plans (organisation_id, year, document, version, copied_from, created_at, "
      "updated_at) VALUES ($1, $2, $3, 1, $4, $5, $5) RETURNING id",
      {organisation, std::int64_t{year}, document.dump(),
       from ? store::Value(*from) : store::Value(std::monostate{}), now});
  Plan plan;
  plan.id = rows.at(0).Int(0);
  plan.organisation_id = organisation;
  plan.year = year;
  plan.version = 1;
  plan.copied_from = from;
  plan.document = document;
  plan.created_at = plan.updated_at = now;
  RecordPlanChange(*connection, plan.id, user, user_name, now, action, details);
  transaction.Commit();
  return plan;
}

constexpr const char* kRecordColumns =
    "f.id, f.plan_id, f.period, f.target, f.target_snapshot, f.evaluated_period, f.baseline, "
    "f.estimate, f.lower, f.upper, f.path_value, f.target_value, f.status, f.reason, f.detail, "
    "f.created_by, f.created_at";

FollowUpRecord RecordFrom(const store::Row& row) {
  FollowUpRecord record;
  record.id = row.Int(0);
  record.plan_id = row.Int(1);
  record.period = row.Text(2);
  record.target = row.Text(3);
  record.target_snapshot = json::parse(row.Text(4));
  record.evaluated_period = row.Text(5);
  record.baseline = row.OptionalDouble(6);
  record.estimate = row.OptionalDouble(7);
  record.lower = row.OptionalDouble(8);
  record.upper = row.OptionalDouble(9);
  record.path_value = row.OptionalDouble(10);
  record.target_value = row.Double(11);
  record.status = row.Text(12);
  record.reason = row.Text(13);
  record.detail = row.Text(14);
  record.created_by = row.Int(15);
  record.created_at = row.Int(16);
  return record;
}

void LoadComments(store::Connection& connection, std::vector<FollowUpRecord>& records) {
  for (FollowUpRecord& record : records) {
    for (const store::Row& row :
         connection.Query("SELECT user_id, user_name, text, time FROM plan_follow_up_comments "
                          "WHERE follow_up_id = $1 ORDER BY id",
                          {record.id})) {
      record.comments.push_back({row.Int(0), row.Text(1), row.Text(2), row.Int(3)});
    }
  }
}

json OptionalJson(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

// The first period the results hold for the target's indicator and area: the baseline when the
// plan leaves it to the data.
std::optional<followup::Period> FirstPeriod(const Table& results, const json& target) {
  const Column& indicator = results.GetColumn("indicator");
  const Column& area = results.GetColumn("area");
  const Column& period = results.GetColumn("period");
  std::optional<followup::Period> first;
  for (std::size_t row = 0; row < results.num_rows(); ++row) {
    if (indicator.ValueToString(row) != target["indicator"] ||
        area.ValueToString(row) != target["area"]) {
      continue;
    }
    const auto parsed = followup::ParsePeriod(period.ValueToString(row));
    if (parsed && (!first || parsed->EndMonth() < first->EndMonth())) first = parsed;
  }
  return first;
}

FollowUpRecord NoData(const json& target, const std::string& period, std::string reason,
                      std::string detail) {
  FollowUpRecord record;
  record.period = period;
  record.target = target["id"];
  record.target_snapshot = target;
  record.target_value = target["target_value"];
  record.status = std::string(EnumId(followup::TargetStatus::kNoData));
  record.reason = std::move(reason);
  record.detail = std::move(detail);
  return record;
}

}  // namespace

void RecordPlanChange(store::Connection& connection, std::int64_t plan, std::int64_t user,
                      const std::string& user_name, std::int64_t now, const char* action,
                      const json& changes) {
  connection.Query(
      "INSERT INTO plan_changes (plan_id, user_id, user_name, time, action, changes) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {plan, user, user_name, now, std::string(action), changes.dump()});
}

void RequireSavedAnalysis(store::Store& store, std::int64_t organisation, std::int64_t analysis,
                          const std::string& field) {
  if (!FindAnalysis(store, organisation, analysis)) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("ingen sparad analys i organisationen har detta id",
                               "no saved analysis of the organisation has this id")),
                {}, field);
  }
}

std::optional<Plan> CreatePlan(store::Store& store, std::int64_t organisation, std::int64_t user,
                               int year, const json& document, std::int64_t now) {
  CheckYear(year);
  const json canonical = CanonicalPlanDocument(document, year);
  CheckAnalyses(store, organisation, canonical);
  return Insert(store, organisation, user, year, canonical, std::nullopt, now, "created",
                PlanDifference(json::object(), canonical));
}

std::optional<Plan> CopyPlan(store::Store& store, std::int64_t organisation, std::int64_t user,
                             std::int64_t from, int year, std::int64_t now) {
  CheckYear(year);
  const auto source = FindPlan(store, organisation, from);
  if (!source) return std::nullopt;
  json document = source->document;
  // The periods move to the new year: "2026-T1" → "2027-T1", deadlines a year later.
  const std::string old_year = std::to_string(source->year);
  const std::string new_year = std::to_string(year);
  for (json& period : document["periods"]) {
    const std::string id = period["id"];
    period["id"] = new_year + id.substr(old_year.size());
    const std::string deadline = period["deadline"];
    const int shifted = std::stoi(deadline.substr(0, 4)) + (year - source->year);
    period["deadline"] = std::to_string(shifted) + deadline.substr(4);
  }
  const json canonical = CanonicalPlanDocument(document, year);
  return Insert(store, organisation, user, year, canonical, from, now, "copied",
                {{"from_plan", from}, {"from_year", source->year}});
}

std::vector<Plan> ListPlans(store::Store& store, std::int64_t organisation) {
  auto connection = store.Acquire();
  std::vector<Plan> plans;
  for (const store::Row& row :
       connection->Query(std::string("SELECT ") + kPlanColumns +
                             " FROM plans WHERE organisation_id = $1 ORDER BY year",
                         {organisation})) {
    plans.push_back(PlanFrom(row));
  }
  return plans;
}

std::optional<Plan> FindPlan(store::Store& store, std::int64_t organisation, std::int64_t id) {
  auto connection = store.Acquire();
  const store::Rows rows = connection->Query(
      std::string("SELECT ") + kPlanColumns + " FROM plans WHERE organisation_id = $1 AND id = $2",
      {organisation, id});
  if (rows.empty()) return std::nullopt;
  return PlanFrom(rows[0]);
}

std::optional<Plan> FindPlanByYear(store::Store& store, std::int64_t organisation, int year) {
  auto connection = store.Acquire();
  const store::Rows rows =
      connection->Query(std::string("SELECT ") + kPlanColumns +
                            " FROM plans WHERE organisation_id = $1 AND year = $2",
                        {organisation, std::int64_t{year}});
  if (rows.empty()) return std::nullopt;
  return PlanFrom(rows[0]);
}

PlanUpdate UpdatePlan(store::Store& store, std::int64_t organisation, std::int64_t user,
                      std::int64_t plan, std::int64_t expected_version, const json& document,
                      std::int64_t now) {
  const auto current = FindPlan(store, organisation, plan);
  if (!current) return PlanUpdate::kNotFound;
  const json canonical = CanonicalPlanDocument(document, current->year);
  CheckAnalyses(store, organisation, canonical);
  const std::string user_name = UserName(store, user);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const store::Rows rows = connection->Query(
      "SELECT document FROM plans WHERE id = $1 AND organisation_id = $2 AND version = $3",
      {plan, organisation, expected_version});
  if (rows.empty()) return PlanUpdate::kStale;
  const json changes = PlanDifference(json::parse(rows[0].Text(0)), canonical);
  connection->Query(
      "UPDATE plans SET document = $1, version = version + 1, updated_at = $2 "
      "WHERE id = $3 AND version = $4",
      {canonical.dump(), now, plan, expected_version});
  RecordPlanChange(*connection, plan, user, user_name, now, "updated", changes);
  transaction.Commit();
  return PlanUpdate::kUpdated;
}

std::vector<PlanChange> ListPlanChanges(store::Store& store, std::int64_t organisation,
                                        std::int64_t plan) {
  auto connection = store.Acquire();
  std::vector<PlanChange> changes;
  for (const store::Row& row : connection->Query(
           "SELECT c.id, c.user_id, c.user_name, c.time, c.action, c.changes FROM plan_changes c "
           "JOIN plans p ON p.id = c.plan_id WHERE p.organisation_id = $1 AND c.plan_id = $2 "
           "ORDER BY c.id",
           {organisation, plan})) {
    changes.push_back(
        {row.Int(0), row.Int(1), row.Text(2), row.Int(3), row.Text(4), json::parse(row.Text(5))});
  }
  return changes;
}

std::optional<std::vector<FollowUpRecord>> RunFollowUp(store::Store& store,
                                                       std::int64_t organisation, std::int64_t user,
                                                       std::int64_t plan_id,
                                                       const std::string& period,
                                                       std::int64_t now) {
  const auto plan = FindPlan(store, organisation, plan_id);
  if (!plan) return std::nullopt;
  bool known = false;
  for (const json& p : plan->document["periods"]) known = known || p["id"] == period;
  const auto end = PlanPeriodEndMonth(period);
  if (!known || !end) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("'" + period + "' är ingen uppföljningsperiod i planen",
                               "'" + period + "' is not a follow-up period of the plan")),
                {}, "period");
  }
  // The targets by analysis, each analysis' published results read once.
  std::map<std::int64_t, std::vector<json>> by_analysis;
  for (const json& target : plan->document["targets"]) {
    by_analysis[target["analysis"].get<std::int64_t>()].push_back(target);
  }
  std::map<std::string, FollowUpRecord> evaluated;
  for (const auto& [analysis_id, targets] : by_analysis) {
    const auto analysis = FindAnalysis(store, organisation, analysis_id);
    if (!analysis) {
      for (const json& target : targets) {
        evaluated[target["id"]] =
            NoData(target, period, std::string(EnumId(followup::StatusReason::kMissing)),
                   "analysis " + std::to_string(analysis_id) + " is deleted");
      }
      continue;
    }
    const Table results =
        pipeline::ResultTable(PublishResults(store, *analysis, user, "follow_up"));
    std::vector<followup::Target> engine_targets;
    for (const json& target : targets) {
      engine_targets.push_back(EngineTarget(target, FirstPeriod(results, target)));
    }
    // The plan's period shows the latest result period that had ended by its end.
    for (const followup::TargetStatusRow& row : followup::FollowUp(engine_targets, results)) {
      if (row.period.EndMonth() > *end) continue;
      const auto found = evaluated.find(row.target);
      if (found != evaluated.end() && !found->second.evaluated_period.empty() &&
          followup::ParsePeriod(found->second.evaluated_period)->EndMonth() >=
              row.period.EndMonth()) {
        continue;
      }
      FollowUpRecord record;
      record.period = period;
      record.target = row.target;
      for (const json& target : targets) {
        if (target["id"] == row.target) record.target_snapshot = target;
      }
      record.evaluated_period = row.period.Display();
      record.baseline = row.baseline;
      record.estimate = row.estimate;
      record.lower = row.lower;
      record.upper = row.upper;
      record.path_value = row.path_value;
      record.target_value = row.target_value;
      record.status = std::string(EnumId(row.status));
      record.reason = std::string(EnumId(row.reason));
      record.detail = row.detail;
      evaluated[row.target] = std::move(record);
    }
    for (const json& target : targets) {
      if (!evaluated.contains(target["id"])) {
        evaluated[target["id"]] =
            NoData(target, period, std::string(EnumId(followup::StatusReason::kMissing)), "");
      }
    }
  }
  const std::string user_name = UserName(store, user);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  std::vector<FollowUpRecord> records;
  for (const json& target : plan->document["targets"]) {
    FollowUpRecord record = evaluated.at(target["id"]);
    record.plan_id = plan_id;
    record.created_by = user;
    record.created_at = now;
    record.id =
        connection
            ->Query(
                "INSERT INTO plan_follow_ups (plan_id, period, target, target_snapshot, "
                "evaluated_period, baseline, estimate, lower, upper, path_value, "
                "target_value, status, reason, detail, created_by, created_at) VALUES ($1, "
                "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
                "RETURNING id",
                {plan_id, record.period, record.target, record.target_snapshot.dump(),
                 record.evaluated_period, Optional(record.baseline), Optional(record.estimate),
                 Optional(record.lower), Optional(record.upper), Optional(record.path_value),
                 record.target_value, record.status, record.reason, record.detail, user, now})
            .at(0)
            .Int(0);
    records.push_back(std::move(record));
  }
  RecordPlanChange(*connection, plan_id, user, user_name, now, "followed_up",
                   {{"period", period}, {"records", records.size()}});
  transaction.Commit();
  return records;
}

std::vector<FollowUpRecord> ListFollowUps(store::Store& store, std::int64_t organisation,
                                          std::int64_t plan, const std::string& period) {
  auto connection = store.Acquire();
  std::vector<FollowUpRecord> records;
  for (const store::Row& row : connection->Query(
           std::string("SELECT ") + kRecordColumns +
               " FROM plan_follow_ups f JOIN plans p ON p.id = f.plan_id "
               "WHERE p.organisation_id = $1 AND f.plan_id = $2 AND ($3 = '' OR f.period = $3) "
               "ORDER BY f.id DESC",
           {organisation, plan, period})) {
    records.push_back(RecordFrom(row));
  }
  LoadComments(*connection, records);
  return records;
}

std::optional<FollowUpRecord> CommentFollowUp(store::Store& store, std::int64_t organisation,
                                              std::int64_t user, std::int64_t plan,
                                              std::int64_t record_id, const std::string& text,
                                              std::int64_t now) {
  CheckName(text, "comment", 5'000);
  const std::string user_name = UserName(store, user);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const store::Rows rows =
      connection->Query(std::string("SELECT ") + kRecordColumns +
                            " FROM plan_follow_ups f JOIN plans p ON p.id = f.plan_id "
                            "WHERE p.organisation_id = $1 AND f.plan_id = $2 AND f.id = $3",
                        {organisation, plan, record_id});
  if (rows.empty()) return std::nullopt;
  connection->Query(
      "INSERT INTO plan_follow_up_comments (follow_up_id, user_id, user_name, text, time) "
      "VALUES ($1, $2, $3, $4, $5)",
      {record_id, user, user_name, text, now});
  RecordPlanChange(*connection, plan, user, user_name, now, "commented",
                   {{"follow_up", record_id}, {"comment", text}});
  std::vector<FollowUpRecord> records{RecordFrom(rows[0])};
  LoadComments(*connection, records);
  transaction.Commit();
  return records[0];
}

json ToJson(const Plan& plan) {
  return {{"id", plan.id},
          {"organisation_id", plan.organisation_id},
          {"year", plan.year},
          {"version", plan.version},
          {"copied_from", plan.copied_from ? json(*plan.copied_from) : json(nullptr)},
          {"created_at", plan.created_at},
          {"updated_at", plan.updated_at},
          {"document", plan.document},
          {"budget", PlanBudget(plan.document, plan.year)}};
}

json ToJson(const PlanChange& change) {
  return {{"id", change.id},     {"user_id", change.user_id}, {"user_name", change.user_name},
          {"time", change.time}, {"action", change.action},   {"changes", change.changes}};
}

json ToJson(const FollowUpRecord& record) {
  json comments = json::array();
  for (const FollowUpComment& comment : record.comments) {
    comments.push_back({{"user_id", comment.user_id},
                        {"user_name", comment.user_name},
                        {"text", comment.text},
                        {"time", comment.time}});
  }
  return {{"id", record.id},
          {"plan_id", record.plan_id},
          {"period", record.period},
          {"target", record.target},
          {"target_snapshot", record.target_snapshot},
          {"evaluated_period", record.evaluated_period},
          {"baseline", OptionalJson(record.baseline)},
          {"estimate", OptionalJson(record.estimate)},
          {"lower", OptionalJson(record.lower)},
          {"upper", OptionalJson(record.upper)},
          {"path_value", OptionalJson(record.path_value)},
          {"target_value", record.target_value},
          {"status", record.status},
          {"reason", record.reason},
          {"detail", record.detail},
          {"created_by", record.created_by},
          {"created_at", record.created_at},
          {"comment", record.comments.empty() ? json(nullptr) : json(record.comments.back().text)},
          {"comments", comments}};
}

}  // namespace jamlik::app
