#pragma once
// Write events as an iCalendar object (RFC 5545) that calendar programs subscribe to or import:
// a VCALENDAR of VEVENTs with times in UTC, TEXT values escaped (§3.3.11), content lines folded
// at 75 octets without splitting a UTF-8 character (§3.1), every line ended by CRLF.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jamlik {

struct CalendarEvent {
  std::string uid;             // globally unique and stable: "aktivitet-17@jamlik.example.se"
  std::int64_t stamp = 0;      // DTSTAMP: when the information was last revised (seconds, UTC)
  std::int64_t starts_at = 0;  // seconds since the epoch
  std::int64_t ends_at = 0;
  std::string summary;
  std::string description;  // may hold newlines
  std::string location;     // empty: left out
  std::string url;          // a URI, written as it is; empty: left out
  std::vector<std::string> categories;
};

struct Calendar {
  std::string product_id;  // PRODID, e.g. "-//Jämlik//Mötesplatsen//SV"
  std::string name;        // X-WR-CALNAME, the name calendar programs show
  std::vector<CalendarEvent> events;
};

std::string WriteICalendar(const Calendar& calendar);

// Escape a TEXT value: backslash, ';' and ',' get a backslash, a line break (LF, CRLF or CR)
// becomes "\n"; other control characters, which TEXT may not hold, are dropped.
std::string EscapeICalendarText(std::string_view text);
// One content line, folded: at most 75 octets per physical line, a continuation starting with a
// space, never inside a UTF-8 character; each physical line ends with CRLF.
std::string FoldICalendarLine(std::string_view line);
// A DATE-TIME in UTC: "20261204T120000Z".
std::string ICalendarUtcTime(std::int64_t seconds_since_epoch);

}  // namespace jamlik
