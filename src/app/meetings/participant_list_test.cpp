#include "app/meetings/participant_list.hpp"

#include <gtest/gtest.h>

namespace jamlik::app {
namespace {

Registration Registered(std::string name, RegistrationStatus status, std::int64_t position,
                        std::int64_t at) {
  Registration registration;
  registration.registrant = {
      std::move(name), "x@example.se", "Kumla kommun", "Vegetariskt", "", {}};
  registration.status = status;
  registration.waiting_position = position;
  registration.created_at = at;
  return registration;
}

TEST(ParticipantTableTest, HeadedInTheLanguageWithSwedishTimesAndPositionsOnlyWhenWaiting) {
  // 2026-12-04 12:00 UTC is 13:00 in Sweden (CET); 2026-06-15 07:30 UTC is 09:30 (CEST).
  const std::vector<Registration> registrations = {
      Registered("Åsa Öberg", RegistrationStatus::kConfirmed, 0, 1796385600),
      Registered("Bo Ek", RegistrationStatus::kWaiting, 1, 1781508605),
  };
  const Table swedish = ParticipantTable(registrations, Language::kSwedish);
  ASSERT_EQ(swedish.num_rows(), 2U);
  std::vector<std::string> headers;
  for (const Column& column : swedish.columns()) headers.push_back(column.name());
  EXPECT_EQ(headers, (std::vector<std::string>{"Namn", "Organisation", "E-post", "Behov", "Status",
                                               "Plats i kön", "Anmäld (svensk tid)"}));
  EXPECT_EQ(swedish.GetColumn("Namn").ValueToString(0), "Åsa Öberg");
  EXPECT_EQ(swedish.GetColumn("Status").ValueToString(0), "Bekräftad");
  EXPECT_TRUE(swedish.GetColumn("Plats i kön").IsNull(0));
  EXPECT_EQ(swedish.GetColumn("Plats i kön").ValueToString(1), "1");
  EXPECT_EQ(swedish.GetColumn("Anmäld (svensk tid)").ValueToString(0), "2026-12-04 13:00");
  EXPECT_EQ(swedish.GetColumn("Anmäld (svensk tid)").ValueToString(1), "2026-06-15 09:30");
  const Table english = ParticipantTable(registrations, Language::kEnglish);
  EXPECT_EQ(english.column(0).name(), "Name");
  EXPECT_EQ(english.GetColumn("Status").ValueToString(1), "On the waiting list");
  EXPECT_EQ(english.GetColumn("Registered at (Swedish time)").ValueToString(0), "2026-12-04 13:00");
  EXPECT_EQ(ParticipantTable({}, Language::kSwedish).num_columns(), 7U);
}

}  // namespace
}  // namespace jamlik::app
