// Comparison groups: the organisation's own and Kolada's, checked, stored per organisation and
// replaced on a second import, on every backend.
#include "app/comparison_groups/comparison_groups.hpp"

#include <gtest/gtest.h>

#include "app/accounts/accounts.hpp"
#include "app/testing.hpp"
#include "core/error.hpp"

namespace jamlik::app {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

class ComparisonGroupsTest : public app::testing::AppStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    org_ = CreateOrganisation(*store_, "1880", "Örebro", OrganisationKind::kKommun)->id;
    other_ = CreateOrganisation(*store_, "0180", "Stockholm", OrganisationKind::kKommun)->id;
    user_ = CreateUser(*store_, "analytiker@example.se", "Ana", "ett långt lösenord", false)->id;
  }

  std::string FieldOf(const std::function<void()>& call) {
    try {
      call();
    } catch (const Error& error) {
      return error.field();
    }
    return "(no error)";
  }

  std::int64_t org_ = 0, other_ = 0, user_ = 0;
};

TEST_P(ComparisonGroupsTest, AGroupIsStoredWithItsMembersInOrderForItsOrganisationOnly) {
  const StoredGroup group =
      CreateGroup(*store_, org_, user_, {"Större städer", {"0580", "1980", "18"}}, kNow);
  EXPECT_EQ(group.members, (std::vector<std::string>{"0580", "1980", "18"}));
  EXPECT_EQ(group.source, GroupSource::kUser);
  EXPECT_EQ(ListGroups(*store_, org_).size(), 1u);
  EXPECT_TRUE(ListGroups(*store_, other_).empty());
  EXPECT_FALSE(FindGroup(*store_, other_, group.id));
  EXPECT_FALSE(UpdateGroup(*store_, other_, group.id, {"x", {"0180"}}, kNow));
  EXPECT_FALSE(DeleteGroup(*store_, other_, group.id));

  const auto updated = UpdateGroup(*store_, org_, group.id, {"Städer", {"2480", "0580"}}, kNow + 5);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->title, "Städer");
  EXPECT_EQ(updated->members, (std::vector<std::string>{"2480", "0580"}));
  EXPECT_EQ(updated->updated_at, kNow + 5);
  EXPECT_EQ(FindGroupByName(*store_, org_, std::to_string(group.id))->id, group.id);
  EXPECT_EQ(FindGroupByName(*store_, org_, "Städer")->id, group.id);
  EXPECT_FALSE(FindGroupByName(*store_, other_, "Städer"));
  EXPECT_EQ(ToComparisonGroup(*updated).id, "grupp-" + std::to_string(group.id));

  EXPECT_TRUE(DeleteGroup(*store_, org_, group.id));
  EXPECT_TRUE(ListGroups(*store_, org_).empty());
}

TEST_P(ComparisonGroupsTest, ADraftIsCheckedNamingTheField) {
  EXPECT_EQ(FieldOf([&] { CreateGroup(*store_, org_, user_, {"", {"0180"}}, kNow); }), "title");
  EXPECT_EQ(FieldOf([&] { CreateGroup(*store_, org_, user_, {"G", {}}, kNow); }), "members");
  EXPECT_EQ(FieldOf([&] {
              CreateGroup(*store_, org_, user_, {"G", {"0180", "9999"}}, kNow);
            }),
            "members/1");
  EXPECT_EQ(FieldOf([&] {
              CreateGroup(*store_, org_, user_, {"G", {"0180", "0580", "0180"}}, kNow);
            }),
            "members/2");
  EXPECT_TRUE(ListGroups(*store_, org_).empty());
}

constexpr const char* kKolada = R"({"count": 2, "values": [
  {"id": "G124009", "title": "Liknande kommuner", "members": [{"id": "0580", "title": "Linköping"},
   {"id": "1980", "title": "Västerås"}]},
  {"id": "G2", "title": "Regioner", "members": [{"id": "0018", "title": "Region Örebro län"}]}]})";

TEST_P(ComparisonGroupsTest, KoladaGroupsImportAndReplaceTheirEarlierImport) {
  const GroupImport first = ImportKoladaGroups(*store_, org_, user_, kKolada, "g.json", kNow);
  ASSERT_EQ(first.created.size(), 2u);
  EXPECT_TRUE(first.updated.empty());
  EXPECT_EQ(first.created[0].source_id, "G124009");
  EXPECT_EQ(first.created[0].members, (std::vector<std::string>{"0580", "1980"}));
  EXPECT_EQ(first.created[1].members, (std::vector<std::string>{"18"}));  // Kolada's region 0018
  EXPECT_EQ(ToComparisonGroup(first.created[0]).id, "G124009");
  EXPECT_EQ(FindGroupByName(*store_, org_, "G124009")->id, first.created[0].id);

  const GroupImport again = ImportKoladaGroups(
      *store_, org_, user_,
      R"({"values": [{"id": "G124009", "title": "Nytt namn", "members": [{"id": "2480"}]}]})",
      "g.json", kNow + 1);
  ASSERT_EQ(again.updated.size(), 1u);
  EXPECT_EQ(again.updated[0].id, first.created[0].id);
  EXPECT_EQ(again.updated[0].title, "Nytt namn");
  EXPECT_EQ(again.updated[0].members, (std::vector<std::string>{"2480"}));
  EXPECT_EQ(ListGroups(*store_, org_).size(), 2u);
}

TEST_P(ComparisonGroupsTest, ABadKoladaFileNamesWhereAndLeavesNothing) {
  // A member the code lists do not know: the pointer of its id.
  try {
    ImportKoladaGroups(*store_, org_, user_,
                       R"({"values": [{"id": "G1", "title": "A", "members": [{"id": "0580"}]},
                         {"id": "G2", "title": "B", "members": [{"id": "7777"}]}]})",
                       "g.json", kNow);
    FAIL() << "an unknown member was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kBadValue);
    EXPECT_NE(std::string(error.what()).find("/values/1/members/0/id"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(FieldOf([&] {
              ImportKoladaGroups(*store_, org_, user_, R"({"values": [{"id": "G1", "title": ""
                , "members": [{"id": "0580"}]}]})",
                                 "g.json", kNow);
            }),
            "values/0/title");
  EXPECT_EQ(FieldOf([&] {
              ImportKoladaGroups(*store_, org_, user_,
                                 R"({"values": [{"id": "G1", "title": "A", "members": []}]})",
                                 "g.json", kNow);
            }),
            "values/0/members");
  EXPECT_EQ(FieldOf([&] {
              ImportKoladaGroups(*store_, org_, user_, R"({"values": []})", "g.json", kNow);
            }),
            "values");
  EXPECT_THROW(ImportKoladaGroups(*store_, org_, user_, "{\"values\": [", "g.json", kNow), Error);
  EXPECT_TRUE(ListGroups(*store_, org_).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ComparisonGroupsTest,
                         ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
