// The meeting place through the API: an organiser creates an activity, the public registers
// without an account, cancels by the private link, and the first waiting person gets the seat.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/analyses/audit_trail.hpp"
#include "app/members/members.hpp"
#include "app/outbox/smtp_sink_testing.hpp"
#include "core/swedish_time.hpp"
#include "io/icalendar_writer.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

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
              bool members_only = false, const json& more = json::object()) {
    const std::int64_t now = std::time(nullptr);
    json body = {{"kind", "seminar"},
                 {"title", "Jämlik hälsa i budgeten"},
                 {"recommendations", "measure,governance"},
                 {"county", "18"},
                 {"starts_at", now + 7 * 86'400},
                 {"ends_at", now + 7 * 86'400 + 7'200},
                 {"registration_deadline", now + deadline_from_now},
                 {"capacity", capacity},
                 {"members_only", members_only}};
    body.update(more);
    const auto created = organiser.Send("POST", Org() + "/activities", body);
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

TEST_P(MeetingApiTest, AMembersOnlyActivityIsHiddenFromThePublicAndTakesMembersSignedIn) {
  Browser organiser(port_);
  ASSERT_EQ(organiser.LogIn("sam@example.se", kPassword), 200);
  Create(organiser, 5, 86'400);
  const json closed =
      Create(organiser, 5, 86'400, /*members_only=*/true, {{"title", "Medlemsträff om budgeten"}});
  const std::string id = std::to_string(closed.at("id").get<int>());

  // The public neither lists nor shows it, in the calendar neither, and cannot register to it.
  Browser visitor(port_);
  const json listed = JsonOf(visitor.Get("/api/public/activities"));
  ASSERT_EQ(listed.at("activities").size(), 1U);
  EXPECT_NE(listed.at("activities")[0].at("id"), closed.at("id"));
  ExpectProblem(visitor.Get("/api/public/activities/" + id), 404, "not_found");
  ExpectProblem(visitor.Get("/api/public/activities/" + id + "/calendar.ics"), 404, "not_found");
  const std::string feed = visitor.Get("/api/public/calendar.ics")->body;
  EXPECT_NE(feed.find("Jämlik hälsa i budgeten"), std::string::npos) << feed;
  EXPECT_EQ(feed.find("Medlemsträff"), std::string::npos) << feed;
  const auto refused =
      visitor.Send("POST", "/api/public/activities/" + id + "/registrations", Person(1));
  ExpectProblem(refused, 403, "members_only");
  // The members' routes are for members: the organiser's organisation is not one (yet).
  ExpectProblem(organiser.Get("/api/members/activities"), 403, "forbidden");
  ExpectProblem(visitor.Get("/api/members/activities"), 401, "unauthenticated");

  // Mia of Örebro kommun, an approved member, sees both and registers signed in: her name,
  // address and organisation come from her account, whatever the body says.
  const auto orebro =
      app::CreateOrganisation(store(), "1880", "Örebro kommun", app::OrganisationKind::kKommun);
  app::SetMemberState(store(), orebro->id, app::MemberState::kApproved, std::time(nullptr));
  const auto mia = app::CreateUser(store(), "mia@example.se", "Mia Lund", kPassword, false);
  app::SetMembership(store(), mia->id, orebro->id, app::Role::kReader);
  Browser member(port_);
  ASSERT_EQ(member.LogIn("mia@example.se", kPassword), 200);
  member.headers().emplace("Accept-Language", "sv-SE,sv;q=0.9");  // her mail in Swedish
  const json for_members = JsonOf(member.Get("/api/members/activities"));
  ASSERT_EQ(for_members.at("activities").size(), 2U);
  const json shown = JsonOf(member.Get("/api/members/activities/" + id));
  EXPECT_EQ(shown.at("members_only"), true);
  EXPECT_EQ(shown.at("title"), "Medlemsträff om budgeten");
  EXPECT_EQ(shown.at("registrant").at("name"), "Mia Lund");
  EXPECT_EQ(shown.at("registrant").at("email"), "mia@example.se");
  EXPECT_EQ(shown.at("registrant").at("organisation"), "Örebro kommun");
  EXPECT_FALSE(shown.at("consent_text").get<std::string>().empty());
  ExpectProblem(member.Send("POST", "/api/public/activities/" + id + "/registrations", Person(1)),
                403, "members_only");

  const std::string path = "/api/members/activities/" + id + "/registrations";
  const auto no_consent = member.Send("POST", path, {{"needs", "Vegetarisk kost"}});
  ExpectProblem(no_consent, 400, "invalid_argument");
  EXPECT_EQ(JsonOf(no_consent).at("field"), "consent");
  const auto registered = member.Send("POST", path,
                                      {{"consent", true},
                                       {"needs", "Vegetarisk kost"},
                                       {"name", "Någon annan"},
                                       {"email", "annan@example.se"},
                                       {"organisation", "Annan kommun"}});
  ASSERT_EQ(registered->status, 201) << registered->body;
  EXPECT_EQ(JsonOf(registered).at("status"), "confirmed");
  EXPECT_EQ(JsonOf(registered).at("cancel_token").get<std::string>().size(), 64U);
  ExpectProblem(member.Send("POST", path, {{"consent", true}}), 409, "already_registered");

  const json list = JsonOf(organiser.Get(Org() + "/activities/" + id + "/registrations"));
  ASSERT_EQ(list.at("registrations").size(), 1U);
  const json& row = list.at("registrations")[0];
  EXPECT_EQ(row.at("name"), "Mia Lund");
  EXPECT_EQ(row.at("email"), "mia@example.se");
  EXPECT_EQ(row.at("organisation"), "Örebro kommun");
  EXPECT_EQ(row.at("needs"), "Vegetarisk kost");
  const auto mail = sink_.WaitFor(1, std::chrono::seconds(20));
  ASSERT_EQ(mail.size(), 1U);
  EXPECT_EQ(mail[0].to, "<mia@example.se>");
  EXPECT_EQ(mail[0].subject, "Anmälan bekräftad: Medlemsträff om budgeten");

  // A coordinator outside every member organisation names the organisation.
  const auto coordinator = app::CreateUser(store(), "co@example.se", "Co", kPassword, false);
  app::SetCoordinator(store(), coordinator->id, true);
  Browser coordinating(port_);
  ASSERT_EQ(coordinating.LogIn("co@example.se", kPassword), 200);
  const auto unnamed = coordinating.Send("POST", path, {{"consent", true}});
  ExpectProblem(unnamed, 400, "invalid_argument");
  EXPECT_EQ(JsonOf(unnamed).at("field"), "organisation");
  EXPECT_EQ(coordinating.Send("POST", path, {{"consent", true}, {"organisation", "Mötesplatsen"}})
                ->status,
            201);
  ExpectProblem(member.Get("/api/members/activities/999999"), 404, "not_found");
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

// What an independent parser (python3-icalendar, tests/api/ics_to_json.py) reads in `ics`, after
// checking the lines' framing; fails the test when it refuses.
json ParsedICalendar(const std::string& ics, const std::string& folder) {
  const std::string path = (std::filesystem::path(folder) / "read.ics").string();
  std::ofstream(path, std::ios::binary) << ics;
  FILE* pipe = ::popen(("/usr/bin/python3 " JAMLIK_ICS_TO_JSON " '" + path + "'").c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  if (pipe == nullptr) return json::object();
  std::string out;
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;) {
    out.append(buffer, got);
  }
  EXPECT_EQ(::pclose(pipe), 0) << "ics_to_json.py refused the calendar:\n" << ics;
  return out.empty() ? json::object() : json::parse(out);
}

// "20261204T120000Z" → "2026-12-04T12:00:00Z", as ics_to_json.py prints a moment.
std::string IsoUtc(std::int64_t seconds) {
  const std::string basic = ICalendarUtcTime(seconds);
  return basic.substr(0, 4) + "-" + basic.substr(4, 2) + "-" + basic.substr(6, 2) + "T" +
         basic.substr(9, 2) + ":" + basic.substr(11, 2) + ":" + basic.substr(13, 2) + "Z";
}

TEST_P(MeetingApiTest, PublicActivitiesAsAnICalendarFeedAndOneAsAnIcsFile) {
  Browser organiser(port_);
  ASSERT_EQ(organiser.LogIn("sam@example.se", kPassword), 200);
  const std::string description =
      "Hur kommuner mäter skillnader, och vad de gör åt dem; ett seminarium\nför analytiker och "
      "strateger i Örebro län med omnejd, där vi går igenom budgetens jämlikhetsanalys steg för "
      "steg (C:\\budget).";
  const json activity =
      Create(organiser, 10, 86'400, false,
             {{"description", description}, {"theme", "Folkhälsa"}, {"place", "Örebro slott"}});
  const json hidden = Create(organiser, 10, 86'400, /*members_only=*/true);
  const json webinar = Create(organiser, 10, 86'400, false,
                              {{"kind", "webinar"},
                               {"title", "Webbinarium om data"},
                               {"county", "01"},
                               {"link", "https://mote.example.se/rum/7"},
                               {"recommendations", ""}});
  const int id = activity.at("id").get<int>();
  const std::string site = fmt::format("http://127.0.0.1:{}", port_);

  Browser visitor(port_);
  const auto feed = visitor.Get("/api/public/calendar.ics?county=18&lang=sv");
  ASSERT_EQ(feed->status, 200) << feed->body;
  EXPECT_EQ(feed->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  const json calendar = ParsedICalendar(feed->body, data_dir());
  EXPECT_EQ(calendar.at("version"), "2.0");
  EXPECT_EQ(calendar.at("calscale"), "GREGORIAN");
  EXPECT_EQ(calendar.at("prodid"), "-//Jämlik//Mötesplats social hållbarhet//SV");
  EXPECT_EQ(calendar.at("name"), "Mötesplats social hållbarhet – aktiviteter");
  ASSERT_EQ(calendar.at("events").size(), 1U) << "only the public one in county 18";
  const json& event = calendar.at("events")[0];
  EXPECT_EQ(event.at("uid"), fmt::format("aktivitet-{}@127.0.0.1", id));
  EXPECT_EQ(event.at("dtstart"), IsoUtc(activity.at("starts_at").get<std::int64_t>()));
  EXPECT_EQ(event.at("dtend"), IsoUtc(activity.at("ends_at").get<std::int64_t>()));
  EXPECT_EQ(event.at("summary"), "Jämlik hälsa i budgeten");
  EXPECT_EQ(event.at("description"), description) << "escaped, folded and read back whole";
  EXPECT_EQ(event.at("location"), "Örebro slott");
  EXPECT_EQ(event.at("url"), fmt::format("{}/aktiviteter/{}", site, id));
  EXPECT_EQ(event.at("categories"),
            json({"Seminarium", "Folkhälsa",
                  "Integrera jämlik hälsa i all politik och i ordinarie styrning",
                  "Mät och analysera problemet och bedöm effekterna av insatser"}));

  // Filtered like the list; the whole feed has both public activities, not the members-only one.
  const json all = ParsedICalendar(visitor.Get("/api/public/calendar.ics")->body, data_dir());
  ASSERT_EQ(all.at("events").size(), 2U);
  EXPECT_EQ(all.at("events")[1].at("location"), "https://mote.example.se/rum/7");
  const json webinars = ParsedICalendar(
      visitor.Get("/api/public/calendar.ics?kind=webinar&lang=en")->body, data_dir());
  EXPECT_EQ(webinars.at("name"), "Mötesplats social hållbarhet – activities");
  ASSERT_EQ(webinars.at("events").size(), 1U);
  EXPECT_EQ(webinars.at("events")[0].at("uid"),
            fmt::format("aktivitet-{}@127.0.0.1", webinar.at("id").get<int>()));
  EXPECT_EQ(webinars.at("events")[0].at("categories"), json({"Webinar"}));
  ExpectProblem(visitor.Get("/api/public/calendar.ics?kind=fest"), 400, "invalid_argument");

  // One activity's file: the same event, named after the title; members-only ones are not found.
  const auto file = visitor.Get(fmt::format("/api/public/activities/{}/calendar.ics?lang=sv", id));
  ASSERT_EQ(file->status, 200);
  EXPECT_EQ(file->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_NE(RawContentDisposition(port_, fmt::format("/api/public/activities/{}/calendar.ics", id),
                                  "none=1")
                .find("filename*=UTF-8''J%C3%A4mlik%20h%C3%A4lsa%20i%20budgeten.ics"),
            std::string::npos);
  const json single = ParsedICalendar(file->body, data_dir());
  ASSERT_EQ(single.at("events").size(), 1U);
  EXPECT_EQ(single.at("events")[0], event);
  ExpectProblem(visitor.Get(fmt::format("/api/public/activities/{}/calendar.ics",
                                        hidden.at("id").get<int>())),
                404, "not_found");
  ExpectProblem(visitor.Get("/api/public/activities/999999/calendar.ics"), 404, "not_found");
  EXPECT_EQ(visitor.Get("/api/public/calendarXics")->status, 404) << "a dot is a dot";
}

// "2026-12-04 13:05": when `seconds` is in Swedish time, as the participant list writes it.
std::string SwedishMinute(std::int64_t seconds) {
  const CivilTime time = SwedishTime(seconds);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", time.year, time.month, time.day, time.hour,
                     time.minute);
}

TEST_P(MeetingApiTest, TheParticipantListAsCsvAndExcelInTheUsersLanguageAudited) {
  Browser organiser(port_);
  ASSERT_EQ(organiser.LogIn("sam@example.se", kPassword), 200);
  const json activity = Create(organiser, 1, 86'400);
  const int id = activity.at("id").get<int>();
  Browser visitor(port_);
  json first = Person(1);
  first["name"] = "Åsa Öberg";
  first["needs"] = "Rullstol; hörslinga";
  const std::string register_path = fmt::format("/api/public/activities/{}/registrations", id);
  ASSERT_EQ(visitor.Send("POST", register_path, first)->status, 201);
  ASSERT_EQ(visitor.Send("POST", register_path, Person(2))->status, 201);
  const json list = JsonOf(organiser.Get(fmt::format("{}/activities/{}/registrations", Org(), id)));
  ASSERT_EQ(list.at("registrations").size(), 2U);
  const std::string at1 = SwedishMinute(list.at("registrations")[0].at("created_at"));
  const std::string at2 = SwedishMinute(list.at("registrations")[1].at("created_at"));
  const std::string path = fmt::format("{}/activities/{}/registrations/export", Org(), id);

  // CSV by default, as Swedish Excel opens it.
  const auto csv = organiser.Get(path + "?lang=sv");
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body,
            "\xEF\xBB\xBF"
            "Namn;Organisation;E-post;Behov;Status;Plats i kön;Anmäld (svensk tid)\n"
            "Åsa Öberg;Kumla kommun;person1@example.se;\"Rullstol; hörslinga\";Bekräftad;;" +
                at1 + "\nPerson 2;Kumla kommun;person2@example.se;;På väntelistan;1;" + at2 + "\n");
  const std::string cookie = organiser.headers().find("Cookie")->second;
  EXPECT_EQ(RawContentDisposition(port_, path + "?format=csv&lang=sv", cookie),
            "attachment; filename=\"J_mlik_h_lsa_i_budgeten.csv\"; "
            "filename*=UTF-8''J%C3%A4mlik%20h%C3%A4lsa%20i%20budgeten.csv");
  const std::string english = organiser.Get(path + "?format=csv&lang=en")->body;
  EXPECT_EQ(english.substr(0, english.find('\n')),
            "\xEF\xBB\xBF"
            "Name;Organisation;E-mail;Needs;Status;Waiting position;Registered at (Swedish time)");
  EXPECT_NE(english.find(";On the waiting list;1;"), std::string::npos);

  // Excel: a header row, the position a number.
  const auto xlsx = organiser.Get(path + "?format=xlsx&lang=sv");
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const auto files = Unzip(xlsx->body);
  ASSERT_TRUE(files.count("xl/workbook.xml") && files.count("xl/worksheets/sheet1.xml") &&
              files.count("xl/sharedStrings.xml"));
  EXPECT_NE(files.at("xl/workbook.xml").find("<sheet name=\"Deltagare\""), std::string::npos);
  const std::string& strings = files.at("xl/sharedStrings.xml");
  for (const char* text : {"<t>Namn</t>", "<t>Plats i kön</t>", "<t>Åsa Öberg</t>",
                           "<t>Rullstol; hörslinga</t>", "<t>På väntelistan</t>"}) {
    EXPECT_NE(strings.find(text), std::string::npos) << text;
  }
  EXPECT_NE(files.at("xl/worksheets/sheet1.xml").find("<c r=\"F3\""), std::string::npos);
  EXPECT_NE(files.at("xl/worksheets/sheet1.xml").find("<v>1</v>"), std::string::npos);
  ExpectProblem(organiser.Get(path + "?format=pdf"), 400, "invalid_argument");

  // Personal data: each reading is in the organisation's audit log, newest first.
  const auto entries = app::ListAuditEntries(store(), org_, 10);
  ASSERT_EQ(entries.size(), 5U) << "the list, three CSV downloads and one Excel";
  EXPECT_EQ(entries[0].record.action, "export_participants_xlsx");
  EXPECT_EQ(entries[1].record.action, "export_participants_csv");
  EXPECT_EQ(entries[4].record.action, "view_participants");
  EXPECT_EQ(entries[4].record.rows, 2U);
  EXPECT_EQ(entries[0].record.user, "sam@example.se");
  EXPECT_EQ(entries[0].record.rows, 2U);
  EXPECT_NE(entries[0].record.table.find(std::to_string(id)), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, MeetingApiTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
