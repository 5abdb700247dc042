#pragma once
// Sending the outbox's mail by SMTP (libcurl): STARTTLS whenever the server offers it, implicit
// TLS for an smtps:// address, and the account's credentials when given.
#include <string>

#include "app/outbox/outbox.hpp"

namespace jamlik::app {

struct SmtpSettings {
  std::string url;   // smtp://host:port or smtps://host:port; empty: mail stays in the outbox
  std::string from;  // the sender's address
  std::string user;
  std::string password;
};

class SmtpTransport : public MailTransport {
 public:
  explicit SmtpTransport(SmtpSettings settings);
  // Throws std::runtime_error naming the server's answer when the mail is not accepted.
  void Send(const Mail& mail, const std::string& message_id) override;

 private:
  SmtpSettings settings_;
};

// The RFC 5322 message: headers (the subject encoded for UTF-8), then the body in base64.
std::string MimeMessage(const Mail& mail, const std::string& from, const std::string& message_id,
                        std::int64_t date);

}  // namespace jamlik::app
