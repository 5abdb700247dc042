#include "io/icalendar_writer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jamlik {
namespace {

// The physical lines of `text`, each without its CRLF; fails on a bare LF or CR.
std::vector<std::string> PhysicalLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t end = text.find("\r\n", from);
    EXPECT_NE(end, std::string::npos) << "the last line has no CRLF";
    if (end == std::string::npos) break;
    const std::string line = text.substr(from, end - from);
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << "a bare CR or LF: " << line;
    lines.push_back(line);
    from = end + 2;
  }
  return lines;
}

// The content lines, unfolded as RFC 5545 §3.1 says a parser must.
std::vector<std::string> ContentLines(const std::string& text) {
  std::vector<std::string> lines;
  for (const std::string& line : PhysicalLines(text)) {
    if (!line.empty() && line[0] == ' ') {
      EXPECT_FALSE(lines.empty());
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
  }
  return lines;
}

bool IsValidUtf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    if ((c & 0xC0) == 0x80 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

TEST(ICalendarWriter, EscapesTextAsRfc5545Says) {
  EXPECT_EQ(EscapeICalendarText("Plats; sal 3, plan 2"), "Plats\\; sal 3\\, plan 2");
  EXPECT_EQ(EscapeICalendarText("C:\\mapp"), "C:\\\\mapp");
  EXPECT_EQ(EscapeICalendarText("rad 1\nrad 2\r\nrad 3\rrad 4"), "rad 1\\nrad 2\\nrad 3\\nrad 4");
  EXPECT_EQ(EscapeICalendarText("tab\there"), "tab\there");
  EXPECT_EQ(EscapeICalendarText(std::string("a\x01\x1F\x7F") + "b"), "ab") << "CONTROL dropped";
  EXPECT_EQ(EscapeICalendarText("Mötesplats: \"social\" hållbarhet"),
            "Mötesplats: \"social\" hållbarhet")
      << "':' and quotes need no escape in TEXT";
}

TEST(ICalendarWriter, FoldsAt75OctetsWithoutSplittingACharacter) {
  const std::string value(200, 'x');
  std::string swedish;
  for (int i = 0; i < 100; ++i) swedish += "å";  // 2 octets each
  for (const std::string& line :
       {"SUMMARY:" + swedish, "DESCRIPTION:" + value, "X:" + swedish + "€" + swedish}) {
    const std::string folded = FoldICalendarLine(line);
    const std::vector<std::string> physical = PhysicalLines(folded);
    ASSERT_GT(physical.size(), 1U);
    for (std::size_t i = 0; i < physical.size(); ++i) {
      EXPECT_LE(physical[i].size(), 75U) << i;
      if (i > 0) {
        EXPECT_EQ(physical[i][0], ' ') << i;
      }
      // Each physical line is whole UTF-8 by itself: no character was cut in two.
      EXPECT_TRUE(IsValidUtf8(physical[i])) << i << ": " << physical[i];
    }
    EXPECT_EQ(ContentLines(folded), std::vector<std::string>{line});
  }
  // 75 octets stay one line; 76 fold, the 76th octet on a continuation line.
  EXPECT_EQ(FoldICalendarLine(std::string(75, 'a')), std::string(75, 'a') + "\r\n");
  EXPECT_EQ(FoldICalendarLine(std::string(76, 'a')), std::string(75, 'a') + "\r\n a\r\n");
  // "å" across the 75th octet moves whole to the next line.
  const std::string edge = std::string(74, 'a') + "å";
  EXPECT_EQ(FoldICalendarLine(edge), std::string(74, 'a') + "\r\n å\r\n");
}

TEST(ICalendarWriter, WritesUtcDateTimes) {
  EXPECT_EQ(ICalendarUtcTime(0), "19700101T000000Z");
  EXPECT_EQ(ICalendarUtcTime(1796385600), "20261204T120000Z");
  EXPECT_EQ(ICalendarUtcTime(1781508605), "20260615T073005Z");
  EXPECT_EQ(ICalendarUtcTime(-1), "19691231T235959Z");
}

TEST(ICalendarWriter, AKnownEventFieldByField) {
  Calendar calendar{"-//Jämlik//Mötesplatsen//SV", "Mötesplatsens aktiviteter", {}};
  CalendarEvent event;
  event.uid = "aktivitet-17@jamlik.example.se";
  event.stamp = 1781508605;
  event.starts_at = 1796385600;
  event.ends_at = 1796385600 + 7'200;
  event.summary = "Jämlik hälsa, i budgeten; del 2";
  event.description = "Första raden\nAndra raden med ett \\-tecken";
  event.location = "Örebro slott, Stora salen";
  event.url = "https://jamlik.example.se/aktiviteter/17";
  event.categories = {"Seminarium", "Mäta, analysera", ""};
  calendar.events.push_back(event);
  const std::string text = WriteICalendar(calendar);
  EXPECT_EQ(ContentLines(text), (std::vector<std::string>{
                                    "BEGIN:VCALENDAR",
                                    "PRODID:-//Jämlik//Mötesplatsen//SV",
                                    "VERSION:2.0",
                                    "CALSCALE:GREGORIAN",
                                    "X-WR-CALNAME:Mötesplatsens aktiviteter",
                                    "BEGIN:VEVENT",
                                    "UID:aktivitet-17@jamlik.example.se",
                                    "DTSTAMP:20260615T073005Z",
                                    "DTSTART:20261204T120000Z",
                                    "DTEND:20261204T140000Z",
                                    "SUMMARY:Jämlik hälsa\\, i budgeten\\; del 2",
                                    "DESCRIPTION:Första raden\\nAndra raden med ett \\\\-tecken",
                                    "LOCATION:Örebro slott\\, Stora salen",
                                    "URL:https://jamlik.example.se/aktiviteter/17",
                                    "CATEGORIES:Seminarium,Mäta\\, analysera",
                                    "END:VEVENT",
                                    "END:VCALENDAR",
                                }));
  // Empty location and URL are left out, not written empty.
  calendar.events[0].location.clear();
  calendar.events[0].url.clear();
  calendar.events[0].categories.clear();
  for (const std::string& line : ContentLines(WriteICalendar(calendar))) {
    EXPECT_NE(line.rfind("LOCATION", 0), 0U);
    EXPECT_NE(line.rfind("URL", 0), 0U);
    EXPECT_NE(line.rfind("CATEGORIES", 0), 0U);
  }
}

TEST(ICalendarWriter, AnEmptyCalendarIsStillACalendar) {
  EXPECT_EQ(ContentLines(WriteICalendar({"-//x//y//SV", "Tom", {}})),
            (std::vector<std::string>{"BEGIN:VCALENDAR", "PRODID:-//x//y//SV", "VERSION:2.0",
                                      "CALSCALE:GREGORIAN", "X-WR-CALNAME:Tom", "END:VCALENDAR"}));
}

}  // namespace
}  // namespace jamlik
