// The meeting place's members through the API: roles on the session, the coordinator flag, the
// member directory that only members see.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <regex>

#include "app/accounts/accounts.hpp"
#include "app/members/members.hpp"
#include "app/outbox/smtp_sink_testing.hpp"
#include "app/proposals/proposals.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

class MembersApiTest : public ApiTest {
 protected:
  void Configure(ServerConfig& config) override {
    config.smtp = {sink_.url(), "motesplats@example.se", "", ""};
  }

  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    member_org_ =
        app::CreateOrganisation(store(), "1880", "Örebro", app::OrganisationKind::kKommun)->id;
    other_org_ =
        app::CreateOrganisation(store(), "0180", "Stockholm", app::OrganisationKind::kKommun)->id;
    app::SetMemberState(store(), member_org_, app::MemberState::kApproved, 1'700'000'000);
    member_ = app::CreateUser(store(), "maja@example.se", "Maja", kPassword, false)->id;
    app::SetMembership(store(), member_, member_org_, app::Role::kReader);
    outsider_ = app::CreateUser(store(), "olle@example.se", "Olle", kPassword, false)->id;
    app::SetMembership(store(), outsider_, other_org_, app::Role::kAdmin);
    coordinator_ = app::CreateUser(store(), "cora@example.se", "Cora", kPassword, false)->id;
    app::SetCoordinator(store(), coordinator_, true);
    app::CreateUser(store(), "sara@example.se", "Sara", kPassword, true);
  }

  Browser As(const std::string& email) {
    Browser browser(port_);
    EXPECT_EQ(browser.LogIn(email, kPassword), 200);
    return browser;
  }

  app::testing::SmtpSink sink_;
  std::int64_t member_org_ = 0, other_org_ = 0;
  std::int64_t member_ = 0, outsider_ = 0, coordinator_ = 0;
};

TEST_P(MembersApiTest, TheSessionSaysWhichMenusToShow) {
  const auto flags = [&](const std::string& email) {
    Browser browser = As(email);
    const json session = JsonOf(browser.Get("/api/auth/session"));
    return std::pair{session.at("meeting_place").at("coordinator").get<bool>(),
                     session.at("meeting_place").at("member").get<bool>()};
  };
  EXPECT_EQ(flags("maja@example.se"), std::pair(false, true));
  EXPECT_EQ(flags("olle@example.se"), std::pair(false, false));
  EXPECT_EQ(flags("cora@example.se"), std::pair(true, true));
  EXPECT_EQ(flags("sara@example.se"), std::pair(true, true));  // site administrator
  Browser cora = As("cora@example.se");
  EXPECT_TRUE(JsonOf(cora.Get("/api/auth/session")).at("user").at("coordinator").get<bool>());
}

TEST_P(MembersApiTest, SiteAdministratorsMakeCoordinatorsAndTheRoleOpensTheCoordinatorsRoutes) {
  Browser sara = As("sara@example.se");
  Browser olle = As("olle@example.se");
  const std::string path = fmt::format("/api/members/organisations/{}", other_org_);
  EXPECT_EQ(olle.Send("PUT", path, {{"state", "approved"}})->status, 403);
  EXPECT_EQ(olle.Get("/api/members/organisations")->status, 403);

  const auto made = sara.Send("PUT", fmt::format("/api/users/{}/coordinator", outsider_),
                              {{"coordinator", true}});
  ASSERT_EQ(made->status, 200) << made->body;
  EXPECT_TRUE(JsonOf(made).at("coordinator").get<bool>());
  // The role is read on every request: the open session has it at once.
  EXPECT_EQ(olle.Send("PUT", path, {{"state", "approved"}})->status, 200);
  EXPECT_EQ(sara.Send("PUT", fmt::format("/api/users/{}/coordinator", outsider_),
                      {{"coordinator", "yes"}})
                ->status,
            400);
  EXPECT_EQ(sara.Send("PUT", fmt::format("/api/users/{}/coordinator", outsider_),
                      {{"coordinator", false}})
                ->status,
            200);
  // Not a coordinator any more, but now of an approved member organisation.
  EXPECT_EQ(olle.Send("PUT", path, {{"state", "declined"}})->status, 403);
  EXPECT_EQ(olle.Get("/api/members/organisations")->status, 200);
  // Without a CSRF token nothing changes.
  Browser bare(port_);
  EXPECT_EQ(bare.Send("PUT", path, {{"state", "declined"}})->status, 401);
}

TEST_P(MembersApiTest, TheDirectoryListsApprovedMembersWithTheirPeoplesNamesOnly) {
  Browser maja = As("maja@example.se");
  const json directory = JsonOf(maja.Get("/api/members/organisations"));
  ASSERT_EQ(directory.at("organisations").size(), 1U) << directory.dump();
  const json& orebro = directory.at("organisations").at(0);
  EXPECT_EQ(orebro.at("name"), "Örebro");
  EXPECT_EQ(orebro.at("kind"), "municipality");
  EXPECT_EQ(orebro.at("county"), "18");
  EXPECT_EQ(orebro.at("county_name"), "Örebro län");
  EXPECT_EQ(orebro.at("state"), "approved");
  EXPECT_EQ(orebro.at("approved_at"), 1'700'000'000);
  ASSERT_EQ(orebro.at("people").size(), 1U);
  EXPECT_EQ(orebro.at("people").at(0), json({{"name", "Maja"}}));
  EXPECT_EQ(maja.Get("/api/members/organisations")->body.find("maja@example.se"),
            std::string::npos);

  // A coordinator approves Stockholm as an agency-less municipality and it joins the directory.
  Browser cora = As("cora@example.se");
  const auto set = cora.Send("PUT", fmt::format("/api/members/organisations/{}", other_org_),
                             {{"state", "approved"}, {"kind", "municipality"}});
  ASSERT_EQ(set->status, 200) << set->body;
  EXPECT_EQ(JsonOf(set).at("county"), "01");
  EXPECT_EQ(JsonOf(maja.Get("/api/members/organisations")).at("organisations").size(), 2U);
  const auto bad = cora.Send("PUT", fmt::format("/api/members/organisations/{}", other_org_),
                             {{"state", "approved"}, {"kind", "kommun"}});
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(JsonOf(bad).at("field"), "kind");
  EXPECT_EQ(cora.Send("PUT", "/api/members/organisations/999999", {{"state", "approved"}})->status,
            404);
}

json Application(const std::string& name, const std::string& email) {
  return {{"organisation_name", name},
          {"kind", "civil_society"},
          {"county", "18"},
          {"contact_name", "Kim Lund"},
          {"email", email},
          {"message", "Vi arbetar med unga i Örebro län."},
          {"consent", true}};
}

TEST_P(MembersApiTest, ApplyApproveAndTheContactSignsInAsAMemberWithTheMailedPassword) {
  Browser visitor(port_);
  const json form = JsonOf(visitor.Get("/api/public/membership-form?lang=en"));
  EXPECT_EQ(form.at("kinds").size(), 6U);
  EXPECT_EQ(form.at("kinds").at(3), json({{"id", "civil_society"}, {"label", "Civil society"}}));
  EXPECT_NE(form.at("consent_text").get<std::string>().find("consent"), std::string::npos);

  json refused = Application("Unga i länet", "kim@example.se");
  refused["consent"] = false;
  auto answer = visitor.Send("POST", "/api/public/membership-applications", refused);
  EXPECT_EQ(answer->status, 400);
  EXPECT_EQ(JsonOf(answer).at("field"), "consent");
  json municipality = Application("Kumla", "kim@example.se");
  municipality["kind"] = "municipality";
  municipality["code"] = "9999";
  answer = visitor.Send("POST", "/api/public/membership-applications", municipality);
  EXPECT_EQ(answer->status, 400);
  EXPECT_EQ(JsonOf(answer).at("field"), "code");
  // Another site's page cannot send an application in the visitor's name.
  httplib::Client cross("127.0.0.1", port_);
  const auto forged =
      cross.Post("/api/public/membership-applications", {{"Sec-Fetch-Site", "cross-site"}},
                 Application("X", "x@example.se").dump(), "application/json");
  EXPECT_EQ(forged->status, 403);

  answer = visitor.Send("POST", "/api/public/membership-applications",
                        Application("Unga i länet", "kim@example.se"));
  ASSERT_EQ(answer->status, 201) << answer->body;
  const std::int64_t id = JsonOf(answer).at("id");

  Browser cora = As("cora@example.se");
  const json queue = JsonOf(cora.Get("/api/membership-applications"));
  ASSERT_EQ(queue.at("applications").size(), 1U);
  EXPECT_EQ(queue.at("applications").at(0).at("email"), "kim@example.se");
  EXPECT_EQ(queue.at("applications").at(0).at("county_name"), "Örebro län");
  Browser maja = As("maja@example.se");
  EXPECT_EQ(maja.Get("/api/membership-applications")->status, 403);

  const auto approved =
      cora.Send("POST", fmt::format("/api/membership-applications/{}/approve", id));
  ASSERT_EQ(approved->status, 200) << approved->body;
  EXPECT_EQ(JsonOf(approved).at("state"), "approved");
  EXPECT_TRUE(JsonOf(approved).at("new_account").get<bool>());
  EXPECT_EQ(cora.Send("POST", fmt::format("/api/membership-applications/{}/approve", id))->status,
            409);
  EXPECT_EQ(cora.Send("POST", fmt::format("/api/membership-applications/{}/decline", id),
                      {{"reason", "Nej"}})
                ->status,
            409);

  const auto mail = sink_.WaitFor(1, std::chrono::seconds(20));
  ASSERT_EQ(mail.size(), 1U);
  EXPECT_EQ(mail[0].to, "<kim@example.se>");
  std::smatch password;
  ASSERT_TRUE(std::regex_search(mail[0].body, password,
                                std::regex("(?:Tillfälligt lösenord|Temporary password): (\\S+)")))
      << mail[0].body;

  Browser kim(port_);
  ASSERT_EQ(kim.LogIn("kim@example.se", password[1].str()), 200);
  EXPECT_EQ(kim.Get("/api/members/organisations")->status, 403);  // change the password first
  ASSERT_EQ(kim.Send("POST", "/api/auth/password",
                     {{"current_password", password[1].str()},
                      {"new_password", "ett nytt långt lösenord"}})
                ->status,
            204);
  Browser member(port_);
  ASSERT_EQ(member.LogIn("kim@example.se", "ett nytt långt lösenord"), 200);
  const json directory = JsonOf(member.Get("/api/members/organisations"));
  ASSERT_EQ(directory.at("organisations").size(), 2U);
  const json& unga = directory.at("organisations").at(0);  // by name: U before Ö
  EXPECT_EQ(unga.at("name"), "Unga i länet");
  EXPECT_EQ(unga.at("kind"), "civil_society");
  EXPECT_EQ(unga.at("county"), "18");
  EXPECT_EQ(unga.at("people"), json::array({{{"name", "Kim Lund"}}}));
  const json session = JsonOf(member.Get("/api/auth/session"));
  EXPECT_EQ(session.at("memberships").at(0).at("role"), "admin");
}

TEST_P(MembersApiTest, DeclineTellsTheApplicantTheReasonAndMakesNoOrganisation) {
  Browser visitor(port_);
  const auto answer = visitor.Send("POST", "/api/public/membership-applications",
                                   Application("Konsultbolaget", "ola@example.se"));
  ASSERT_EQ(answer->status, 201);
  const std::int64_t id = JsonOf(answer).at("id");
  Browser cora = As("cora@example.se");
  const std::string path = fmt::format("/api/membership-applications/{}/decline", id);
  const auto empty = cora.Send("POST", path, {{"reason", ""}});
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(JsonOf(empty).at("field"), "reason");
  const auto declined =
      cora.Send("POST", path, {{"reason", "Mötesplatsen är för offentlig sektor"}});
  ASSERT_EQ(declined->status, 200) << declined->body;
  EXPECT_EQ(JsonOf(declined).at("state"), "declined");
  EXPECT_TRUE(JsonOf(declined).at("organisation_id").is_null());
  EXPECT_EQ(JsonOf(cora.Get("/api/membership-applications")).at("applications").size(), 0U);
  EXPECT_EQ(
      JsonOf(cora.Get("/api/membership-applications?state=declined")).at("applications").size(),
      1U);
  const auto mail = sink_.WaitFor(1, std::chrono::seconds(20));
  ASSERT_EQ(mail.size(), 1U);
  EXPECT_EQ(mail[0].to, "<ola@example.se>");
  EXPECT_NE(mail[0].body.find("offentlig sektor"), std::string::npos) << mail[0].body;
  EXPECT_FALSE(app::FindOrganisationByCode(store(), fmt::format("medlem-{}", id)));
}

TEST_P(MembersApiTest, ApplicationsFromOneAddressAreLimited) {
  Browser visitor(port_);
  int created = 0, throttled = 0;
  for (int i = 0; i < 22; ++i) {
    const int status = visitor
                           .Send("POST", "/api/public/membership-applications",
                                 Application("Org", fmt::format("a{}@example.se", i)))
                           ->status;
    created += status == 201;
    throttled += status == 429;
  }
  EXPECT_EQ(created, 20);
  EXPECT_EQ(throttled, 2);
}

TEST_P(MembersApiTest, MembersProposeCommentAndVoteOncePerPerson) {
  Browser maja = As("maja@example.se");
  Browser cora = As("cora@example.se");
  Browser olle = As("olle@example.se");
  EXPECT_EQ(olle.Send("POST", "/api/proposals", {{"title", "X"}, {"body", "Y"}})->status, 403);

  const auto first =
      maja.Send("POST", "/api/proposals",
                {{"title", "Nätverk för barnfattigdom"}, {"body", "Träffas varje kvartal"}});
  ASSERT_EQ(first->status, 201) << first->body;
  const std::int64_t a = JsonOf(first).at("id");
  EXPECT_EQ(JsonOf(first).at("author_name"), "Maja");
  EXPECT_EQ(JsonOf(first).at("status"), "open");
  const auto second =
      cora.Send("POST", "/api/proposals", {{"title", "Webbinarium om budget"}, {"body", "Ett"}});
  const std::int64_t b = JsonOf(second).at("id");
  // Another organisation's analysis cannot be cited (it would confirm that it exists).
  const auto cited =
      maja.Send("POST", "/api/proposals", {{"title", "T"}, {"body", "B"}, {"analysis_id", 424242}});
  EXPECT_EQ(cited->status, 400);
  EXPECT_EQ(JsonOf(cited).at("field"), "analysis_id");

  const std::string vote_a = fmt::format("/api/proposals/{}/vote", a);
  auto voted = cora.Send("PUT", vote_a);
  ASSERT_EQ(voted->status, 201) << voted->body;
  EXPECT_EQ(JsonOf(voted).at("votes"), 1);
  EXPECT_TRUE(JsonOf(voted).at("voted").get<bool>());
  voted = cora.Send("PUT", vote_a);  // again: still one vote
  EXPECT_EQ(voted->status, 200);
  EXPECT_EQ(JsonOf(voted).at("votes"), 1);
  EXPECT_EQ(JsonOf(maja.Send("PUT", vote_a)).at("votes"), 2);

  // By votes: a (2) before b (0); by recency: b (newer) first.
  auto list = JsonOf(maja.Get("/api/proposals?sort=votes")).at("proposals");
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list.at(0).at("id"), a);
  EXPECT_EQ(list.at(0).at("votes"), 2);
  list = JsonOf(maja.Get("/api/proposals?sort=recent")).at("proposals");
  EXPECT_EQ(list.at(0).at("id"), b);
  EXPECT_EQ(maja.Get("/api/proposals?sort=best")->status, 400);

  const auto withdrawn = cora.Send("DELETE", vote_a);
  EXPECT_EQ(JsonOf(withdrawn).at("votes"), 1);
  EXPECT_FALSE(JsonOf(withdrawn).at("voted").get<bool>());

  const auto comment = cora.Send("POST", fmt::format("/api/proposals/{}/comments", a),
                                 {{"body", "<b>Gärna</b> i Örebro"}});
  ASSERT_EQ(comment->status, 201);
  const json shown = JsonOf(maja.Get(fmt::format("/api/proposals/{}", a)));
  EXPECT_EQ(shown.at("comments"), 1);
  EXPECT_EQ(shown.at("comment_list").at(0).at("body"),
            "<b>Gärna</b> i Örebro");  // text, escaped by the page
  EXPECT_EQ(shown.at("comment_list").at(0).at("author_name"), "Cora");

  const std::string status = fmt::format("/api/proposals/{}/status", a);
  EXPECT_EQ(maja.Send("POST", status, {{"status", "planned"}, {"reason", "x"}})->status, 403);
  const auto no_reason = cora.Send("POST", status, {{"status", "declined"}});
  EXPECT_EQ(no_reason->status, 400);
  EXPECT_EQ(JsonOf(no_reason).at("field"), "reason");
  const auto planned =
      cora.Send("POST", status, {{"status", "planned"}, {"reason", "Hösten 2027"}});
  ASSERT_EQ(planned->status, 200);
  EXPECT_EQ(JsonOf(planned).at("status"), "planned");
  EXPECT_EQ(JsonOf(planned).at("status_reason"), "Hösten 2027");
  EXPECT_EQ(maja.Get("/api/proposals/999999")->status, 404);
  EXPECT_EQ(maja.Send("PUT", "/api/proposals/999999/vote")->status, 404);
}

TEST_P(MembersApiTest, TheStoreItselfRefusesASecondVoteByOnePerson) {
  const auto maja = app::FindUser(store(), member_);
  const auto proposal = app::Propose(store(), *maja, {"T", "B", std::nullopt, ""}, 1);
  EXPECT_TRUE(app::Vote(store(), proposal.id, member_, 2));
  EXPECT_FALSE(app::Vote(store(), proposal.id, member_, 3));
  EXPECT_ANY_THROW(store().Acquire()->Query(
      "INSERT INTO proposal_votes (proposal_id, user_id, created_at) VALUES ($1, $2, 4)",
      {proposal.id, member_}));
  EXPECT_EQ(app::FindProposal(store(), proposal.id, member_)->votes, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, MembersApiTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
