#pragma once
// The meeting place's activities: conferences, seminars, webinars and network meetings, each with
// its capacity, registration deadline and audience (public or members only). Seats are counted
// from the registrations, never kept as a second number that could drift.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/recommendation.hpp"
#include "core/labelled_enum.hpp"
#include "store/database.hpp"

namespace jamlik::app {

enum class ActivityKind : std::uint8_t { kConference, kSeminar, kWebinar, kNetworkMeeting };

// What an organiser fills in. Times are seconds since the epoch (UTC).
struct ActivityDraft {
  ActivityKind kind = ActivityKind::kSeminar;
  std::string title;
  std::string description;
  std::string theme;
  std::vector<Recommendation> recommendations;
  std::string place;   // an address, or empty for a webinar
  std::string link;    // https://…, or empty
  std::string county;  // the county code ("18") the activity belongs to, or empty (national)
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
  std::int64_t registration_deadline = 0;
  std::int64_t capacity = 0;
  bool members_only = false;
};

struct Activity : ActivityDraft {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;  // the organiser
  std::int64_t created_at = 0;
  std::optional<std::int64_t> personal_data_deleted_at;
  // From the registrations when read.
  std::int64_t confirmed = 0;
  std::int64_t waiting = 0;

  std::int64_t seats_left() const { return capacity > confirmed ? capacity - confirmed : 0; }
};

inline constexpr std::int64_t kMaxCapacity = 100'000;

// Check the draft (names, times in order, capacity within 0…kMaxCapacity, an https link) and
// store it; throws kInvalidArgument naming the field.
Activity CreateActivity(store::Store& store, std::int64_t organisation, std::int64_t user,
                        const ActivityDraft& draft, std::int64_t now);

std::optional<Activity> FindActivity(store::Store& store, std::int64_t id);

struct ActivityFilter {
  bool include_members_only = false;
  std::optional<ActivityKind> kind;
  std::string county;  // empty: every county
  std::string theme;   // empty: every theme
  std::int64_t ending_after = 0;
};

// The activities the filter admits, soonest first.
std::vector<Activity> ListActivities(store::Store& store, const ActivityFilter& filter);

}  // namespace jamlik::app

namespace jamlik {
template <>
struct EnumTable<app::ActivityKind> {
  static std::span<const EnumEntry<app::ActivityKind>> Entries();
};
}  // namespace jamlik
