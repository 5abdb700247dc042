// Organisations, their members and user accounts: site administrators create organisations and
// accounts; an organisation's admins decide who belongs to it and with which role.
#include <fmt/format.h>

#include <ctime>

#include "app/accounts/invitations.hpp"
#include "app/analyses/audit_trail.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

app::Role RoleField(const json& body) {
  const std::optional<app::Role> role = app::ParseRole(StringField(body, "role"));
  if (!role) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("rollen ska vara reader, analyst eller admin",
                               "the role must be reader, analyst or admin")),
                {}, "role");
  }
  return *role;
}

void ListOrganisations(Context& context) {
  json organisations = json::array();
  if (context.user().site_admin) {
    for (const auto& organisation : app::ListOrganisations(context.state.store)) {
      json entry = ToJson(organisation);
      const auto role = app::RoleIn(context.state.store, context.user().id, organisation.id);
      entry["role"] = role ? json(app::RoleId(*role)) : json(nullptr);
      organisations.push_back(std::move(entry));
    }
  } else {
    for (const auto& membership : app::MembershipsOf(context.state.store, context.user().id)) {
      json entry = ToJson(membership.organisation);
      entry["role"] = app::RoleId(membership.role);
      organisations.push_back(std::move(entry));
    }
  }
  context.Json(200, {{"organisations", organisations}});
}

void CreateOrganisation(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const auto kind = app::ParseOrganisationKind(StringField(*body, "kind"));
  if (!kind) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("kind ska vara kommun, region eller annan",
                               "kind must be kommun, region or annan")),
                {}, "kind");
  }
  const auto organisation = app::CreateOrganisation(context.state.store, StringField(*body, "code"),
                                                    StringField(*body, "name"), *kind,
                                                    StringField(*body, "area_code", false));
  if (!organisation) return context.FailAtField(Problem::kConflict, "code");
  context.response.set_header("Location", "/api/organisations/" + std::to_string(organisation->id));
  context.Json(201, ToJson(*organisation));
}

void ListMembers(Context& context) {
  json members = json::array();
  for (const auto& member : app::MembersOf(context.state.store, context.org_id())) {
    members.push_back({{"user", ToJson(member.user)}, {"role", app::RoleId(member.role)}});
  }
  context.Json(200, {{"members", members}});
}

// A change of who may read the organisation's data is recorded in its audit log, shown to its
// admins: a site administrator who adds themself to read an organisation's data is seen there.
void AuditMembership(Context& context, const std::string& change,
                     std::optional<std::int64_t> organisation = std::nullopt) {
  AuditRecord record;
  record.action = "membership";
  record.user = context.user().email;
  record.table = change;
  // Not value_or: its argument is evaluated first, and a route without {org} (accepting an
  // invitation) has no organisation to read the id of.
  app::StoreAuditLog(context.state.store, organisation ? *organisation : context.org_id(),
                     context.user().id)
      .Append(std::move(record));
}

json InvitationJson(const app::Invitation& invitation) {
  return {{"id", invitation.id},
          {"organisation", ToJson(invitation.organisation)},
          {"email", invitation.email},
          {"role", app::RoleId(invitation.role)},
          {"created_at", invitation.created_at},
          {"expires_at", invitation.expires_at}};
}

// A member's role changes at once; anyone else is invited, with the same answer whether or not
// the address has an account here: the admin learns nothing about accounts outside the
// organisation.
void SetMember(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const app::Role role = RoleField(*body);
  const std::string email = app::NormaliseEmail(StringField(*body, "email"));
  const auto user = app::FindUserByEmail(context.state.store, email);
  if (user && app::RoleIn(context.state.store, user->id, context.org_id())) {
    app::SetMembership(context.state.store, user->id, context.org_id(), role);
    AuditMembership(context, fmt::format("{}: {}", user->email, app::RoleId(role)));
    return context.Json(200, {{"user", ToJson(*user)}, {"role", app::RoleId(role)}});
  }
  const app::Invitation invitation = app::Invite(context.state.store, context.org_id(), email, role,
                                                 context.user().id, std::time(nullptr));
  AuditMembership(context,
                  fmt::format("{}: invited as {}", invitation.email, app::RoleId(invitation.role)));
  context.Json(202, {{"invitation", InvitationJson(invitation)}});
}

json InvitationsJson(const std::vector<app::Invitation>& invitations) {
  json array = json::array();
  for (const auto& invitation : invitations) array.push_back(InvitationJson(invitation));
  return {{"invitations", array}};
}

void ListInvitations(Context& context) {
  context.Json(200, InvitationsJson(app::InvitationsOf(context.state.store, context.org_id(),
                                                       std::time(nullptr))));
}

void WithdrawInvitation(Context& context) {
  if (!app::WithdrawInvitation(context.state.store, context.org_id(), context.ids.at(1))) {
    return context.Fail(Problem::kNotFound);
  }
  context.response.status = 204;
}

void MyInvitations(Context& context) {
  context.Json(200, InvitationsJson(app::InvitationsFor(context.state.store, context.user(),
                                                        std::time(nullptr))));
}

void AcceptInvitation(Context& context) {
  const auto invitation = app::AcceptInvitation(context.state.store, context.ids.at(0),
                                                context.user(), std::time(nullptr));
  if (!invitation) return context.Fail(Problem::kNotFound);
  AuditMembership(
      context,
      fmt::format("{}: {} (invitation accepted)", invitation->email, app::RoleId(invitation->role)),
      invitation->organisation.id);
  context.Json(200, {{"organisation", ToJson(invitation->organisation)},
                     {"role", app::RoleId(invitation->role)}});
}

void DeclineInvitation(Context& context) {
  if (!app::DeclineInvitation(context.state.store, context.ids.at(0), context.user())) {
    return context.Fail(Problem::kNotFound);
  }
  context.response.status = 204;
}

void RemoveMember(Context& context) {
  const auto user = app::FindUser(context.state.store, context.ids.at(1));
  if (!user || !app::RemoveMembership(context.state.store, user->id, context.org_id())) {
    return context.Fail(Problem::kNotFound);
  }
  AuditMembership(context, fmt::format("{}: removed", user->email));
  context.response.status = 204;
}

void CreateUser(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const json site_admin = body->value("site_admin", json(false));
  if (!site_admin.is_boolean()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("ska vara true eller false", "must be true or false")), {},
                "site_admin");
  }
  const auto user =
      app::CreateUser(context.state.store, StringField(*body, "email"), StringField(*body, "name"),
                      StringField(*body, "password"), site_admin.get<bool>());
  if (!user) return context.FailAtField(Problem::kConflict, "email");
  // The administrator chose the password: the person changes it at first log-in.
  app::RequirePasswordChange(context.state.store, user->id);
  context.Json(201, ToJson(*app::FindUser(context.state.store, user->id)));
}

void ResetPassword(Context& context) {
  if (!app::FindUser(context.state.store, context.ids.at(0))) {
    return context.Fail(Problem::kNotFound);
  }
  context.Json(200, {{"password", app::ResetPassword(context.state.store, context.ids.at(0))},
                     {"must_change_password", true}});
}

void SetDisabled(Context& context, bool disabled) {
  if (context.ids.at(0) == context.user().id) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("du kan inte stänga av ditt eget konto",
                               "you cannot disable your own account")),
                {}, "user");
  }
  if (!app::SetDisabled(context.state.store, context.ids.at(0), disabled)) {
    return context.Fail(Problem::kNotFound);
  }
  context.response.status = 204;
}

}  // namespace

void AddOrganisationRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/organisations", Access::kSignedIn, ListOrganisations});
  routes.push_back({"POST", "/api/organisations", Access::kSiteAdmin, CreateOrganisation});
  routes.push_back({"GET", "/api/organisations/{org}", Access::kOrgMetadata,
                    [](Context& context) { context.Json(200, ToJson(*context.organisation)); }});
  routes.push_back(
      {"GET", "/api/organisations/{org}/members", Access::kOrgManagement, ListMembers});
  routes.push_back({"POST", "/api/organisations/{org}/members", Access::kOrgManagement, SetMember});
  routes.push_back(
      {"DELETE", "/api/organisations/{org}/members/{user}", Access::kOrgManagement, RemoveMember});
  routes.push_back(
      {"GET", "/api/organisations/{org}/invitations", Access::kOrgManagement, ListInvitations});
  routes.push_back({"DELETE", "/api/organisations/{org}/invitations/{invitation}",
                    Access::kOrgManagement, WithdrawInvitation});
  routes.push_back({"GET", "/api/invitations", Access::kSignedIn, MyInvitations});
  routes.push_back(
      {"POST", "/api/invitations/{invitation}/accept", Access::kSignedIn, AcceptInvitation});
  routes.push_back(
      {"POST", "/api/invitations/{invitation}/decline", Access::kSignedIn, DeclineInvitation});
  routes.push_back({"POST", "/api/users", Access::kSiteAdmin, CreateUser});
  routes.push_back({"POST", "/api/users/{user}/password-reset", Access::kSiteAdmin, ResetPassword});
  routes.push_back({"POST", "/api/users/{user}/disable", Access::kSiteAdmin,
                    [](Context& context) { SetDisabled(context, true); }});
  routes.push_back({"POST", "/api/users/{user}/enable", Access::kSiteAdmin,
                    [](Context& context) { SetDisabled(context, false); }});
}

}  // namespace jamlik::server
