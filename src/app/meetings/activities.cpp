#include "app/meetings/activities.hpp"

#include <array>

#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

using app::ActivityKind;
constexpr std::array<EnumEntry<ActivityKind>, 4> kActivityKinds{{
    {ActivityKind::kConference, "conference", "Konferens", "Conference"},
    {ActivityKind::kSeminar, "seminar", "Seminarium", "Seminar"},
    {ActivityKind::kWebinar, "webinar", "Webbinarium", "Webinar"},
    {ActivityKind::kNetworkMeeting, "network_meeting", "Nätverksträff", "Network meeting"},
}};

}  // namespace

std::span<const EnumEntry<ActivityKind>> EnumTable<ActivityKind>::Entries() {
  return kActivityKinds;
}

namespace app {
namespace {

constexpr std::size_t kMaxDescriptionCharacters = 20'000;
constexpr std::size_t kMaxLinkCharacters = 2'000;

[[noreturn]] void Invalid(const char* field, std::string_view swedish, std::string_view english) {
  throw Error(ErrorCode::kInvalidArgument, std::string(Tr(swedish, english)), {}, field);
}

void CheckOptionalText(const std::string& text, const char* field, std::size_t max_characters) {
  if (!text.empty()) CheckName(text, field, max_characters);
}

void CheckDraft(const ActivityDraft& draft) {
  CheckName(draft.title, "title");
  CheckOptionalText(draft.description, "description", kMaxDescriptionCharacters);
  CheckOptionalText(draft.theme, "theme", 100);
  CheckOptionalText(draft.place, "place", kMaxNameCharacters);
  CheckOptionalText(draft.link, "link", kMaxLinkCharacters);
  if (!draft.link.empty() && draft.link.rfind("https://", 0) != 0) {
    Invalid("link", "länken ska börja med https://", "the link must start with https://");
  }
  if (!draft.county.empty() && FindCounty(draft.county) == nullptr) {
    Invalid("county", "okänd länskod (01–25)", "unknown county code (01–25)");
  }
  if (draft.ends_at < draft.starts_at) {
    Invalid("ends_at", "slutet ligger före starten", "the end is before the start");
  }
  if (draft.registration_deadline > draft.starts_at) {
    Invalid("registration_deadline", "sista anmälningsdag ligger efter starten",
            "the registration deadline is after the start");
  }
  if (draft.capacity < 0 || draft.capacity > kMaxCapacity) {
    Invalid("capacity", "antalet platser ska vara 0–100 000",
            "the number of seats must be 0–100,000");
  }
}

constexpr const char* kActivityColumns =
    "a.id, a.organisation_id, a.kind, a.title, a.description, a.theme, a.recommendations, "
    "a.place, a.link, a.county, a.starts_at, a.ends_at, a.registration_deadline, a.capacity, "
    "a.members_only, a.created_at, a.personal_data_deleted_at, "
    "(SELECT COUNT(*) FROM registrations r WHERE r.activity_id = a.id AND r.status = "
    "'confirmed'), "
    "(SELECT COUNT(*) FROM registrations r WHERE r.activity_id = a.id AND r.status = 'waiting')";

Activity ActivityFrom(const store::Row& row) {
  Activity activity;
  activity.id = row.Int(0);
  activity.organisation_id = row.Int(1);
  activity.kind = EnumFromId<ActivityKind>(row.Text(2)).value_or(ActivityKind::kSeminar);
  activity.title = row.Text(3);
  activity.description = row.Text(4);
  activity.theme = row.Text(5);
  activity.recommendations = ParseRecommendations(row.Text(6), "recommendations");
  activity.place = row.Text(7);
  activity.link = row.Text(8);
  activity.county = row.Text(9);
  activity.starts_at = row.Int(10);
  activity.ends_at = row.Int(11);
  activity.registration_deadline = row.Int(12);
  activity.capacity = row.Int(13);
  activity.members_only = row.Int(14) != 0;
  activity.created_at = row.Int(15);
  activity.personal_data_deleted_at = row.OptionalInt(16);
  activity.confirmed = row.Int(17);
  activity.waiting = row.Int(18);
  return activity;
}

}  // namespace

Activity CreateActivity(store::Store& store, std::int64_t organisation, std::int64_t user,
                        const ActivityDraft& draft, std::int64_t now) {
  CheckDraft(draft);
  auto connection = store.Acquire();
  const store::Rows rows = connection->Query(
      "INSERT INTO activities (organisation_id, kind, title, description, theme, "
      "recommendations, place, link, county, starts_at, ends_at, registration_deadline, "
      "capacity, members_only, created_by, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
      "RETURNING id",
      {organisation, std::string(EnumId(draft.kind)), draft.title, draft.description, draft.theme,
       RecommendationIds(draft.recommendations), draft.place, draft.link, draft.county,
       draft.starts_at, draft.ends_at, draft.registration_deadline, draft.capacity,
       std::int64_t{draft.members_only ? 1 : 0}, user, now});
  Activity activity;
  static_cast<ActivityDraft&>(activity) = draft;
  activity.id = rows.at(0).Int(0);
  activity.organisation_id = organisation;
  activity.created_at = now;
  return activity;
}

std::optional<Activity> FindActivity(store::Store& store, std::int64_t id) {
  auto connection = store.Acquire();
  const store::Rows rows = connection->Query(
      std::string("SELECT ") + kActivityColumns + " FROM activities a WHERE a.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return ActivityFrom(rows[0]);
}

std::vector<Activity> ListActivities(store::Store& store, const ActivityFilter& filter) {
  auto connection = store.Acquire();
  const store::Rows rows = connection->Query(
      std::string("SELECT ") + kActivityColumns +
          " FROM activities a WHERE a.ends_at >= $1 AND ($2 = 1 OR a.members_only = 0)"
          " AND ($3 = '' OR a.kind = $3) AND ($4 = '' OR a.county = $4)"
          " AND ($5 = '' OR a.theme = $5) ORDER BY a.starts_at, a.id",
      {filter.ending_after, std::int64_t{filter.include_members_only ? 1 : 0},
       filter.kind ? std::string(EnumId(*filter.kind)) : std::string(), filter.county,
       filter.theme});
  std::vector<Activity> activities;
  activities.reserve(rows.size());
  for (const store::Row& row : rows) activities.push_back(ActivityFrom(row));
  return activities;
}

}  // namespace app
}  // namespace jamlik
