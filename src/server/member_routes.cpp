// The meeting place's members: coordinators (set by site administrators), the member
// organisations and their directory, which only members see.
#include <fmt/format.h>

#include <ctime>

#include "app/members/members.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

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

}  // namespace

void AddMemberRoutes(std::vector<Route>& routes) {
  routes.push_back({"PUT", "/api/users/{user}/coordinator", Access::kSiteAdmin, SetCoordinator});
  routes.push_back({"GET", "/api/members/organisations", Access::kMember, Directory});
  routes.push_back({"PUT", "/api/members/organisations/{org}", Access::kCoordinator, SetMember});
}

}  // namespace jamlik::server
