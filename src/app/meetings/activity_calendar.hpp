#pragma once
// The meeting place's activities as iCalendar (RFC 5545), for calendar programs to subscribe to
// (the feed of public activities) or import (one activity's .ics). Each activity is one event with
// a stable UID, so a program that reads the feed again updates the event instead of adding a copy.
#include <cstdint>
#include <string>
#include <vector>

#include "app/meetings/activities.hpp"
#include "core/i18n.hpp"
#include "io/icalendar_writer.hpp"

namespace jamlik::app {

// The web app's page of an activity: "/aktiviteter/17".
std::string ActivityPagePath(std::int64_t activity);

// The event of `activity`, its texts in `language`: UID "aktivitet-<id>@<host of site_url>", URL
// the activity's page under `site_url` (https://motesplats.example.se), LOCATION the place or
// else the link, CATEGORIES the kind, the theme and the recommendations. DTSTAMP is when the
// activity was created: activities are not edited (only their seats change, which no calendar
// shows).
CalendarEvent ActivityEvent(const Activity& activity, const std::string& site_url,
                            Language language);

// The calendar of `activities`, named in `language`.
std::string ActivitiesICalendar(const std::vector<Activity>& activities,
                                const std::string& site_url, Language language);

}  // namespace jamlik::app
