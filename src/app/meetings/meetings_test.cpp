// Activities and registrations: seats, the waiting list, cancellation, deadlines, capacity
// changes and the deletion of personal data, then many registrations at once, on every backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "app/accounts/accounts.hpp"
#include "app/meetings/activities.hpp"
#include "app/meetings/registrations.hpp"
#include "app/outbox/outbox.hpp"
#include "app/recommendation.hpp"
#include "app/testing.hpp"
#include "core/error.hpp"
#include "core/labelled_enum_testing.hpp"

namespace jamlik::app {
namespace {

constexpr std::int64_t kDay = 86'400;
constexpr std::int64_t kNow = 1'800'000'000;  // 2027-01-15
const std::string kSite = "https://motesplats.example.se";
constexpr const char* kConsent =
    "Jag samtycker till att mina uppgifter sparas till 30 dagar efter aktiviteten.";

TEST(MeetingEnumsTest, EveryValueHasAnIdAndBothLabels) {
  jamlik::testing::ExpectCompleteEnumTable(ActivityKind::kNetworkMeeting);
  jamlik::testing::ExpectCompleteEnumTable(RegistrationStatus::kCancelled);
  jamlik::testing::ExpectCompleteEnumTable(Recommendation::kEnvironments);
}

TEST(ConsentTest, NamesTheDataAndHowLongItIsKept) {
  EXPECT_NE(ConsentText(Language::kSwedish, 30).find("raderas 30 dagar efter"), std::string::npos);
  EXPECT_NE(ConsentText(Language::kEnglish, 14).find("deleted 14 days after"), std::string::npos);
}

TEST(RecommendationsTest, ReadInTheirOwnOrderWithoutDuplicates) {
  EXPECT_EQ(RecommendationIds(ParseRecommendations(" good_start,measure,measure ", "r")),
            "measure,good_start");
  EXPECT_TRUE(ParseRecommendations("", "r").empty());
  try {
    ParseRecommendations("measure,jamlikhet", "recommendations");
    FAIL() << "an unknown id was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "recommendations");
    EXPECT_EQ(error.value(), "jamlikhet");
  }
}

class MeetingsTest : public app::testing::AppStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    org_ = CreateOrganisation(*store_, "msh", "Mötesplatsen", OrganisationKind::kAnnan)->id;
    user_ = CreateUser(*store_, "samordnare@example.se", "Sam", "ett långt lösenord", false)->id;
  }

  Activity NewActivity(std::int64_t capacity, bool members_only = false) {
    ActivityDraft draft;
    draft.kind = ActivityKind::kSeminar;
    draft.title = "Jämlik hälsa i budgetprocessen";
    draft.theme = "styrning";
    draft.recommendations = {Recommendation::kGovernance, Recommendation::kMeasure};
    draft.place = "Örebro slott";
    draft.county = "18";
    draft.starts_at = kNow + 10 * kDay;
    draft.ends_at = kNow + 10 * kDay + 3 * 3600;
    draft.registration_deadline = kNow + 7 * kDay;
    draft.capacity = capacity;
    draft.members_only = members_only;
    return CreateActivity(*store_, org_, user_, draft, kNow);
  }

  static Registrant Person(int number) {
    return {"Person " + std::to_string(number), "person" + std::to_string(number) + "@example.se",
            "Kumla kommun", "", kConsent};
  }

  RegisterOutcome Sign(std::int64_t activity, int number, std::int64_t at = kNow) {
    return Register(*store_, activity, Person(number), at, kSite);
  }

  std::int64_t org_ = 0;
  std::int64_t user_ = 0;
};

TEST_P(MeetingsTest, SeatsFirstThenTheWaitingListInArrivalOrder) {
  const Activity activity = NewActivity(2);
  std::vector<RegisterOutcome> outcomes;
  for (int i = 1; i <= 4; ++i) outcomes.push_back(Sign(activity.id, i));
  EXPECT_EQ(outcomes[0].registration.status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(outcomes[1].registration.status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(outcomes[2].registration.status, RegistrationStatus::kWaiting);
  EXPECT_EQ(outcomes[2].registration.waiting_position, 1);
  EXPECT_EQ(outcomes[3].registration.waiting_position, 2);
  EXPECT_EQ(outcomes[0].registration.waiting_position, 0);
  EXPECT_EQ(outcomes[0].cancel_token.size(), 64U);
  EXPECT_NE(outcomes[0].cancel_token, outcomes[1].cancel_token);

  Registrant english = Person(5);
  english.language = Language::kEnglish;
  Register(*store_, activity.id, english, kNow, kSite);
  EXPECT_EQ(ListRegistrations(*store_, activity.id).back().registrant.language, Language::kEnglish);
  EXPECT_EQ(ListRegistrations(*store_, activity.id).front().registrant.language,
            Language::kSwedish);

  const Activity read = *FindActivity(*store_, activity.id);
  EXPECT_EQ(read.confirmed, 2);
  EXPECT_EQ(read.waiting, 3);
  EXPECT_EQ(read.seats_left(), 0);
  EXPECT_EQ(read.title, "Jämlik hälsa i budgetprocessen");
  EXPECT_EQ(RecommendationIds(read.recommendations), "governance,measure");
  EXPECT_EQ(read.county, "18");
}

TEST_P(MeetingsTest, ACancelledSeatGoesToTheFirstWaitingPerson) {
  const Activity activity = NewActivity(1);
  const RegisterOutcome first = Sign(activity.id, 1);
  const RegisterOutcome second = Sign(activity.id, 2);
  const RegisterOutcome third = Sign(activity.id, 3);

  const auto cancelled = CancelRegistration(*store_, first.cancel_token, kNow + kDay);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->cancelled.id, first.registration.id);
  EXPECT_EQ(cancelled->cancelled.status, RegistrationStatus::kCancelled);
  ASSERT_TRUE(cancelled->promoted);
  EXPECT_EQ(cancelled->promoted->id, second.registration.id);
  EXPECT_EQ(cancelled->promoted->registrant.email, "person2@example.se");
  EXPECT_EQ(cancelled->promoted->promoted_at, kNow + kDay);

  // The same link again, or a link that never was: nothing happens.
  EXPECT_FALSE(CancelRegistration(*store_, first.cancel_token, kNow + kDay));
  EXPECT_FALSE(CancelRegistration(*store_, std::string(64, 'a'), kNow + kDay));

  const std::vector<Registration> list = ListRegistrations(*store_, activity.id);
  ASSERT_EQ(list.size(), 3U);
  EXPECT_EQ(list[0].status, RegistrationStatus::kCancelled);
  EXPECT_EQ(list[1].status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(list[2].status, RegistrationStatus::kWaiting);
  EXPECT_EQ(list[2].waiting_position, 1);
  EXPECT_EQ(list[2].id, third.registration.id);
}

TEST_P(MeetingsTest, EachIsToldByMailInTheirLanguage) {
  const Activity activity = NewActivity(1);
  const RegisterOutcome first = Sign(activity.id, 1);
  Registrant english = Person(2);
  english.language = Language::kEnglish;
  Register(*store_, activity.id, english, kNow, kSite);
  ASSERT_TRUE(CancelRegistration(*store_, first.cancel_token, kNow));
  Sign(activity.id, 3);  // a third, on the waiting list

  const std::vector<OutboxEntry> outbox = ListOutbox(*store_);
  ASSERT_EQ(outbox.size(), 4U);
  EXPECT_EQ(outbox[0].mail.to, "person1@example.se");
  EXPECT_EQ(outbox[0].mail.subject, "Anmälan bekräftad: Jämlik hälsa i budgetprocessen");
  EXPECT_NE(outbox[0].mail.body.find(kSite + "/avanmalan/" + first.cancel_token), std::string::npos)
      << outbox[0].mail.body;
  // 2027-01-25 08:00 UTC is 09.00 in Stockholm (Python zoneinfo).
  EXPECT_NE(outbox[0].mail.body.find("25 januari 2027 kl. 09.00"), std::string::npos)
      << outbox[0].mail.body;
  EXPECT_NE(outbox[0].mail.body.find("Plats: Örebro slott"), std::string::npos);
  EXPECT_EQ(outbox[1].mail.to, "person2@example.se");
  EXPECT_EQ(outbox[1].mail.subject, "You are on the waiting list: Jämlik hälsa i budgetprocessen");
  EXPECT_NE(outbox[1].mail.body.find("number 1 on the waiting list"), std::string::npos);
  EXPECT_EQ(outbox[2].mail.to, "person2@example.se");
  EXPECT_EQ(outbox[2].mail.subject, "You have a seat: Jämlik hälsa i budgetprocessen");
  EXPECT_EQ(outbox[3].mail.subject, "Du står på väntelistan: Jämlik hälsa i budgetprocessen");
  // A refusal writes no mail.
  Sign(activity.id, 3);
  EXPECT_EQ(ListOutbox(*store_).size(), 4U);
}

TEST_P(MeetingsTest, AWaitingPersonWhoCancelsFreesNoSeat) {
  const Activity activity = NewActivity(1);
  Sign(activity.id, 1);
  const RegisterOutcome second = Sign(activity.id, 2);
  const RegisterOutcome third = Sign(activity.id, 3);
  const auto cancelled = CancelRegistration(*store_, second.cancel_token, kNow);
  ASSERT_TRUE(cancelled);
  EXPECT_FALSE(cancelled->promoted);
  const Activity read = *FindActivity(*store_, activity.id);
  EXPECT_EQ(read.confirmed, 1);
  EXPECT_EQ(read.waiting, 1);
  EXPECT_EQ(ListRegistrations(*store_, activity.id).back().waiting_position, 1);
  EXPECT_EQ(ListRegistrations(*store_, activity.id).back().id, third.registration.id);
}

TEST_P(MeetingsTest, NoPromotionOnceTheActivityHasStarted) {
  const Activity activity = NewActivity(1);
  const RegisterOutcome first = Sign(activity.id, 1);
  Sign(activity.id, 2);
  const auto cancelled = CancelRegistration(*store_, first.cancel_token, activity.starts_at + 60);
  ASSERT_TRUE(cancelled);
  EXPECT_FALSE(cancelled->promoted);
  EXPECT_EQ(FindActivity(*store_, activity.id)->waiting, 1);
}

TEST_P(MeetingsTest, RefusedAfterTheDeadlineAndTwiceForOneAddress) {
  const Activity activity = NewActivity(10);
  EXPECT_EQ(Sign(activity.id, 1, activity.registration_deadline + 1).refusal,
            RegisterRefusal::kDeadlinePassed);
  const RegisterOutcome first = Sign(activity.id, 1, activity.registration_deadline);
  EXPECT_EQ(first.refusal, RegisterRefusal::kNone);
  Registrant again = Person(1);
  again.email = "  PERSON1@Example.se ";
  EXPECT_EQ(Register(*store_, activity.id, again, kNow, kSite).refusal,
            RegisterRefusal::kAlreadyRegistered);
  EXPECT_EQ(Register(*store_, activity.id + 1000, Person(2), kNow, kSite).refusal,
            RegisterRefusal::kNoSuchActivity);
  // Once cancelled, the address may register again, at the back of the queue.
  ASSERT_TRUE(CancelRegistration(*store_, first.cancel_token, kNow));
  const RegisterOutcome back = Register(*store_, activity.id, again, kNow, kSite);
  EXPECT_EQ(back.refusal, RegisterRefusal::kNone);
  EXPECT_EQ(back.registration.registrant.email, "person1@example.se");
  EXPECT_EQ(back.registration.sequence, 2);
  EXPECT_EQ(FindActivity(*store_, activity.id)->confirmed, 1);
}

TEST_P(MeetingsTest, AMembersOnlyActivityTakesOnlyMembers) {
  const Activity closed = NewActivity(5, /*members_only=*/true);
  EXPECT_EQ(Register(*store_, closed.id, Person(1), kNow, kSite).refusal,
            RegisterRefusal::kMembersOnly);
  EXPECT_EQ(Register(*store_, closed.id, Person(1), kNow, kSite, Registrar::kPublic).refusal,
            RegisterRefusal::kMembersOnly);
  EXPECT_TRUE(ListRegistrations(*store_, closed.id).empty()) << "a refusal stores nothing";
  const RegisterOutcome member =
      Register(*store_, closed.id, Person(1), kNow, kSite, Registrar::kMember);
  EXPECT_EQ(member.refusal, RegisterRefusal::kNone);
  EXPECT_EQ(member.registration.status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(FindActivity(*store_, closed.id)->confirmed, 1);
  // A public activity takes members as well as the public.
  const Activity open = NewActivity(5);
  EXPECT_EQ(Register(*store_, open.id, Person(2), kNow, kSite, Registrar::kMember).refusal,
            RegisterRefusal::kNone);
  EXPECT_EQ(Sign(open.id, 3).refusal, RegisterRefusal::kNone);
  // The public list leaves it out; the members' list has it.
  ActivityFilter filter;
  EXPECT_EQ(ListActivities(*store_, filter).size(), 1U);
  filter.include_members_only = true;
  EXPECT_EQ(ListActivities(*store_, filter).size(), 2U);
}

TEST_P(MeetingsTest, OnlyWhatIsNeededAndAnExplicitConsent) {
  const Activity activity = NewActivity(10);
  const auto field_of = [&](Registrant registrant) -> std::string {
    try {
      Register(*store_, activity.id, registrant, kNow, kSite);
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
      return error.field();
    }
    return "accepted";
  };
  Registrant person = Person(1);
  person.consent = "";
  EXPECT_EQ(field_of(person), "consent");
  person = Person(1);
  person.email = "inte en adress";
  EXPECT_EQ(field_of(person), "email");
  person = Person(1);
  person.name = "";
  EXPECT_EQ(field_of(person), "name");
  person = Person(1);
  person.needs = std::string(1001, 'x');
  EXPECT_EQ(field_of(person), "needs");
  EXPECT_EQ(FindActivity(*store_, activity.id)->confirmed, 0);
}

TEST_P(MeetingsTest, ADraftIsCheckedFieldByField) {
  const auto field_of = [&](const std::function<void(ActivityDraft&)>& change) -> std::string {
    ActivityDraft draft;
    draft.title = "Nätverksträff";
    draft.starts_at = kNow + kDay;
    draft.ends_at = kNow + kDay;
    draft.registration_deadline = kNow;
    draft.capacity = 30;
    change(draft);
    try {
      CreateActivity(*store_, org_, user_, draft, kNow);
    } catch (const Error& error) {
      return error.field();
    }
    return "accepted";
  };
  EXPECT_EQ(field_of([](ActivityDraft&) {}), "accepted");
  EXPECT_EQ(field_of([](ActivityDraft& d) { d.title = ""; }), "title");
  EXPECT_EQ(field_of([](ActivityDraft& d) { d.link = "http://example.se"; }), "link");
  EXPECT_EQ(field_of([](ActivityDraft& d) { d.link = "https://example.se/m"; }), "accepted");
  EXPECT_EQ(field_of([](ActivityDraft& d) { d.county = "99"; }), "county");
  EXPECT_EQ(field_of([](ActivityDraft& d) { d.ends_at = d.starts_at - 1; }), "ends_at");
  EXPECT_EQ(field_of([](ActivityDraft& d) { d.registration_deadline = d.starts_at + 1; }),
            "registration_deadline");
  EXPECT_EQ(field_of([](ActivityDraft& d) { d.capacity = -1; }), "capacity");
  EXPECT_EQ(field_of([](ActivityDraft& d) { d.capacity = kMaxCapacity + 1; }), "capacity");
}

TEST_P(MeetingsTest, CapacityNeverBelowTheConfirmedAndMoreSeatsGoToTheQueue) {
  const Activity activity = NewActivity(3);
  std::vector<RegisterOutcome> outcomes;
  for (int i = 1; i <= 6; ++i) outcomes.push_back(Sign(activity.id, i));
  try {
    ChangeCapacity(*store_, activity.id, 2, kNow);
    FAIL() << "capacity went below the confirmed count";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "capacity");
    EXPECT_NE(std::string(error.message()).find('3'), std::string::npos) << error.message();
  }
  EXPECT_EQ(FindActivity(*store_, activity.id)->capacity, 3);

  const auto promoted = ChangeCapacity(*store_, activity.id, 5, kNow);
  ASSERT_TRUE(promoted);
  ASSERT_EQ(promoted->size(), 2U);
  EXPECT_EQ((*promoted)[0].id, outcomes[3].registration.id);
  EXPECT_EQ((*promoted)[1].id, outcomes[4].registration.id);
  const Activity read = *FindActivity(*store_, activity.id);
  EXPECT_EQ(read.confirmed, 5);
  EXPECT_EQ(read.waiting, 1);
  EXPECT_TRUE(ChangeCapacity(*store_, activity.id, 5, kNow)->empty());
  EXPECT_FALSE(ChangeCapacity(*store_, activity.id + 1000, 5, kNow));
}

TEST_P(MeetingsTest, PersonalDataIsBlankedASetTimeAfterTheActivity) {
  const Activity activity = NewActivity(1);
  const RegisterOutcome first = Sign(activity.id, 1);
  const RegisterOutcome second = Sign(activity.id, 2);
  // A later activity's registrant and a mail of another domain stay as they are.
  const Activity later = NewActivity(1);
  store_->Acquire()->Query("UPDATE activities SET ends_at = $1 WHERE id = $2",
                           {activity.ends_at + 100 * kDay, later.id});
  Sign(later.id, 3);
  Enqueue(*store_->Acquire(), {"kim@example.se", "Välkommen som medlem", "Hej Kim!"}, kNow);
  // The confirmation to person 1, the waiting-list mail to person 2, then the seat once person 1
  // cancels: mails with their names, addresses and cancellation links.
  ASSERT_TRUE(CancelRegistration(*store_, first.cancel_token, kNow + 1));
  const auto recipients = [&] {
    std::vector<std::string> to;
    for (const OutboxEntry& entry : ListOutbox(*store_)) to.push_back(entry.mail.to);
    return to;
  };
  EXPECT_EQ(recipients(), (std::vector<std::string>{"person1@example.se", "person2@example.se",
                                                    "person3@example.se", "kim@example.se",
                                                    "person2@example.se"}));
  const std::int64_t retention = 30 * kDay;
  EXPECT_EQ(DeleteExpiredPersonalData(*store_, activity.ends_at + retention, retention), 0U);
  EXPECT_EQ(ListRegistrations(*store_, activity.id)[0].registrant.name, "Person 1");
  EXPECT_EQ(ListOutbox(*store_).size(), 5U);

  EXPECT_EQ(DeleteExpiredPersonalData(*store_, activity.ends_at + retention + 1, retention), 2U);
  for (const Registration& registration : ListRegistrations(*store_, activity.id)) {
    EXPECT_EQ(registration.registrant.name, "");
    EXPECT_EQ(registration.registrant.email, "");
    EXPECT_EQ(registration.registrant.organisation, "");
    EXPECT_EQ(registration.registrant.needs, "");
  }
  // Its registrants' mails went with them, sent or not; the others' stay.
  EXPECT_EQ(recipients(), (std::vector<std::string>{"person3@example.se", "kim@example.se"}));
  EXPECT_EQ(ListRegistrations(*store_, later.id).at(0).registrant.name, "Person 3");
  const Activity read = *FindActivity(*store_, activity.id);
  EXPECT_EQ(read.confirmed, 1);
  EXPECT_EQ(read.waiting, 0);
  EXPECT_EQ(read.personal_data_deleted_at, activity.ends_at + retention + 1);
  EXPECT_FALSE(CancelRegistration(*store_, second.cancel_token, activity.ends_at + retention + 2));
  // Done once: a later run finds nothing more.
  EXPECT_EQ(DeleteExpiredPersonalData(*store_, activity.ends_at + 2 * retention, retention), 0U);
}

TEST_P(MeetingsTest, ListsByAudienceKindAndCounty) {
  const Activity seminar = NewActivity(10);
  ActivityDraft webinar = seminar;
  webinar.kind = ActivityKind::kWebinar;
  webinar.county = "";
  webinar.members_only = true;
  webinar.starts_at -= kDay;
  CreateActivity(*store_, org_, user_, webinar, kNow);
  const auto titles = [&](const ActivityFilter& filter) {
    std::vector<std::string> kinds;
    for (const Activity& activity : ListActivities(*store_, filter)) {
      kinds.push_back(std::string(EnumId(activity.kind)));
    }
    return kinds;
  };
  EXPECT_EQ(titles({}), std::vector<std::string>{"seminar"});
  ActivityFilter members;
  members.include_members_only = true;
  EXPECT_EQ(titles(members), (std::vector<std::string>{"webinar", "seminar"}));
  members.county = "18";
  EXPECT_EQ(titles(members), std::vector<std::string>{"seminar"});
  members.county = "";
  members.kind = ActivityKind::kWebinar;
  EXPECT_EQ(titles(members), std::vector<std::string>{"webinar"});
  ActivityFilter later;
  later.ending_after = seminar.ends_at + 1;
  EXPECT_TRUE(titles(later).empty());
}

// Among the registrations still standing, every confirmed one came before every waiting one:
// seats went first come, first served, and promotions took the queue in order.
void ExpectFirstComeFirstServed(const std::vector<Registration>& registrations,
                                std::int64_t capacity) {
  std::int64_t confirmed = 0;
  bool seen_waiting = false;
  std::int64_t position = 0;
  for (const Registration& registration : registrations) {
    if (registration.status == RegistrationStatus::kCancelled) continue;
    if (registration.status == RegistrationStatus::kConfirmed) {
      ++confirmed;
      EXPECT_FALSE(seen_waiting) << "registration " << registration.sequence
                                 << " has a seat while an earlier one waits";
    } else {
      seen_waiting = true;
      EXPECT_EQ(registration.waiting_position, ++position);
    }
  }
  EXPECT_LE(confirmed, capacity);
  if (seen_waiting) {
    EXPECT_EQ(confirmed, capacity) << "a seat is free while people wait";
  }
}

TEST_P(MeetingsTest, FiveHundredAtOnceForAHundredSeats) {
  const Activity activity = NewActivity(100);
  constexpr int kPeople = 500;
  constexpr int kThreads = 16;
  std::atomic<int> next{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = next++; i < kPeople; i = next++) {
        if (Sign(activity.id, i).refusal != RegisterRefusal::kNone) ++refused;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(refused, 0);

  const std::vector<Registration> registrations = ListRegistrations(*store_, activity.id);
  ASSERT_EQ(registrations.size(), static_cast<std::size_t>(kPeople));
  std::set<std::string> people;
  std::int64_t confirmed = 0;
  for (std::size_t i = 0; i < registrations.size(); ++i) {
    EXPECT_EQ(registrations[i].sequence, static_cast<std::int64_t>(i + 1));
    people.insert(registrations[i].registrant.email);
    confirmed += registrations[i].status == RegistrationStatus::kConfirmed ? 1 : 0;
  }
  EXPECT_EQ(people.size(), static_cast<std::size_t>(kPeople)) << "someone is lost or duplicated";
  EXPECT_EQ(confirmed, 100);
  EXPECT_EQ(registrations.back().waiting_position, 400);
  ExpectFirstComeFirstServed(registrations, 100);
  const Activity read = *FindActivity(*store_, activity.id);
  EXPECT_EQ(read.confirmed, 100);
  EXPECT_EQ(read.waiting, 400);
}

TEST_P(MeetingsTest, CancellationsInterleavedKeepTheSeatsAndTheOrder) {
  const Activity activity = NewActivity(100);
  constexpr int kPeople = 400;
  constexpr int kThreads = 12;
  std::atomic<int> next{0};
  std::atomic<bool> done{false};
  std::atomic<std::int64_t> most_confirmed{0};
  std::mutex tokens_mutex;
  std::vector<std::string> tokens;
  std::atomic<int> cancelled{0};
  // A watcher reads the count while the others write: it never exceeds the seats.
  std::thread watcher([&] {
    while (!done) {
      const std::int64_t confirmed = FindActivity(*store_, activity.id)->confirmed;
      std::int64_t seen = most_confirmed;
      while (confirmed > seen && !most_confirmed.compare_exchange_weak(seen, confirmed)) {
      }
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 random(static_cast<unsigned>(t));
      for (int i = next++; i < kPeople; i = next++) {
        const RegisterOutcome outcome = Sign(activity.id, i);
        ASSERT_EQ(outcome.refusal, RegisterRefusal::kNone);
        std::string victim;
        {
          const std::lock_guard lock(tokens_mutex);
          tokens.push_back(outcome.cancel_token);
          // Every third registration, someone already registered cancels.
          if (i % 3 == 0) {
            const std::size_t pick = random() % tokens.size();
            victim = tokens[pick];
            tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(pick));
          }
        }
        if (!victim.empty()) {
          ASSERT_TRUE(CancelRegistration(*store_, victim, kNow));
          ++cancelled;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  done = true;
  watcher.join();

  EXPECT_LE(most_confirmed, 100);
  const std::vector<Registration> registrations = ListRegistrations(*store_, activity.id);
  ASSERT_EQ(registrations.size(), static_cast<std::size_t>(kPeople));
  std::int64_t standing = 0;
  std::int64_t confirmed = 0;
  std::int64_t cancelled_rows = 0;
  for (const Registration& registration : registrations) {
    cancelled_rows += registration.status == RegistrationStatus::kCancelled ? 1 : 0;
    standing += registration.status != RegistrationStatus::kCancelled ? 1 : 0;
    confirmed += registration.status == RegistrationStatus::kConfirmed ? 1 : 0;
  }
  EXPECT_EQ(cancelled_rows, cancelled.load());
  EXPECT_EQ(confirmed, std::min<std::int64_t>(100, standing));
  ExpectFirstComeFirstServed(registrations, 100);
}

INSTANTIATE_TEST_SUITE_P(Backends, MeetingsTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
