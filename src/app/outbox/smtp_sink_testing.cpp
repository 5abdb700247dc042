#include "app/outbox/smtp_sink_testing.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace jamlik::app::testing {
namespace {

std::string Base64Decode(std::string text) {
  std::string clean;
  for (const char c : text) {
    if (c != '\r' && c != '\n') clean += c;
  }
  std::string out(clean.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(clean.data()),
                                static_cast<int>(clean.size()));
  if (n < 0) return {};
  out.resize(static_cast<std::size_t>(n));
  // EVP_DecodeBlock counts the padding's bytes as zeros.
  std::size_t padding = 0;
  while (!clean.empty() && clean.back() == '=') {
    clean.pop_back();
    ++padding;
  }
  out.resize(out.size() - padding);
  return out;
}

std::string Header(const std::string& message, const std::string& name) {
  const std::string key = "\r\n" + name + ": ";
  const std::size_t at = ("\r\n" + message).find(key);
  if (at == std::string::npos) return {};
  const std::size_t start = at + key.size() - 2;
  return message.substr(start, message.find("\r\n", start) - start);
}

void Write(int client, const std::string& line) {
  const std::string text = line + "\r\n";
  (void)::send(client, text.data(), text.size(), MSG_NOSIGNAL);
}

}  // namespace

SmtpSink::SmtpSink() {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::listen(listener_, 16) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    throw std::runtime_error("the SMTP sink cannot listen");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

SmtpSink::~SmtpSink() {
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  thread_.join();
}

void SmtpSink::Serve() {
  while (true) {
    const int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) return;
    Converse(client);
    ::close(client);
  }
}

void SmtpSink::Converse(int client) {
  Write(client, "220 sink ESMTP");
  std::string buffer;
  ReceivedMail mail;
  bool in_data = false;
  char chunk[4096];
  while (true) {
    pollfd ready{client, POLLIN, 0};
    if (::poll(&ready, 1, 10'000) <= 0) return;
    const ssize_t n = ::recv(client, chunk, sizeof(chunk), 0);
    if (n <= 0) return;
    buffer.append(chunk, static_cast<std::size_t>(n));
    while (true) {
      if (in_data) {
        const std::size_t end = buffer.find("\r\n.\r\n");
        if (end == std::string::npos) break;
        const std::string message = buffer.substr(0, end + 2);
        buffer.erase(0, end + 5);
        in_data = false;
        std::string subject = Header(message, "Subject");
        if (subject.starts_with("=?UTF-8?B?") && subject.ends_with("?=")) {
          subject = Base64Decode(subject.substr(10, subject.size() - 12));
        }
        mail.subject = subject;
        mail.message_id = Header(message, "Message-ID");
        const std::size_t body = message.find("\r\n\r\n");
        mail.body = body == std::string::npos ? "" : Base64Decode(message.substr(body + 4));
        {
          const std::lock_guard lock(mutex_);
          received_.push_back(mail);
        }
        arrived_.notify_all();
        mail = {};
        Write(client, "250 OK queued");
        continue;
      }
      const std::size_t end = buffer.find("\r\n");
      if (end == std::string::npos) break;
      const std::string line = buffer.substr(0, end);
      buffer.erase(0, end + 2);
      const std::string verb = line.substr(0, 4);
      if (verb == "EHLO" || verb == "HELO") {
        Write(client, "250 sink");
      } else if (verb == "MAIL") {
        mail.from = line.substr(line.find(':') + 1);
        Write(client, "250 OK");
      } else if (verb == "RCPT") {
        mail.to = line.substr(line.find(':') + 1);
        Write(client, "250 OK");
      } else if (verb == "DATA") {
        in_data = true;
        Write(client, "354 go ahead");
      } else if (verb == "QUIT") {
        Write(client, "221 bye");
        return;
      } else {
        Write(client, "250 OK");
      }
    }
  }
}

std::vector<ReceivedMail> SmtpSink::Received() {
  const std::lock_guard lock(mutex_);
  return received_;
}

std::vector<ReceivedMail> SmtpSink::WaitFor(std::size_t count, std::chrono::seconds timeout) {
  std::unique_lock lock(mutex_);
  arrived_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
  return received_;
}

}  // namespace jamlik::app::testing
