#include "app/accounts/sessions.hpp"

#include "app/accounts/credentials.hpp"
#include "core/utf8.hpp"

namespace jamlik::app {
namespace {

constexpr std::size_t kTokenBytes = 32;

// Verifying against a real hash when the account does not exist takes as long as a wrong
// password, so the answer's timing does not tell which accounts exist.
const std::string& DummyHash() {
  static const std::string hash = HashPassword(RandomHex(kTokenBytes));
  return hash;
}

}  // namespace

LoginResult LogIn(store::Store& store, const std::string& email, const std::string& password,
                  const std::string& address, const SessionPolicy& policy, std::int64_t now,
                  const std::string& user_agent) {
  const std::string account_subject = "login:" + NormaliseEmail(email) + " from " + address;
  const std::string address_subject = "address:" + address;
  const Attempt account =
      ReserveAttempt(store, account_subject, policy.per_account_and_address, now);
  if (!account.allowed) return {LoginOutcome::kThrottled, {}, account.retry_after};
  const Attempt from_address = ReserveAttempt(store, address_subject, policy.per_address, now);
  if (!from_address.allowed) {
    RefundAttempt(store, account_subject);
    return {LoginOutcome::kThrottled, {}, from_address.retry_after};
  }
  const store::Rows rows = store.Acquire()->Query(
      "SELECT id, email, name, site_admin, must_change_password, password_hash, disabled, "
      "coordinator FROM "
      "users WHERE email = $1",
      {NormaliseEmail(email)});
  const bool matches = VerifyPassword(password, rows.empty() ? DummyHash() : rows[0].Text(5)) &&
                       !rows.empty() && rows[0].Int(6) == 0;
  auto connection = store.Acquire();
  connection->Query("DELETE FROM sessions WHERE expires_at <= $1", {now});
  connection->Query("DELETE FROM login_throttle WHERE last_at < $1 AND blocked_until < $2",
                    {now - 24 * 3600, now});
  if (rows.empty() || !matches) return {};  // both reservations stand as failures
  ClearFailures(store, account_subject);
  RefundAttempt(store, address_subject);
  Session session{RandomHex(kTokenBytes), RandomHex(kTokenBytes),
                  User{rows[0].Int(0), rows[0].Text(1), rows[0].Text(2), rows[0].Int(3) != 0,
                       rows[0].Int(4) != 0, rows[0].Int(7) != 0},
                  now + policy.lifetime_seconds};
  connection->Query(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
      "last_seen_at, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {Sha256Hex(session.token), session.user.id, session.csrf_token, now, session.expires_at, now,
       TruncateUtf8(RepairUtf8(user_agent), 200)});
  return {LoginOutcome::kOk, std::move(session), 0};
}

std::optional<Session> FindSession(store::Store& store, const std::string& token, std::int64_t now,
                                   const SessionPolicy& policy) {
  if (token.empty()) return std::nullopt;
  const std::string token_hash = Sha256Hex(token);
  const store::Rows rows = store.Acquire()->Query(
      "SELECT u.id, u.email, u.name, u.site_admin, u.must_change_password, s.csrf_token, "
      "s.expires_at, s.last_seen_at, u.coordinator FROM sessions s JOIN users u ON u.id = "
      "s.user_id "
      "WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.disabled = 0",
      {token_hash, now, now - policy.idle_seconds});
  if (rows.empty()) return std::nullopt;
  const store::Row& row = rows[0];
  // Marking every request would make every read a write; a minute is fine for a 30-minute timeout.
  if (row.Int(7) < now - 60) {
    store.Acquire()->Query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
                           {now, token_hash});
  }
  return Session{
      token, row.Text(5),
      User{row.Int(0), row.Text(1), row.Text(2), row.Int(3) != 0, row.Int(4) != 0, row.Int(8) != 0},
      row.Int(6)};
}

std::vector<SessionInfo> SessionsOf(store::Store& store, const Session& current, std::int64_t now,
                                    const SessionPolicy& policy) {
  std::vector<SessionInfo> sessions;
  const std::string current_hash = Sha256Hex(current.token);
  for (const auto& row : store.Acquire()->Query(
           "SELECT token_hash, created_at, last_seen_at, expires_at, user_agent FROM sessions "
           "WHERE user_id = $1 AND expires_at > $2 AND last_seen_at > $3 "
           "ORDER BY last_seen_at DESC",
           {current.user.id, now, now - policy.idle_seconds})) {
    sessions.push_back(
        {row.Int(1), row.Int(2), row.Int(3), row.Text(4), row.Text(0) == current_hash});
  }
  return sessions;
}

std::size_t EndOtherSessions(store::Store& store, const Session& current) {
  return store.Acquire()
      ->Query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING user_id",
              {current.user.id, Sha256Hex(current.token)})
      .size();
}

void LogOut(store::Store& store, const std::string& token) {
  store.Acquire()->Query("DELETE FROM sessions WHERE token_hash = $1", {Sha256Hex(token)});
}

}  // namespace jamlik::app
