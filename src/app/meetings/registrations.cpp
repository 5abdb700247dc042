#include "app/meetings/registrations.hpp"

#include <array>

#include <fmt/format.h>

#include "app/accounts/accounts.hpp"
#include "app/accounts/credentials.hpp"
#include "app/meetings/activities.hpp"
#include "app/meetings/notices.hpp"
#include "app/outbox/outbox.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

using app::RegistrationStatus;
constexpr std::array<EnumEntry<RegistrationStatus>, 3> kStatuses{{
    {RegistrationStatus::kConfirmed, "confirmed", "Bekräftad", "Confirmed"},
    {RegistrationStatus::kWaiting, "waiting", "På väntelistan", "On the waiting list"},
    {RegistrationStatus::kCancelled, "cancelled", "Avanmäld", "Cancelled"},
}};

}  // namespace

std::span<const EnumEntry<RegistrationStatus>> EnumTable<RegistrationStatus>::Entries() {
  return kStatuses;
}

namespace app {
namespace {

constexpr std::size_t kMaxNeedsCharacters = 1'000;
constexpr std::size_t kMaxConsentCharacters = 2'000;

constexpr const char* kRegistrationColumns =
    "id, activity_id, sequence, status, name, email, organisation, needs, consent, language, "
    "created_at, promoted_at, cancelled_at";

Registration RegistrationFrom(const store::Row& row) {
  Registration registration;
  registration.id = row.Int(0);
  registration.activity_id = row.Int(1);
  registration.sequence = row.Int(2);
  registration.status =
      EnumFromId<RegistrationStatus>(row.Text(3)).value_or(RegistrationStatus::kCancelled);
  registration.registrant = {
      row.Text(4), row.Text(5), row.Text(6),
      row.Text(7), row.Text(8), row.Text(9) == "en" ? Language::kEnglish : Language::kSwedish};
  registration.created_at = row.Int(10);
  registration.promoted_at = row.OptionalInt(11);
  registration.cancelled_at = row.OptionalInt(12);
  return registration;
}

// What the seat decisions need of an activity, read with its row locked.
struct LockedActivity {
  std::int64_t capacity;
  std::int64_t registration_deadline;
  ActivityHeading heading;
  bool members_only = false;
};

// Lock the activity's row until the transaction ends. PostgreSQL: FOR UPDATE makes concurrent
// registrations to the same activity wait here; SQLite: the transaction began as the only
// writer, and the plain read is already exclusive.
std::optional<LockedActivity> LockActivity(store::Connection& connection, std::int64_t activity) {
  const char* lock = connection.dialect() == store::Dialect::kPostgres ? " FOR UPDATE" : "";
  const store::Rows rows = connection.Query(
      std::string("SELECT capacity, registration_deadline, starts_at, title, place, link, "
                  "members_only FROM activities WHERE id = $1") +
          lock,
      {activity});
  if (rows.empty()) return std::nullopt;
  const store::Row& row = rows[0];
  return LockedActivity{
      row.Int(0), row.Int(1), {row.Text(3), row.Int(2), row.Text(4), row.Text(5)}, row.Int(6) != 0};
}

std::int64_t ConfirmedCount(store::Connection& connection, std::int64_t activity) {
  return connection
      .Query("SELECT COUNT(*) FROM registrations WHERE activity_id = $1 AND status = 'confirmed'",
             {activity})
      .at(0)
      .Int(0);
}

std::int64_t WaitingPosition(store::Connection& connection, const Registration& registration) {
  if (registration.status != RegistrationStatus::kWaiting) return 0;
  return connection
      .Query(
          "SELECT COUNT(*) FROM registrations WHERE activity_id = $1 AND status = 'waiting' "
          "AND sequence <= $2",
          {registration.activity_id, registration.sequence})
      .at(0)
      .Int(0);
}

// Write a mail to the registrant into the outbox, linked to the registration so that it is
// deleted with the registration's personal data.
void EnqueueFor(store::Connection& connection, std::int64_t registration, const Mail& mail,
                std::int64_t now) {
  connection.Query("INSERT INTO registration_mails (registration_id, outbox_id) VALUES ($1, $2)",
                   {registration, Enqueue(connection, mail, now)});
}

// Give the free seats to the first waiting people, in arrival order, and tell each by mail. The
// caller holds the lock.
std::vector<Registration> PromoteWaiting(store::Connection& connection, std::int64_t activity,
                                         const LockedActivity& locked, std::int64_t now) {
  const std::int64_t free = locked.capacity - ConfirmedCount(connection, activity);
  if (free <= 0) return {};
  const store::Rows rows =
      connection.Query(std::string("SELECT ") + kRegistrationColumns +
                           " FROM registrations WHERE activity_id = $1 AND status = 'waiting' "
                           "ORDER BY sequence LIMIT $2",
                       {activity, free});
  std::vector<Registration> promoted;
  for (const store::Row& row : rows) {
    Registration registration = RegistrationFrom(row);
    connection.Query(
        "UPDATE registrations SET status = 'confirmed', promoted_at = $1 WHERE id = $2",
        {now, registration.id});
    registration.status = RegistrationStatus::kConfirmed;
    registration.promoted_at = now;
    EnqueueFor(connection, registration.id, PromotionNotice(locked.heading, registration), now);
    promoted.push_back(std::move(registration));
  }
  return promoted;
}

Registrant CheckedRegistrant(const Registrant& registrant) {
  Registrant checked = registrant;
  CheckName(checked.name, "name");
  checked.email = CheckedEmail(checked.email);
  CheckName(checked.organisation, "organisation");
  if (!checked.needs.empty()) CheckName(checked.needs, "needs", kMaxNeedsCharacters);
  if (checked.consent.empty()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("samtycket till behandlingen av personuppgifterna saknas",
                               "the consent to the processing of personal data is missing")),
                {}, "consent");
  }
  CheckName(checked.consent, "consent", kMaxConsentCharacters);
  return checked;
}

}  // namespace

std::string ConsentText(Language language, std::int64_t retention_days) {
  return fmt::format(
      fmt::runtime(
          language == Language::kSwedish
              ? "Jag samtycker till att mitt namn, min organisation, min e-postadress och "
                "det jag skriver om mina behov sparas för att hantera min anmälan och "
                "visas för arrangören. Uppgifterna raderas {} dagar efter aktiviteten. "
                "Jag kan avanmäla mig med länken i bekräftelsen."
              : "I agree that my name, organisation, e-mail address and what I write about "
                "my needs are kept to handle my registration and shown to the organiser. "
                "They are deleted {} days after the activity. I can cancel with the link in "
                "the confirmation."),
      retention_days);
}

std::string CancelPath(const std::string& token) { return "/avanmalan/" + token; }

RegisterOutcome Register(store::Store& store, std::int64_t activity, const Registrant& registrant,
                         std::int64_t now, const std::string& site_url, Registrar registrar) {
  const Registrant checked = CheckedRegistrant(registrant);
  RegisterOutcome outcome;
  outcome.cancel_token = RandomHex(32);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const std::optional<LockedActivity> locked = LockActivity(*connection, activity);
  if (!locked) return {RegisterRefusal::kNoSuchActivity, {}, {}};
  if (locked->members_only && registrar != Registrar::kMember) {
    return {RegisterRefusal::kMembersOnly, {}, {}};
  }
  if (now > locked->registration_deadline) return {RegisterRefusal::kDeadlinePassed, {}, {}};
  if (!connection
           ->Query("SELECT id FROM registrations WHERE activity_id = $1 AND email = $2 "
                   "AND status <> 'cancelled'",
                   {activity, checked.email})
           .empty()) {
    return {RegisterRefusal::kAlreadyRegistered, {}, {}};
  }
  const bool seat = ConfirmedCount(*connection, activity) < locked->capacity;
  const std::int64_t sequence =
      connection
          ->Query("SELECT COALESCE(MAX(sequence), 0) + 1 FROM registrations WHERE activity_id = $1",
                  {activity})
          .at(0)
          .Int(0);
  Registration& registration = outcome.registration;
  registration.activity_id = activity;
  registration.sequence = sequence;
  registration.status = seat ? RegistrationStatus::kConfirmed : RegistrationStatus::kWaiting;
  registration.registrant = checked;
  registration.created_at = now;
  registration.id =
      connection
          ->Query(
              "INSERT INTO registrations (activity_id, sequence, status, name, email, "
              "organisation, needs, consent, language, token_hash, created_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
              {activity, sequence, std::string(EnumId(registration.status)), checked.name,
               checked.email, checked.organisation, checked.needs, checked.consent,
               std::string(checked.language == Language::kEnglish ? "en" : "sv"),
               Sha256Hex(outcome.cancel_token), now})
          .at(0)
          .Int(0);
  registration.waiting_position = WaitingPosition(*connection, registration);
  EnqueueFor(*connection, registration.id,
             RegistrationNotice(locked->heading, registration,
                                site_url + CancelPath(outcome.cancel_token)),
             now);
  transaction.Commit();
  return outcome;
}

std::optional<CancelOutcome> CancelRegistration(store::Store& store, const std::string& token,
                                                std::int64_t now) {
  const std::string token_hash = Sha256Hex(token);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const store::Rows found = connection->Query(
      "SELECT activity_id FROM registrations WHERE token_hash = $1", {token_hash});
  if (found.empty()) return std::nullopt;
  const std::optional<LockedActivity> locked = LockActivity(*connection, found[0].Int(0));
  if (!locked) return std::nullopt;
  // Read again under the lock: a concurrent cancellation of the same token may have won.
  const store::Rows rows = connection->Query(
      std::string("SELECT ") + kRegistrationColumns + " FROM registrations WHERE token_hash = $1",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  CancelOutcome outcome{RegistrationFrom(rows[0]), std::nullopt};
  const RegistrationStatus was = outcome.cancelled.status;
  if (was == RegistrationStatus::kCancelled) return std::nullopt;
  connection->Query(
      "UPDATE registrations SET status = 'cancelled', cancelled_at = $1 WHERE id = $2",
      {now, outcome.cancelled.id});
  outcome.cancelled.status = RegistrationStatus::kCancelled;
  outcome.cancelled.cancelled_at = now;
  if (was == RegistrationStatus::kConfirmed && now < locked->heading.starts_at) {
    std::vector<Registration> promoted =
        PromoteWaiting(*connection, outcome.cancelled.activity_id, *locked, now);
    if (!promoted.empty()) outcome.promoted = std::move(promoted.front());
  }
  transaction.Commit();
  return outcome;
}

std::optional<std::vector<Registration>> ChangeCapacity(store::Store& store, std::int64_t activity,
                                                        std::int64_t capacity, std::int64_t now) {
  if (capacity < 0 || capacity > kMaxCapacity) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("antalet platser ska vara 0–100 000",
                               "the number of seats must be 0–100,000")),
                {}, "capacity", std::to_string(capacity));
  }
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const std::optional<LockedActivity> locked = LockActivity(*connection, activity);
  if (!locked) return std::nullopt;
  const std::int64_t confirmed = ConfirmedCount(*connection, activity);
  if (capacity < confirmed) {
    throw Error(
        ErrorCode::kInvalidArgument,
        fmt::format(fmt::runtime(Tr("platserna kan inte bli {}: {} deltagare är redan bekräftade",
                                    "the seats cannot be {}: {} participants are already "
                                    "confirmed")),
                    capacity, confirmed),
        {}, "capacity", std::to_string(capacity));
  }
  connection->Query("UPDATE activities SET capacity = $1 WHERE id = $2", {capacity, activity});
  std::vector<Registration> promoted;
  if (now < locked->heading.starts_at) {
    LockedActivity changed = *locked;
    changed.capacity = capacity;
    promoted = PromoteWaiting(*connection, activity, changed, now);
  }
  transaction.Commit();
  return promoted;
}

std::vector<Registration> ListRegistrations(store::Store& store, std::int64_t activity) {
  const store::Rows rows =
      store.Acquire()->Query(std::string("SELECT ") + kRegistrationColumns +
                                 " FROM registrations WHERE activity_id = $1 ORDER BY sequence",
                             {activity});
  std::vector<Registration> registrations;
  std::int64_t waiting = 0;
  for (const store::Row& row : rows) {
    Registration registration = RegistrationFrom(row);
    if (registration.status == RegistrationStatus::kWaiting)
      registration.waiting_position = ++waiting;
    registrations.push_back(std::move(registration));
  }
  return registrations;
}

std::size_t DeleteExpiredPersonalData(store::Store& store, std::int64_t now,
                                      std::int64_t retention_seconds) {
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const store::Rows expired = connection->Query(
      "SELECT id FROM activities WHERE ends_at < $1 AND personal_data_deleted_at IS NULL",
      {now - retention_seconds});
  std::size_t blanked = 0;
  for (const store::Row& row : expired) {
    // The mails to the registrants hold their addresses, names and cancellation links.
    connection->Query(
        "DELETE FROM outbox WHERE id IN (SELECT m.outbox_id FROM registration_mails m JOIN "
        "registrations r ON r.id = m.registration_id WHERE r.activity_id = $1)",
        {row.Int(0)});
    // The token goes too: a cancellation link stops working once nothing is left to cancel.
    blanked += connection
                   ->Query(
                       "UPDATE registrations SET name = '', email = '', organisation = '', "
                       "needs = '', token_hash = 'raderad:' || CAST(id AS TEXT) "
                       "WHERE activity_id = $1 RETURNING id",
                       {row.Int(0)})
                   .size();
    connection->Query("UPDATE activities SET personal_data_deleted_at = $1 WHERE id = $2",
                      {now, row.Int(0)});
  }
  transaction.Commit();
  return blanked;
}

}  // namespace app
}  // namespace jamlik
