#pragma once
// Organisations (municipalities, regions, other members), users and their roles. A user holds
// one role per organisation; a site administrator manages organisations and accounts across the
// site but sees an organisation's data only as a member of it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace jamlik::app {

enum class OrganisationKind { kKommun, kRegion, kAnnan };
const char* OrganisationKindId(OrganisationKind kind);  // "kommun", "region", "annan"
std::optional<OrganisationKind> ParseOrganisationKind(std::string_view id);

// Ordered: each role may do everything the roles before it may.
enum class Role { kReader, kAnalyst, kAdmin };
const char* RoleId(Role role);  // "reader", "analyst", "admin"
std::optional<Role> ParseRole(std::string_view id);

struct Organisation {
  std::int64_t id = 0;
  std::string code;  // "1880", "18", or the member's own code
  std::string name;
  OrganisationKind kind = OrganisationKind::kKommun;
  std::string area_code;  // the area it answers for ("1880", "18"), or empty
};

struct User {
  std::int64_t id = 0;
  std::string email;  // lower-case; the login name
  std::string name;
  bool site_admin = false;
  bool must_change_password = false;  // an initial or reset password: change it first
  bool coordinator = false;  // a coordinator of the meeting place (publishes, approves, moderates)
};

// Whether the user coordinates the meeting place: a coordinator, or a site administrator.
inline bool IsCoordinator(const User& user) { return user.coordinator || user.site_admin; }

struct Membership {
  Organisation organisation;
  Role role = Role::kReader;
};

struct Member {
  User user;
  Role role = Role::kReader;
};

// Each returns nullopt when the code (or e-mail) is taken, and throws kInvalidArgument naming the
// field when a value is unacceptable.
std::optional<Organisation> CreateOrganisation(store::Store& store, const std::string& code,
                                               const std::string& name, OrganisationKind kind,
                                               const std::string& area_code = {});
std::optional<User> CreateUser(store::Store& store, const std::string& email,
                               const std::string& name, const std::string& password,
                               bool site_admin);

// The same on a connection, inside the caller's transaction (a change of several domains that
// must happen whole, as approving a membership application).
std::optional<Organisation> CreateOrganisation(store::Connection& connection,
                                               const std::string& code, const std::string& name,
                                               OrganisationKind kind,
                                               const std::string& area_code = {});
std::optional<User> CreateUser(store::Connection& connection, const std::string& email,
                               const std::string& name, const std::string& password,
                               bool site_admin);
std::optional<Organisation> FindOrganisationByCode(store::Connection& connection,
                                                   const std::string& code);
std::optional<User> FindUserByEmail(store::Connection& connection, const std::string& email);
std::optional<Role> RoleIn(store::Connection& connection, std::int64_t user,
                           std::int64_t organisation);
void SetMembership(store::Connection& connection, std::int64_t user, std::int64_t organisation,
                   Role role);
void RequirePasswordChange(store::Connection& connection, std::int64_t user);

std::vector<Organisation> ListOrganisations(store::Store& store);
std::optional<Organisation> FindOrganisation(store::Store& store, std::int64_t id);
std::optional<Organisation> FindOrganisationByCode(store::Store& store, const std::string& code);
std::optional<User> FindUser(store::Store& store, std::int64_t id);
std::optional<User> FindUserByEmail(store::Store& store, const std::string& email);
// Replace the password and end the user's sessions everywhere.
void SetPassword(store::Store& store, std::int64_t user, const std::string& password);
// Mark the user's password as initial (created or reset by someone else): the user may do
// nothing but change it until they have.
void RequirePasswordChange(store::Store& store, std::int64_t user);
// Give the user a new random password that must be changed at log-in, end their sessions, and
// return it (to be handed over once; only its hash is kept).
std::string ResetPassword(store::Store& store, std::int64_t user);
// Make the user a coordinator of the meeting place, or no longer one. False when there is no such
// user.
bool SetCoordinator(store::Store& store, std::int64_t user, bool coordinator);
// Disable (or enable again) an account: a disabled one cannot log in, and its sessions end.
// False when there is no such user.
bool SetDisabled(store::Store& store, std::int64_t user, bool disabled);
enum class PasswordChange { kChanged, kWrongPassword, kThrottled };
// SetPassword after checking the current one; nothing changes when it is wrong. Wrong current
// passwords slow further attempts (a stolen session must not be a way to guess the password):
// kThrottled without checking, `retry_after` seconds.
PasswordChange ChangePassword(store::Store& store, std::int64_t user, const std::string& current,
                              const std::string& replacement, std::int64_t now,
                              std::int64_t* retry_after = nullptr);

std::vector<Membership> MembershipsOf(store::Store& store, std::int64_t user);
std::optional<Role> RoleIn(store::Store& store, std::int64_t user, std::int64_t organisation);
std::vector<Member> MembersOf(store::Store& store, std::int64_t organisation);
void SetMembership(store::Store& store, std::int64_t user, std::int64_t organisation, Role role);
// Return false when the user was not a member.
bool RemoveMembership(store::Store& store, std::int64_t user, std::int64_t organisation);

// Return the e-mail address as the store keeps it: trimmed, lower-case.
std::string NormaliseEmail(std::string_view email);
// The normalised address; throws kInvalidArgument (field "email") unless it looks like one.
std::string CheckedEmail(std::string_view email);

}  // namespace jamlik::app
