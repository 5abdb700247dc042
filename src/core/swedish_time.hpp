#pragma once
// Times as people in Sweden read them: Central European Time, summer time from the last Sunday of
// March to the last Sunday of October (01:00 UTC, the EU rule), whatever the server machine's
// time zone — mail and exports say when an activity starts in Swedish time.
#include <cstdint>
#include <string>

#include "core/i18n.hpp"

namespace jamlik {

struct CivilTime {
  int year;
  int month;  // 1–12
  int day;    // 1–31
  int hour;
  int minute;
  int utc_offset_hours;  // 1 (CET) or 2 (CEST)
};

CivilTime SwedishTime(std::int64_t seconds_since_epoch);

// "4 december 2026 kl. 13.00" / "4 December 2026, 13:00 (Swedish time)".
std::string FormatSwedishTime(std::int64_t seconds_since_epoch, Language language);

}  // namespace jamlik
