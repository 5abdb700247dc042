// News and learning examples through the API, on every backend: a coordinator writes news whose
// body is sanitised, publishes it, and the Atom feed — read back by independent parsers
// (tests/api/atom_to_json.py: xml.etree and Debian's python3-feedparser) — carries it; a member
// writes a learning example of their own organisation, attaches a PDF, the public finds it by
// full-text search and tag and downloads the file with safe headers; a coordinator hides it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/meetings/activities.hpp"
#include "app/members/members.hpp"
#include "app/news/news.hpp"
#include "io/atom_writer.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

void ExpectProblem(const httplib::Result& result, int status, const std::string& code,
                   const std::string& field = {}) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
  const json problem = JsonOf(result);
  EXPECT_EQ(problem.at("code"), code) << result->body;
  if (!field.empty()) {
    EXPECT_EQ(problem.value("field", ""), field) << result->body;
  }
}

// The feed as the independent parsers read it; fails the test when they refuse it.
json ParsedAtom(const std::string& atom, const std::string& folder) {
  const std::string path = (std::filesystem::path(folder) / "read.atom").string();
  std::ofstream(path, std::ios::binary) << atom;
  FILE* pipe = ::popen(("/usr/bin/python3 " JAMLIK_ATOM_TO_JSON " '" + path + "'").c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  if (pipe == nullptr) return json::object();
  std::string out;
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;) {
    out.append(buffer, got);
  }
  EXPECT_EQ(::pclose(pipe), 0) << "atom_to_json.py refused the feed:\n" << atom;
  return out.empty() ? json::object() : json::parse(out);
}

class NewsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    org_ = app::CreateOrganisation(store(), "1880", "Örebro kommun", app::OrganisationKind::kKommun,
                                   "1880")
               ->id;
    const auto analyst = app::CreateUser(store(), "ann@example.se", "Ann", kPassword, false);
    app::SetMembership(store(), analyst->id, org_, app::Role::kAnalyst);
    app::CreateUser(store(), "sam@example.se", "Sam Samordnare", kPassword, true);
  }

  Browser Coordinator() {
    Browser browser(port_);
    EXPECT_EQ(browser.LogIn("sam@example.se", kPassword), 200);
    return browser;
  }
  Browser Member() {
    Browser browser(port_);
    EXPECT_EQ(browser.LogIn("ann@example.se", kPassword), 200);
    return browser;
  }
  std::string Org() const { return "/api/organisations/" + std::to_string(org_); }

  std::int64_t org_ = 0;
};

TEST_P(NewsApiTest, ACoordinatorPublishesSanitisedNewsAndTheFeedCarriesIt) {
  Browser coordinator = Coordinator();
  const auto created = coordinator.Send(
      "POST", "/api/news",
      {{"title", "Välkommen till mötesplatsen"},
       {"summary", "Kort om oss"},
       {"body",
        "<p onclick=\"steal()\">Hej <strong>alla</strong>!<script>alert('xss')</script></p>"
        "<a href=\"javascript:alert(1)\">klicka</a> <a href=\"https://example.se\">läs</a>"}});
  ASSERT_EQ(created->status, 201) << created->body;
  const json item = JsonOf(created);
  const std::string safe =
      "<p>Hej <strong>alla</strong>!</p>klicka <a href=\"https://example.se\" "
      "rel=\"noopener nofollow\">läs</a>";
  EXPECT_EQ(item.at("body"), safe);
  EXPECT_EQ(item.at("author"), "Sam Samordnare");
  EXPECT_FALSE(item.at("published").get<bool>());
  const std::string id = std::to_string(item.at("id").get<std::int64_t>());

  // A draft is the coordinators' only.
  Browser anyone(port_);
  ExpectProblem(anyone.Get("/api/public/news/" + id), 404, "not_found");
  EXPECT_TRUE(JsonOf(anyone.Get("/api/public/news")).at("news").empty());
  EXPECT_EQ(JsonOf(coordinator.Get("/api/news")).at("news").size(), 1u);

  const auto published = coordinator.Send("PATCH", "/api/news/" + id, {{"published", true}});
  ASSERT_EQ(published->status, 200) << published->body;
  const std::int64_t published_at = JsonOf(published).at("published_at");
  const json listed = JsonOf(anyone.Get("/api/public/news"));
  ASSERT_EQ(listed.at("news").size(), 1u);
  EXPECT_EQ(listed.at("news")[0].at("body"), safe);
  EXPECT_EQ(JsonOf(anyone.Get("/api/public/news/" + id)).at("title"),
            "Välkommen till mötesplatsen");

  const auto feed = anyone.Get("/api/public/news.atom?lang=sv");
  ASSERT_EQ(feed->status, 200);
  EXPECT_EQ(feed->get_header_value("Content-Type"), "application/atom+xml; charset=utf-8");
  const json parsed = ParsedAtom(feed->body, data_dir());
  EXPECT_EQ(parsed.at("title"), "Mötesplatsens nyheter");
  EXPECT_EQ(parsed.at("language"), "sv");
  ASSERT_EQ(parsed.at("entries").size(), 1u);
  const json& entry = parsed.at("entries")[0];
  EXPECT_EQ(entry.at("title"), "Välkommen till mötesplatsen");
  EXPECT_EQ(entry.at("author"), "Sam Samordnare");
  EXPECT_EQ(entry.at("content_type"), "text/html");
  EXPECT_EQ(entry.at("content"), safe);
  EXPECT_EQ(entry.at("published"), Rfc3339Time(published_at));
  EXPECT_TRUE(entry.at("id").get<std::string>().ends_with("/nyheter/" + id));
  EXPECT_EQ(entry.at("link"), entry.at("id"));
  EXPECT_TRUE(parsed.at("self").get<std::string>().ends_with("/api/public/news.atom"));
  EXPECT_EQ(ParsedAtom(anyone.Get("/api/public/news.atom?lang=en")->body, data_dir()).at("title"),
            "News from the meeting place");

  // Edited: the new text, still safe; unpublished: gone from the public and the feed.
  const auto edited = coordinator.Send(
      "PUT", "/api/news/" + id,
      {{"title", "Välkommen!"}, {"body", "<h2>Ny</h2><iframe src=\"https://evil\"></iframe>"}});
  ASSERT_EQ(edited->status, 200) << edited->body;
  EXPECT_EQ(JsonOf(edited).at("body"), "<h2>Ny</h2>");
  ASSERT_EQ(coordinator.Send("PATCH", "/api/news/" + id, {{"published", false}})->status, 200);
  ExpectProblem(anyone.Get("/api/public/news/" + id), 404, "not_found");
  EXPECT_TRUE(
      ParsedAtom(anyone.Get("/api/public/news.atom")->body, data_dir()).at("entries").empty());
}

TEST_P(NewsApiTest, NewsIsWrittenByCoordinatorsOnlyAndChecked) {
  Browser member = Member();
  ExpectProblem(member.Send("POST", "/api/news", {{"title", "x"}, {"body", "y"}}), 403,
                "forbidden");
  Browser coordinator = Coordinator();
  ExpectProblem(coordinator.Send("POST", "/api/news", {{"title", ""}, {"body", "y"}}), 400,
                "invalid_argument", "title");
  ExpectProblem(coordinator.Send("POST", "/api/news", {{"title", "t"}}), 400, "invalid_argument",
                "body");
  ExpectProblem(coordinator.Send("PATCH", "/api/news/999", {{"published", true}}), 404,
                "not_found");
  ExpectProblem(Browser(port_).Get("/api/public/news?limit=0"), 400, "invalid_argument", "limit");
}

json ExampleBody(const std::string& title, const std::string& what) {
  return {{"title", title},
          {"what", what},
          {"for_whom", "Elever i årskurs 7–9"},
          {"results", "<p>Fler behöriga till gymnasiet</p>"},
          {"evidence", "Skolverkets statistik 2024"},
          {"contact_name", "Ann"},
          {"contact_email", "ann@example.se"},
          {"recommendations", {"good_start"}},
          {"welfare_areas", {"school"}},
          {"groups", {"utbildning"}}};
}

TEST_P(NewsApiTest, AMembersExampleIsFoundDownloadedSafelyAndModerated) {
  Browser member = Member();
  const auto created =
      member.Send("POST", Org() + "/examples",
                  ExampleBody("Läxhjälp i Vivalla",
                              "<p>Läxhjälp på biblioteket<img src=x onerror=alert(1)></p>"));
  ASSERT_EQ(created->status, 201) << created->body;
  const json example = JsonOf(created);
  EXPECT_EQ(example.at("what"), "<p>Läxhjälp på biblioteket</p>");
  EXPECT_EQ(example.at("organisation_name"), "Örebro kommun");
  const std::string id = std::to_string(example.at("id").get<std::int64_t>());
  ASSERT_EQ(member
                .Send("POST", Org() + "/examples",
                      ExampleBody("Hälsosamtal för äldre", "<p>Samtal om hälsa</p>"))
                ->status,
            201);

  Browser anyone(port_);
  const auto titles = [&](const std::string& query) {
    std::vector<std::string> found;
    const json listed = JsonOf(anyone.Get("/api/public/examples" + query));
    for (const json& e : listed.at("examples")) {
      found.push_back(e.at("title"));
    }
    return found;
  };
  EXPECT_EQ(titles("?q=l%C3%A4xhj%C3%A4lp"), (std::vector<std::string>{"Läxhjälp i Vivalla"}));
  EXPECT_EQ(titles("?q=biblioteket+vivalla"), (std::vector<std::string>{"Läxhjälp i Vivalla"}));
  EXPECT_TRUE(titles("?q=biblioteket+%C3%A4ldre").empty());
  EXPECT_EQ(titles("?recommendation=good_start&welfare_area=school&group=utbildning").size(), 2u);
  EXPECT_TRUE(titles("?welfare_area=health_care").empty());
  ExpectProblem(anyone.Get("/api/public/examples?group=kommun"), 400, "invalid_argument", "group");

  // Attachments: a PDF by its bytes; HTML named .pdf refused.
  const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
  const auto attached =
      member.Upload(Org() + "/examples/" + id + "/attachments", "Rapport om läxhjälp.pdf", pdf);
  ASSERT_EQ(attached->status, 201) << attached->body;
  ExpectProblem(member.Upload(Org() + "/examples/" + id + "/attachments", "rapport.pdf",
                              "<html><script>alert(1)</script></html>"),
                400, "invalid_argument", "file");
  const json attachment = JsonOf(attached);
  EXPECT_EQ(attachment.at("content_type"), "application/pdf");
  const auto download = anyone.Get(attachment.at("url").get<std::string>());
  ASSERT_EQ(download->status, 200);
  EXPECT_EQ(download->body, pdf);
  EXPECT_EQ(download->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(download->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(download->get_header_value("Content-Security-Policy"), "default-src 'none'; sandbox");
  EXPECT_EQ(download->headers.count("Content-Security-Policy"), 1u);
  EXPECT_EQ(download->headers.count("X-Content-Type-Options"), 1u);
  EXPECT_TRUE(download->get_header_value("Content-Disposition").starts_with("attachment;"));
  const json shown = JsonOf(anyone.Get("/api/public/examples/" + id));
  ASSERT_EQ(shown.at("attachments").size(), 1u);
  EXPECT_EQ(shown.at("attachments")[0].at("file_name"), "Rapport om läxhjälp.pdf");
  // Stored in the data folder, not under the web root.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(std::filesystem::path(data_dir()) /
                                                              "attachments"),
                          std::filesystem::directory_iterator()),
            1);

  // A coordinator hides it: gone for the public, still the organisation's own.
  Browser coordinator = Coordinator();
  ASSERT_EQ(coordinator.Send("PATCH", "/api/examples/" + id, {{"hidden", true}})->status, 200);
  ExpectProblem(anyone.Get("/api/public/examples/" + id), 404, "not_found");
  ExpectProblem(anyone.Get(attachment.at("url").get<std::string>()), 404, "not_found");
  EXPECT_TRUE(titles("?q=vivalla").empty());
  EXPECT_EQ(JsonOf(member.Get(Org() + "/examples/" + id)).at("hidden"), true);
  ExpectProblem(member.Send("PATCH", "/api/examples/" + id, {{"hidden", false}}), 403, "forbidden");
}

// "The latest": news, examples and the coming activities of the member's own county only, newest
// first by when they appeared.
TEST_P(NewsApiTest, TheLatestMixesNewsExamplesAndActivitiesOfTheMembersCounty) {
  const std::int64_t now = std::time(nullptr);
  const auto user = app::FindUserByEmail(store(), "sam@example.se");
  const auto activity = [&](const std::string& title, const std::string& county,
                            std::int64_t created) {
    app::ActivityDraft draft;
    draft.title = title;
    draft.county = county;
    draft.starts_at = now + 86'400;
    draft.ends_at = draft.starts_at + 3'600;
    draft.registration_deadline = draft.starts_at;
    draft.capacity = 10;
    draft.members_only = true;
    app::CreateActivity(store(), org_, user->id, draft, created);
  };
  // The member's organisation is an approved member of the meeting place, in county 18.
  app::SetMemberState(store(), org_, app::MemberState::kApproved, now);
  activity("Nätverksträff i Örebro län", "18", now - 300);
  activity("Nätverksträff i Stockholms län", "01", now - 100);
  const auto news = app::CreateNews(store(), user->id, "Sam", {"Nytt", "", "<p>n</p>"}, now);
  app::SetNewsPublished(store(), news.id, true, now - 200);
  app::CreateNews(store(), user->id, "Sam", {"Utkast", "", "<p>u</p>"},
                  now);  // a draft: not listed
  Browser member = Member();
  ASSERT_EQ(
      member
          .Send("POST", Org() + "/examples", ExampleBody("Läxhjälp i Vivalla", "<p>Läxhjälp</p>"))
          ->status,
      201);
  const json latest = JsonOf(member.Get("/api/latest"));
  EXPECT_EQ(latest.at("counties"), json::array({"18"}));
  std::vector<std::string> titles;
  for (const json& item : latest.at("items")) {
    titles.push_back(item.at("kind").get<std::string>() + ": " +
                     item.at("title").get<std::string>());
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"example: Läxhjälp i Vivalla", "news: Nytt",
                                              "activity: Nätverksträff i Örebro län"}));
  EXPECT_EQ(Browser(port_).Get("/api/latest")->status, 401);
  // A person of an organisation that is not a member does not see the members' latest.
  const auto outsider = app::CreateOrganisation(store(), "0180", "Stockholms stad",
                                                app::OrganisationKind::kKommun, "0180");
  const auto other = app::CreateUser(store(), "olle@example.se", "Olle", kPassword, false);
  app::SetMembership(store(), other->id, outsider->id, app::Role::kAnalyst);
  Browser stranger(port_);
  ASSERT_EQ(stranger.LogIn("olle@example.se", kPassword), 200);
  EXPECT_EQ(stranger.Get("/api/latest")->status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, NewsApiTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
