#include "app/meetings/activity_calendar.hpp"

#include <fmt/format.h>

#include "app/recommendation.hpp"
#include "core/labelled_enum.hpp"

namespace jamlik::app {
namespace {

// The host of a URL: "https://motesplats.example.se:8443/x" → "motesplats.example.se";
// "http://[::1]:8080" → "[::1]".
std::string HostOf(const std::string& url) {
  std::string_view rest = url;
  if (const std::size_t scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest.remove_prefix(scheme + 3);
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    rest.remove_prefix(at + 1);
  }
  const std::size_t port = rest.rfind(':');
  if (port != std::string_view::npos && rest.find(']', port) == std::string_view::npos) {
    rest = rest.substr(0, port);
  }
  return std::string(rest);
}

std::string WithoutTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string ActivityPagePath(std::int64_t activity) {
  return fmt::format("/aktiviteter/{}", activity);
}

CalendarEvent ActivityEvent(const Activity& activity, const std::string& site_url,
                            Language language) {
  CalendarEvent event;
  event.uid = fmt::format("aktivitet-{}@{}", activity.id, HostOf(site_url));
  event.stamp = activity.created_at;
  event.starts_at = activity.starts_at;
  event.ends_at = activity.ends_at;
  event.summary = activity.title;
  event.description = activity.description;
  // A place and a link: the place is where, the link goes with the description.
  event.location = activity.place.empty() ? activity.link : activity.place;
  if (!activity.place.empty() && !activity.link.empty()) {
    if (!event.description.empty()) event.description += "\n\n";
    event.description +=
        fmt::format("{}: {}", language == Language::kSwedish ? "Länk" : "Link", activity.link);
  }
  event.url = WithoutTrailingSlash(site_url) + ActivityPagePath(activity.id);
  event.categories.emplace_back(EnumLabel(activity.kind, language));
  if (!activity.theme.empty()) event.categories.push_back(activity.theme);
  for (const Recommendation recommendation : activity.recommendations) {
    event.categories.emplace_back(EnumLabel(recommendation, language));
  }
  return event;
}

std::string ActivitiesICalendar(const std::vector<Activity>& activities,
                                const std::string& site_url, Language language) {
  const bool swedish = language == Language::kSwedish;
  Calendar calendar{swedish ? "-//Jämlik//Mötesplats social hållbarhet//SV"
                            : "-//Jämlik//Mötesplats social hållbarhet//EN",
                    swedish ? "Mötesplats social hållbarhet – aktiviteter"
                            : "Mötesplats social hållbarhet – activities",
                    {}};
  calendar.events.reserve(activities.size());
  for (const Activity& activity : activities) {
    calendar.events.push_back(ActivityEvent(activity, site_url, language));
  }
  return WriteICalendar(calendar);
}

}  // namespace jamlik::app
