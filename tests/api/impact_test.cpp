// Equality impact assessments through the API on every backend: an analyst assesses a proposed
// measure of the plan, edits it, the follow-up's measured value comes to stand beside the
// predicted effect on the gap, the committee's decision makes it immutable, the printable record
// reads in the user's language, and every change is in the plan's audit trail. A reader reads
// and cannot write; another organisation reaches nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses.hpp"
#include "app/analyses/indicator_json.hpp"
#include "app/datasets/datasets.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class ImpactApiTest : public OrganisationApiTest {
 protected:
  void SetUp() override {
    OrganisationApiTest::SetUp();
    if (IsSkipped()) return;
    other_ =
        app::CreateOrganisation(store(), "0180", "Stockholm", app::OrganisationKind::kKommun)->id;
    const auto reader = app::CreateUser(store(), "rut@example.se", "Rut", kPassword, false);
    app::SetMembership(store(), reader->id, org_, app::Role::kReader);
    const auto sven = app::CreateUser(store(), "sven@example.se", "Sven", kPassword, false);
    app::SetMembership(store(), sven->id, other_, app::Role::kAnalyst);
    // Eligibility by parents' education: 2024 short 30 of 100, long 90 of 100 (D = 60); 2025
    // short 45 of 100, long 88 of 100 (D = 88 − 45 = 43 percentage points).
    const std::string upload = (fs::path(data_dir()) / "impact.part").string();
    std::ofstream out(upload);
    out << "kommun,ar,utb,behorig\n";
    const auto rows = [&](int year, const char* group, int eligible) {
      for (int i = 0; i < 100; ++i) {
        out << "1880," << year << ',' << group << ',' << (i < eligible ? 1 : 0) << '\n';
      }
    };
    rows(2024, "kort", 30);
    rows(2024, "lang", 90);
    rows(2025, "kort", 45);
    rows(2025, "lang", 88);
    out.close();
    const auto dataset = app::ImportDataset(store(), data_dir(), org_, anna_, "", "p.csv", upload);
    analysis_ = app::RunAnalysis(store(), data_dir(), org_, anna_, "Behörighet", dataset.id,
                                 app::IndicatorDefinitionsFromJson(json::parse(R"([{
      "id": "behorighet", "name_sv": "Behöriga", "type": "proportion", "numerator": "behorig",
      "higher_is_favourable": true, "areas": ["kommun"], "period": "ar", "dimensions": ["utb"]
    }])")))
                    ->id;
  }

  json PlanDocument() const {
    json document = json::parse(R"({
      "bodies": [
        {"id": "kf", "kind": "fullmaktige", "name": "Kommunfullmäktige"},
        {"id": "bun", "kind": "namnd", "name": "Barn- och utbildningsnämnden", "parent": "kf"}],
      "goals": [
        {"id": "bun1", "body": "bun", "title": "Skillnaden i behörighet ska halveras",
         "recommendation": "good_start", "welfare_area": "utbildning"}],
      "periods": [{"id": "2025", "kind": "year", "deadline": "2026-02-28"}],
      "measures": [
        {"id": "laxhjalp", "name": "Läxhjälp", "committee": "bun",
         "budget": {"2025": 2000000}, "start": "2025-01-01", "status": "planned",
         "goals": ["bun1"]}]})");
    document["targets"] = {{{"id", "gap"},
                            {"goal", "bun1"},
                            {"analysis", analysis_},
                            {"indicator", "behorighet"},
                            {"area", "1880"},
                            {"kind", "gap"},
                            {"measure", "d"},
                            {"dimension", "utb"},
                            {"baseline_period", "2024"},
                            {"target_value", 30},
                            {"target_period", "2026"}}};
    return document;
  }

  json Assessment() const {
    return {{"subject", {{"kind", "measure"}, {"measure", "laxhjalp"}}},
            {"title", "Läxhjälp i alla skolor"},
            {"purpose", "Fler elever med kortutbildade föräldrar ska bli behöriga."},
            {"relevant", true},
            {"groups",
             {{{"dimension", "utbildning"},
               {"subgroup", "Förgymnasial"},
               {"effect", "positive"},
               {"description", "Når barn till kortutbildade föräldrar"}},
              {{"dimension", "Kön"}, {"subgroup", "M"}, {"effect", "mixed"}}}},
            {"evidence",
             {{{"kind", "analysis"}, {"analysis", analysis_}, {"indicator", "behorighet"}},
              {{"kind", "target"}, {"target", "gap"}}}},
            {"predictions",
             {{{"target", "gap"},
               {"period", "2025"},
               {"value", 45},
               {"reasoning", "Läxhjälpen når 200 elever."}}}},
            {"mitigation", "Pojkar söker sig mindre dit: riktad information."},
            {"findings", "Bidrar till målet."},
            {"proposals", "Bifall."}};
  }

  std::int64_t other_ = 0;
  std::int64_t analysis_ = 0;
};

TEST_P(ImpactApiTest, AnAssessmentIsWrittenFollowedUpDecidedAndPrinted) {
  Browser anna(port_);
  ASSERT_EQ(anna.LogIn("anna@example.se", kPassword), 200);
  const auto plan =
      anna.Send("POST", Path("/plans"), {{"year", 2025}, {"document", PlanDocument()}});
  ASSERT_EQ(plan->status, 201) << plan->body;
  const std::string plan_path = plan->get_header_value("Location");
  const std::string list = plan_path + "/impact-assessments";

  const auto created = anna.Send("POST", list, {{"document", Assessment()}});
  ASSERT_EQ(created->status, 201) << created->body;
  json assessment = JsonOf(created);
  const std::string path = list + "/" + std::to_string(assessment["id"].get<std::int64_t>());
  EXPECT_EQ(created->get_header_value("Location"), path);
  EXPECT_EQ(assessment["state"], "draft");
  EXPECT_EQ(assessment["version"], 1);
  EXPECT_EQ(assessment["document"]["groups"][0]["subgroup"], "förgymnasial");
  EXPECT_EQ(assessment["document"]["groups"][1]["dimension"], "kon");
  EXPECT_EQ(assessment["outcomes"][0]["predicted"], 45.0);
  EXPECT_TRUE(assessment["outcomes"][0]["measured"].is_null());
  EXPECT_EQ(assessment["outcomes"][0]["reason"], "not_followed_up");

  // Mistakes name their field; evidence from another organisation's analysis is refused.
  json bad = Assessment();
  bad["groups"][0]["subgroup"] = "kort";
  auto refused = anna.Send("POST", list, {{"document", bad}});
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(JsonOf(refused)["field"], "groups[0].subgroup");
  bad = Assessment();
  bad["evidence"][0]["analysis"] = analysis_ + 1000;
  refused = anna.Send("POST", list, {{"document", bad}});
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(JsonOf(refused)["field"], "evidence[0].analysis");
  EXPECT_EQ(JsonOf(anna.Send("POST", list, json::object()))["field"], "document");

  // Edited at the version read; a stale version is a conflict.
  json edited = Assessment();
  edited["mitigation"] = "Riktad information till pojkar och deras föräldrar.";
  const auto put = anna.Send("PUT", path, {{"version", 1}, {"document", edited}});
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(JsonOf(put)["version"], 2);
  const auto stale = anna.Send("PUT", path, {{"version", 1}, {"document", edited}});
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(JsonOf(stale)["field"], "version");

  // The follow-up of 2025 measures D = 43 beside the predicted 45.
  ASSERT_EQ(anna.Send("POST", plan_path + "/follow-ups", {{"period", "2025"}})->status, 201);
  assessment = JsonOf(anna.Get(path));
  const json outcome = assessment["outcomes"][0];
  EXPECT_EQ(outcome["target"], "gap");
  EXPECT_EQ(outcome["period"], "2025");
  EXPECT_EQ(outcome["predicted"], 45.0);
  ASSERT_TRUE(outcome["measured"].is_object()) << outcome.dump();
  EXPECT_NEAR(outcome["measured"]["estimate"].get<double>(), 43.0, 1e-9);
  EXPECT_LT(outcome["measured"]["lower"].get<double>(), 43.0);
  EXPECT_GT(outcome["measured"]["upper"].get<double>(), 43.0);
  EXPECT_EQ(outcome["measured"]["status"], "on_track");
  EXPECT_EQ(outcome["reason"], "");

  // A reader reads, prints and changes nothing.
  Browser rut(port_);
  ASSERT_EQ(rut.LogIn("rut@example.se", kPassword), 200);
  EXPECT_EQ(JsonOf(rut.Get(list))["impact_assessments"].size(), 1u);
  EXPECT_EQ(rut.Send("PUT", path, {{"version", 2}, {"document", edited}})->status, 403);
  EXPECT_EQ(rut.Send("POST", list, {{"document", Assessment()}})->status, 403);
  EXPECT_EQ(rut.Send("POST", path + "/decision",
                     {{"version", 2},
                      {"decision",
                       {{"decided_by", "BUN"}, {"date", "2025-02-20"}, {"outcome", "adopted"}}}})
                ->status,
            403);

  // The printable record, in Swedish and in English: the prediction beside the measured value.
  const auto swedish = rut.Get(path + "/record?lang=sv");
  ASSERT_EQ(swedish->status, 200);
  EXPECT_EQ(swedish->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(swedish->body.find("Jämlikhetskonsekvensanalys: Läxhjälp i alla skolor"),
            std::string::npos);
  EXPECT_NE(swedish->body.find("Utkast – inte beslutat"), std::string::npos);
  EXPECT_NE(swedish->body.find("<td class=\"number\">45</td><td class=\"number\">43 ("),
            std::string::npos)
      << swedish->body;
  EXPECT_NE(swedish->body.find("på väg"), std::string::npos);
  const auto english = rut.Get(path + "/record?lang=en");
  EXPECT_NE(english->body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(english->body.find("Education</td><td>Primary</td><td>positive"), std::string::npos);
  EXPECT_EQ(rut.Get(path + "/record?lang=de")->status, 400);

  // The committee decides: from then on nothing changes.
  const json decision = {{"decided_by", "Barn- och utbildningsnämnden"},
                         {"date", "2025-02-20"},
                         {"outcome", "adopted_with_changes"},
                         {"reference", "§ 14, dnr BUN 2025/31"}};
  EXPECT_EQ(anna.Send("POST", path + "/decision", {{"version", 1}, {"decision", decision}})->status,
            409);
  const auto decided =
      anna.Send("POST", path + "/decision", {{"version", 2}, {"decision", decision}});
  ASSERT_EQ(decided->status, 200) << decided->body;
  EXPECT_EQ(JsonOf(decided)["state"], "decided");
  EXPECT_EQ(JsonOf(decided)["decision"]["outcome"], "adopted_with_changes");
  EXPECT_EQ(JsonOf(decided)["decided_by"], anna_);
  const auto frozen = anna.Send("PUT", path, {{"version", 3}, {"document", Assessment()}});
  EXPECT_EQ(frozen->status, 409);
  EXPECT_EQ(JsonOf(frozen)["field"], "decision");
  EXPECT_EQ(JsonOf(anna.Send("POST", path + "/decision",
                             {{"version", 3}, {"decision", decision}}))["field"],
            "decision");
  EXPECT_EQ(JsonOf(anna.Get(path))["document"]["mitigation"],
            "Riktad information till pojkar och deras föräldrar.");
  const std::string printed = rut.Get(path + "/record?lang=sv")->body;
  EXPECT_EQ(printed.find("Utkast"), std::string::npos);
  EXPECT_NE(printed.find("bifallet med ändringar"), std::string::npos);
  EXPECT_NE(printed.find("§ 14, dnr BUN 2025/31"), std::string::npos);

  // The plan's audit trail: who changed what, in order.
  const json changes = JsonOf(anna.Get(plan_path + "/changes"))["changes"];
  std::vector<std::string> actions;
  for (const json& change : changes) actions.push_back(change["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"created", "impact_created", "impact_updated",
                                               "followed_up", "impact_decided"}));
  EXPECT_EQ(changes[2]["user_name"], "Anna");
  EXPECT_EQ(changes[2]["changes"]["fields"]["mitigation"]["to"],
            "Riktad information till pojkar och deras föräldrar.");
  EXPECT_EQ(changes[4]["changes"]["decision"]["reference"], "§ 14, dnr BUN 2025/31");

  // Another organisation reaches nothing: its path is forbidden, its own path finds nothing.
  const std::string foreign =
      "/api/organisations/" + std::to_string(other_) + plan_path.substr(plan_path.find("/plans/"));
  EXPECT_EQ(anna.Get(foreign + "/impact-assessments")->status, 403);
  Browser sven(port_);
  ASSERT_EQ(sven.LogIn("sven@example.se", kPassword), 200);
  EXPECT_EQ(sven.Get(foreign + "/impact-assessments")->status, 404);
  EXPECT_EQ(sven.Get(foreign + path.substr(path.find("/impact-assessments")))->status, 404);
  EXPECT_EQ(
      sven.Send("POST", foreign + "/impact-assessments", {{"document", Assessment()}})->status,
      404);
  EXPECT_EQ(anna.Get(list + "/999999")->status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImpactApiTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
