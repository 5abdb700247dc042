#pragma once
// Applying for membership of the meeting place. Anyone may apply from the public site with only
// what a coordinator needs to decide (the organisation, a contact person, an e-mail address, the
// consent given); a coordinator approves (the organisation is created, or linked when its code
// exists, and the contact gets an account or an invitation, told by mail through the outbox) or
// declines with a reason (the contact is told).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/members/members.hpp"
#include "core/i18n.hpp"
#include "store/database.hpp"

namespace jamlik::app {

struct ApplicationDraft {
  std::string organisation_name;
  MemberKind kind = MemberKind::kMunicipality;
  // A municipality's code ("1880") or a region's county code ("18"); empty for other kinds.
  std::string code;
  std::string county;  // other kinds may name their county; ignored for municipalities and regions
  std::string contact_name;
  std::string email;
  std::string message;                     // optional, at most 2 000 characters
  Language language = Language::kSwedish;  // of the contact's mail
};

struct Application {
  std::int64_t id = 0;
  ApplicationDraft draft;
  std::string consent_text;
  MemberState state = MemberState::kApplied;
  std::string reason;  // the coordinator's, when declined
  std::optional<std::int64_t> organisation_id;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> decided_at;
};

// The consent an applicant gives for the contact details.
std::string ApplicationConsentText(Language language);

// Check the draft (throws kInvalidArgument naming the field) and store the application.
Application Apply(store::Store& store, ApplicationDraft draft, std::int64_t now);
std::optional<Application> FindApplication(store::Store& store, std::int64_t id);
// Applications in `state` (all when none), oldest first.
std::vector<Application> ListApplications(store::Store& store, std::optional<MemberState> state);

enum class Decision { kDone, kNotFound, kAlreadyDecided };

struct Approval {
  Decision decision = Decision::kNotFound;
  Application application;
  Organisation organisation;
  bool new_account = false;  // the contact had none: one was made, its initial password mailed
};

// Approve the application: create its organisation (or link the one with its code) as an approved
// member; give the contact an account as the organisation's admin, or, if the address has one, an
// invitation to be its admin; and mail the contact how to sign in, linking `site_url`. All in one
// transaction: should any step fail, nothing of the approval is stored and the application stays
// undecided; of concurrent approvals of one application, one is kDone and the others
// kAlreadyDecided.
Approval ApproveApplication(store::Store& store, std::int64_t id, std::int64_t coordinator,
                            const std::string& site_url, std::int64_t now);
// Decline with a reason (required, at most 2 000 characters) and tell the contact.
Decision DeclineApplication(store::Store& store, std::int64_t id, std::int64_t coordinator,
                            const std::string& reason, std::int64_t now);

}  // namespace jamlik::app
