// The outbox: a mail exists exactly when its transaction committed, goes out once through SMTP
// (to a sink on loopback), is retried with pauses when the server is away, and is never sent
// twice — after a restart, or with two senders at once.
#include "app/outbox/outbox.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "app/outbox/smtp.hpp"
#include "app/outbox/smtp_sink_testing.hpp"
#include "app/testing.hpp"

namespace jamlik::app {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

class OutboxTest : public app::testing::AppStoreTest {};

// Counts what it is asked to send.
class Recorder : public MailTransport {
 public:
  void Send(const Mail& mail, const std::string& message_id) override {
    const std::lock_guard lock(mutex_);
    ++sent_[message_id];
    last_ = mail;
  }
  std::map<std::string, int> sent() {
    const std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, int> sent_;
  Mail last_;
};

TEST_P(OutboxTest, AMailExistsOnlyWhenItsTransactionCommitted) {
  {
    auto connection = store_->Acquire();
    store::Transaction transaction(*connection);
    Enqueue(*connection, {"a@example.se", "Ångrad", "…"}, kNow);
  }  // rolled back
  {
    auto connection = store_->Acquire();
    store::Transaction transaction(*connection);
    Enqueue(*connection, {"b@example.se", "Kvar", "…"}, kNow);
    transaction.Commit();
  }
  const auto outbox = ListOutbox(*store_);
  ASSERT_EQ(outbox.size(), 1U);
  EXPECT_EQ(outbox[0].mail.to, "b@example.se");
  EXPECT_FALSE(outbox[0].sent_at);
}

TEST_P(OutboxTest, SentOnceBySmtpAndNotAgainAfterARestart) {
  testing::SmtpSink sink;
  Enqueue(*store_->Acquire(),
          {"åsa@example.se", "Anmälan bekräftad: Jämlik hälsa",
           "Hej Åsa!\nVälkommen – på återseende.\n"},
          kNow);
  SmtpTransport smtp({sink.url(), "motesplats@example.se", "", ""});
  const Delivery first = DeliverPending(*store_, smtp, "jamlik.test", kNow);
  EXPECT_EQ(first.sent, 1U);
  EXPECT_EQ(first.failed, 0U);
  const auto received = sink.WaitFor(1, std::chrono::seconds(10));
  ASSERT_EQ(received.size(), 1U);
  EXPECT_EQ(received[0].to, "<åsa@example.se>");
  EXPECT_EQ(received[0].from, "<motesplats@example.se>");
  EXPECT_EQ(received[0].subject, "Anmälan bekräftad: Jämlik hälsa");
  EXPECT_EQ(received[0].body, "Hej Åsa!\nVälkommen – på återseende.\n");
  EXPECT_EQ(received[0].message_id, "<outbox.1@jamlik.test>");

  // A restart: the store opened again, the sender run again: nothing more goes out.
  store_.reset();
  store_ = store::OpenStore(scratch_->config());
  EXPECT_EQ(DeliverPending(*store_, smtp, "jamlik.test", kNow + 3600).sent, 0U);
  EXPECT_EQ(sink.Received().size(), 1U);
  EXPECT_EQ(ListOutbox(*store_).at(0).sent_at, kNow);
}

TEST_P(OutboxTest, AnAbsentServerMeansRetriesWithPauses) {
  Enqueue(*store_->Acquire(), {"a@example.se", "Ämne", "Text"}, kNow);
  int closed_port = 0;
  {
    testing::SmtpSink gone;
    closed_port = gone.port();
  }
  SmtpTransport away({fmt::format("smtp://127.0.0.1:{}", closed_port), "m@example.se", "", ""});
  const Delivery failed = DeliverPending(*store_, away, "jamlik.test", kNow);
  EXPECT_EQ(failed.sent, 0U);
  EXPECT_EQ(failed.failed, 1U);
  auto entry = ListOutbox(*store_).at(0);
  EXPECT_EQ(entry.attempts, 1);
  EXPECT_NE(entry.last_error.find("SMTP"), std::string::npos) << entry.last_error;

  testing::SmtpSink sink;
  SmtpTransport smtp({sink.url(), "m@example.se", "", ""});
  EXPECT_EQ(DeliverPending(*store_, smtp, "jamlik.test", kNow + 59).sent, 0U) << "no pause";
  EXPECT_EQ(DeliverPending(*store_, smtp, "jamlik.test", kNow + 60).sent, 1U);
  entry = ListOutbox(*store_).at(0);
  EXPECT_EQ(entry.attempts, 2);
  EXPECT_EQ(entry.last_error, "");
  EXPECT_EQ(sink.WaitFor(1, std::chrono::seconds(10)).size(), 1U);
}

TEST_P(OutboxTest, TwoSendersAtOnceSendEachMailOnce) {
  constexpr int kMails = 60;
  for (int i = 0; i < kMails; ++i) {
    Enqueue(*store_->Acquire(), {fmt::format("m{}@example.se", i), "Ämne", "Text"}, kNow);
  }
  Recorder recorder;
  std::atomic<std::size_t> sent{0};
  std::vector<std::thread> senders;
  for (int s = 0; s < 4; ++s) {
    senders.emplace_back([&] {
      for (int round = 0; round < 10; ++round) {
        sent += DeliverPending(*store_, recorder, "jamlik.test", kNow, 7).sent;
      }
    });
  }
  for (std::thread& sender : senders) sender.join();
  EXPECT_EQ(sent, static_cast<std::size_t>(kMails));
  const auto counts = recorder.sent();
  EXPECT_EQ(counts.size(), static_cast<std::size_t>(kMails));
  for (const auto& [id, times] : counts) EXPECT_EQ(times, 1) << id;
}

TEST(MimeMessageTest, HeadersCannotBeInjectedAndTheSubjectIsEncoded) {
  const std::string message = MimeMessage({"a@example.se", "Rad 1\r\nBcc: x@example.se", "Text"},
                                          "m@example.se", "<outbox.1@h>", 0);
  EXPECT_EQ(message.find("Bcc:"), std::string::npos);
  EXPECT_NE(message.find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(message.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
