// Comparison groups through the API on every backend: created, edited, imported from Kolada's
// municipality_groups and deleted by an analyst, each error naming its field; and a saved
// analysis compared with a group (against=group:ID), the group's value the unweighted mean of its
// members' estimates with a value (worked out by hand below), as `jamlik compare --groups` does.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "app/accounts/accounts.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

class ComparisonGroupsApiTest : public OrganisationApiTest {};

const json& AreaRow(const json& result, const std::string& area) {
  for (const auto& row : result.at("rows")) {
    if (row.at("area") == area && row.at("dimension") == "total") return row;
  }
  ADD_FAILURE() << "no row for " << area;
  return result;
}

std::string FieldOf(const httplib::Result& result) { return JsonOf(result).value("field", ""); }

TEST_P(ComparisonGroupsApiTest, AnAnalystKeepsTheOrganisationsGroups) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const auto created = browser.Send("POST", Path("/comparison-groups"),
                                    {{"title", "Större städer"}, {"members", {"0580", "1980"}}});
  ASSERT_EQ(created->status, 201) << created->body;
  const json group = JsonOf(created);
  const std::int64_t id = group.at("id");
  EXPECT_EQ(group.at("source"), "user");
  EXPECT_EQ(group.at("against"), fmt::format("group:{}", id));
  EXPECT_EQ(group.at("members"), json::parse(R"([{"code": "0580", "name": "Linköping"},
                                                 {"code": "1980", "name": "Västerås"}])"));
  EXPECT_EQ(created->get_header_value("Location"), Path(fmt::format("/comparison-groups/{}", id)));

  const auto edited = browser.Send("PUT", Path(fmt::format("/comparison-groups/{}", id)),
                                   {{"title", "Städer"}, {"members", {"2480"}}});
  ASSERT_EQ(edited->status, 200) << edited->body;
  EXPECT_EQ(JsonOf(edited).at("members").at(0).at("name"), "Umeå");
  const json listed = JsonOf(browser.Get(Path("/comparison-groups")));
  ASSERT_EQ(listed.at("groups").size(), 1u);
  EXPECT_EQ(listed.at("groups").at(0).at("title"), "Städer");

  // Errors name the field.
  const auto no_title = browser.Send("POST", Path("/comparison-groups"), {{"members", {"0580"}}});
  EXPECT_EQ(no_title->status, 400);
  EXPECT_EQ(FieldOf(no_title), "title");
  const auto unknown = browser.Send("POST", Path("/comparison-groups"),
                                    {{"title", "X"}, {"members", {"0580", "9999"}}});
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(FieldOf(unknown), "members/1");
  const auto not_text = browser.Send("POST", Path("/comparison-groups"),
                                     {{"title", "X"}, {"members", {"0580", 1980}}});
  EXPECT_EQ(FieldOf(not_text), "members/1");

  // Kolada's municipality groups: imported, then imported again (replaced, not doubled).
  const std::string kolada = R"({"count": 1, "values": [{"id": "G124009", "title": "Liknande",
      "members": [{"id": "1881", "title": "Kumla"}, {"id": "0018", "title": "Region Örebro"}]}]})";
  const auto imported = browser.Upload(Path("/comparison-groups/import"), "grupper.json", kolada);
  ASSERT_EQ(imported->status, 200) << imported->body;
  ASSERT_EQ(JsonOf(imported).at("created").size(), 1u);
  const json kolada_group = JsonOf(imported).at("created").at(0);
  EXPECT_EQ(kolada_group.at("source"), "kolada");
  EXPECT_EQ(kolada_group.at("source_id"), "G124009");
  EXPECT_EQ(kolada_group.at("members").at(1).at("code"), "18");
  const auto again = browser.Upload(Path("/comparison-groups/import"), "grupper.json", kolada);
  EXPECT_EQ(JsonOf(again).at("updated").size(), 1u);
  EXPECT_EQ(JsonOf(browser.Get(Path("/comparison-groups"))).at("groups").size(), 2u);
  const auto bad_member = browser.Upload(
      Path("/comparison-groups/import"), "grupper.json",
      R"({"values": [{"id": "G1", "title": "A", "members": [{"id": "1880"}, {"id": "12345"}]}]})");
  EXPECT_EQ(bad_member->status, 422);
  EXPECT_EQ(JsonOf(bad_member).at("code"), "bad_value");
  EXPECT_NE(bad_member->body.find("/values/0/members/1/id"), std::string::npos) << bad_member->body;
  const auto empty = browser.Upload(Path("/comparison-groups/import"), "grupper.json", " \n");
  EXPECT_EQ(empty->status, 422);
  EXPECT_EQ(FieldOf(empty), "file");
  EXPECT_EQ(JsonOf(browser.Get(Path("/comparison-groups"))).at("groups").size(), 2u);

  EXPECT_EQ(browser.Send("DELETE", Path(fmt::format("/comparison-groups/{}", id)))->status, 204);
  EXPECT_EQ(browser.Get(Path(fmt::format("/comparison-groups/{}", id)))->status, 404);
  EXPECT_EQ(browser.Send("DELETE", Path(fmt::format("/comparison-groups/{}", id)))->status, 404);

  // The code lists to pick members from: 21 counties, then 290 municipalities.
  const json areas = JsonOf(browser.Get("/api/areas")).at("areas");
  EXPECT_EQ(areas.size(), 21u + 290u);
  EXPECT_EQ(areas.at(0), json::parse(R"({"code": "01", "name": "Stockholms län", "level": "lan",
                                         "county": "01"})"));
}

// 1880: 160 of 200 (80 %), 1881: 60 of 200 (30 %), 1882: 100 of 200 (50 %).
TEST_P(ComparisonGroupsApiTest, AnAnalysisComparesWithAGroupsUnweightedMean) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  std::string csv = "kommun;behorig\n";
  for (const auto& [area, yes] : {std::pair{"1880", 160}, {"1881", 60}, {"1882", 100}}) {
    for (int i = 0; i < 200; ++i) csv += fmt::format("{};{}\n", area, i < yes ? 1 : 0);
  }
  const auto uploaded = browser.Upload(Path("/datasets"), "behorighet.csv", csv);
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const json request = {{"name", "Behörighet"},
                        {"dataset_id", JsonOf(uploaded).at("id")},
                        {"areas", {"kommun"}},
                        {"indicators",
                         {{{"id", "behorig"},
                           {"name_sv", "Gymnasiebehörighet"},
                           {"type", "proportion"},
                           {"numerator", "behorig"},
                           {"higher_is_favourable", true}}}}};
  const auto created = browser.Send("POST", Path("/analyses"), request);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string path =
      Path(fmt::format("/analyses/{}/comparison", JsonOf(created).at("id").get<std::int64_t>()));
  // Kumla, Askersund and Stockholm (no row: left out of the mean).
  const json group =
      JsonOf(browser.Send("POST", Path("/comparison-groups"),
                          {{"title", "Grannar"}, {"members", {"1881", "1882", "0180"}}}));
  const std::int64_t id = group.at("id");

  const auto answer = browser.Get(path + fmt::format("?against=group:{}&lang=sv", id));
  ASSERT_EQ(answer->status, 200) << answer->body;
  const json result = JsonOf(answer);
  EXPECT_EQ(result.at("against"), fmt::format("group:{}", id));
  const json& orebro = AreaRow(result, "1880");
  EXPECT_EQ(orebro.at("comparator_area"), fmt::format("grupp-{}", id));
  EXPECT_EQ(orebro.at("comparator_name"), "Grannar");
  EXPECT_NEAR(orebro.at("comparator_value").get<double>(), (30.0 + 50.0) / 2, 1e-9);
  // Wilson 95 % 73.9–85.0 and 99.8 % 70.5–87.2 lie above 40.
  EXPECT_EQ(orebro.at("comparison"), "better");
  EXPECT_EQ(orebro.at("comparison_2"), "better");
  EXPECT_NEAR(orebro.at("difference").get<double>(), 40.0, 1e-9);
  // Askersund's 50 %: Wilson 95 % 43.1–56.9 lies above 40, 99.8 % 39.3–60.7 holds it.
  EXPECT_EQ(AreaRow(result, "1882").at("comparison"), "better");
  EXPECT_EQ(AreaRow(result, "1882").at("comparison_2"), "similar");
  // Kumla's 30 %: 95 % 24.1–36.7 lies below 40, 99.8 % 21.1–40.7 holds it.
  EXPECT_EQ(AreaRow(result, "1881").at("comparison"), "worse");
  EXPECT_EQ(AreaRow(result, "1881").at("comparison_2"), "similar");
  // By its title too, as the CLI names groups.
  EXPECT_EQ(JsonOf(browser.Get(path + "?against=group:Grannar")).at("rows").size(),
            result.at("rows").size());

  // Another organisation's group is not this organisation's.
  const auto other =
      app::CreateOrganisation(store(), "0180", "Stockholm", app::OrganisationKind::kKommun);
  const auto anna = app::FindUserByEmail(store(), "anna@example.se");
  app::SetMembership(store(), anna->id, other->id, app::Role::kAnalyst);
  const json foreign =
      JsonOf(browser.Send("POST", fmt::format("/api/organisations/{}/comparison-groups", other->id),
                          {{"title", "Deras"}, {"members", {"1881"}}}));
  const auto refused =
      browser.Get(path + fmt::format("?against=group:{}", foreign.at("id").get<std::int64_t>()));
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(FieldOf(refused), "against");
  EXPECT_EQ(
      browser.Get(Path(fmt::format("/comparison-groups/{}", foreign.at("id").get<std::int64_t>())))
          ->status,
      404);
}

INSTANTIATE_TEST_SUITE_P(Backends, ComparisonGroupsApiTest,
                         ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
