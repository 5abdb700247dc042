// Equality impact assessments of a plan (issue 12 item 5): readers read them and their printable
// record; analysts and admins write them and record the decision, after which they are immutable.
// The route table says who may call what; the store checks the plan is the organisation's.
#include "app/accounts/accounts.hpp"
#include "app/impact/impact.hpp"
#include "app/impact/impact_record.hpp"
#include "app/plans/plans.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

std::int64_t Version(const json& body) {
  if (!body.contains("version") || !body.at("version").is_number_integer()) {
    throw Error(
        ErrorCode::kInvalidArgument,
        std::string(Tr("krävs och ska vara ett heltal", "is required and must be an integer")), {},
        "version");
  }
  return body.at("version").get<std::int64_t>();
}

const json& ObjectField(const json& body, const char* field) {
  if (!body.contains(field) || !body.at(field).is_object()) {
    throw Error(
        ErrorCode::kInvalidArgument,
        std::string(Tr("krävs och ska vara ett objekt", "is required and must be an object")), {},
        field);
  }
  return body.at(field);
}

json AssessmentJson(Context& context, const app::ImpactAssessment& assessment) {
  return app::ToJson(assessment,
                     app::PredictionOutcomes(context.state.store, context.org_id(), assessment));
}

void Show(Context& context) {
  const auto assessment = app::FindImpactAssessment(context.state.store, context.org_id(),
                                                    context.ids.at(1), context.ids.at(2));
  if (!assessment) return context.Fail(Problem::kNotFound);
  context.Json(200, AssessmentJson(context, *assessment));
}

// Answer a change's outcome: the assessment as it is now, or why it did not change.
void Changed(Context& context, app::ImpactChange change, int status) {
  switch (change) {
    case app::ImpactChange::kNotFound:
      return context.Fail(Problem::kNotFound);
    case app::ImpactChange::kStale:
      return context.FailAtField(Problem::kConflict, "version");
    case app::ImpactChange::kDecided:
      return context.FailAtField(Problem::kConflict, "decision");
    case app::ImpactChange::kChanged:
      break;
  }
  const auto assessment = app::FindImpactAssessment(context.state.store, context.org_id(),
                                                    context.ids.at(1), context.ids.at(2));
  context.Json(status, AssessmentJson(context, *assessment));
}

void List(Context& context) {
  if (!app::FindPlan(context.state.store, context.org_id(), context.ids.at(1))) {
    return context.Fail(Problem::kNotFound);
  }
  const auto records = app::OrganisationFollowUps(context.state.store, context.org_id());
  json assessments = json::array();
  for (const auto& assessment :
       app::ListImpactAssessments(context.state.store, context.org_id(), context.ids.at(1))) {
    assessments.push_back(app::ToJson(assessment, app::PredictionOutcomes(records, assessment)));
  }
  context.Json(200, {{"impact_assessments", assessments}});
}

void Create(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const auto assessment =
      app::CreateImpactAssessment(context.state.store, context.org_id(), context.user().id,
                                  context.ids.at(1), ObjectField(*body, "document"), Now());
  if (!assessment) return context.Fail(Problem::kNotFound);
  context.response.set_header("Location", "/api/organisations/" + std::to_string(context.org_id()) +
                                              "/plans/" + std::to_string(context.ids.at(1)) +
                                              "/impact-assessments/" +
                                              std::to_string(assessment->id));
  context.Json(201, AssessmentJson(context, *assessment));
}

void Update(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const std::int64_t version = Version(*body);
  Changed(context,
          app::UpdateImpactAssessment(context.state.store, context.org_id(), context.user().id,
                                      context.ids.at(1), context.ids.at(2), version,
                                      ObjectField(*body, "document"), Now()),
          200);
}

void Decide(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const std::int64_t version = Version(*body);
  Changed(context,
          app::DecideImpactAssessment(context.state.store, context.org_id(), context.user().id,
                                      context.ids.at(1), context.ids.at(2), version,
                                      ObjectField(*body, "decision"), Now()),
          200);
}

// The printable record: an HTML page in the request's language, for printing to PDF.
void Record(Context& context) {
  const Language language = RequestLanguage(context.request);
  const auto plan = app::FindPlan(context.state.store, context.org_id(), context.ids.at(1));
  const auto assessment = app::FindImpactAssessment(context.state.store, context.org_id(),
                                                    context.ids.at(1), context.ids.at(2));
  if (!plan || !assessment) return context.Fail(Problem::kNotFound);
  const auto name = [&](std::optional<std::int64_t> user) {
    const auto found = user ? app::FindUser(context.state.store, *user) : std::nullopt;
    return found ? found->name : std::string();
  };
  app::ImpactRecordInput input{
      context.organisation->name,
      plan->year,
      plan->document,
      *assessment,
      app::PredictionOutcomes(context.state.store, context.org_id(), *assessment),
      name(assessment->created_by),
      name(assessment->decided_by)};
  context.response.set_header("Cache-Control", "private, no-store");
  context.response.set_content(app::ImpactRecordHtml(input, language), "text/html; charset=utf-8");
}

// The choices of an assessment's form, labelled in the request's language.
void Options(Context& context) {
  context.Json(200, app::ImpactOptionsJson(RequestLanguage(context.request)));
}

}  // namespace

void AddImpactRoutes(std::vector<Route>& routes) {
  const std::string base = "/api/organisations/{org}/plans/{plan}/impact-assessments";
  routes.push_back({"GET", base, Access::kOrgRead, List});
  routes.push_back({"POST", base, Access::kOrgWrite, Create});
  routes.push_back({"GET", base + "/{assessment}", Access::kOrgRead, Show});
  routes.push_back({"PUT", base + "/{assessment}", Access::kOrgWrite, Update});
  routes.push_back({"POST", base + "/{assessment}/decision", Access::kOrgWrite, Decide});
  routes.push_back({"GET", base + "/{assessment}/record", Access::kOrgRead, Record});
  routes.push_back({"GET", "/api/impact-options", Access::kSignedIn, Options});
}

}  // namespace jamlik::server
