#pragma once
// Test support: an SMTP server on 127.0.0.1 that accepts every mail and keeps it, decoded, for the
// test to read. It speaks just enough SMTP for a client (EHLO, MAIL, RCPT, DATA, QUIT).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace jamlik::app::testing {

struct ReceivedMail {
  std::string from;
  std::string to;
  std::string subject;  // decoded from its =?UTF-8?B?…?= form
  std::string body;     // decoded from base64
  std::string message_id;
};

class SmtpSink {
 public:
  SmtpSink();  // listens on a free port
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<ReceivedMail> Received();
  // Wait until at least `count` mails arrived or `timeout` passed; return what arrived.
  std::vector<ReceivedMail> WaitFor(std::size_t count, std::chrono::seconds timeout);

 private:
  void Serve();
  void Converse(int client);

  int listener_ = -1;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<ReceivedMail> received_;
  std::thread thread_;
};

}  // namespace jamlik::app::testing
