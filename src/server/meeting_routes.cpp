// The meeting place's activities and registrations. The public part needs no account: anyone
// lists the public activities, registers with only the data the organiser needs, and cancels by
// the private link in the confirmation. Organisers (an organisation's analysts and admins) create
// activities, read their participant lists (also as CSV or Excel; each reading audited) and change
// the number of seats. The public activities are also an iCalendar feed, and each one an .ics.
#include <fmt/format.h>

#include <ctime>
#include <set>
#include <sstream>

#include "app/accounts/throttle.hpp"
#include "app/analyses/audit_trail.hpp"
#include "app/meetings/activities.hpp"
#include "app/meetings/activity_calendar.hpp"
#include "app/meetings/participant_list.hpp"
#include "app/meetings/registrations.hpp"
#include "app/members/members.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "io/table_writer.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

// Registrations a client address may make per window, beside the limit of every public route:
// an office registering its staff fits; a script filling the seats does not.
constexpr std::int64_t kRegistrationsPerWindow = 20;
constexpr std::int64_t kRegistrationWindowSeconds = 600;

json ActivityJson(const app::Activity& activity, std::int64_t now) {
  json recommendations = json::array();
  for (const app::Recommendation recommendation : activity.recommendations) {
    recommendations.push_back(
        {{"id", EnumId(recommendation)}, {"label", EnumLabel(recommendation)}});
  }
  const County* county = activity.county.empty() ? nullptr : FindCounty(activity.county);
  return {{"id", activity.id},
          {"kind", EnumId(activity.kind)},
          {"kind_label", EnumLabel(activity.kind)},
          {"title", activity.title},
          {"description", activity.description},
          {"theme", activity.theme},
          {"recommendations", std::move(recommendations)},
          {"place", activity.place},
          {"link", activity.link},
          {"county", activity.county},
          {"county_name", county ? county->name : std::string()},
          {"starts_at", activity.starts_at},
          {"ends_at", activity.ends_at},
          {"registration_deadline", activity.registration_deadline},
          {"registration_open", now <= activity.registration_deadline},
          {"capacity", activity.capacity},
          {"seats_left", activity.seats_left()},
          {"waiting", activity.waiting},
          {"members_only", activity.members_only}};
}

json RegistrationJson(const app::Registration& registration) {
  return {{"id", registration.id},
          {"sequence", registration.sequence},
          {"status", EnumId(registration.status)},
          {"status_label", EnumLabel(registration.status)},
          {"waiting_position", registration.waiting_position},
          {"name", registration.registrant.name},
          {"email", registration.registrant.email},
          {"organisation", registration.registrant.organisation},
          {"needs", registration.registrant.needs},
          {"created_at", registration.created_at}};
}

std::optional<app::ActivityKind> KindParameter(const httplib::Request& request) {
  const std::string kind = request.get_param_value("kind");
  if (kind.empty()) return std::nullopt;
  const auto parsed = EnumFromId<app::ActivityKind>(kind);
  if (!parsed) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("kind ska vara conference, seminar, webinar eller network_meeting",
                               "kind must be conference, seminar, webinar or network_meeting")),
                {}, "kind", kind);
  }
  return parsed;
}

// The address links in mail start with: the configured one, else this server's own.
std::string SiteUrl(const Context& context) {
  const ServerConfig& config = context.state.config;
  if (!config.site_url.empty()) return config.site_url;
  return fmt::format("http://{}:{}", config.host, context.request.local_port);
}

// ---- Public ----

// The public activities that have not ended, of the kind, county and theme asked for.
app::ActivityFilter PublicFilter(const httplib::Request& request) {
  app::ActivityFilter filter;
  filter.kind = KindParameter(request);
  filter.county = request.get_param_value("county");
  filter.theme = request.get_param_value("theme");
  filter.ending_after = Now();
  return filter;
}

void ListPublic(Context& context) {
  const app::ActivityFilter filter = PublicFilter(context.request);
  json activities = json::array();
  for (const auto& activity : app::ListActivities(context.state.store, filter)) {
    activities.push_back(ActivityJson(activity, filter.ending_after));
  }
  context.Json(200, {{"activities", std::move(activities)}});
}

// What an activity is described by, labelled in the request's language, for the forms and
// filters of the web app: kinds, recommendations, counties, and the themes public activities use.
void ShowOptions(Context& context) {
  json kinds = json::array();
  for (const auto& entry : EnumTable<app::ActivityKind>::Entries()) {
    kinds.push_back({{"id", EnumId(entry.value)}, {"label", EnumLabel(entry.value)}});
  }
  json recommendations = json::array();
  for (const auto& entry : EnumTable<app::Recommendation>::Entries()) {
    recommendations.push_back({{"id", EnumId(entry.value)}, {"label", EnumLabel(entry.value)}});
  }
  json counties = json::array();
  for (const County& county : Counties()) {
    counties.push_back({{"code", county.code}, {"name", county.name}});
  }
  app::ActivityFilter filter;
  filter.ending_after = Now();
  std::set<std::string> themes;
  for (const auto& activity : app::ListActivities(context.state.store, filter)) {
    if (!activity.theme.empty()) themes.insert(activity.theme);
  }
  context.Json(200, {{"kinds", std::move(kinds)},
                     {"recommendations", std::move(recommendations)},
                     {"counties", std::move(counties)},
                     {"themes", json(themes)}});
}

// A public activity; members-only ones are not found here.
std::optional<app::Activity> FindPublic(Context& context) {
  auto activity = app::FindActivity(context.state.store, context.ids.at(0));
  if (!activity || activity->members_only) return std::nullopt;
  return activity;
}

void ShowPublic(Context& context) {
  const auto activity = FindPublic(context);
  if (!activity) return context.Fail(Problem::kNotFound);
  json body = ActivityJson(*activity, Now());
  body["consent_text"] = app::ConsentText(CurrentLanguage(), context.state.config.retention_days);
  context.Json(200, body);
}

constexpr const char* kCalendarContentType = "text/calendar; charset=utf-8";

// The public activities as a calendar to subscribe to, filtered like the list.
void PublicCalendar(Context& context) {
  const auto activities = app::ListActivities(context.state.store, PublicFilter(context.request));
  context.response.set_content(
      app::ActivitiesICalendar(activities, SiteUrl(context), CurrentLanguage()),
      kCalendarContentType);
}

// One public activity as an .ics file, named after its title.
void ActivityCalendar(Context& context) {
  const auto activity = FindPublic(context);
  if (!activity) return context.Fail(Problem::kNotFound);
  context.response.set_header("Content-Disposition", ContentDisposition(activity->title, "ics"));
  context.response.set_content(
      app::ActivitiesICalendar({*activity}, SiteUrl(context), CurrentLanguage()),
      kCalendarContentType);
}

// Answer a registration: 201 with the status, the waiting position and the cancellation link, or
// the refusal's problem.
void AnswerRegistration(Context& context, const app::RegisterOutcome& outcome) {
  switch (outcome.refusal) {
    case app::RegisterRefusal::kNone:
      break;
    case app::RegisterRefusal::kNoSuchActivity:
      return context.Fail(Problem::kNotFound);
    case app::RegisterRefusal::kMembersOnly:
      return context.Fail(Problem::kMembersOnly);
    case app::RegisterRefusal::kDeadlinePassed:
      return context.Fail(Problem::kRegistrationClosed);
    case app::RegisterRefusal::kAlreadyRegistered:
      return context.FailAtField(Problem::kAlreadyRegistered, "email");
  }
  const app::Registration& registration = outcome.registration;
  context.Json(201, {{"status", EnumId(registration.status)},
                     {"status_label", EnumLabel(registration.status)},
                     {"waiting_position", registration.waiting_position},
                     {"cancel_token", outcome.cancel_token},
                     {"cancel_link", app::CancelPath(outcome.cancel_token)}});
}

// Anyone registers to a public activity. A members-only one is refused with members_only (a
// member registers through /api/members/activities/{activity}/registrations), before the body is
// read, so that nothing of the person is taken in.
void RegisterPublic(Context& context) {
  const auto activity = app::FindActivity(context.state.store, context.ids.at(0));
  if (!activity) return context.Fail(Problem::kNotFound);
  if (activity->members_only) return context.Fail(Problem::kMembersOnly);
  const auto body = context.JsonBody();
  if (!body) return;
  RequireConsent(*body);
  if (!WithinLimit(context, "register", kRegistrationsPerWindow, kRegistrationWindowSeconds)) {
    return;
  }
  const Language language = CurrentLanguage();
  const app::Registrant registrant{StringField(*body, "name"),
                                   StringField(*body, "email"),
                                   StringField(*body, "organisation"),
                                   StringField(*body, "needs", false),
                                   app::ConsentText(language, context.state.config.retention_days),
                                   language};
  AnswerRegistration(context, app::Register(context.state.store, activity->id, registrant, Now(),
                                            SiteUrl(context), app::Registrar::kPublic));
}

void CancelPublic(Context& context) {
  const auto cancelled = app::CancelRegistration(context.state.store, context.token, Now());
  if (!cancelled) return context.Fail(Problem::kNotFound);
  context.Json(200, {{"status", EnumId(cancelled->cancelled.status)},
                     {"status_label", EnumLabel(cancelled->cancelled.status)}});
}

// ---- Members ----

// What a member's registration says of them: the account's name and e-mail address and the name
// of their member organisation; a coordinator outside every member organisation names one.
app::Registrant MemberRegistrant(Context& context, const json* body) {
  const app::User& user = context.user();
  const auto organisation = app::MemberOrganisationOf(context.state.store, user.id);
  const Language language = CurrentLanguage();
  app::Registrant registrant;
  registrant.name = user.name;
  registrant.email = user.email;
  if (organisation) {
    registrant.organisation = organisation->name;
  } else if (body != nullptr) {
    registrant.organisation = StringField(*body, "organisation");
  }
  if (body != nullptr) registrant.needs = StringField(*body, "needs", false);
  registrant.consent = app::ConsentText(language, context.state.config.retention_days);
  registrant.language = language;
  return registrant;
}

// The coming activities for members: the public ones and the members-only ones, filtered as the
// public list is.
void ListForMembers(Context& context) {
  app::ActivityFilter filter = PublicFilter(context.request);
  filter.include_members_only = true;
  json activities = json::array();
  for (const auto& activity : app::ListActivities(context.state.store, filter)) {
    activities.push_back(ActivityJson(activity, filter.ending_after));
  }
  context.Json(200, {{"activities", std::move(activities)}});
}

// One activity, members-only ones too, with the consent text and what a registration would say
// of the caller (the form shows it instead of asking).
void ShowForMembers(Context& context) {
  const auto activity = app::FindActivity(context.state.store, context.ids.at(0));
  if (!activity) return context.Fail(Problem::kNotFound);
  json body = ActivityJson(*activity, Now());
  const app::Registrant registrant = MemberRegistrant(context, nullptr);
  body["consent_text"] = registrant.consent;
  body["registrant"] = {{"name", registrant.name},
                        {"email", registrant.email},
                        {"organisation", registrant.organisation}};
  context.Json(200, body);
}

// A member registers with the account's name, e-mail address and member organisation; the body
// gives the consent and, optionally, needs.
void RegisterMember(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  RequireConsent(*body);
  AnswerRegistration(context, app::Register(context.state.store, context.ids.at(0),
                                            MemberRegistrant(context, &*body), Now(),
                                            SiteUrl(context), app::Registrar::kMember));
}

// ---- Organisers ----

// The activity of the path when the path's organisation organises it.
std::optional<app::Activity> FindOwn(Context& context) {
  auto activity = app::FindActivity(context.state.store, context.ids.at(1));
  if (!activity || activity->organisation_id != context.org_id()) return std::nullopt;
  return activity;
}

std::int64_t IntegerField(const json& body, const char* field) {
  if (!body.contains(field) || !body.at(field).is_number_integer()) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("'{}' krävs och ska vara ett heltal",
                                            "'{}' is required and must be an integer")),
                            field),
                {}, field);
  }
  return body.at(field).get<std::int64_t>();
}

void CreateOwn(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  app::ActivityDraft draft;
  const std::string kind = StringField(*body, "kind");
  const auto parsed_kind = EnumFromId<app::ActivityKind>(kind);
  if (!parsed_kind) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("kind ska vara conference, seminar, webinar eller network_meeting",
                               "kind must be conference, seminar, webinar or network_meeting")),
                {}, "kind", kind);
  }
  draft.kind = *parsed_kind;
  draft.title = StringField(*body, "title");
  draft.description = StringField(*body, "description", false);
  draft.theme = StringField(*body, "theme", false);
  draft.recommendations =
      app::ParseRecommendations(StringField(*body, "recommendations", false), "recommendations");
  draft.place = StringField(*body, "place", false);
  draft.link = StringField(*body, "link", false);
  draft.county = StringField(*body, "county", false);
  draft.starts_at = IntegerField(*body, "starts_at");
  draft.ends_at = IntegerField(*body, "ends_at");
  draft.registration_deadline = IntegerField(*body, "registration_deadline");
  draft.capacity = IntegerField(*body, "capacity");
  draft.members_only = body->value("members_only", false);
  const app::Activity activity =
      app::CreateActivity(context.state.store, context.org_id(), context.user().id, draft, Now());
  context.response.set_header("Location", "/api/organisations/" + std::to_string(context.org_id()) +
                                              "/activities/" + std::to_string(activity.id));
  context.Json(201, ActivityJson(activity, Now()));
}

void ListOwn(Context& context) {
  app::ActivityFilter filter;
  filter.include_members_only = true;
  json activities = json::array();
  for (const auto& activity : app::ListActivities(context.state.store, filter)) {
    if (activity.organisation_id == context.org_id()) {
      activities.push_back(ActivityJson(activity, Now()));
    }
  }
  context.Json(200, {{"activities", std::move(activities)}});
}

// Record in the organisation's audit log that the caller read the activity's participants
// (personal data), as the analyses' views and exports are recorded; before they are sent.
void AuditParticipants(Context& context, const app::Activity& activity, std::string action,
                       std::size_t rows) {
  AuditRecord record;
  record.action = std::move(action);
  record.table = fmt::format("participants of activity {} '{}'", activity.id, activity.title);
  record.dataset.path = "(registrations)";
  record.user = context.user().email;
  record.rows = rows;
  app::StoreAuditLog(context.state.store, context.org_id(), context.user().id)
      .Append(std::move(record));
}

void Participants(Context& context) {
  const auto activity = FindOwn(context);
  if (!activity) return context.Fail(Problem::kNotFound);
  const auto listed = app::ListRegistrations(context.state.store, activity->id);
  AuditParticipants(context, *activity, "view_participants", listed.size());
  json registrations = json::array();
  for (const auto& registration : listed) {
    registrations.push_back(RegistrationJson(registration));
  }
  context.Json(200, {{"activity", ActivityJson(*activity, Now())},
                     {"registrations", std::move(registrations)}});
}

// The participant list as a file: CSV as Swedish Excel opens it (';', UTF-8 with a byte order
// mark) or Excel with a header row, headed in the request's language and named after the
// activity. Personal data: the organisation's audit log records each export before it is sent.
void ExportParticipants(Context& context) {
  const auto activity = FindOwn(context);
  if (!activity) return context.Fail(Problem::kNotFound);
  const std::string format = Choice(context.request, "format", {"csv", "xlsx"}, "csv");
  const Table participants = app::ParticipantTable(
      app::ListRegistrations(context.state.store, activity->id), CurrentLanguage());
  AuditParticipants(context, *activity, "export_participants_" + format, participants.num_rows());
  std::string content;
  if (format == "csv") {
    std::ostringstream out;
    WriteCsv(participants, out, kSwedishExcelCsv);
    content = out.str();
  } else {
    const XlsxSheet sheets[] = {{std::string(Tr("Deltagare", "Participants")), &participants}};
    content = XlsxContent(sheets, context.state.config);
  }
  context.response.set_header("Content-Disposition", ContentDisposition(activity->title, format));
  context.response.set_content(content,
                               format == "csv" ? "text/csv; charset=utf-8" : kXlsxContentType);
}

void ChangeSeats(Context& context) {
  const auto activity = FindOwn(context);
  if (!activity) return context.Fail(Problem::kNotFound);
  const auto body = context.JsonBody();
  if (!body) return;
  const auto promoted = app::ChangeCapacity(context.state.store, activity->id,
                                            IntegerField(*body, "capacity"), Now());
  if (!promoted) return context.Fail(Problem::kNotFound);
  context.Json(200, ActivityJson(*app::FindActivity(context.state.store, activity->id), Now()));
}

}  // namespace

void AddMeetingRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/public/activities", Access::kPublic, ListPublic});
  routes.push_back({"GET", "/api/public/activities/{activity}", Access::kPublic, ShowPublic});
  routes.push_back({"GET", "/api/public/activity-options", Access::kPublic, ShowOptions});
  routes.push_back(
      {"POST", "/api/public/activities/{activity}/registrations", Access::kPublic, RegisterPublic});
  routes.push_back({"DELETE", "/api/public/registrations/{token}", Access::kPublic, CancelPublic});
  routes.push_back({"GET", "/api/public/calendar.ics", Access::kPublic, PublicCalendar});
  routes.push_back(
      {"GET", "/api/public/activities/{activity}/calendar.ics", Access::kPublic, ActivityCalendar});
  routes.push_back({"GET", "/api/members/activities", Access::kMember, ListForMembers});
  routes.push_back({"GET", "/api/members/activities/{activity}", Access::kMember, ShowForMembers});
  routes.push_back({"POST", "/api/members/activities/{activity}/registrations", Access::kMember,
                    RegisterMember});
  routes.push_back({"GET", "/api/organisations/{org}/activities", Access::kOrgRead, ListOwn});
  routes.push_back({"POST", "/api/organisations/{org}/activities", Access::kOrgWrite, CreateOwn});
  routes.push_back({"GET", "/api/organisations/{org}/activities/{activity}/registrations",
                    Access::kOrgWrite, Participants});
  routes.push_back({"GET", "/api/organisations/{org}/activities/{activity}/registrations/export",
                    Access::kOrgWrite, ExportParticipants});
  routes.push_back(
      {"PATCH", "/api/organisations/{org}/activities/{activity}", Access::kOrgWrite, ChangeSeats});
}

}  // namespace jamlik::server
