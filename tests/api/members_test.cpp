// The meeting place's members through the API: roles on the session, the coordinator flag, the
// member directory that only members see.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <ctime>

#include "app/accounts/accounts.hpp"
#include "app/members/members.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "ett långt lösenord";

class MembersApiTest : public ApiTest {
 protected:
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

INSTANTIATE_TEST_SUITE_P(Backends, MembersApiTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
