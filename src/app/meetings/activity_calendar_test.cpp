#include "app/meetings/activity_calendar.hpp"

#include <gtest/gtest.h>

namespace jamlik::app {
namespace {

Activity Seminar() {
  Activity activity;
  activity.id = 17;
  activity.kind = ActivityKind::kSeminar;
  activity.title = "Jämlik hälsa i budgeten";
  activity.description = "Hur kommunen mäter skillnader.";
  activity.theme = "Folkhälsa";
  activity.recommendations = {Recommendation::kGovernance, Recommendation::kMeasure};
  activity.place = "Örebro slott";
  activity.starts_at = 1796385600;  // 2026-12-04 12:00 UTC
  activity.ends_at = 1796385600 + 7'200;
  activity.created_at = 1781508605;
  return activity;
}

TEST(ActivityCalendarTest, AnActivityIsAnEventWithAStableUidAndItsPage) {
  const CalendarEvent event =
      ActivityEvent(Seminar(), "https://motesplats.example.se:8443/", Language::kSwedish);
  EXPECT_EQ(event.uid, "aktivitet-17@motesplats.example.se");
  EXPECT_EQ(event.url, "https://motesplats.example.se:8443/aktiviteter/17");
  EXPECT_EQ(event.stamp, 1781508605);
  EXPECT_EQ(event.starts_at, 1796385600);
  EXPECT_EQ(event.ends_at, 1796385600 + 7'200);
  EXPECT_EQ(event.summary, "Jämlik hälsa i budgeten");
  EXPECT_EQ(event.location, "Örebro slott");
  EXPECT_EQ(event.categories.size(), 4U);
  EXPECT_EQ(event.categories[0], "Seminarium");
  EXPECT_EQ(event.categories[1], "Folkhälsa");
  EXPECT_EQ(ActivityEvent(Seminar(), "http://[::1]:8080", Language::kEnglish).uid,
            "aktivitet-17@[::1]");
  EXPECT_EQ(ActivityEvent(Seminar(), "http://127.0.0.1:8080", Language::kEnglish).categories[0],
            "Seminar");
}

TEST(ActivityCalendarTest, AWebinarIsWhereItsLinkIsAndAPlaceKeepsTheLinkInTheDescription) {
  Activity webinar = Seminar();
  webinar.place.clear();
  webinar.link = "https://mote.example.se/rum/1";
  EXPECT_EQ(ActivityEvent(webinar, "https://m.example.se", Language::kSwedish).location,
            webinar.link);
  Activity both = Seminar();
  both.link = "https://mote.example.se/rum/1";
  const CalendarEvent event = ActivityEvent(both, "https://m.example.se", Language::kEnglish);
  EXPECT_EQ(event.location, "Örebro slott");
  EXPECT_EQ(event.description,
            "Hur kommunen mäter skillnader.\n\nLink: https://mote.example.se/rum/1");
}

TEST(ActivityCalendarTest, TheCalendarIsNamedInTheLanguage) {
  const std::string swedish =
      ActivitiesICalendar({Seminar()}, "https://m.example.se", Language::kSwedish);
  EXPECT_NE(swedish.find("X-WR-CALNAME:Mötesplats social hållbarhet – aktiviteter\r\n"),
            std::string::npos);
  EXPECT_NE(swedish.find("DTSTART:20261204T120000Z\r\n"), std::string::npos);
  EXPECT_NE(ActivitiesICalendar({}, "https://m.example.se", Language::kEnglish)
                .find("X-WR-CALNAME:Mötesplats social hållbarhet – activities\r\n"),
            std::string::npos);
}

}  // namespace
}  // namespace jamlik::app
