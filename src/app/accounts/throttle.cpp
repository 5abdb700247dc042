#include "app/accounts/throttle.hpp"

#include <algorithm>

namespace jamlik::app {
namespace {

std::int64_t DelayAfter(std::int64_t failures, const ThrottleRule& rule) {
  if (failures <= rule.free_failures) return 0;
  const std::int64_t doublings = std::min<std::int64_t>(failures - rule.free_failures, 30);
  return std::min<std::int64_t>(std::int64_t{1} << doublings, rule.max_delay_seconds);
}

}  // namespace

Attempt ReserveAttempt(store::Store& store, const std::string& subject, const ThrottleRule& rule,
                       std::int64_t now) {
  auto connection = store.Acquire();
  // Compare-and-set on the subject's row: of simultaneous attempts that read the same count,
  // one updates it and the others see it changed and read again.
  for (int round = 0; round < 8; ++round) {
    const store::Rows rows = connection->Query(
        "SELECT failures, blocked_until, last_at FROM login_throttle WHERE subject = $1",
        {subject});
    if (rows.empty()) {
      connection->Query(
          "INSERT INTO login_throttle (subject, failures, blocked_until, last_at) "
          "VALUES ($1, 0, 0, 0) ON CONFLICT (subject) DO NOTHING",
          {subject});
      continue;
    }
    const std::int64_t stored = rows[0].Int(0);
    const std::int64_t blocked_until = rows[0].Int(1);
    const std::int64_t last_at = rows[0].Int(2);
    const bool forgotten = last_at + rule.forget_after_seconds < now;
    if (!forgotten && blocked_until > now) return {false, blocked_until - now};
    const std::int64_t failures = (forgotten ? 0 : stored) + 1;
    const bool reserved =
        !connection
             ->Query(
                 "UPDATE login_throttle SET failures = $1, blocked_until = $2, "
                 "last_at = $3 WHERE subject = $4 AND failures = $5 AND "
                 "last_at = $6 RETURNING subject",
                 {failures, now + DelayAfter(failures, rule), now, subject, stored, last_at})
             .empty();
    if (reserved) return {true, 0};
  }
  return {false, 1};  // contended beyond reason: try again in a second
}

void ClearFailures(store::Store& store, const std::string& subject) {
  store.Acquire()->Query("DELETE FROM login_throttle WHERE subject = $1", {subject});
}

void RefundAttempt(store::Store& store, const std::string& subject) {
  store.Acquire()->Query(
      "UPDATE login_throttle SET failures = failures - 1 WHERE subject = $1 AND failures > 0",
      {subject});
}

std::int64_t CountRequest(store::Store& store, const std::string& subject, std::int64_t limit,
                          std::int64_t window_seconds, std::int64_t now) {
  const std::int64_t window = now - now % window_seconds;
  auto connection = store.Acquire();
  const std::int64_t count =
      connection
          ->Query(
              "INSERT INTO rate_limits (subject, window_start, count) VALUES ($1, $2, 1) "
              "ON CONFLICT (subject) DO UPDATE SET count = CASE WHEN rate_limits.window_start = "
              "excluded.window_start THEN rate_limits.count + 1 ELSE 1 END, window_start = "
              "excluded.window_start RETURNING count",
              {subject, window})
          .at(0)
          .Int(0);
  if (count == 1 && now % 60 == 0) {
    // Now and then, windows long past go (a row per address that called lately).
    connection->Query("DELETE FROM rate_limits WHERE window_start < $1", {window - 3600});
  }
  return count > limit ? window + window_seconds - now : 0;
}

}  // namespace jamlik::app
