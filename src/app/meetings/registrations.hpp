#pragma once
// Registration to an activity: first come, first served, never more confirmed than seats. Every
// change that decides a seat (registering, cancelling, changing the capacity) runs in one
// transaction that first locks the activity's row — PostgreSQL's row lock; SQLite has one writer
// at a time (BEGIN IMMEDIATE) — so the count it reads is still true when it writes. A cancelled
// seat goes to the first waiting person under the same lock.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "core/labelled_enum.hpp"
#include "store/database.hpp"

namespace jamlik::app {

enum class RegistrationStatus : std::uint8_t { kConfirmed, kWaiting, kCancelled };

// Only what the organiser needs, and the consent text the person accepted.
struct Registrant {
  std::string name;
  std::string email;
  std::string organisation;
  std::string needs;  // optional: diet, accessibility …
  std::string consent;
  Language language = Language::kSwedish;  // what the messages to them are written in
};

// The consent a registrant gives, naming how long their data is kept (DeleteExpiredPersonalData).
std::string ConsentText(Language language, std::int64_t retention_days);

struct Registration {
  std::int64_t id = 0;
  std::int64_t activity_id = 0;
  std::int64_t sequence = 0;  // arrival order within the activity
  RegistrationStatus status = RegistrationStatus::kWaiting;
  Registrant registrant;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> promoted_at;
  std::optional<std::int64_t> cancelled_at;
  std::int64_t waiting_position = 0;  // 1 = next to get a seat; 0 unless waiting
};

enum class RegisterRefusal : std::uint8_t {
  kNone,
  kNoSuchActivity,
  kDeadlinePassed,
  kAlreadyRegistered,  // the e-mail address holds a seat or a place in the queue
  kMembersOnly,        // a members-only activity, and the registrant is not a signed-in member
};

// Who registers: anyone from the public site, or a signed-in member of the meeting place (whose
// name and organisation come from the account). Only members register to members-only
// activities.
enum class Registrar : std::uint8_t { kPublic, kMember };

struct RegisterOutcome {
  RegisterRefusal refusal = RegisterRefusal::kNone;
  Registration registration;  // when not refused
  std::string cancel_token;   // the private token of the cancellation link; only known here
};

// The web app's page that cancels the registration of `token`: "/avanmalan/<token>".
std::string CancelPath(const std::string& token);

// Check the registrant (name, e-mail, organisation; consent given), then lock the activity and
// confirm a seat or queue; the confirmation mail, with the cancellation link under `site_url`
// (https://jamlik.example.se), goes to the outbox in the same transaction. Throws
// kInvalidArgument naming the field. A members-only activity refuses a kPublic registrar.
RegisterOutcome Register(store::Store& store, std::int64_t activity, const Registrant& registrant,
                         std::int64_t now, const std::string& site_url,
                         Registrar registrar = Registrar::kPublic);

struct CancelOutcome {
  Registration cancelled;
  std::optional<Registration> promoted;  // who got the seat
};

// Cancel the registration the token opens and give its seat to the first waiting person (before
// the activity starts), who is told by mail. nullopt for an unknown or already cancelled token.
std::optional<CancelOutcome> CancelRegistration(store::Store& store, const std::string& token,
                                                std::int64_t now);

// Change the number of seats; more seats go to the waiting list in order (returned; each is told
// by mail).
// Fewer than the confirmed count is refused with kInvalidArgument naming both numbers. nullopt
// for an unknown activity.
std::optional<std::vector<Registration>> ChangeCapacity(store::Store& store, std::int64_t activity,
                                                        std::int64_t capacity, std::int64_t now);

// The activity's registrations in arrival order (the organiser's participant list), cancelled
// ones included.
std::vector<Registration> ListRegistrations(store::Store& store, std::int64_t activity);

// Blank the personal data of every activity that ended more than `retention_seconds` before
// `now` and delete the mails to its registrants from the outbox (sent or not); keep the counts.
// Returns how many registrations were blanked.
std::size_t DeleteExpiredPersonalData(store::Store& store, std::int64_t now,
                                      std::int64_t retention_seconds);

}  // namespace jamlik::app

namespace jamlik {
template <>
struct EnumTable<app::RegistrationStatus> {
  static std::span<const EnumEntry<app::RegistrationStatus>> Entries();
};
}  // namespace jamlik
