#include "core/swedish_time.hpp"

#include <fmt/format.h>

namespace jamlik {
namespace {

// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
std::int64_t DaysFromCivil(std::int64_t year, int month, int day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t yoe = year - era * 400;
  const std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(std::int64_t days, int& year, int& month, int& day) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(yoe + era * 400 + (month <= 2));
}

// 01:00 UTC on the last Sunday of `month` (31 days: March and October).
std::int64_t LastSundayAtOneUtc(int year, int month) {
  const std::int64_t last = DaysFromCivil(year, month, 31);
  const std::int64_t weekday = (last + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
  return (last - weekday) * 86'400 + 3'600;
}

}  // namespace

CivilTime SwedishTime(std::int64_t seconds) {
  int year = 0;
  int month = 0;
  int day = 0;
  CivilFromDays(seconds >= 0 ? seconds / 86'400 : (seconds - 86'399) / 86'400, year, month, day);
  const bool summer =
      seconds >= LastSundayAtOneUtc(year, 3) && seconds < LastSundayAtOneUtc(year, 10);
  const int offset = summer ? 2 : 1;
  const std::int64_t local = seconds + offset * 3'600;
  const std::int64_t days = local >= 0 ? local / 86'400 : (local - 86'399) / 86'400;
  CivilFromDays(days, year, month, day);
  const std::int64_t of_day = local - days * 86'400;
  return {
      year,  month, day, static_cast<int>(of_day / 3'600), static_cast<int>(of_day % 3'600 / 60),
      offset};
}

std::string FormatSwedishTime(std::int64_t seconds, Language language) {
  static constexpr const char* kSwedish[] = {"januari",   "februari", "mars",     "april",
                                             "maj",       "juni",     "juli",     "augusti",
                                             "september", "oktober",  "november", "december"};
  static constexpr const char* kEnglish[] = {"January",   "February", "March",    "April",
                                             "May",       "June",     "July",     "August",
                                             "September", "October",  "November", "December"};
  const CivilTime t = SwedishTime(seconds);
  if (language == Language::kSwedish) {
    return fmt::format("{} {} {} kl. {:02}.{:02}", t.day, kSwedish[t.month - 1], t.year, t.hour,
                       t.minute);
  }
  return fmt::format("{} {} {}, {:02}:{:02} (Swedish time)", t.day, kEnglish[t.month - 1], t.year,
                     t.hour, t.minute);
}

}  // namespace jamlik
