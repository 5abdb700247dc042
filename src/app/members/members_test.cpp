// Member organisations: the migration's mapping of the accounts kinds, the membership states,
// who counts as a member of the meeting place, and approving an application whole or not at all.
#include "app/members/members.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "app/accounts/invitations.hpp"
#include "app/members/applications.hpp"
#include "app/outbox/outbox.hpp"
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

TEST_P(MembersTest, AMunicipalityWhoseCodeIsNoAreaTakesItsCountyFromItsArea) {
  // The demo's organisation: code "demo" (four letters, no municipality), area 1880.
  const auto demo =
      CreateOrganisation(*store_, "demo", "Demo kommun", OrganisationKind::kKommun, "1880");
  EXPECT_EQ(FindMemberOrganisation(*store_, demo->id)->county, "18");
  SetMemberProfile(*store_, demo->id, MemberKind::kMunicipality, "");
  EXPECT_EQ(FindMemberOrganisation(*store_, demo->id)->county, "18");
}

constexpr const char* kSite = "https://jamlik.example.se";

ApplicationDraft Lekeberg() {
  ApplicationDraft draft;
  draft.organisation_name = "Lekebergs kommun";
  draft.kind = MemberKind::kMunicipality;
  draft.code = "1814";
  draft.contact_name = "Kim Berg";
  draft.email = "kim@lekeberg.se";
  return draft;
}

std::int64_t Count(store::Store& store, const std::string& sql, const store::Params& params = {}) {
  return store.Acquire()->Query(sql, params).at(0).Int(0);
}

// Nothing of an approval is stored: the application undecided, no organisation, account,
// invitation or mail.
void ExpectNothingOfTheApproval(store::Store& store, std::int64_t application) {
  const auto read = FindApplication(store, application);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->state, MemberState::kApplied);
  EXPECT_FALSE(read->organisation_id);
  EXPECT_FALSE(read->decided_at);
  EXPECT_FALSE(FindOrganisationByCode(store, "1814"));
  EXPECT_FALSE(FindUserByEmail(store, "kim@lekeberg.se"));
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM invitations"), 0);
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM memberships"), 0);
  EXPECT_TRUE(ListOutbox(store).empty());
}

// A trigger that makes every insert into the outbox fail: the approval's last write.
void FailTheOutbox(store::Store& store, bool fail) {
  auto connection = store.Acquire();
  const bool postgres = connection->dialect() == store::Dialect::kPostgres;
  if (fail) {
    connection->ExecuteScript(
        postgres ? "CREATE FUNCTION injected_failure() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; "
                   "CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox FOR EACH ROW "
                   "EXECUTE FUNCTION injected_failure()"
                 : "CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN "
                   "SELECT RAISE(ABORT, 'injected failure'); END");
  } else {
    connection->ExecuteScript(postgres ? "DROP TRIGGER outbox_fails ON outbox"
                                       : "DROP TRIGGER outbox_fails");
  }
}

TEST_P(MembersTest, AnApprovalThatFailsPartWayLeavesNothingBehind) {
  const auto coordinator = CreateUser(*store_, "c@example.se", "C", "ett långt lösenord", false);
  const Application application = Apply(*store_, Lekeberg(), 1'000);

  // The last write fails: the mail.
  FailTheOutbox(*store_, true);
  EXPECT_ANY_THROW(ApproveApplication(*store_, application.id, coordinator->id, kSite, 2'000));
  ExpectNothingOfTheApproval(*store_, application.id);
  FailTheOutbox(*store_, false);

  // A write in the middle fails: the organisation is made, then the contact's account is refused
  // (a name no account may have).
  store_->Acquire()->Query("UPDATE membership_applications SET contact_name = '' WHERE id = $1",
                           {application.id});
  try {
    ApproveApplication(*store_, application.id, coordinator->id, kSite, 2'000);
    FAIL() << "an account without a name was made";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "name");
  }
  ExpectNothingOfTheApproval(*store_, application.id);

  // Nothing failing: all of it, once.
  store_->Acquire()->Query(
      "UPDATE membership_applications SET contact_name = 'Kim Berg' WHERE id = $1",
      {application.id});
  const Approval approval =
      ApproveApplication(*store_, application.id, coordinator->id, kSite, 3'000);
  ASSERT_EQ(approval.decision, Decision::kDone);
  EXPECT_TRUE(approval.new_account);
  const auto organisation = FindOrganisationByCode(*store_, "1814");
  ASSERT_TRUE(organisation);
  EXPECT_EQ(approval.organisation.id, organisation->id);
  const auto member = FindMemberOrganisation(*store_, organisation->id);
  EXPECT_EQ(member->state, MemberState::kApproved);
  EXPECT_EQ(member->approved_at, 3'000);
  EXPECT_EQ(member->county, "18");
  const auto kim = FindUserByEmail(*store_, "kim@lekeberg.se");
  ASSERT_TRUE(kim);
  EXPECT_TRUE(kim->must_change_password);
  EXPECT_EQ(RoleIn(*store_, kim->id, organisation->id), Role::kAdmin);
  EXPECT_TRUE(IsMeetingPlaceMember(*store_, *kim));
  const auto read = FindApplication(*store_, application.id);
  EXPECT_EQ(read->state, MemberState::kApproved);
  EXPECT_EQ(read->organisation_id, organisation->id);
  const auto outbox = ListOutbox(*store_);
  ASSERT_EQ(outbox.size(), 1U);
  EXPECT_EQ(outbox[0].mail.to, "kim@lekeberg.se");
  EXPECT_NE(outbox[0].mail.body.find("Lekebergs kommun"), std::string::npos);
  EXPECT_EQ(ApproveApplication(*store_, application.id, coordinator->id, kSite, 4'000).decision,
            Decision::kAlreadyDecided);
  EXPECT_EQ(ListOutbox(*store_).size(), 1U);
}

TEST_P(MembersTest, AnExistingAccountIsInvitedInTheSameTransaction) {
  const auto coordinator = CreateUser(*store_, "c@example.se", "C", "ett långt lösenord", false);
  const auto kim = CreateUser(*store_, "kim@lekeberg.se", "Kim", "ett långt lösenord", false);
  const Application application = Apply(*store_, Lekeberg(), 1'000);
  FailTheOutbox(*store_, true);
  EXPECT_ANY_THROW(ApproveApplication(*store_, application.id, coordinator->id, kSite, 2'000));
  EXPECT_EQ(Count(*store_, "SELECT COUNT(*) FROM invitations"), 0);
  EXPECT_FALSE(FindOrganisationByCode(*store_, "1814"));
  FailTheOutbox(*store_, false);
  const Approval approval =
      ApproveApplication(*store_, application.id, coordinator->id, kSite, 2'000);
  ASSERT_EQ(approval.decision, Decision::kDone);
  EXPECT_FALSE(approval.new_account);
  const auto invitations = InvitationsFor(*store_, *kim, 2'000);
  ASSERT_EQ(invitations.size(), 1U);
  EXPECT_EQ(invitations[0].organisation.code, "1814");
  EXPECT_EQ(invitations[0].role, Role::kAdmin);
  EXPECT_EQ(ListOutbox(*store_).size(), 1U);
}

TEST_P(MembersTest, CoordinatorsApprovingAtOnceMakeOneOrganisationOneAccountAndOneMail) {
  const auto coordinator = CreateUser(*store_, "c@example.se", "C", "ett långt lösenord", false);
  const Application application = Apply(*store_, Lekeberg(), 1'000);
  constexpr int kCoordinators = 6;
  std::atomic<int> ready{0};
  std::atomic<int> done{0};
  std::atomic<int> already{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kCoordinators; ++i) {
    threads.emplace_back([&] {
      ++ready;
      while (ready.load() < kCoordinators) std::this_thread::yield();
      try {
        const Decision decision =
            ApproveApplication(*store_, application.id, coordinator->id, kSite, 2'000).decision;
        ++(decision == Decision::kDone             ? done
           : decision == Decision::kAlreadyDecided ? already
                                                   : other);
      } catch (...) {
        ++other;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(done.load(), 1);
  EXPECT_EQ(already.load(), kCoordinators - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Count(*store_, "SELECT COUNT(*) FROM organisations WHERE code = '1814'"), 1);
  EXPECT_EQ(Count(*store_, "SELECT COUNT(*) FROM users WHERE email = 'kim@lekeberg.se'"), 1);
  EXPECT_EQ(Count(*store_, "SELECT COUNT(*) FROM memberships"), 1);
  EXPECT_EQ(ListOutbox(*store_).size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, MembersTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
