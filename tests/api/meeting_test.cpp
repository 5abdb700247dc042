// The meeting place through the API: an organiser creates an activity, the public registers
// without an account, cancels by the private link, and the first waiting person gets the seat.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <ctime>

#include "app/accounts/accounts.hpp"
#include "app/outbox/smtp_sink_testing.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "ett långt lösenord";

void ExpectProblem(const httplib::Result& result, int status, const std::string& code) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(JsonOf(result).at("code"), code) << result->body;
}

json Person(int number) {
  return {{"name", fmt::format("Person {}", number)},
          {"email", fmt::format("person{}@example.se", number)},
          {"organisation", "Kumla kommun"},
          {"consent", true}};
}

class MeetingApiTest : public ApiTest {
 protected:
  void Configure(ServerConfig& config) override {
    config.smtp = {sink_.url(), "motesplats@example.se", "", ""};
  }

  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    org_ =
        app::CreateOrganisation(store(), "msh", "Mötesplatsen", app::OrganisationKind::kAnnan)->id;
    const auto user = app::CreateUser(store(), "sam@example.se", "Sam", kPassword, false);
    app::SetMembership(store(), user->id, org_, app::Role::kAnalyst);
  }

  std::string Org() const { return "/api/organisations/" + std::to_string(org_); }

  // An activity created through the API by the organiser.
  json Create(Browser& organiser, std::int64_t capacity, std::int64_t deadline_from_now,
              bool members_only = false) {
    const std::int64_t now = std::time(nullptr);
    const auto created = organiser.Send("POST", Org() + "/activities",
                                        {{"kind", "seminar"},
                                         {"title", "Jämlik hälsa i budgeten"},
                                         {"recommendations", "measure,governance"},
                                         {"county", "18"},
                                         {"starts_at", now + 7 * 86'400},
                                         {"ends_at", now + 7 * 86'400 + 7'200},
                                         {"registration_deadline", now + deadline_from_now},
                                         {"capacity", capacity},
                                         {"members_only", members_only}});
    EXPECT_EQ(created->status, 201) << created->body;
    return JsonOf(created);
  }

  app::testing::SmtpSink sink_;
  std::int64_t org_ = 0;
};

TEST_P(MeetingApiTest, RegisterWaitCancelAndThePromotion) {
  Browser organiser(port_);
  ASSERT_EQ(organiser.LogIn("sam@example.se", kPassword), 200);
  const json activity = Create(organiser, 2, 86'400);
  EXPECT_EQ(activity.at("county_name"), "Örebro län");
  EXPECT_EQ(activity.at("recommendations").size(), 2U);
  EXPECT_EQ(activity.at("recommendations")[0].at("id"), "governance");
  Create(organiser, 5, 86'400, /*members_only=*/true);
  const std::string path = "/api/public/activities/" + std::to_string(activity.at("id").get<int>());

  Browser visitor(port_);
  const json listed = JsonOf(visitor.Get("/api/public/activities"));
  ASSERT_EQ(listed.at("activities").size(), 1U) << "a members-only activity is public";
  EXPECT_EQ(listed.at("activities")[0].at("seats_left"), 2);
  EXPECT_EQ(JsonOf(visitor.Get("/api/public/activities?county=01")).at("activities").size(), 0U);
  ExpectProblem(visitor.Get("/api/public/activities?kind=fest"), 400, "invalid_argument");
  EXPECT_FALSE(JsonOf(visitor.Get(path)).at("consent_text").get<std::string>().empty());

  std::vector<json> answers;
  // Each registrant is written to in the language their browser asks for: person 2 in English.
  for (int i = 1; i <= 3; ++i) {
    visitor.headers().erase("Accept-Language");
    visitor.headers().emplace("Accept-Language", i == 2 ? "en-GB,en;q=0.9" : "sv-SE,sv;q=0.9");
    const auto answer = visitor.Send("POST", path + "/registrations", Person(i));
    ASSERT_EQ(answer->status, 201) << answer->body;
    answers.push_back(JsonOf(answer));
  }
  EXPECT_EQ(answers[0].at("status"), "confirmed");
  EXPECT_EQ(answers[0].at("waiting_position"), 0);
  EXPECT_EQ(answers[2].at("status"), "waiting");
  EXPECT_EQ(answers[2].at("waiting_position"), 1);
  const std::string token = answers[0].at("cancel_token");
  EXPECT_EQ(token.size(), 64U);
  EXPECT_EQ(answers[0].at("cancel_link"), "/avanmalan/" + token);

  const json full = JsonOf(visitor.Get(path));
  EXPECT_EQ(full.at("seats_left"), 0);
  EXPECT_EQ(full.at("waiting"), 1);

  // The same address again, no consent, or past the deadline: refused, nothing stored.
  const auto again = visitor.Send("POST", path + "/registrations", Person(1));
  ExpectProblem(again, 409, "already_registered");
  EXPECT_EQ(JsonOf(again).at("field"), "email") << "the form marks the e-mail field";
  json no_consent = Person(4);
  no_consent["consent"] = false;
  ExpectProblem(visitor.Send("POST", path + "/registrations", no_consent), 400, "invalid_argument");
  EXPECT_EQ(JsonOf(visitor.Send("POST", path + "/registrations", no_consent)).at("field"),
            "consent");

  ASSERT_EQ(visitor.Send("DELETE", "/api/public/registrations/" + token)->status, 200);
  ExpectProblem(visitor.Send("DELETE", "/api/public/registrations/" + token), 404, "not_found");

  const json list = JsonOf(organiser.Get(
      Org() + "/activities/" + std::to_string(activity.at("id").get<int>()) + "/registrations"));
  ASSERT_EQ(list.at("registrations").size(), 3U);
  EXPECT_EQ(list.at("registrations")[0].at("status"), "cancelled");
  EXPECT_EQ(list.at("registrations")[2].at("status"), "confirmed") << "the waiting one moved up";
  EXPECT_EQ(list.at("registrations")[2].at("email"), "person3@example.se");
  EXPECT_EQ(list.at("activity").at("seats_left"), 0);
  EXPECT_EQ(list.at("activity").at("waiting"), 0);

  // The mail: a confirmation to each (the first with the link that cancels), then the seat to the
  // one who waited. Order of arrival across registrations is the outbox's.
  const auto mail = sink_.WaitFor(4, std::chrono::seconds(20));
  ASSERT_EQ(mail.size(), 4U);
  EXPECT_EQ(mail[0].to, "<person1@example.se>");
  EXPECT_EQ(mail[0].subject, "Anmälan bekräftad: Jämlik hälsa i budgeten");
  EXPECT_NE(mail[0].body.find(fmt::format("http://127.0.0.1:{}/avanmalan/{}", port_, token)),
            std::string::npos)
      << mail[0].body;
  EXPECT_EQ(mail[1].subject, "Registration confirmed: Jämlik hälsa i budgeten");
  EXPECT_EQ(mail[2].subject, "Du står på väntelistan: Jämlik hälsa i budgeten");
  EXPECT_EQ(mail[3].to, "<person3@example.se>");
  EXPECT_EQ(mail[3].subject, "Du har fått en plats: Jämlik hälsa i budgeten");

  // Fewer seats than the confirmed: refused, naming the numbers.
  const auto lowered =
      organiser.Send("PATCH", Org() + "/activities/" + std::to_string(activity.at("id").get<int>()),
                     {{"capacity", 1}});
  ExpectProblem(lowered, 400, "invalid_argument");
  EXPECT_EQ(JsonOf(lowered).at("field"), "capacity");
}

TEST_P(MeetingApiTest, ClosedAfterTheDeadline) {
  Browser organiser(port_);
  ASSERT_EQ(organiser.LogIn("sam@example.se", kPassword), 200);
  const json activity = Create(organiser, 10, -60);
  EXPECT_EQ(activity.at("registration_open"), false);
  Browser visitor(port_);
  ExpectProblem(visitor.Send("POST",
                             "/api/public/activities/" +
                                 std::to_string(activity.at("id").get<int>()) + "/registrations",
                             Person(1)),
                409, "registration_closed");
}

TEST_P(MeetingApiTest, AnotherSitesPageCannotRegisterAndOneAddressIsLimited) {
  Browser organiser(port_);
  ASSERT_EQ(organiser.LogIn("sam@example.se", kPassword), 200);
  const json activity = Create(organiser, 100, 86'400);
  const std::string path =
      "/api/public/activities/" + std::to_string(activity.at("id").get<int>()) + "/registrations";
  httplib::Client client("127.0.0.1", port_);
  const std::string body = Person(1).dump();
  ExpectProblem(client.Post(path, {{"Origin", "https://elak.example"}}, body, "application/json"),
                403, "csrf");
  ExpectProblem(client.Post(path, {{"Sec-Fetch-Site", "cross-site"}}, body, "application/json"),
                403, "csrf");
  const std::string own_origin = fmt::format("http://127.0.0.1:{}", port_);
  const auto same = client.Post(path, {{"Origin", own_origin}, {"Sec-Fetch-Site", "same-origin"}},
                                body, "application/json");
  EXPECT_EQ(same->status, 201) << same->body;
  // Twenty registrations per ten minutes from one address; the next waits.
  Browser visitor(port_);
  for (int i = 2; i <= 20; ++i) {
    ASSERT_EQ(visitor.Send("POST", path, Person(i))->status, 201) << i;
  }
  const auto over = visitor.Send("POST", path, Person(21));
  ExpectProblem(over, 429, "too_many_requests");
  EXPECT_FALSE(over->get_header_value("Retry-After").empty());
}

TEST_P(MeetingApiTest, AMalformedTokenIsNotFound) {
  Browser visitor(port_);
  EXPECT_EQ(visitor.Send("DELETE", "/api/public/registrations/abc")->status, 404);
  EXPECT_EQ(visitor.Send("DELETE", "/api/public/registrations/" + std::string(64, 'f'))->status,
            404);
}

TEST_P(MeetingApiTest, TheChoicesAreLabelledAndThemesComeFromPublicActivities) {
  Browser organiser(port_);
  ASSERT_EQ(organiser.LogIn("sam@example.se", kPassword), 200);
  const std::int64_t now = std::time(nullptr);
  for (const auto& [theme, members_only] :
       {std::pair{"Skola", false}, std::pair{"Äldreomsorg", false}, std::pair{"Intern", true},
        std::pair{"Skola", false}}) {
    const auto created = organiser.Send("POST", Org() + "/activities",
                                        {{"kind", "webinar"},
                                         {"title", "Om jämlikhet"},
                                         {"theme", theme},
                                         {"starts_at", now + 86'400},
                                         {"ends_at", now + 90'000},
                                         {"registration_deadline", now + 3'600},
                                         {"capacity", 10},
                                         {"members_only", members_only}});
    ASSERT_EQ(created->status, 201) << created->body;
  }
  Browser visitor(port_);
  visitor.headers().emplace("Accept-Language", "sv-SE,sv;q=0.9");
  const json swedish = JsonOf(visitor.Get("/api/public/activity-options"));
  EXPECT_EQ(swedish.at("themes"), json({"Skola", "Äldreomsorg"}))
      << "one each, members-only hidden";
  ASSERT_EQ(swedish.at("kinds").size(), 4U);
  EXPECT_EQ(swedish.at("kinds")[3], json({{"id", "network_meeting"}, {"label", "Nätverksträff"}}));
  ASSERT_EQ(swedish.at("recommendations").size(), 5U);
  EXPECT_EQ(swedish.at("recommendations")[1].at("id"), "measure");
  ASSERT_EQ(swedish.at("counties").size(), 21U);
  EXPECT_EQ(swedish.at("counties")[0], json({{"code", "01"}, {"name", "Stockholms län"}}));
  visitor.headers().erase("Accept-Language");
  visitor.headers().emplace("Accept-Language", "en");
  const json english = JsonOf(visitor.Get("/api/public/activity-options"));
  EXPECT_EQ(english.at("kinds")[3].at("label"), "Network meeting");
}

INSTANTIATE_TEST_SUITE_P(Backends, MeetingApiTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
