// Goal-and-budget plans (issue 12): the organisation's plans per budget year, their audit trail,
// and follow-ups evaluated by the follow-up engine (app::RunFollowUp) and kept as reported.
// Readers read; analysts and admins edit; the route table says so.
#include <ctime>

#include "app/plans/plans.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

std::int64_t IntegerField(const json& body, const char* field) {
  if (!body.contains(field) || !body.at(field).is_number_integer()) {
    throw Error(
        ErrorCode::kInvalidArgument,
        std::string(Tr("krävs och ska vara ett heltal", "is required and must be an integer")), {},
        field);
  }
  return body.at(field).get<std::int64_t>();
}

std::string PlanPath(const Context& context, std::int64_t plan) {
  return "/api/organisations/" + std::to_string(context.org_id()) + "/plans/" +
         std::to_string(plan);
}

void List(Context& context) {
  json plans = json::array();
  for (const app::Plan& plan : app::ListPlans(context.state.store, context.org_id())) {
    json summary = app::ToJson(plan);
    summary.erase("document");
    plans.push_back(std::move(summary));
  }
  context.Json(200, {{"plans", plans}});
}

// A new plan: from a document, or as a copy of an earlier year's plan (`copy_from`).
void Create(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const auto year = static_cast<int>(IntegerField(*body, "year"));
  std::optional<app::Plan> plan;
  if (body->contains("copy_from")) {
    const std::int64_t from = IntegerField(*body, "copy_from");
    if (!app::FindPlan(context.state.store, context.org_id(), from)) {
      return context.FailAtField(Problem::kNotFound, "copy_from");
    }
    plan =
        app::CopyPlan(context.state.store, context.org_id(), context.user().id, from, year, Now());
  } else {
    plan = app::CreatePlan(context.state.store, context.org_id(), context.user().id, year,
                           body->value("document", json::object()), Now());
  }
  if (!plan) return context.FailAtField(Problem::kConflict, "year");
  context.response.set_header("Location", PlanPath(context, plan->id));
  context.Json(201, app::ToJson(*plan));
}

void Show(Context& context) {
  const auto plan = app::FindPlan(context.state.store, context.org_id(), context.ids.at(1));
  if (!plan) return context.Fail(Problem::kNotFound);
  context.Json(200, app::ToJson(*plan));
}

// Replace the document; `version` is the one the editor read (409 when someone changed it since).
void Update(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const std::int64_t version = IntegerField(*body, "version");
  if (!body->contains("document") || !body->at("document").is_object()) {
    throw Error(
        ErrorCode::kInvalidArgument,
        std::string(Tr("krävs och ska vara ett objekt", "is required and must be an object")), {},
        "document");
  }
  switch (app::UpdatePlan(context.state.store, context.org_id(), context.user().id,
                          context.ids.at(1), version, body->at("document"), Now())) {
    case app::PlanUpdate::kNotFound:
      return context.Fail(Problem::kNotFound);
    case app::PlanUpdate::kStale:
      return context.FailAtField(Problem::kConflict, "version");
    case app::PlanUpdate::kUpdated:
      break;
  }
  Show(context);
}

void Changes(Context& context) {
  if (!app::FindPlan(context.state.store, context.org_id(), context.ids.at(1))) {
    return context.Fail(Problem::kNotFound);
  }
  json changes = json::array();
  for (const auto& change :
       app::ListPlanChanges(context.state.store, context.org_id(), context.ids.at(1))) {
    changes.push_back(app::ToJson(change));
  }
  context.Json(200, {{"changes", changes}});
}

void FollowUps(Context& context) {
  if (!app::FindPlan(context.state.store, context.org_id(), context.ids.at(1))) {
    return context.Fail(Problem::kNotFound);
  }
  json records = json::array();
  for (const auto& record :
       app::ListFollowUps(context.state.store, context.org_id(), context.ids.at(1),
                          context.request.get_param_value("period"))) {
    records.push_back(app::ToJson(record));
  }
  context.Json(200, {{"follow_ups", records}});
}

void RunFollowUp(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const auto records = app::RunFollowUp(context.state.store, context.org_id(), context.user().id,
                                        context.ids.at(1), StringField(*body, "period"), Now());
  if (!records) return context.Fail(Problem::kNotFound);
  json out = json::array();
  for (const auto& record : *records) out.push_back(app::ToJson(record));
  context.Json(201, {{"follow_ups", out}});
}

void Comment(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const auto record = app::CommentFollowUp(context.state.store, context.org_id(), context.user().id,
                                           context.ids.at(1), context.ids.at(2),
                                           StringField(*body, "comment"), Now());
  if (!record) return context.Fail(Problem::kNotFound);
  context.Json(201, app::ToJson(*record));
}

}  // namespace

void AddPlanRoutes(std::vector<Route>& routes) {
  const std::string base = "/api/organisations/{org}/plans";
  routes.push_back({"GET", base, Access::kOrgRead, List});
  routes.push_back({"POST", base, Access::kOrgWrite, Create});
  routes.push_back({"GET", base + "/{plan}", Access::kOrgRead, Show});
  routes.push_back({"PUT", base + "/{plan}", Access::kOrgWrite, Update});
  routes.push_back({"GET", base + "/{plan}/changes", Access::kOrgRead, Changes});
  routes.push_back({"GET", base + "/{plan}/follow-ups", Access::kOrgRead, FollowUps});
  routes.push_back({"POST", base + "/{plan}/follow-ups", Access::kOrgWrite, RunFollowUp});
  routes.push_back(
      {"POST", base + "/{plan}/follow-ups/{follow_up}/comments", Access::kOrgWrite, Comment});
}

}  // namespace jamlik::server
