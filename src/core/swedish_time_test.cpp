// Swedish time against Python's zoneinfo (Europe/Stockholm, the IANA database): the values below
// were printed by datetime.fromtimestamp(t, timezone.utc).astimezone(ZoneInfo("Europe/Stockholm")).
#include "core/swedish_time.hpp"

#include <gtest/gtest.h>

namespace jamlik {
namespace {

struct Case {
  std::int64_t seconds;
  int year, month, day, hour, minute, offset;
};

TEST(SwedishTimeTest, MatchesTheTimeZoneDatabaseAcrossSummerTime) {
  const Case cases[] = {
      {1'800'000'000, 2027, 1, 15, 9, 0, 1},  {1'774'745'999, 2026, 3, 29, 1, 59, 1},
      {1'774'746'000, 2026, 3, 29, 3, 0, 2},  {1'792'889'999, 2026, 10, 25, 2, 59, 2},
      {1'792'890'000, 2026, 10, 25, 2, 0, 1}, {0, 1970, 1, 1, 1, 0, 1},
      {1'798'761'599, 2027, 1, 1, 0, 59, 1},  {1'796'000'000, 2026, 11, 30, 1, 53, 1},
  };
  for (const Case& c : cases) {
    const CivilTime t = SwedishTime(c.seconds);
    EXPECT_EQ(t.year, c.year) << c.seconds;
    EXPECT_EQ(t.month, c.month) << c.seconds;
    EXPECT_EQ(t.day, c.day) << c.seconds;
    EXPECT_EQ(t.hour, c.hour) << c.seconds;
    EXPECT_EQ(t.minute, c.minute) << c.seconds;
    EXPECT_EQ(t.utc_offset_hours, c.offset) << c.seconds;
  }
}

TEST(SwedishTimeTest, WrittenInTheReadersLanguage) {
  EXPECT_EQ(FormatSwedishTime(1'800'000'000, Language::kSwedish), "15 januari 2027 kl. 09.00");
  EXPECT_EQ(FormatSwedishTime(1'774'746'000, Language::kEnglish),
            "29 March 2026, 03:00 (Swedish time)");
}

}  // namespace
}  // namespace jamlik
