#include "followup/period.hpp"

#include <gtest/gtest.h>

namespace jamlik::followup {
namespace {

TEST(PeriodTest, ReadsYearsAndTertials) {
  EXPECT_EQ(ParsePeriod("2025"), (Period{2025, 0}));
  EXPECT_EQ(ParsePeriod("2025-T1"), (Period{2025, 1}));
  EXPECT_EQ(ParsePeriod("2025-T3"), (Period{2025, 3}));
  EXPECT_EQ(ParsePeriod("2025-T2")->Display(), "2025-T2");
  EXPECT_EQ(ParsePeriod("2025")->Display(), "2025");
}

TEST(PeriodTest, RefusesWhatIsNoYearOrTertial) {
  for (const char* text : {"", "25", "20250", "2025-T4", "2025-T0", "2025-H1", "2025-T", "2025 ",
                           "-2025", "1899", "2025-T12", "år 2025"}) {
    EXPECT_FALSE(ParsePeriod(text).has_value()) << text;
  }
}

TEST(PeriodTest, EachPeriodStandsAtItsEnd) {
  // A year ends when its third tertial does; tertials are four months apart.
  EXPECT_EQ(ParsePeriod("2025")->EndMonth(), ParsePeriod("2025-T3")->EndMonth());
  EXPECT_EQ(ParsePeriod("2025-T2")->EndMonth() - ParsePeriod("2025-T1")->EndMonth(), 4);
  EXPECT_EQ(ParsePeriod("2026-T1")->EndMonth() - ParsePeriod("2025")->EndMonth(), 4);
  EXPECT_EQ(ParsePeriod("2026")->EndMonth() - ParsePeriod("2025")->EndMonth(), 12);
}

}  // namespace
}  // namespace jamlik::followup
