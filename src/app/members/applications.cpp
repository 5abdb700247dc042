#include "app/members/applications.hpp"

#include <fmt/format.h>

#include "app/accounts/credentials.hpp"
#include "app/accounts/invitations.hpp"
#include "app/outbox/outbox.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"

namespace jamlik::app {
namespace {

constexpr std::size_t kMaxMessageCharacters = 2'000;

[[noreturn]] void Invalid(const char* field, std::string_view swedish, std::string_view english) {
  throw Error(ErrorCode::kInvalidArgument, std::string(Tr(swedish, english)), {}, field);
}

constexpr const char* kColumns =
    "id, organisation_name, kind, code, county, contact_name, email, message, language, "
    "consent_text, state, reason, organisation_id, created_at, decided_at";

Application ApplicationFrom(const store::Row& row) {
  Application application;
  application.id = row.Int(0);
  ApplicationDraft& draft = application.draft;
  draft.organisation_name = row.Text(1);
  draft.kind = ParseMemberKind(row.Text(2)).value_or(MemberKind::kAgency);
  draft.code = row.Text(3);
  draft.county = row.Text(4);
  draft.contact_name = row.Text(5);
  draft.email = row.Text(6);
  draft.message = row.Text(7);
  draft.language = row.Text(8) == "en" ? Language::kEnglish : Language::kSwedish;
  application.consent_text = row.Text(9);
  application.state = ParseMemberState(row.Text(10)).value_or(MemberState::kApplied);
  application.reason = row.Text(11);
  application.organisation_id = row.OptionalInt(12);
  application.created_at = row.Int(13);
  application.decided_at = row.OptionalInt(14);
  return application;
}

// The organisation's code: a municipality's or region's own, else one made from the application.
std::string OrganisationCode(const Application& application) {
  return application.draft.code.empty() ? fmt::format("medlem-{}", application.id)
                                        : application.draft.code;
}

OrganisationKind AccountsKind(MemberKind kind) {
  if (kind == MemberKind::kMunicipality) return OrganisationKind::kKommun;
  if (kind == MemberKind::kRegion) return OrganisationKind::kRegion;
  return OrganisationKind::kAnnan;
}

// Claim the undecided application for a decision; kNotFound or kAlreadyDecided otherwise.
Decision Claim(store::Connection& connection, std::int64_t id, MemberState state,
               const std::string& reason, std::int64_t coordinator, std::int64_t now) {
  const bool claimed = !connection
                            .Query(
                                "UPDATE membership_applications SET state = $1, reason = $2, "
                                "decided_by = $3, decided_at = $4 WHERE id = $5 AND state = "
                                "'applied' RETURNING id",
                                {std::string(MemberStateId(state)), reason, coordinator, now, id})
                            .empty();
  if (claimed) return Decision::kDone;
  return connection.Query("SELECT 1 FROM membership_applications WHERE id = $1", {id}).empty()
             ? Decision::kNotFound
             : Decision::kAlreadyDecided;
}

Mail ApprovalMail(const Application& application, const Organisation& organisation,
                  const std::string& password, const std::string& site_url) {
  const bool sv = application.draft.language == Language::kSwedish;
  Mail mail;
  mail.to = application.draft.email;
  mail.subject =
      fmt::format("{}: {}", sv ? "Välkommen som medlem" : "Welcome as a member", organisation.name);
  const std::string how =
      password.empty()
          ? (sv ? "Du har redan ett konto. Logga in och godta inbjudan att vara administratör "
                  "för organisationen:\n"
                : "You already have an account. Sign in and accept the invitation to be the "
                  "organisation's administrator:\n")
          : fmt::format(
                fmt::runtime(sv ? "Ett konto har skapats åt dig som administratör för "
                                  "organisationen.\nE-post: {}\nTillfälligt lösenord: {}\nDu "
                                  "väljer ett eget lösenord när du loggar in första gången:\n"
                                : "An account has been made for you as the organisation's "
                                  "administrator.\nE-mail: {}\nTemporary password: {}\nYou "
                                  "choose your own password when you first sign in:\n"),
                application.draft.email, password);
  mail.body = fmt::format(
      fmt::runtime(sv ? "Hej {name}!\n\n{org} är nu medlem i mötesplatsen.\n\n{how}{url}/logga-in\n"
                      : "Hello {name},\n\n{org} is now a member of the meeting place.\n\n"
                        "{how}{url}/logga-in\n"),
      fmt::arg("name", application.draft.contact_name), fmt::arg("org", organisation.name),
      fmt::arg("how", how), fmt::arg("url", site_url));
  return mail;
}

Mail DeclineMail(const Application& application, const std::string& reason) {
  const bool sv = application.draft.language == Language::kSwedish;
  Mail mail;
  mail.to = application.draft.email;
  mail.subject = fmt::format("{}: {}", sv ? "Om er medlemsansökan" : "About your application",
                             application.draft.organisation_name);
  mail.body = fmt::format(
      fmt::runtime(sv ? "Hej {name}!\n\nVi kan tyvärr inte godkänna ansökan om medlemskap för "
                        "{org}.\n\nMotivering: {reason}\n"
                      : "Hello {name},\n\nWe cannot approve the application for membership of "
                        "{org}.\n\nReason: {reason}\n"),
      fmt::arg("name", application.draft.contact_name),
      fmt::arg("org", application.draft.organisation_name), fmt::arg("reason", reason));
  return mail;
}

}  // namespace

std::string ApplicationConsentText(Language language) {
  return language == Language::kSwedish
             ? "Jag samtycker till att mötesplatsen sparar organisationens namn, mitt namn och "
               "min e-postadress för att pröva ansökan och, om den godkänns, för mitt konto. "
               "Uppgifterna visas bara för mötesplatsens samordnare; i medlemsförteckningen "
               "visas organisationen och mitt namn."
             : "I consent to the meeting place keeping the organisation's name, my name and my "
               "e-mail address to consider the application and, if it is approved, for my "
               "account. Only the meeting place's coordinators see them; the member directory "
               "shows the organisation and my name.";
}

Application Apply(store::Store& store, ApplicationDraft draft, std::int64_t now) {
  CheckName(draft.organisation_name, "organisation_name");
  CheckName(draft.contact_name, "contact_name");
  draft.email = CheckedEmail(draft.email);
  if (!draft.message.empty()) CheckName(draft.message, "message", kMaxMessageCharacters);
  switch (draft.kind) {
    case MemberKind::kMunicipality:
      if (!FindMunicipality(draft.code)) {
        Invalid("code", "ange kommunens fyrsiffriga kod", "give the municipality's 4-digit code");
      }
      draft.county = draft.code.substr(0, 2);
      break;
    case MemberKind::kRegion:
      if (!FindCounty(draft.code)) {
        Invalid("code", "ange regionens tvåsiffriga länskod", "give the region's 2-digit code");
      }
      draft.county = draft.code;
      break;
    default:
      draft.code.clear();
      if (!draft.county.empty() && !FindCounty(draft.county)) {
        Invalid("county", "länet finns inte", "there is no such county");
      }
  }
  const std::string consent = ApplicationConsentText(draft.language);
  const store::Rows rows = store.Acquire()->Query(
      std::string("INSERT INTO membership_applications (organisation_name, kind, code, county, "
                  "contact_name, email, message, language, consent_text, state, created_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'applied', $10) RETURNING ") +
          kColumns,
      {draft.organisation_name, std::string(MemberKindId(draft.kind)), draft.code, draft.county,
       draft.contact_name, draft.email, draft.message,
       std::string(draft.language == Language::kEnglish ? "en" : "sv"), consent, now});
  return ApplicationFrom(rows.at(0));
}

std::optional<Application> FindApplication(store::Store& store, std::int64_t id) {
  const store::Rows rows = store.Acquire()->Query(
      std::string("SELECT ") + kColumns + " FROM membership_applications WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return ApplicationFrom(rows[0]);
}

std::vector<Application> ListApplications(store::Store& store, std::optional<MemberState> state) {
  std::vector<Application> applications;
  const std::string sql = std::string("SELECT ") + kColumns +
                          " FROM membership_applications WHERE $1 = '' OR state = $1 ORDER BY "
                          "created_at, id";
  for (const auto& row :
       store.Acquire()->Query(sql, {std::string(state ? MemberStateId(*state) : "")})) {
    applications.push_back(ApplicationFrom(row));
  }
  return applications;
}

Approval ApproveApplication(store::Store& store, std::int64_t id, std::int64_t coordinator,
                            const std::string& site_url, std::int64_t now) {
  // One transaction from the claim to the mail: the decision, the organisation and its membership
  // state, the contact's account or invitation and the mail are stored together or not at all. A
  // second approval of the same application waits for the first (PostgreSQL: the claim's row
  // lock; SQLite: one writer) and then finds it decided.
  Approval approval;
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  approval.decision = Claim(*connection, id, MemberState::kApproved, "", coordinator, now);
  if (approval.decision != Decision::kDone) return approval;
  approval.application = ApplicationFrom(
      connection
          ->Query(std::string("SELECT ") + kColumns + " FROM membership_applications WHERE id = $1",
                  {id})
          .at(0));
  const Application& application = approval.application;
  const std::string code = OrganisationCode(application);
  auto organisation = FindOrganisationByCode(*connection, code);
  if (!organisation) {
    const bool area = application.draft.kind == MemberKind::kMunicipality ||
                      application.draft.kind == MemberKind::kRegion;
    organisation = CreateOrganisation(*connection, code, application.draft.organisation_name,
                                      AccountsKind(application.draft.kind), area ? code : "");
    // Made meanwhile by another transaction (PostgreSQL waits for it, then does nothing).
    if (!organisation) organisation = FindOrganisationByCode(*connection, code);
  }
  approval.organisation = organisation.value();
  SetMemberProfile(*connection, organisation->id, application.draft.kind, application.draft.county);
  SetMemberState(*connection, organisation->id, MemberState::kApproved, now);

  std::string password;
  std::optional<User> existing = FindUserByEmail(*connection, application.draft.email);
  if (!existing) {
    // An initial password, to be changed at the first log-in; mailed once, only its hash kept.
    password = RandomPassword();
    const auto user = CreateUser(*connection, application.draft.email,
                                 application.draft.contact_name, password, false);
    if (user) {
      RequirePasswordChange(*connection, user->id);
      SetMembership(*connection, user->id, organisation->id, Role::kAdmin);
      approval.new_account = true;
    } else {
      // The address got an account meanwhile (another transaction): invite it instead.
      password.clear();
      existing = FindUserByEmail(*connection, application.draft.email);
    }
  }
  if (existing && !RoleIn(*connection, existing->id, organisation->id)) {
    Invite(*connection, organisation->id, application.draft.email, Role::kAdmin, coordinator, now);
  }
  connection->Query("UPDATE membership_applications SET organisation_id = $1 WHERE id = $2",
                    {organisation->id, id});
  Enqueue(*connection, ApprovalMail(application, *organisation, password, site_url), now);
  transaction.Commit();
  approval.application.organisation_id = organisation->id;
  approval.application.state = MemberState::kApproved;
  return approval;
}

Decision DeclineApplication(store::Store& store, std::int64_t id, std::int64_t coordinator,
                            const std::string& reason, std::int64_t now) {
  CheckName(reason, "reason", kMaxMessageCharacters);
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const Decision decision =
      Claim(*connection, id, MemberState::kDeclined, reason, coordinator, now);
  if (decision != Decision::kDone) return decision;
  const store::Rows rows = connection->Query(
      std::string("SELECT ") + kColumns + " FROM membership_applications WHERE id = $1", {id});
  Enqueue(*connection, DeclineMail(ApplicationFrom(rows.at(0)), reason), now);
  transaction.Commit();
  return decision;
}

}  // namespace jamlik::app
