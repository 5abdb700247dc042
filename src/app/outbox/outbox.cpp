#include "app/outbox/outbox.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace jamlik::app {
namespace {

// How long a claimed mail is left to its sender before another may try: longer than one SMTP
// conversation takes, short enough that a crashed sender's mail goes out soon after.
constexpr std::int64_t kClaimSeconds = 300;
constexpr std::int64_t kMaxPauseSeconds = 6 * 3600;

std::int64_t PauseAfter(std::int64_t attempts) {
  const std::int64_t pause = std::int64_t{60} << std::min<std::int64_t>(attempts - 1, 20);
  return std::min(pause, kMaxPauseSeconds);
}

// Claim one due mail: the update succeeds for one sender only, because it requires the next
// attempt it read.
std::optional<OutboxEntry> Claim(store::Connection& connection, std::int64_t now) {
  const store::Rows due = connection.Query(
      "SELECT id, recipient, subject, body, attempts, next_attempt_at FROM outbox "
      "WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT 1",
      {now});
  if (due.empty()) return std::nullopt;
  const store::Row& row = due[0];
  const store::Rows claimed = connection.Query(
      "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 "
      "WHERE id = $2 AND next_attempt_at = $3 AND sent_at IS NULL RETURNING attempts",
      {now + kClaimSeconds, row.Int(0), row.Int(5)});
  if (claimed.empty()) return OutboxEntry{};  // another sender took it: look again
  return OutboxEntry{
      row.Int(0), {row.Text(1), row.Text(2), row.Text(3)}, claimed[0].Int(0), {}, std::nullopt};
}

}  // namespace

std::int64_t Enqueue(store::Connection& connection, const Mail& mail, std::int64_t now) {
  return connection
      .Query(
          "INSERT INTO outbox (recipient, subject, body, created_at, next_attempt_at) "
          "VALUES ($1, $2, $3, $4, $4) RETURNING id",
          {mail.to, mail.subject, mail.body, now})
      .at(0)
      .Int(0);
}

Delivery DeliverPending(store::Store& store, MailTransport& transport, const std::string& host,
                        std::int64_t now, std::size_t limit) {
  Delivery delivery;
  auto connection = store.Acquire();
  for (std::size_t tries = 0; delivery.sent + delivery.failed < limit && tries < 4 * limit;
       ++tries) {
    const std::optional<OutboxEntry> entry = Claim(*connection, now);
    if (!entry) break;
    if (entry->id == 0) continue;
    try {
      transport.Send(entry->mail, fmt::format("<outbox.{}@{}>", entry->id, host));
    } catch (const std::exception& error) {
      connection->Query("UPDATE outbox SET last_error = $1, next_attempt_at = $2 WHERE id = $3",
                        {std::string(error.what()), now + PauseAfter(entry->attempts), entry->id});
      ++delivery.failed;
      continue;
    }
    connection->Query("UPDATE outbox SET sent_at = $1, last_error = '' WHERE id = $2",
                      {now, entry->id});
    ++delivery.sent;
  }
  return delivery;
}

std::vector<OutboxEntry> ListOutbox(store::Store& store) {
  std::vector<OutboxEntry> entries;
  for (const store::Row& row : store.Acquire()->Query(
           "SELECT id, recipient, subject, body, attempts, last_error, sent_at FROM outbox "
           "ORDER BY id")) {
    entries.push_back({row.Int(0),
                       {row.Text(1), row.Text(2), row.Text(3)},
                       row.Int(4),
                       row.Text(5),
                       row.OptionalInt(6)});
  }
  return entries;
}

}  // namespace jamlik::app
