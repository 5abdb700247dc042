// Member organisations: the migration's mapping of the accounts kinds, the membership states and
// who counts as a member of the meeting place.
#include "app/members/members.hpp"

#include <gtest/gtest.h>

#include "app/testing.hpp"
#include "core/error.hpp"

namespace jamlik::app {
namespace {

using MembersTest = testing::AppStoreTest;

TEST_P(MembersTest, TheMigrationMapsKommunAndRegionAndLeavesAnnanWithoutAKind) {
  store::Schema before;
  for (store::SchemaModule& module : Schema()) {
    if (module.name != "members") before.push_back(std::move(module));
  }
  store::testing::ScratchDatabase old(GetParam(), before);
  {
    const auto store = store::OpenStore(old.config());
    auto connection = store->Acquire();
    connection->Query(
        "INSERT INTO organisations (code, name, kind, created_at) VALUES ('1814', 'Lekeberg', "
        "'kommun', 0), ('18', 'Region Örebro län', 'region', 0), ('msh', 'Mötesplatsen', "
        "'annan', 0)");
  }
  store::StoreConfig upgraded_config = old.config();
  upgraded_config.modules = Schema();
  const auto upgraded = store::OpenStore(upgraded_config);
  const auto rows = upgraded->Acquire()->Query(
      "SELECT code, member_kind, county, member_state FROM organisations ORDER BY code");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].Text(0), "18");
  EXPECT_EQ(rows[0].Text(1), "region");
  EXPECT_EQ(rows[0].Text(2), "18");
  EXPECT_EQ(rows[1].Text(0), "1814");
  EXPECT_EQ(rows[1].Text(1), "municipality");
  EXPECT_EQ(rows[1].Text(2), "18");
  EXPECT_EQ(rows[2].Text(0), "msh");
  EXPECT_TRUE(rows[2].IsNull(1));
  EXPECT_EQ(rows[2].Text(2), "");
  // Nobody was a member of the meeting place before it existed.
  for (const auto& row : rows) EXPECT_TRUE(row.IsNull(3));
}

TEST_P(MembersTest, AStoredKindOutsideTheListIsRefusedByTheStore) {
  const auto org = CreateOrganisation(*store_, "msh", "Mötesplatsen", OrganisationKind::kAnnan);
  EXPECT_ANY_THROW(store_->Acquire()->Query(
      "UPDATE organisations SET member_kind = 'kommun' WHERE id = $1", {org->id}));
  EXPECT_ANY_THROW(store_->Acquire()->Query(
      "UPDATE organisations SET member_state = 'maybe' WHERE id = $1", {org->id}));
}

TEST_P(MembersTest, ApprovalMakesItsPeopleMembersAndDeclineEndsIt) {
  const auto org = CreateOrganisation(*store_, "1880", "Örebro", OrganisationKind::kKommun);
  const auto person = CreateUser(*store_, "p@example.se", "P", "ett långt lösenord", false);
  SetMembership(*store_, person->id, org->id, Role::kReader);
  const auto found = FindMemberOrganisation(*store_, org->id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->kind, MemberKind::kMunicipality);  // from the accounts kind
  EXPECT_FALSE(found->state);
  EXPECT_FALSE(IsMeetingPlaceMember(*store_, *person));

  ASSERT_TRUE(SetMemberState(*store_, org->id, MemberState::kApproved, 1'000));
  EXPECT_TRUE(IsMeetingPlaceMember(*store_, *person));
  ASSERT_TRUE(SetMemberState(*store_, org->id, MemberState::kApproved, 2'000));
  EXPECT_EQ(FindMemberOrganisation(*store_, org->id)->approved_at, 1'000);  // the first approval
  ASSERT_EQ(ApprovedMembers(*store_).size(), 1U);

  ASSERT_TRUE(SetMemberState(*store_, org->id, MemberState::kDeclined, 3'000));
  EXPECT_FALSE(IsMeetingPlaceMember(*store_, *person));
  EXPECT_FALSE(FindMemberOrganisation(*store_, org->id)->approved_at);
  EXPECT_TRUE(ApprovedMembers(*store_).empty());
  EXPECT_FALSE(SetMemberState(*store_, org->id + 100, MemberState::kApproved, 0));
}

TEST_P(MembersTest, CoordinatorsAndSiteAdministratorsCountAsMembers) {
  const auto coordinator = CreateUser(*store_, "c@example.se", "C", "ett långt lösenord", false);
  const auto admin = CreateUser(*store_, "a@example.se", "A", "ett långt lösenord", true);
  EXPECT_FALSE(IsCoordinator(*coordinator));
  ASSERT_TRUE(SetCoordinator(*store_, coordinator->id, true));
  const auto reread = FindUser(*store_, coordinator->id);
  EXPECT_TRUE(reread->coordinator);
  EXPECT_TRUE(IsCoordinator(*reread));
  EXPECT_TRUE(IsMeetingPlaceMember(*store_, *reread));
  EXPECT_TRUE(IsCoordinator(*admin));
  EXPECT_TRUE(IsMeetingPlaceMember(*store_, *admin));
  ASSERT_TRUE(SetCoordinator(*store_, coordinator->id, false));
  EXPECT_FALSE(IsMeetingPlaceMember(*store_, *FindUser(*store_, coordinator->id)));
  EXPECT_FALSE(SetCoordinator(*store_, coordinator->id + 100, true));
}

TEST_P(MembersTest, AMunicipalitysCountyComesFromItsCode) {
  const auto org = CreateOrganisation(*store_, "1880", "Örebro", OrganisationKind::kKommun);
  SetMemberProfile(*store_, org->id, MemberKind::kMunicipality, "01");
  EXPECT_EQ(FindMemberOrganisation(*store_, org->id)->county, "18");
  const auto ngo = CreateOrganisation(*store_, "rf", "Röda Korset", OrganisationKind::kAnnan);
  SetMemberProfile(*store_, ngo->id, MemberKind::kCivilSociety, "01");
  EXPECT_EQ(FindMemberOrganisation(*store_, ngo->id)->county, "01");
  EXPECT_EQ(FindMemberOrganisation(*store_, ngo->id)->kind, MemberKind::kCivilSociety);
  try {
    SetMemberProfile(*store_, ngo->id, MemberKind::kBusiness, "99");
    FAIL() << "county 99 accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "county");
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, MembersTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
