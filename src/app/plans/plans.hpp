#pragma once
// The equality-integrated goal-and-budget plan of an organisation for one budget year (issue 12
// items 1, 2, 4, 6): its bodies (the assembly, committees, units), goals at each level tagged with
// a recommendation and a welfare area, follow-up periods with deadlines, targets bound to an
// indicator of one of the organisation's saved analyses, and measures (insatser) with their budget.
//
// The plan is one JSON document (plan_document.hpp declares its fields and checks it), stored with
// a version. Every change is recorded in the plan's audit trail (who, when, what: the fields that
// changed, item by item). A follow-up evaluates every target with the one rule of src/followup on
// the analysis' published results and stores the rows as snapshots that nothing updates or
// deletes: editing the plan afterwards, or copying it to a new year, never changes what was
// reported.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace jamlik::app {

struct Plan {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  int year = 0;
  std::int64_t version = 0;                 // 1 when created, +1 per change
  std::optional<std::int64_t> copied_from;  // the plan this one started as a copy of
  nlohmann::json document;                  // the canonical document (plan_document.hpp)
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Create the organisation's plan for `year` from `document` (checked, made canonical; its targets'
// analyses must be the organisation's). Returns nullopt when the organisation has a plan for the
// year already.
std::optional<Plan> CreatePlan(store::Store& store, std::int64_t organisation, std::int64_t user,
                               int year, const nlohmann::json& document, std::int64_t now);

// Start the plan for `year` as a copy of plan `from` (the last year's): bodies, goals, targets and
// measures as they are, follow-up periods moved to the new year. `from` and its follow-up records
// are not touched. Returns nullopt when `from` is not the organisation's or the year is taken.
std::optional<Plan> CopyPlan(store::Store& store, std::int64_t organisation, std::int64_t user,
                             std::int64_t from, int year, std::int64_t now);

std::vector<Plan> ListPlans(store::Store& store, std::int64_t organisation);
std::optional<Plan> FindPlan(store::Store& store, std::int64_t organisation, std::int64_t id);
std::optional<Plan> FindPlanByYear(store::Store& store, std::int64_t organisation, int year);

enum class PlanUpdate { kUpdated, kNotFound, kStale };

// Replace the plan's document when its version is still `expected_version` (kStale otherwise:
// someone else changed it first), recording what changed in the audit trail.
PlanUpdate UpdatePlan(store::Store& store, std::int64_t organisation, std::int64_t user,
                      std::int64_t plan, std::int64_t expected_version,
                      const nlohmann::json& document, std::int64_t now);

// One entry of a plan's audit trail.
struct PlanChange {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string user_name;
  std::int64_t time = 0;
  std::string action;      // created, copied, updated, followed_up, commented
  nlohmann::json changes;  // [{collection, id, change: added|removed|changed, fields}] or details
};

// The plan's audit trail, oldest first.
std::vector<PlanChange> ListPlanChanges(store::Store& store, std::int64_t organisation,
                                        std::int64_t plan);

// One entry of the plan's audit trail, in the caller's transaction (the plan's own changes and
// those of what hangs on it, as impact assessments).
void RecordPlanChange(store::Connection& connection, std::int64_t plan, std::int64_t user,
                      const std::string& user_name, std::int64_t now, const char* action,
                      const nlohmann::json& changes);

// Throws kInvalidArgument naming `field` unless `analysis` is one of the organisation's saved
// analyses (a plan's target, an assessment's evidence).
void RequireSavedAnalysis(store::Store& store, std::int64_t organisation, std::int64_t analysis,
                          const std::string& field);

struct FollowUpComment {
  std::int64_t user_id = 0;
  std::string user_name;
  std::string text;
  std::int64_t time = 0;
};

// A target's follow-up in one of the plan's periods: the engine's evaluation as it stood when the
// follow-up ran (a snapshot: the target as it was then, the value of the latest result period at
// or before the period's end), with the responsible person's comments.
struct FollowUpRecord {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  std::string period;              // the plan's period: 2026-T1, 2026-H1, 2026
  std::string target;              // the target's id
  nlohmann::json target_snapshot;  // the target's fields when evaluated
  std::string evaluated_period;    // the results' period evaluated ("" when none)
  std::optional<double> baseline, estimate, lower, upper, path_value;
  double target_value = 0;
  std::string status;  // reached, on_track, at_risk, off_track, no_data
  std::string reason;  // the engine's reason id
  std::string detail;
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::vector<FollowUpComment> comments;  // oldest first; the last is the current one
};

// Evaluate every target of the plan for `period` (one of its follow-up periods) from its analysis'
// published results and store the rows. Returns nullopt when the plan is not the organisation's;
// throws kInvalidArgument naming "period" when the plan has no such period.
std::optional<std::vector<FollowUpRecord>> RunFollowUp(store::Store& store,
                                                       std::int64_t organisation, std::int64_t user,
                                                       std::int64_t plan, const std::string& period,
                                                       std::int64_t now);

// The plan's follow-up records (of one period when `period` is not empty), newest run first.
std::vector<FollowUpRecord> ListFollowUps(store::Store& store, std::int64_t organisation,
                                          std::int64_t plan, const std::string& period = {});

// Add the responsible person's comment to a record (comments are appended, never replaced).
// Returns nullopt when the record is not of the organisation's plan.
std::optional<FollowUpRecord> CommentFollowUp(store::Store& store, std::int64_t organisation,
                                              std::int64_t user, std::int64_t plan,
                                              std::int64_t record, const std::string& text,
                                              std::int64_t now);

nlohmann::json ToJson(const Plan& plan);  // with the budget summary (PlanBudget)
nlohmann::json ToJson(const PlanChange& change);
nlohmann::json ToJson(const FollowUpRecord& record);

}  // namespace jamlik::app
