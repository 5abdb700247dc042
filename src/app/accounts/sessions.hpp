#pragma once
// Log-in, sessions and throttling. A session is a random token the browser holds in an HttpOnly
// cookie; the store keeps only its SHA-256, so a copy of the database opens no session. Each
// session carries its own CSRF token (synchronizer pattern). Failed log-ins slow down further
// attempts on the same account from the same address, and (less) from the same address on any
// account, with growing delays (app/throttle.hpp): past the free attempts, log-in answers
// "throttled" without checking the password, and the owner logging in from elsewhere is not
// affected.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/accounts.hpp"
#include "app/accounts/throttle.hpp"
#include "store/database.hpp"

namespace jamlik::app {

struct SessionPolicy {
  std::int64_t lifetime_seconds = 8 * 3600;  // a working day; then log in again
  std::int64_t idle_seconds = 30 * 60;       // a session unused this long ends
  // Guessing one account from one address: 4 free failures, then 2 s, 4 s … up to 15 minutes.
  ThrottleRule per_account_and_address = {4, 15 * 60, 15 * 60};
  // Many accounts from one address (credential stuffing): 20 free failures, then delays of at
  // most a minute, so that an office sharing one address is slowed, never locked out.
  ThrottleRule per_address = {20, 60, 15 * 60};
};

struct Session {
  std::string token;  // the cookie's value; only known right after log-in
  std::string csrf_token;
  User user;
  std::int64_t expires_at = 0;  // Unix seconds
};

enum class LoginOutcome { kOk, kBadCredentials, kThrottled };

struct LoginResult {
  LoginOutcome outcome = LoginOutcome::kBadCredentials;
  Session session;               // when kOk
  std::int64_t retry_after = 0;  // seconds, when kThrottled
};

// `address` is the client's IP address; `now` is Unix seconds (a parameter so tests can move
// time); `user_agent` names the browser in the list of one's sessions. A disabled account logs
// in as little as an unknown one.
LoginResult LogIn(store::Store& store, const std::string& email, const std::string& password,
                  const std::string& address, const SessionPolicy& policy, std::int64_t now,
                  const std::string& user_agent = {});
// Return the live session the token opens, or nullopt (unknown, expired, idle longer than the
// policy allows, or of a disabled account). Marks it used (at most once a minute).
std::optional<Session> FindSession(store::Store& store, const std::string& token, std::int64_t now,
                                   const SessionPolicy& policy = {});
void LogOut(store::Store& store, const std::string& token);

// One of a user's live sessions, as the list of "where am I logged in" shows it.
struct SessionInfo {
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;
  std::string user_agent;
  bool current = false;
};
std::vector<SessionInfo> SessionsOf(store::Store& store, const Session& current, std::int64_t now,
                                    const SessionPolicy& policy = {});
// End every session of the user but `current` ("log out elsewhere"); return how many ended.
std::size_t EndOtherSessions(store::Store& store, const Session& current);

}  // namespace jamlik::app
