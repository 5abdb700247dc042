#include "app/accounts/accounts.hpp"

#include <algorithm>
#include <ctime>
#include <regex>

#include "app/accounts/credentials.hpp"
#include "app/accounts/password_policy.hpp"
#include "app/accounts/throttle.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::app {
namespace {

constexpr std::size_t kMaxTextLength = 200;

std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

[[noreturn]] void Invalid(const char* field, std::string_view swedish, std::string_view english) {
  throw Error(ErrorCode::kInvalidArgument, std::string(Tr(swedish, english)), {}, field);
}

Organisation OrganisationFrom(const store::Row& row) {
  return {row.Int(0), row.Text(1), row.Text(2),
          ParseOrganisationKind(row.Text(3)).value_or(OrganisationKind::kAnnan), row.Text(4)};
}

// A user from kUserColumns; the coordinator flag is in column `coordinator`.
User UserFrom(const store::Row& row, std::size_t coordinator = 5) {
  return {row.Int(0),      row.Text(1),     row.Text(2),
          row.Int(3) != 0, row.Int(4) != 0, row.Int(coordinator) != 0};
}

constexpr const char* kOrganisationColumns = "id, code, name, kind, area_code";
constexpr const char* kUserColumns =
    "id, email, name, site_admin, must_change_password, coordinator";

std::optional<Organisation> OneOrganisation(const store::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return OrganisationFrom(rows[0]);
}

std::optional<User> OneUser(const store::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return UserFrom(rows[0]);
}

}  // namespace

const char* OrganisationKindId(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::kKommun:
      return "kommun";
    case OrganisationKind::kRegion:
      return "region";
    case OrganisationKind::kAnnan:
      return "annan";
  }
  return "annan";
}

std::optional<OrganisationKind> ParseOrganisationKind(std::string_view id) {
  for (auto kind :
       {OrganisationKind::kKommun, OrganisationKind::kRegion, OrganisationKind::kAnnan}) {
    if (id == OrganisationKindId(kind)) return kind;
  }
  return std::nullopt;
}

const char* RoleId(Role role) {
  switch (role) {
    case Role::kReader:
      return "reader";
    case Role::kAnalyst:
      return "analyst";
    case Role::kAdmin:
      return "admin";
  }
  return "reader";
}

std::optional<Role> ParseRole(std::string_view id) {
  for (auto role : {Role::kReader, Role::kAnalyst, Role::kAdmin}) {
    if (id == RoleId(role)) return role;
  }
  return std::nullopt;
}

std::string NormaliseEmail(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) {
    email.remove_prefix(1);
  }
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) {
    email.remove_suffix(1);
  }
  std::string normalised(email);
  std::transform(normalised.begin(), normalised.end(), normalised.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return normalised;
}

std::string CheckedEmail(std::string_view email) {
  std::string normalised = NormaliseEmail(email);
  if (!std::regex_match(normalised, std::regex("[^@\\s]+@[^@\\s]+")) ||
      normalised.size() > kMaxTextLength) {
    Invalid("email", "ogiltig e-postadress", "not a valid e-mail address");
  }
  return normalised;
}

std::optional<Organisation> CreateOrganisation(store::Store& store, const std::string& code,
                                               const std::string& name, OrganisationKind kind,
                                               const std::string& area_code) {
  return CreateOrganisation(*store.Acquire(), code, name, kind, area_code);
}

std::optional<Organisation> CreateOrganisation(store::Connection& connection,
                                               const std::string& code, const std::string& name,
                                               OrganisationKind kind,
                                               const std::string& area_code) {
  if (!std::regex_match(code, std::regex("[A-Za-z0-9_-]{1,32}"))) {
    Invalid("code", "koden ska bestå av 1–32 bokstäver (a–z), siffror, - eller _",
            "the code must be 1–32 letters (a–z), digits, - or _");
  }
  if (!std::regex_match(area_code, std::regex("[A-Za-z0-9]{0,16}"))) {
    Invalid("area_code", "områdeskoden ska bestå av högst 16 bokstäver (a–z) och siffror",
            "the area code must be at most 16 letters (a–z) and digits");
  }
  CheckName(name, "name");
  return OneOrganisation(connection.Query(
      std::string("INSERT INTO organisations (code, name, kind, area_code, created_at) "
                  "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING RETURNING ") +
          kOrganisationColumns,
      {code, name, std::string(OrganisationKindId(kind)), area_code, Now()}));
}

std::optional<User> CreateUser(store::Store& store, const std::string& email,
                               const std::string& name, const std::string& password,
                               bool site_admin) {
  return CreateUser(*store.Acquire(), email, name, password, site_admin);
}

std::optional<User> CreateUser(store::Connection& connection, const std::string& email,
                               const std::string& name, const std::string& password,
                               bool site_admin) {
  const std::string normalised = CheckedEmail(email);
  CheckName(name, "name");
  CheckPasswordPolicy(password, normalised);
  return OneUser(connection.Query(
      "INSERT INTO users (email, name, password_hash, site_admin, created_at) "
      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING "
      "RETURNING id, email, name, site_admin, must_change_password, coordinator",
      {normalised, name, HashPassword(password), std::int64_t{site_admin}, Now()}));
}

std::vector<Organisation> ListOrganisations(store::Store& store) {
  std::vector<Organisation> organisations;
  for (const auto& row : store.Acquire()->Query(std::string("SELECT ") + kOrganisationColumns +
                                                " FROM organisations ORDER BY name")) {
    organisations.push_back(OrganisationFrom(row));
  }
  return organisations;
}

std::optional<Organisation> FindOrganisation(store::Store& store, std::int64_t id) {
  return OneOrganisation(store.Acquire()->Query(
      std::string("SELECT ") + kOrganisationColumns + " FROM organisations WHERE id = $1", {id}));
}

std::optional<Organisation> FindOrganisationByCode(store::Store& store, const std::string& code) {
  return FindOrganisationByCode(*store.Acquire(), code);
}

std::optional<Organisation> FindOrganisationByCode(store::Connection& connection,
                                                   const std::string& code) {
  return OneOrganisation(connection.Query(
      std::string("SELECT ") + kOrganisationColumns + " FROM organisations WHERE code = $1",
      {code}));
}

std::optional<User> FindUser(store::Store& store, std::int64_t id) {
  return OneUser(store.Acquire()->Query(
      std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1", {id}));
}

std::optional<User> FindUserByEmail(store::Store& store, const std::string& email) {
  return FindUserByEmail(*store.Acquire(), email);
}

std::optional<User> FindUserByEmail(store::Connection& connection, const std::string& email) {
  return OneUser(
      connection.Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE email = $1",
                       {NormaliseEmail(email)}));
}

void SetPassword(store::Store& store, std::int64_t user, const std::string& password) {
  const auto account = FindUser(store, user);
  CheckPasswordPolicy(password, account ? account->email : std::string());
  const std::string hash = HashPassword(password);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  connection->Query("UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2",
                    {hash, user});
  connection->Query("DELETE FROM sessions WHERE user_id = $1", {user});
  transaction.Commit();
}

void RequirePasswordChange(store::Store& store, std::int64_t user) {
  RequirePasswordChange(*store.Acquire(), user);
}

void RequirePasswordChange(store::Connection& connection, std::int64_t user) {
  connection.Query("UPDATE users SET must_change_password = 1 WHERE id = $1", {user});
}

std::string ResetPassword(store::Store& store, std::int64_t user) {
  const std::string password = RandomPassword();
  SetPassword(store, user, password);
  RequirePasswordChange(store, user);
  return password;
}

bool SetDisabled(store::Store& store, std::int64_t user, bool disabled) {
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const bool found = !connection
                          ->Query("UPDATE users SET disabled = $1 WHERE id = $2 RETURNING id",
                                  {std::int64_t{disabled}, user})
                          .empty();
  connection->Query("DELETE FROM sessions WHERE user_id = $1", {user});
  transaction.Commit();
  return found;
}

bool SetCoordinator(store::Store& store, std::int64_t user, bool coordinator) {
  return !store.Acquire()
              ->Query("UPDATE users SET coordinator = $1 WHERE id = $2 RETURNING id",
                      {std::int64_t{coordinator}, user})
              .empty();
}

PasswordChange ChangePassword(store::Store& store, std::int64_t user, const std::string& current,
                              const std::string& replacement, std::int64_t now,
                              std::int64_t* retry_after) {
  constexpr ThrottleRule kRule = {4, 15 * 60, 15 * 60};
  const std::string subject = "password:" + std::to_string(user);
  const Attempt attempt = ReserveAttempt(store, subject, kRule, now);
  if (!attempt.allowed) {
    if (retry_after != nullptr) *retry_after = attempt.retry_after;
    return PasswordChange::kThrottled;
  }
  const store::Rows rows =
      store.Acquire()->Query("SELECT password_hash FROM users WHERE id = $1", {user});
  if (rows.empty() || !VerifyPassword(current, rows[0].Text(0))) {
    return PasswordChange::kWrongPassword;
  }
  SetPassword(store, user, replacement);
  ClearFailures(store, subject);
  return PasswordChange::kChanged;
}

std::vector<Membership> MembershipsOf(store::Store& store, std::int64_t user) {
  std::vector<Membership> memberships;
  for (const auto& row : store.Acquire()->Query(
           "SELECT o.id, o.code, o.name, o.kind, o.area_code, m.role FROM memberships m "
           "JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 "
           "ORDER BY o.name",
           {user})) {
    memberships.push_back({OrganisationFrom(row), ParseRole(row.Text(5)).value_or(Role::kReader)});
  }
  return memberships;
}

std::optional<Role> RoleIn(store::Store& store, std::int64_t user, std::int64_t organisation) {
  return RoleIn(*store.Acquire(), user, organisation);
}

std::optional<Role> RoleIn(store::Connection& connection, std::int64_t user,
                           std::int64_t organisation) {
  const store::Rows rows =
      connection.Query("SELECT role FROM memberships WHERE user_id = $1 AND organisation_id = $2",
                       {user, organisation});
  if (rows.empty()) return std::nullopt;
  return ParseRole(rows[0].Text(0));
}

std::vector<Member> MembersOf(store::Store& store, std::int64_t organisation) {
  std::vector<Member> members;
  for (const auto& row : store.Acquire()->Query(
           "SELECT u.id, u.email, u.name, u.site_admin, u.must_change_password, m.role, "
           "u.coordinator FROM "
           "memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 ORDER BY "
           "u.email",
           {organisation})) {
    members.push_back({UserFrom(row, 6), ParseRole(row.Text(5)).value_or(Role::kReader)});
  }
  return members;
}

void SetMembership(store::Store& store, std::int64_t user, std::int64_t organisation, Role role) {
  SetMembership(*store.Acquire(), user, organisation, role);
}

void SetMembership(store::Connection& connection, std::int64_t user, std::int64_t organisation,
                   Role role) {
  connection.Query(
      "INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3) "
      "ON CONFLICT (user_id, organisation_id) DO UPDATE SET role = excluded.role",
      {user, organisation, std::string(RoleId(role))});
}

bool RemoveMembership(store::Store& store, std::int64_t user, std::int64_t organisation) {
  return !store.Acquire()
              ->Query(
                  "DELETE FROM memberships WHERE user_id = $1 AND organisation_id = $2 "
                  "RETURNING user_id",
                  {user, organisation})
              .empty();
}

}  // namespace jamlik::app
