#include "app/accounts/invitations.hpp"

#include <regex>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::app {
namespace {

constexpr const char* kInvitationColumns =
    "i.id, o.id, o.code, o.name, o.kind, i.email, i.role, i.created_at, i.expires_at, "
    "o.area_code";

Invitation InvitationFrom(const store::Row& row) {
  return {row.Int(0),
          {row.Int(1), row.Text(2), row.Text(3),
           ParseOrganisationKind(row.Text(4)).value_or(OrganisationKind::kAnnan), row.Text(9)},
          row.Text(5),
          ParseRole(row.Text(6)).value_or(Role::kReader),
          row.Int(7),
          row.Int(8)};
}

std::vector<Invitation> Select(store::Connection& connection, const std::string& where,
                               const store::Params& params) {
  std::vector<Invitation> invitations;
  for (const auto& row : connection.Query(
           std::string("SELECT ") + kInvitationColumns +
               " FROM invitations i JOIN organisations o ON o.id = i.organisation_id WHERE " +
               where + " ORDER BY i.created_at DESC, i.id DESC",
           params)) {
    invitations.push_back(InvitationFrom(row));
  }
  return invitations;
}

std::vector<Invitation> Select(store::Store& store, const std::string& where,
                               const store::Params& params) {
  return Select(*store.Acquire(), where, params);
}

}  // namespace

Invitation Invite(store::Store& store, std::int64_t organisation, const std::string& email,
                  Role role, std::int64_t invited_by, std::int64_t now) {
  return Invite(*store.Acquire(), organisation, email, role, invited_by, now);
}

Invitation Invite(store::Connection& connection, std::int64_t organisation,
                  const std::string& email, Role role, std::int64_t invited_by, std::int64_t now) {
  const std::string normalised = NormaliseEmail(email);
  if (!std::regex_match(normalised, std::regex("[^@\\s]+@[^@\\s]+")) || normalised.size() > 200) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("ogiltig e-postadress", "not a valid e-mail address")), {}, "email");
  }
  connection.Query(
      "INSERT INTO invitations (organisation_id, email, role, invited_by, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organisation_id, email) DO UPDATE SET "
      "role = excluded.role, invited_by = excluded.invited_by, created_at = excluded.created_at, "
      "expires_at = excluded.expires_at",
      {organisation, normalised, std::string(RoleId(role)), invited_by, now,
       now + kInvitationSeconds});
  return Select(connection, "i.organisation_id = $1 AND i.email = $2", {organisation, normalised})
      .at(0);
}

std::vector<Invitation> InvitationsOf(store::Store& store, std::int64_t organisation,
                                      std::int64_t now) {
  return Select(store, "i.organisation_id = $1 AND i.expires_at > $2", {organisation, now});
}

std::vector<Invitation> InvitationsFor(store::Store& store, const User& user, std::int64_t now) {
  return Select(store, "i.email = $1 AND i.expires_at > $2", {user.email, now});
}

std::optional<Invitation> AcceptInvitation(store::Store& store, std::int64_t id, const User& user,
                                           std::int64_t now) {
  const auto found =
      Select(store, "i.id = $1 AND i.email = $2 AND i.expires_at > $3", {id, user.email, now});
  if (found.empty()) return std::nullopt;
  SetMembership(store, user.id, found[0].organisation.id, found[0].role);
  store.Acquire()->Query("DELETE FROM invitations WHERE id = $1", {id});
  return found[0];
}

bool DeclineInvitation(store::Store& store, std::int64_t id, const User& user) {
  return !store.Acquire()
              ->Query("DELETE FROM invitations WHERE id = $1 AND email = $2 RETURNING id",
                      {id, user.email})
              .empty();
}

bool WithdrawInvitation(store::Store& store, std::int64_t organisation, std::int64_t id) {
  return !store.Acquire()
              ->Query("DELETE FROM invitations WHERE id = $1 AND organisation_id = $2 RETURNING id",
                      {id, organisation})
              .empty();
}

}  // namespace jamlik::app
