#pragma once
// Equality impact assessments in the store (issue 12 item 5): attached to a plan of the
// organisation, their document checked against the plan (impact_assessment.hpp), every change
// written to the plan's audit trail (actions impact_created, impact_updated, impact_decided), and
// immutable once decided. Each prediction is read beside the follow-up's measured value for the
// same target and results period, when one has been reported.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/plans/plans.hpp"
#include "store/database.hpp"

namespace jamlik::app {

struct ImpactAssessment {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  std::int64_t version = 0;                // 1 when created, +1 per change (the decision included)
  nlohmann::json document;                 // canonical (CanonicalImpactAssessment)
  std::optional<nlohmann::json> decision;  // canonical (CanonicalImpactDecision) once decided
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> decided_by;  // the user who recorded the decision
  std::optional<std::int64_t> decided_at;
};

// Create an assessment of plan `plan` from `document`; nullopt when the plan is not the
// organisation's. Throws kInvalidArgument naming the field (an evidence's analysis must be one of
// the organisation's).
std::optional<ImpactAssessment> CreateImpactAssessment(store::Store& store,
                                                       std::int64_t organisation, std::int64_t user,
                                                       std::int64_t plan,
                                                       const nlohmann::json& document,
                                                       std::int64_t now);

enum class ImpactChange { kChanged, kNotFound, kStale, kDecided };

// Replace the document when the assessment is at `expected_version` and not decided.
ImpactChange UpdateImpactAssessment(store::Store& store, std::int64_t organisation,
                                    std::int64_t user, std::int64_t plan, std::int64_t id,
                                    std::int64_t expected_version, const nlohmann::json& document,
                                    std::int64_t now);

// Record the decision when the assessment is at `expected_version` and not decided yet; from
// then on it is immutable.
ImpactChange DecideImpactAssessment(store::Store& store, std::int64_t organisation,
                                    std::int64_t user, std::int64_t plan, std::int64_t id,
                                    std::int64_t expected_version, const nlohmann::json& decision,
                                    std::int64_t now);

std::vector<ImpactAssessment> ListImpactAssessments(store::Store& store, std::int64_t organisation,
                                                    std::int64_t plan);
std::optional<ImpactAssessment> FindImpactAssessment(store::Store& store, std::int64_t organisation,
                                                     std::int64_t plan, std::int64_t id);

// Each prediction beside what the follow-up measured: [{target, period, kind, measure,
// predicted, measured: {estimate, lower, upper, status, follow_up, plan_period} | null, reason}],
// the measured value the newest follow-up record of any of the organisation's plans for the
// target whose evaluated results period is the prediction's. `reason` says why none stands
// beside it: not_followed_up, target_changed (the target's kind or measure is no longer the
// predicted one's), no_data (the follow-up found no published value).
nlohmann::json PredictionOutcomes(store::Store& store, std::int64_t organisation,
                                  const ImpactAssessment& assessment);
// The same for many assessments of one organisation: its follow-up records read once
// (OrganisationFollowUps), not once per assessment.
std::vector<FollowUpRecord> OrganisationFollowUps(store::Store& store, std::int64_t organisation);
nlohmann::json PredictionOutcomes(const std::vector<FollowUpRecord>& records,
                                  const ImpactAssessment& assessment);

// The assessment as the API gives it; `outcomes` from PredictionOutcomes.
nlohmann::json ToJson(const ImpactAssessment& assessment, const nlohmann::json& outcomes);

}  // namespace jamlik::app
