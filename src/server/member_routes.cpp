// The meeting place's members: coordinators (set by site administrators), the member
// organisations and their directory, which only members see.
#include <fmt/format.h>

#include <ctime>

#include "app/accounts/throttle.hpp"
#include "app/members/applications.hpp"
#include "app/members/members.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

// Applications a client address may send per window, beside the limit of every public route.
constexpr std::int64_t kApplicationsPerWindow = 20;
constexpr std::int64_t kApplicationWindowSeconds = 3'600;

// The address links in mail start with: the configured one, else this server's own.
std::string SiteUrl(const Context& context) {
  const ServerConfig& config = context.state.config;
  if (!config.site_url.empty()) return config.site_url;
  return fmt::format("http://{}:{}", config.host, context.request.local_port);
}

std::string KindLabel(app::MemberKind kind) {
  switch (kind) {
    case app::MemberKind::kMunicipality:
      return std::string(Tr("Kommun", "Municipality"));
    case app::MemberKind::kRegion:
      return std::string(Tr("Region", "Region"));
    case app::MemberKind::kAgency:
      return std::string(Tr("Myndighet", "Agency"));
    case app::MemberKind::kCivilSociety:
      return std::string(Tr("Civilsamhälle", "Civil society"));
    case app::MemberKind::kBusiness:
      return std::string(Tr("Näringsliv", "Business"));
    case app::MemberKind::kUniversity:
      return std::string(Tr("Lärosäte", "University"));
  }
  return {};
}

bool BooleanField(const json& body, const char* field) {
  if (!body.contains(field) || !body.at(field).is_boolean()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("ska vara true eller false", "must be true or false")), {}, field);
  }
  return body.at(field).get<bool>();
}

app::MemberKind KindField(const json& body, const char* field) {
  const auto kind = app::ParseMemberKind(StringField(body, field));
  if (!kind) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("okänd sorts organisation", "unknown kind of organisation")), {},
                field);
  }
  return *kind;
}

json MemberJson(const app::MemberOrganisation& member) {
  const County* county = member.county.empty() ? nullptr : FindCounty(member.county);
  return {{"id", member.organisation.id},
          {"code", member.organisation.code},
          {"name", member.organisation.name},
          {"kind", member.kind ? json(app::MemberKindId(*member.kind)) : json(nullptr)},
          {"county", member.county},
          {"county_name", county ? county->name : std::string()},
          {"state", member.state ? json(app::MemberStateId(*member.state)) : json(nullptr)},
          {"approved_at", member.approved_at ? json(*member.approved_at) : json(nullptr)}};
}

// The directory: each approved member organisation with its people's names (no e-mail addresses:
// members reach each other through the meeting place, not through a list of addresses).
void Directory(Context& context) {
  json organisations = json::array();
  for (const auto& member : app::ApprovedMembers(context.state.store)) {
    json entry = MemberJson(member);
    json people = json::array();
    for (const auto& person : app::MembersOf(context.state.store, member.organisation.id)) {
      people.push_back({{"name", person.user.name}});
    }
    entry["people"] = std::move(people);
    organisations.push_back(std::move(entry));
  }
  context.Json(200, {{"organisations", organisations}});
}

// A coordinator sets an organisation's meeting-place kind, county and membership state (for an
// organisation that was on Jämlik before it applied, or to end a membership).
void SetMember(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const std::int64_t id = context.ids.at(0);
  if (!app::FindMemberOrganisation(context.state.store, id)) {
    return context.Fail(Problem::kNotFound);
  }
  const auto state = app::ParseMemberState(StringField(*body, "state"));
  if (!state) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("okänt medlemskapsläge", "unknown membership state")), {}, "state");
  }
  if (body->contains("kind")) {
    app::SetMemberProfile(context.state.store, id, KindField(*body, "kind"),
                          StringField(*body, "county", false));
  }
  app::SetMemberState(context.state.store, id, *state, Now());
  context.Json(200, MemberJson(*app::FindMemberOrganisation(context.state.store, id)));
}

void SetCoordinator(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  if (!app::SetCoordinator(context.state.store, context.ids.at(0),
                           BooleanField(*body, "coordinator"))) {
    return context.Fail(Problem::kNotFound);
  }
  context.Json(200, ToJson(*app::FindUser(context.state.store, context.ids.at(0))));
}

// The public application: a JSON body with the organisation, its kind (and code or county), the
// contact person, e-mail and consent. Limited per client address beside the public routes' limit.
void ApplyPublic(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  RequireConsent(*body);
  if (!WithinLimit(context, "apply", kApplicationsPerWindow, kApplicationWindowSeconds)) return;
  app::ApplicationDraft draft;
  draft.organisation_name = StringField(*body, "organisation_name");
  draft.kind = KindField(*body, "kind");
  draft.code = StringField(*body, "code", false);
  draft.county = StringField(*body, "county", false);
  draft.contact_name = StringField(*body, "contact_name");
  draft.email = StringField(*body, "email");
  draft.message = StringField(*body, "message", false);
  draft.language = CurrentLanguage();
  const app::Application application = app::Apply(context.state.store, draft, Now());
  context.Json(201, {{"id", application.id}, {"state", "applied"}});
}

void ApplicationForm(Context& context) {
  json kinds = json::array();
  for (const app::MemberKind kind : app::kMemberKinds) {
    kinds.push_back({{"id", app::MemberKindId(kind)}, {"label", KindLabel(kind)}});
  }
  json counties = json::array();
  for (const County& county : Counties()) {
    counties.push_back({{"code", county.code}, {"name", county.name}});
  }
  context.Json(200, {{"kinds", kinds},
                     {"counties", counties},
                     {"consent_text", app::ApplicationConsentText(CurrentLanguage())}});
}

json ApplicationJson(const app::Application& application) {
  const app::ApplicationDraft& draft = application.draft;
  const County* county = draft.county.empty() ? nullptr : FindCounty(draft.county);
  return {{"id", application.id},
          {"organisation_name", draft.organisation_name},
          {"kind", app::MemberKindId(draft.kind)},
          {"kind_label", KindLabel(draft.kind)},
          {"code", draft.code},
          {"county", draft.county},
          {"county_name", county ? county->name : std::string()},
          {"contact_name", draft.contact_name},
          {"email", draft.email},
          {"message", draft.message},
          {"consent_text", application.consent_text},
          {"state", app::MemberStateId(application.state)},
          {"reason", application.reason},
          {"organisation_id",
           application.organisation_id ? json(*application.organisation_id) : json(nullptr)},
          {"created_at", application.created_at},
          {"decided_at", application.decided_at ? json(*application.decided_at) : json(nullptr)}};
}

void ListApplications(Context& context) {
  const std::string state =
      Choice(context.request, "state", {"applied", "approved", "declined", "all"}, "applied");
  json applications = json::array();
  for (const auto& application : app::ListApplications(
           context.state.store, state == "all" ? std::nullopt : app::ParseMemberState(state))) {
    applications.push_back(ApplicationJson(application));
  }
  context.Json(200, {{"applications", applications}});
}

bool Decided(Context& context, app::Decision decision) {
  if (decision == app::Decision::kNotFound) {
    context.Fail(Problem::kNotFound);
    return false;
  }
  if (decision == app::Decision::kAlreadyDecided) {
    context.FailAtField(Problem::kConflict, "state");
    return false;
  }
  return true;
}

void Approve(Context& context) {
  const app::Approval approval = app::ApproveApplication(
      context.state.store, context.ids.at(0), context.user().id, SiteUrl(context), Now());
  if (!Decided(context, approval.decision)) return;
  json body = ApplicationJson(approval.application);
  body["new_account"] = approval.new_account;
  context.Json(200, body);
}

void Decline(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const app::Decision decision =
      app::DeclineApplication(context.state.store, context.ids.at(0), context.user().id,
                              StringField(*body, "reason"), Now());
  if (!Decided(context, decision)) return;
  context.Json(200, ApplicationJson(*app::FindApplication(context.state.store, context.ids.at(0))));
}

}  // namespace

void AddMemberRoutes(std::vector<Route>& routes) {
  routes.push_back({"PUT", "/api/users/{user}/coordinator", Access::kSiteAdmin, SetCoordinator});
  routes.push_back({"GET", "/api/members/organisations", Access::kMember, Directory});
  routes.push_back({"PUT", "/api/members/organisations/{org}", Access::kCoordinator, SetMember});
  routes.push_back({"GET", "/api/public/membership-form", Access::kPublic, ApplicationForm});
  routes.push_back({"POST", "/api/public/membership-applications", Access::kPublic, ApplyPublic});
  routes.push_back({"GET", "/api/membership-applications", Access::kCoordinator, ListApplications});
  routes.push_back({"POST", "/api/membership-applications/{application}/approve",
                    Access::kCoordinator, Approve});
  routes.push_back({"POST", "/api/membership-applications/{application}/decline",
                    Access::kCoordinator, Decline});
}

}  // namespace jamlik::server
