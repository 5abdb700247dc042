#pragma once
// Growing delays against guessing, kept in the store so that they hold across restarts and across
// servers sharing one PostgreSQL database. A subject (an account from one address, an address, a
// user changing their password) may fail `free_failures` times; each failure after that makes the
// next attempt wait twice as long (2 s, 4 s … up to `max_delay_seconds`). An attacker is slowed;
// the owner, from another address, is not locked out. Counts are forgotten after
// `forget_after_seconds` without a failure.
#include <cstdint>
#include <string>

#include "store/database.hpp"

namespace jamlik::app {

struct ThrottleRule {
  int free_failures = 4;
  std::int64_t max_delay_seconds = 15 * 60;
  std::int64_t forget_after_seconds = 15 * 60;
};

struct Attempt {
  bool allowed = false;
  std::int64_t retry_after = 0;  // seconds, when not allowed
};

// Reserve one attempt for `subject`, counted as a failure until ClearFailures or RefundAttempt:
// reserving before the password is checked, in one atomic step, is what keeps fifty simultaneous
// guesses from all being checked.
Attempt ReserveAttempt(store::Store& store, const std::string& subject, const ThrottleRule& rule,
                       std::int64_t now);
// The attempt succeeded: forget the subject's failures.
void ClearFailures(store::Store& store, const std::string& subject);
// The attempt was not a failure of this subject after all (e.g. the account was throttled first,
// or the password was right): take back its count, keep any delay already running.
void RefundAttempt(store::Store& store, const std::string& subject);

// Count one request of `subject` in the current fixed window of `window_seconds`; return how many
// seconds until the window ends when this one is over `limit` (0 when it is within).
std::int64_t CountRequest(store::Store& store, const std::string& subject, std::int64_t limit,
                          std::int64_t window_seconds, std::int64_t now);

}  // namespace jamlik::app
