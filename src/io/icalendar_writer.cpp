#include "io/icalendar_writer.hpp"

#include <fmt/format.h>

#include <chrono>

namespace jamlik {
namespace {

constexpr std::size_t kMaxLineOctets = 75;

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

void AddLine(std::string& out, std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  line += value;
  out += FoldICalendarLine(line);
}

void AddText(std::string& out, std::string_view name, std::string_view text) {
  AddLine(out, name, EscapeICalendarText(text));
}

// A URI holds no line breaks or other control characters; drop any rather than break the line.
std::string UriValue(std::string_view uri) {
  std::string value;
  for (const char c : uri) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) value += c;
  }
  return value;
}

void AddEvent(std::string& out, const CalendarEvent& event) {
  out += "BEGIN:VEVENT\r\n";
  AddText(out, "UID", event.uid);
  AddLine(out, "DTSTAMP", ICalendarUtcTime(event.stamp));
  AddLine(out, "DTSTART", ICalendarUtcTime(event.starts_at));
  AddLine(out, "DTEND", ICalendarUtcTime(event.ends_at));
  AddText(out, "SUMMARY", event.summary);
  if (!event.description.empty()) AddText(out, "DESCRIPTION", event.description);
  if (!event.location.empty()) AddText(out, "LOCATION", event.location);
  if (!event.url.empty()) AddLine(out, "URL", UriValue(event.url));
  std::string categories;
  for (const std::string& category : event.categories) {
    if (category.empty()) continue;
    if (!categories.empty()) categories += ',';
    categories += EscapeICalendarText(category);
  }
  if (!categories.empty()) AddLine(out, "CATEGORIES", categories);
  out += "END:VEVENT\r\n";
}

}  // namespace

std::string EscapeICalendarText(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
      case ';':
      case ',':
        escaped += '\\';
        escaped += c;
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        escaped += "\\n";
        break;
      case '\n':
        escaped += "\\n";
        break;
      default:
        // TEXT excludes the control characters but the tab (RFC 5545 §3.3.11, CONTROL).
        if ((static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) || c == '\t') escaped += c;
    }
  }
  return escaped;
}

std::string FoldICalendarLine(std::string_view line) {
  std::string folded;
  folded.reserve(line.size() + line.size() / 64 * 3 + 2);
  std::size_t room = kMaxLineOctets;  // the first line; continuations lose one to the space
  while (line.size() > room) {
    std::size_t cut = room;
    while (cut > 0 && IsUtf8Continuation(line[cut])) --cut;
    folded.append(line.substr(0, cut));
    folded += "\r\n ";
    line.remove_prefix(cut);
    room = kMaxLineOctets - 1;
  }
  folded.append(line);
  folded += "\r\n";
  return folded;
}

std::string ICalendarUtcTime(std::int64_t seconds_since_epoch) {
  using namespace std::chrono;
  const sys_seconds time{seconds{seconds_since_epoch}};
  const sys_days day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{time - day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

std::string WriteICalendar(const Calendar& calendar) {
  std::string out = "BEGIN:VCALENDAR\r\n";
  AddText(out, "PRODID", calendar.product_id);
  out += "VERSION:2.0\r\nCALSCALE:GREGORIAN\r\n";
  AddText(out, "X-WR-CALNAME", calendar.name);
  for (const CalendarEvent& event : calendar.events) AddEvent(out, event);
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace jamlik
