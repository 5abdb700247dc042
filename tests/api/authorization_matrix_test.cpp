// The authorisation matrix: every registered endpoint × caller (anonymous, reader, analyst,
// admin, site administrator, the meeting place's coordinator, and an admin of another
// organisation that is not a member of the meeting place) × the callers' own or a foreign
// organisation, each answered with the status the access rules below say, on every backend. The
// own organisation is an approved member of the meeting place, the foreign one is not. The rules
// are written here, apart from the server's route table, and every registered route must have one.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>

#include "app/accounts/accounts.hpp"
#include "app/accounts/invitations.hpp"
#include "app/analyses/analyses.hpp"
#include "app/analyses/indicator_json.hpp"
#include "app/comparison_groups/comparison_groups.hpp"
#include "app/datasets/datasets.hpp"
#include "app/examples/examples.hpp"
#include "app/impact/impact.hpp"
#include "app/meetings/activities.hpp"
#include "app/meetings/registrations.hpp"
#include "app/members/applications.hpp"
#include "app/members/members.hpp"
#include "app/news/news.hpp"
#include "app/plans/plans.hpp"
#include "app/proposals/proposals.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

enum class Caller {
  kAnonymous,
  kReader,
  kAnalyst,
  kAdmin,
  kSiteAdmin,
  kCoordinator,  // a coordinator of the meeting place without any organisation
  kOutsider,     // an admin of the foreign organisation, which is not a member
};
// Each caller has its own EveryRouteAnswers…AsTheRulesSay test below (ctest runs them side by
// side); a caller added above fails here until its test is written and this count raised.
static_assert(static_cast<int>(Caller::kOutsider) + 1 == 7,
              "a new caller needs its EveryRouteAnswers...AsTheRulesSay test");
enum class Rule {
  kPublic,
  kCoordinator,  // the meeting place's coordinators and site administrators
  kMember,       // people of approved member organisations, coordinators, site administrators
  kSignedIn,
  kSiteAdmin,
  kOrgMember,
  kOrgMemberOrSiteAdmin,
  kOrgWriter,
  kOrgAdminOrSiteAdmin
};

struct Expectation {
  Rule rule;
  int success;  // the status when allowed
};

const std::map<std::pair<std::string, std::string>, Expectation>& Rules() {
  static const std::map<std::pair<std::string, std::string>, Expectation> rules = {
      {{"GET", "/healthz"}, {Rule::kPublic, 200}},
      {{"GET", "/api/openapi.json"}, {Rule::kPublic, 200}},
      {{"GET", "/api/indicator-types"}, {Rule::kPublic, 200}},
      {{"POST", "/api/auth/login"}, {Rule::kPublic, 200}},
      {{"POST", "/api/auth/logout"}, {Rule::kSignedIn, 204}},
      {{"GET", "/api/auth/session"}, {Rule::kSignedIn, 200}},
      {{"POST", "/api/auth/password"}, {Rule::kSignedIn, 204}},
      {{"GET", "/api/auth/sessions"}, {Rule::kSignedIn, 200}},
      {{"POST", "/api/auth/logout-others"}, {Rule::kSignedIn, 200}},
      // Another person's invitation: 404 to every signed-in caller (api_test accepts one's own).
      {{"GET", "/api/invitations"}, {Rule::kSignedIn, 200}},
      {{"POST", "/api/invitations/{invitation}/accept"}, {Rule::kSignedIn, 404}},
      {{"POST", "/api/invitations/{invitation}/decline"}, {Rule::kSignedIn, 404}},
      {{"GET", "/api/organisations/{org}/invitations"}, {Rule::kOrgAdminOrSiteAdmin, 200}},
      {{"DELETE", "/api/organisations/{org}/invitations/{invitation}"},
       {Rule::kOrgAdminOrSiteAdmin, 204}},
      {{"GET", "/api/organisations"}, {Rule::kSignedIn, 200}},
      {{"POST", "/api/organisations"}, {Rule::kSiteAdmin, 201}},
      {{"POST", "/api/users"}, {Rule::kSiteAdmin, 201}},
      {{"POST", "/api/users/{user}/password-reset"}, {Rule::kSiteAdmin, 200}},
      {{"POST", "/api/users/{user}/disable"}, {Rule::kSiteAdmin, 204}},
      {{"POST", "/api/users/{user}/enable"}, {Rule::kSiteAdmin, 204}},
      {{"GET", "/api/organisations/{org}"}, {Rule::kOrgMemberOrSiteAdmin, 200}},
      {{"GET", "/api/organisations/{org}/members"}, {Rule::kOrgAdminOrSiteAdmin, 200}},
      {{"POST", "/api/organisations/{org}/members"}, {Rule::kOrgAdminOrSiteAdmin, 200}},
      {{"DELETE", "/api/organisations/{org}/members/{user}"}, {Rule::kOrgAdminOrSiteAdmin, 204}},
      {{"GET", "/api/organisations/{org}/audit-log"}, {Rule::kOrgAdminOrSiteAdmin, 200}},
      {{"GET", "/api/organisations/{org}/datasets"}, {Rule::kOrgMember, 200}},
      {{"POST", "/api/organisations/{org}/datasets"}, {Rule::kOrgWriter, 201}},
      {{"POST", "/api/organisations/{org}/published-results"}, {Rule::kOrgWriter, 201}},
      {{"GET", "/api/organisations/{org}/datasets/{dataset}"}, {Rule::kOrgMember, 200}},
      {{"PATCH", "/api/organisations/{org}/datasets/{dataset}"}, {Rule::kOrgWriter, 200}},
      {{"DELETE", "/api/organisations/{org}/datasets/{dataset}"}, {Rule::kOrgWriter, 204}},
      {{"POST", "/api/organisations/{org}/datasets/{dataset}/distribution"},
       {Rule::kOrgWriter, 200}},
      {{"GET", "/api/organisations/{org}/analyses"}, {Rule::kOrgMember, 200}},
      {{"POST", "/api/organisations/{org}/analyses"}, {Rule::kOrgWriter, 201}},
      {{"GET", "/api/organisations/{org}/analyses/{analysis}"}, {Rule::kOrgMember, 200}},
      {{"DELETE", "/api/organisations/{org}/analyses/{analysis}"}, {Rule::kOrgWriter, 204}},
      {{"GET", "/api/organisations/{org}/analyses/{analysis}/results"}, {Rule::kOrgMember, 200}},
      {{"GET", "/api/organisations/{org}/analyses/{analysis}/export"}, {Rule::kOrgMember, 200}},
      {{"GET", "/api/organisations/{org}/analyses/{analysis}/inequality"}, {Rule::kOrgMember, 200}},
      {{"GET", "/api/organisations/{org}/analyses/{analysis}/comparison"}, {Rule::kOrgMember, 200}},
      // Comparison groups: readers read, analysts and admins edit (each case has its own group).
      {{"GET", "/api/organisations/{org}/comparison-groups"}, {Rule::kOrgMember, 200}},
      {{"POST", "/api/organisations/{org}/comparison-groups"}, {Rule::kOrgWriter, 201}},
      {{"POST", "/api/organisations/{org}/comparison-groups/import"}, {Rule::kOrgWriter, 200}},
      {{"GET", "/api/organisations/{org}/comparison-groups/{group}"}, {Rule::kOrgMember, 200}},
      {{"PUT", "/api/organisations/{org}/comparison-groups/{group}"}, {Rule::kOrgWriter, 200}},
      {{"DELETE", "/api/organisations/{org}/comparison-groups/{group}"}, {Rule::kOrgWriter, 204}},
      {{"GET", "/api/areas"}, {Rule::kSignedIn, 200}},
      {{"GET", "/api/public/activities"}, {Rule::kPublic, 200}},
      {{"GET", "/api/public/activities/{activity}"}, {Rule::kPublic, 200}},
      {{"GET", "/api/public/activity-options"}, {Rule::kPublic, 200}},
      {{"POST", "/api/public/activities/{activity}/registrations"}, {Rule::kPublic, 201}},
      {{"DELETE", "/api/public/registrations/{token}"}, {Rule::kPublic, 200}},
      {{"GET", "/api/public/calendar.ics"}, {Rule::kPublic, 200}},
      {{"GET", "/api/public/activities/{activity}/calendar.ics"}, {Rule::kPublic, 200}},
      {{"GET", "/api/organisations/{org}/activities"}, {Rule::kOrgMember, 200}},
      {{"POST", "/api/organisations/{org}/activities"}, {Rule::kOrgWriter, 201}},
      {{"PATCH", "/api/organisations/{org}/activities/{activity}"}, {Rule::kOrgWriter, 200}},
      {{"GET", "/api/organisations/{org}/activities/{activity}/registrations"},
       {Rule::kOrgWriter, 200}},
      {{"GET", "/api/organisations/{org}/activities/{activity}/registrations/export"},
       {Rule::kOrgWriter, 200}},
      {{"GET", "/api/organisations/{org}/plans"}, {Rule::kOrgMember, 200}},
      {{"POST", "/api/organisations/{org}/plans"}, {Rule::kOrgWriter, 201}},
      {{"GET", "/api/organisations/{org}/plans/{plan}"}, {Rule::kOrgMember, 200}},
      {{"PUT", "/api/organisations/{org}/plans/{plan}"}, {Rule::kOrgWriter, 200}},
      {{"GET", "/api/organisations/{org}/plans/{plan}/changes"}, {Rule::kOrgMember, 200}},
      {{"GET", "/api/organisations/{org}/plans/{plan}/follow-ups"}, {Rule::kOrgMember, 200}},
      {{"POST", "/api/organisations/{org}/plans/{plan}/follow-ups"}, {Rule::kOrgWriter, 201}},
      {{"POST", "/api/organisations/{org}/plans/{plan}/follow-ups/{follow_up}/comments"},
       {Rule::kOrgWriter, 201}},
      {{"GET", "/api/organisations/{org}/plans/{plan}/report"}, {Rule::kOrgMember, 200}},
      {{"GET", "/api/organisations/{org}/plans/{plan}/measures/{measure}/effect"},
       {Rule::kOrgMember, 200}},
      // Equality impact assessments of a plan (each case writes its own undecided one).
      {{"GET", "/api/organisations/{org}/plans/{plan}/impact-assessments"},
       {Rule::kOrgMember, 200}},
      {{"POST", "/api/organisations/{org}/plans/{plan}/impact-assessments"},
       {Rule::kOrgWriter, 201}},
      {{"GET", "/api/organisations/{org}/plans/{plan}/impact-assessments/{assessment}"},
       {Rule::kOrgMember, 200}},
      {{"PUT", "/api/organisations/{org}/plans/{plan}/impact-assessments/{assessment}"},
       {Rule::kOrgWriter, 200}},
      {{"POST", "/api/organisations/{org}/plans/{plan}/impact-assessments/{assessment}/decision"},
       {Rule::kOrgWriter, 200}},
      {{"GET", "/api/organisations/{org}/plans/{plan}/impact-assessments/{assessment}/record"},
       {Rule::kOrgMember, 200}},
      {{"GET", "/api/impact-options"}, {Rule::kSignedIn, 200}},
      {{"PUT", "/api/users/{user}/coordinator"}, {Rule::kSiteAdmin, 200}},
      {{"GET", "/api/members/organisations"}, {Rule::kMember, 200}},
      {{"GET", "/api/members/activities"}, {Rule::kMember, 200}},
      {{"GET", "/api/members/activities/{activity}"}, {Rule::kMember, 200}},
      {{"POST", "/api/members/activities/{activity}/registrations"}, {Rule::kMember, 201}},
      {{"PUT", "/api/members/organisations/{org}"}, {Rule::kCoordinator, 200}},
      {{"GET", "/api/public/membership-form"}, {Rule::kPublic, 200}},
      {{"POST", "/api/public/membership-applications"}, {Rule::kPublic, 201}},
      {{"GET", "/api/membership-applications"}, {Rule::kCoordinator, 200}},
      {{"POST", "/api/membership-applications/{application}/approve"}, {Rule::kCoordinator, 200}},
      {{"POST", "/api/membership-applications/{application}/decline"}, {Rule::kCoordinator, 200}},
      {{"GET", "/api/proposals"}, {Rule::kMember, 200}},
      {{"POST", "/api/proposals"}, {Rule::kMember, 201}},
      {{"GET", "/api/proposals/{proposal}"}, {Rule::kMember, 200}},
      {{"POST", "/api/proposals/{proposal}/comments"}, {Rule::kMember, 201}},
      {{"PUT", "/api/proposals/{proposal}/vote"}, {Rule::kMember, 201}},
      {{"DELETE", "/api/proposals/{proposal}/vote"}, {Rule::kMember, 200}},
      {{"POST", "/api/proposals/{proposal}/status"}, {Rule::kCoordinator, 200}},
      // News: the public reads published items; coordinators write; members read the latest.
      {{"GET", "/api/public/news"}, {Rule::kPublic, 200}},
      {{"GET", "/api/public/news/{news}"}, {Rule::kPublic, 200}},
      {{"GET", "/api/public/news.atom"}, {Rule::kPublic, 200}},
      {{"GET", "/api/news"}, {Rule::kCoordinator, 200}},
      {{"POST", "/api/news"}, {Rule::kCoordinator, 201}},
      {{"GET", "/api/news/{news}"}, {Rule::kCoordinator, 200}},
      {{"PUT", "/api/news/{news}"}, {Rule::kCoordinator, 200}},
      {{"PATCH", "/api/news/{news}"}, {Rule::kCoordinator, 200}},
      {{"GET", "/api/latest"}, {Rule::kMember, 200}},
      // Learning examples: the public reads; members write their own; coordinators moderate.
      {{"GET", "/api/public/examples"}, {Rule::kPublic, 200}},
      {{"GET", "/api/public/examples/{example}"}, {Rule::kPublic, 200}},
      {{"GET", "/api/public/example-options"}, {Rule::kPublic, 200}},
      {{"GET", "/api/public/examples/{example}/attachments/{attachment}"}, {Rule::kPublic, 200}},
      {{"GET", "/api/organisations/{org}/examples"}, {Rule::kOrgMember, 200}},
      {{"POST", "/api/organisations/{org}/examples"}, {Rule::kOrgWriter, 201}},
      {{"GET", "/api/organisations/{org}/examples/{example}"}, {Rule::kOrgMember, 200}},
      {{"PUT", "/api/organisations/{org}/examples/{example}"}, {Rule::kOrgWriter, 200}},
      {{"POST", "/api/organisations/{org}/examples/{example}/attachments"},
       {Rule::kOrgWriter, 201}},
      {{"DELETE", "/api/organisations/{org}/examples/{example}/attachments/{attachment}"},
       {Rule::kOrgWriter, 204}},
      {{"PATCH", "/api/examples/{example}"}, {Rule::kCoordinator, 200}},
  };
  return rules;
}

int Expected(const Expectation& expectation, Caller caller, bool own) {
  if (expectation.rule == Rule::kPublic) return expectation.success;
  if (caller == Caller::kAnonymous) return 401;
  // The readers, analysts and admins belong to the own organisation, the outsider (an admin) to
  // the foreign one.
  const bool in_own =
      caller == Caller::kReader || caller == Caller::kAnalyst || caller == Caller::kAdmin;
  const bool member = own ? in_own : caller == Caller::kOutsider;
  const bool admin = caller == Caller::kAdmin || caller == Caller::kOutsider;
  const bool coordinator = caller == Caller::kCoordinator || caller == Caller::kSiteAdmin;
  bool allowed = false;
  switch (expectation.rule) {
    case Rule::kPublic:
    case Rule::kSignedIn:
      allowed = true;
      break;
    case Rule::kCoordinator:
      allowed = coordinator;
      break;
    case Rule::kMember:
      allowed = coordinator || in_own;
      break;
    case Rule::kSiteAdmin:
      allowed = caller == Caller::kSiteAdmin;
      break;
    case Rule::kOrgMember:
      allowed = member;
      break;
    case Rule::kOrgMemberOrSiteAdmin:
      allowed = member || caller == Caller::kSiteAdmin;
      break;
    case Rule::kOrgWriter:
      allowed = member && caller != Caller::kReader;
      break;
    case Rule::kOrgAdminOrSiteAdmin:
      allowed = (member && admin) || caller == Caller::kSiteAdmin;
      break;
  }
  return allowed ? expectation.success : 403;
}

const char* CallerName(Caller caller) {
  constexpr const char* kNames[] = {"anonymous",  "reader",      "analyst", "admin",
                                    "site admin", "coordinator", "outsider"};
  return kNames[static_cast<int>(caller)];
}

const json kIndicators = json::parse(R"([{"id": "andel", "name_sv": "Andel", "type": "proportion",
  "numerator": "utfall", "higher_is_favourable": true, "areas": ["kommun"]}])");

class AuthorizationMatrixTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    own_ = app::CreateOrganisation(store(), "1880", "Örebro", app::OrganisationKind::kKommun)->id;
    foreign_ =
        app::CreateOrganisation(store(), "0180", "Stockholm", app::OrganisationKind::kKommun)->id;
    const std::pair<Caller, app::Role> members[] = {{Caller::kReader, app::Role::kReader},
                                                    {Caller::kAnalyst, app::Role::kAnalyst},
                                                    {Caller::kAdmin, app::Role::kAdmin}};
    for (const auto& [caller, role] : members) {
      const auto user = app::CreateUser(store(), Email(caller), "U", kPassword, false);
      app::SetMembership(store(), user->id, own_, role);
    }
    app::CreateUser(store(), Email(Caller::kSiteAdmin), "S", kPassword, true);
    app::SetCoordinator(
        store(), app::CreateUser(store(), Email(Caller::kCoordinator), "C", kPassword, false)->id,
        true);
    app::SetMembership(
        store(), app::CreateUser(store(), Email(Caller::kOutsider), "O", kPassword, false)->id,
        foreign_, app::Role::kAdmin);
    target_ = app::CreateUser(store(), "target@example.se", "T", kPassword, false)->id;
  }

  static std::string Email(Caller caller) {
    return fmt::format("caller{}@example.se", static_cast<int>(caller));
  }

  Browser SignedIn(Caller caller) {
    Browser browser(port_);
    if (caller != Caller::kAnonymous) {
      EXPECT_EQ(browser.LogIn(Email(caller), kPassword), 200);
    }
    return browser;
  }

  struct CaseResources {
    std::int64_t dataset;
    std::int64_t analysis;
    std::int64_t invitation;
    std::int64_t activity;     // a public one the organisation organises
    std::string cancel_token;  // of a registration to it
    std::int64_t plan;         // the organisation's plan for 2025, at its current version
    std::int64_t plan_version;
    std::int64_t follow_up;    // a follow-up record of it
    std::int64_t application;  // an undecided application for membership
    std::int64_t proposal;     // a members' proposal
  };

  // A plan document with one target on `analysis`, followed up in the year 2025, and a measure
  // `m` (the effect route's {measure}).
  static json PlanDocument(std::int64_t analysis) {
    return {{"bodies",
             {{{"id", "kf"}, {"kind", "fullmaktige"}, {"name", "KF"}},
              {{"id", "bun"}, {"kind", "namnd"}, {"name", "BUN"}, {"parent", "kf"}}}},
            {"measures",
             {{{"id", "m"}, {"name", "Insats"}, {"committee", "bun"}, {"start", "2025-01-01"}}}},
            {"periods", {{{"id", "2025"}, {"kind", "year"}, {"deadline", "2026-02-28"}}}},
            {"targets",
             {{{"id", "t"},
               {"analysis", analysis},
               {"indicator", "andel"},
               {"area", "1880"},
               {"kind", "total"},
               {"target_value", 90},
               {"target_period", "2026"}}}}};
  }

  // A fresh dataset, analysis, activity and registration in `org` for the case, so that deleting
  // them in one case leaves the next case its own.
  CaseResources Resources(std::int64_t org) {
    const std::string upload = (fs::path(data_dir()) / "matrix.part").string();
    std::ofstream(upload) << "kommun,utfall\n1880,1\n1880,0\n1881,1\n";
    const auto user = app::FindUserByEmail(store(), Email(Caller::kSiteAdmin));
    // A case may have changed a membership of the meeting place: each finds them as at first.
    app::SetMemberState(store(), own_, app::MemberState::kApproved, std::time(nullptr));
    app::SetMemberState(store(), foreign_, app::MemberState::kDeclined, std::time(nullptr));
    const auto dataset =
        app::ImportDataset(store(), data_dir(), org, user->id, "d", "d.csv", upload);
    const auto analysis = app::RunAnalysis(store(), data_dir(), org, user->id, "a", dataset.id,
                                           app::IndicatorDefinitionsFromJson(kIndicators));
    app::SetMembership(store(), target_, org, app::Role::kReader);
    // A case may have disabled the target or reset its password: each case finds it as new.
    app::SetDisabled(store(), target_, false);
    if (app::FindUser(store(), target_)->must_change_password) {
      app::SetPassword(store(), target_, kPassword);
    }
    const auto invitation =
        app::Invite(store(), org, "invited@example.se", app::Role::kReader, user->id, 0x7fffffff);
    app::ActivityDraft draft;
    draft.title = "Seminarium";
    draft.starts_at = std::time(nullptr) + 86'400;
    draft.ends_at = draft.starts_at + 3'600;
    draft.registration_deadline = draft.starts_at;
    draft.capacity = 10;
    const auto activity = app::CreateActivity(store(), org, user->id, draft, std::time(nullptr));
    const auto registered = app::Register(
        store(), activity.id, {"Deltagare", "deltagare@example.se", "Kumla kommun", "", "Ja"},
        std::time(nullptr), "http://127.0.0.1");
    auto plan = app::FindPlanByYear(store(), org, 2025);
    if (!plan) plan = app::CreatePlan(store(), org, user->id, 2025, PlanDocument(analysis->id), 0);
    const auto records = app::RunFollowUp(store(), org, user->id, plan->id, "2025", 0);
    app::ApplicationDraft applying;
    applying.organisation_name = "Föreningen";
    applying.kind = app::MemberKind::kCivilSociety;
    applying.contact_name = "Kim";
    applying.email = "kim@example.se";
    const auto application = app::Apply(store(), applying, std::time(nullptr));
    const auto proposal =
        app::Propose(store(), *user, {"Förslag", "Gör mer", std::nullopt, ""}, std::time(nullptr));
    return {dataset.id, analysis->id,  invitation.id,     activity.id,    registered.cancel_token,
            plan->id,   plan->version, records->at(0).id, application.id, proposal.id};
  }

  // An equality impact assessment of the plan's measure, as the API takes it.
  static json ImpactDocument() {
    return {{"subject", {{"kind", "measure"}, {"measure", "m"}}},
            {"title", "Bedömning"},
            {"purpose", "Syfte"},
            {"relevant", false},
            {"relevance", "Berör alla lika"}};
  }

  // A fresh undecided impact assessment (version 1) of the organisation's plan for the case.
  std::int64_t ImpactAssessment(std::int64_t org, std::int64_t plan) {
    const auto user = app::FindUserByEmail(store(), Email(Caller::kSiteAdmin));
    return app::CreateImpactAssessment(store(), org, user->id, plan, ImpactDocument(),
                                       std::time(nullptr))
        ->id;
  }

  struct ContentResources {
    std::int64_t news;        // published
    std::int64_t example;     // of the organisation, visible
    std::int64_t attachment;  // a PDF of the example
  };

  // A fresh news item and learning example (with an attachment) in `org` for the case.
  ContentResources Content(std::int64_t org) {
    const auto user = app::FindUserByEmail(store(), Email(Caller::kSiteAdmin));
    const std::int64_t now = std::time(nullptr);
    const auto news = app::CreateNews(store(), user->id, "S", {"Nytt", "", "<p>n</p>"}, now);
    app::SetNewsPublished(store(), news.id, true, now);
    app::ExampleDraft draft;
    draft.title = "Exempel";
    draft.what = "<p>e</p>";
    draft.contact_name = "K";
    draft.contact_email = "k@example.se";
    const auto example = app::CreateExample(store(), org, user->id, draft, now);
    const auto attachment =
        app::AddAttachment(store(), data_dir(), example.id, "a.pdf", "%PDF-1.4\n", now);
    return {news.id, example.id, attachment.id};
  }

  static json ExampleBody() {
    return {{"title", "Exempel"},
            {"what", "<p>e</p>"},
            {"contact_name", "K"},
            {"contact_email", "k@example.se"}};
  }

  // The request body that succeeds when the caller is allowed.
  json Body(const std::string& method, const std::string& path, const CaseResources& resources) {
    const std::int64_t dataset = resources.dataset;
    static int plan_year = 2100;
    static int counter = 0;
    ++counter;
    if (path == "/api/auth/login") return {{"email", "target@example.se"}, {"password", kPassword}};
    if (path == "/api/auth/password")
      return {{"current_password", kPassword}, {"new_password", kPassword}};
    if (path == "/api/organisations") {
      return {{"code", fmt::format("org{}", counter)}, {"name", "Ny"}, {"kind", "region"}};
    }
    if (path == "/api/users") {
      return {{"email", fmt::format("new{}@example.se", counter)},
              {"name", "Ny"},
              {"password", kPassword}};
    }
    if (path.ends_with("/members") && method == "POST") {
      return {{"email", "target@example.se"}, {"role", "analyst"}};
    }
    if (path.ends_with("/coordinator")) return {{"coordinator", true}};
    if (path == "/api/public/membership-applications") {
      return {{"organisation_name", "Ny förening"},
              {"kind", "civil_society"},
              {"contact_name", "Kim"},
              {"email", "kim@example.se"},
              {"consent", true}};
    }
    if (path.ends_with("/decline") && path.starts_with("/api/membership-applications")) {
      return {{"reason", "Inte nu"}};
    }
    if (path == "/api/proposals") return {{"title", "Förslag"}, {"body", "Gör mer"}};
    if (path.ends_with("/follow-ups/{follow_up}/comments")) return {{"comment", "Kommentar"}};
    if (path.ends_with("/comments")) return {{"body", "Bra"}};
    if (path.ends_with("/status")) return {{"status", "planned"}, {"reason", "I höst"}};
    if (path.starts_with("/api/members/organisations/")) return {{"state", "approved"}};
    if (path.ends_with("/distribution")) return {{"value", "utfall"}, {"bootstrap_draws", 10}};
    if (path.ends_with("/registrations") && method == "POST") {
      return {{"name", "Ny"},
              {"email", fmt::format("ny{}@example.se", counter)},
              {"organisation", "Kumla kommun"},
              {"consent", true}};
    }
    if (path.ends_with("/activities") && method == "POST") {
      const std::int64_t start = std::time(nullptr) + 86'400;
      return {{"kind", "webinar"},        {"title", "Webbinarium"},         {"starts_at", start},
              {"ends_at", start + 3'600}, {"registration_deadline", start}, {"capacity", 25}};
    }
    if (path.ends_with("/activities/{activity}")) return {{"capacity", 50}};
    if (path.ends_with("/analyses")) {
      return {{"name", "a"}, {"dataset_id", dataset}, {"indicators", kIndicators}};
    }
    if (path.ends_with("/impact-assessments")) return {{"document", ImpactDocument()}};
    if (path.ends_with("/impact-assessments/{assessment}")) {
      return {{"version", 1}, {"document", ImpactDocument()}};
    }
    if (path.ends_with("/decision")) {
      return {
          {"version", 1},
          {"decision", {{"decided_by", "BUN"}, {"date", "2025-02-20"}, {"outcome", "adopted"}}}};
    }
    if (path.ends_with("/plans")) return {{"year", ++plan_year}, {"document", json::object()}};
    if (path.ends_with("/plans/{plan}")) {
      return {{"version", resources.plan_version}, {"document", PlanDocument(resources.analysis)}};
    }
    if (path.ends_with("/follow-ups")) return {{"period", "2025"}};
    if (path == "/api/news" || path == "/api/news/{news}") {
      if (method == "PATCH") return {{"published", true}};
      return {{"title", "Nytt"}, {"body", "<p>n</p>"}};
    }
    if (path == "/api/examples/{example}") return {{"hidden", false}};
    if (path.ends_with("/comparison-groups") || path.ends_with("/comparison-groups/{group}")) {
      return {{"title", "Liknande kommuner"}, {"members", {"0580", "1980"}}};
    }
    if (path.ends_with("/examples") || path.ends_with("/examples/{example}")) {
      return ExampleBody();
    }
    if (method == "PATCH") return {{"name", "nytt namn"}};
    return json::object();
  }

  int Call(Browser& browser, const std::string& method, const std::string& templated,
           std::int64_t org) {
    const CaseResources resources = Resources(org);
    const std::int64_t dataset = resources.dataset;
    const ContentResources content = Content(org);
    const std::int64_t assessment = ImpactAssessment(org, resources.plan);
    const std::int64_t group =
        app::CreateGroup(store(), org, target_, {"Grupp", {"0580"}}, std::time(nullptr)).id;
    std::string path = templated;
    for (const auto& [name, value] :
         {std::pair<std::string, std::string>{"{org}", std::to_string(org)},
          {"{dataset}", std::to_string(dataset)},
          {"{analysis}", std::to_string(resources.analysis)},
          {"{invitation}", std::to_string(resources.invitation)},
          {"{activity}", std::to_string(resources.activity)},
          {"{token}", resources.cancel_token},
          {"{plan}", std::to_string(resources.plan)},
          {"{measure}", "m"},
          {"{follow_up}", std::to_string(resources.follow_up)},
          {"{assessment}", std::to_string(assessment)},
          {"{application}", std::to_string(resources.application)},
          {"{proposal}", std::to_string(resources.proposal)},
          {"{user}", std::to_string(target_)},
          {"{news}", std::to_string(content.news)},
          {"{example}", std::to_string(content.example)},
          {"{attachment}", std::to_string(content.attachment)},
          {"{group}", std::to_string(group)}}) {
      if (const auto at = path.find(name); at != std::string::npos) {
        path.replace(at, name.size(), value);
      }
    }
    if (path.ends_with("/export")) path += "?format=csv";
    if (path.ends_with("/report")) path += "?format=xlsx";
    const httplib::Result result = [&] {
      if (method == "GET") return browser.Get(path);
      if (method == "POST" && templated.ends_with("/datasets")) {
        return browser.Upload(path, "u.csv", "kommun,utfall\n1880,1\n");
      }
      if (method == "POST" && templated.ends_with("/comparison-groups/import")) {
        return browser.Upload(
            path, "g.json",
            R"({"values": [{"id": "G1", "title": "G", "members": [{"id": "0580"}]}]})");
      }
      if (method == "POST" && templated.ends_with("/published-results")) {
        return browser.Upload(
            path, "kolada.json",
            R"({"values": [{"kpi": "N1", "municipality": "1880", "period": 2023, )"
            R"("values": [{"gender": "T", "status": "", "value": 1.5}]}]})");
      }
      if (method == "POST" && templated.ends_with("/attachments")) {
        return browser.Upload(path, "b.pdf", "%PDF-1.4\n");
      }
      return browser.Send(method, path, Body(method, templated, resources));
    }();
    if (!result) return 0;
    if (result->status >= 400) {
      EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
    }
    return result->status;
  }

  // Every route, for the callers' own and then the foreign organisation, as `caller`.
  void EveryRouteAnswersAsTheRulesSay(Caller caller) {
    for (bool own : {true, false}) {
      for (const auto& route : server_->Routes()) {
        // Each case signs in afresh: log-out and password changes end the session they use.
        Browser browser = SignedIn(caller);
        const Expectation& expectation = Rules().at({route.method, route.path});
        const int status = Call(browser, route.method, route.path, own ? own_ : foreign_);
        EXPECT_EQ(status, Expected(expectation, caller, own))
            << route.method << " " << route.path << " as " << CallerName(caller) << " of "
            << (own ? "own" : "foreign") << " organisation";
      }
    }
  }

  std::int64_t own_ = 0;
  std::int64_t foreign_ = 0;
  std::int64_t target_ = 0;
};

TEST_P(AuthorizationMatrixTest, EveryRouteHasARule) {
  for (const auto& route : server_->Routes()) {
    EXPECT_TRUE(Rules().count({route.method, route.path})) << route.method << " " << route.path;
  }
  EXPECT_EQ(Rules().size(), server_->Routes().size());
}

// One test per caller, each on its own fresh database and server (the same cases as one test over
// every caller), so that ctest can run the matrix's parts side by side: as one test it took ~6
// minutes under the sanitizers, the longest of all.
TEST_P(AuthorizationMatrixTest, EveryRouteAnswersAnonymousCallersAsTheRulesSay) {
  EveryRouteAnswersAsTheRulesSay(Caller::kAnonymous);
}

TEST_P(AuthorizationMatrixTest, EveryRouteAnswersReadersAsTheRulesSay) {
  EveryRouteAnswersAsTheRulesSay(Caller::kReader);
}

TEST_P(AuthorizationMatrixTest, EveryRouteAnswersAnalystsAsTheRulesSay) {
  EveryRouteAnswersAsTheRulesSay(Caller::kAnalyst);
}

TEST_P(AuthorizationMatrixTest, EveryRouteAnswersAdminsAsTheRulesSay) {
  EveryRouteAnswersAsTheRulesSay(Caller::kAdmin);
}

TEST_P(AuthorizationMatrixTest, EveryRouteAnswersSiteAdministratorsAsTheRulesSay) {
  EveryRouteAnswersAsTheRulesSay(Caller::kSiteAdmin);
}

TEST_P(AuthorizationMatrixTest, EveryRouteAnswersCoordinatorsAsTheRulesSay) {
  EveryRouteAnswersAsTheRulesSay(Caller::kCoordinator);
}

TEST_P(AuthorizationMatrixTest, EveryRouteAnswersOutsidersAsTheRulesSay) {
  EveryRouteAnswersAsTheRulesSay(Caller::kOutsider);
}

TEST_P(AuthorizationMatrixTest, AnotherOrganisationsIdsAreNotFoundUnderOnesOwn) {
  const auto [dataset, analysis, invitation, activity, token, plan, plan_version, follow_up,
              application, proposal] = Resources(foreign_);
  Browser browser = SignedIn(Caller::kAdmin);
  const std::string own = "/api/organisations/" + std::to_string(own_);
  EXPECT_EQ(browser.Get(own + "/activities/" + std::to_string(activity) + "/registrations")->status,
            404);
  EXPECT_EQ(browser.Get(own + "/activities/" + std::to_string(activity) + "/registrations/export")
                ->status,
            404);
  EXPECT_EQ(
      browser.Send("PATCH", own + "/activities/" + std::to_string(activity), {{"capacity", 5}})
          ->status,
      404);
  EXPECT_EQ(browser.Send("DELETE", own + "/invitations/" + std::to_string(invitation))->status,
            404);
  EXPECT_EQ(browser.Get(own + "/datasets/" + std::to_string(dataset))->status, 404);
  EXPECT_EQ(browser.Get(own + "/plans/" + std::to_string(plan))->status, 404);
  EXPECT_EQ(browser.Get(own + "/plans/" + std::to_string(plan) + "/follow-ups")->status, 404);
  EXPECT_EQ(browser.Get(own + "/plans/" + std::to_string(plan) + "/measures/m/effect")->status,
            404);
  EXPECT_EQ(browser
                .Send("PUT", own + "/plans/" + std::to_string(plan),
                      {{"version", plan_version}, {"document", json::object()}})
                ->status,
            404);
  EXPECT_EQ(browser
                .Send("POST",
                      own + "/plans/" + std::to_string(plan) + "/follow-ups/" +
                          std::to_string(follow_up) + "/comments",
                      {{"comment", "x"}})
                ->status,
            404);
  EXPECT_EQ(browser.Get(own + "/analyses/" + std::to_string(analysis) + "/results")->status, 404);
  EXPECT_EQ(browser.Send("DELETE", own + "/datasets/" + std::to_string(dataset))->status, 404);
  EXPECT_EQ(browser
                .Send("POST", own + "/analyses",
                      {{"name", "a"}, {"dataset_id", dataset}, {"indicators", kIndicators}})
                ->status,
            404);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthorizationMatrixTest,
                         ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
