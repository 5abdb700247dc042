#pragma once
// Mail that must not be lost or sent twice: a change (a registration, a promotion from the
// waiting list) writes its mail to the outbox in its own transaction, so the mail exists exactly
// when the change does; a sender delivers it later and records it as sent. A sender claims a mail
// before sending by moving its next attempt into the future, so two servers never send one mail
// at once, and a failed attempt is retried with growing pauses.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace jamlik::app {

struct Mail {
  std::string to;  // one address
  std::string subject;
  std::string body;  // plain text, UTF-8
};

// Write `mail` to the outbox on `connection`, inside the caller's transaction; return its id (a
// domain may link it, to delete it with the personal data it carries).
std::int64_t Enqueue(store::Connection& connection, const Mail& mail, std::int64_t now);

// What sends a mail: SMTP in the server, a recorder in tests. Throws on failure.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // `message_id` is stable per outbox row, so a receiver can tell a retry from a new mail.
  virtual void Send(const Mail& mail, const std::string& message_id) = 0;
};

struct Delivery {
  std::size_t sent = 0;
  std::size_t failed = 0;
};

// Send every mail due at `now` (at most `limit`), each claimed first; record each as sent or,
// when the transport throws, its error and the next attempt (1, 2, 4 … minutes, at most 6 hours).
Delivery DeliverPending(store::Store& store, MailTransport& transport, const std::string& host,
                        std::int64_t now, std::size_t limit = 100);

struct OutboxEntry {
  std::int64_t id = 0;
  Mail mail;
  std::int64_t attempts = 0;
  std::string last_error;
  std::optional<std::int64_t> sent_at;
};

// Every mail, oldest first (tests and the operator's view).
std::vector<OutboxEntry> ListOutbox(store::Store& store);

}  // namespace jamlik::app
