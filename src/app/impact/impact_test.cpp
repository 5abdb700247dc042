// Impact assessments in the store on every backend: the document checked against the plan and
// the project's code lists, every change in the plan's audit trail, a decided assessment
// immutable, and each predicted effect on a gap read beside the value the follow-up measured.
#include "app/impact/impact.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses.hpp"
#include "app/analyses/indicator_json.hpp"
#include "app/datasets/datasets.hpp"
#include "app/impact/impact_assessment.hpp"
#include "app/impact/impact_record.hpp"
#include "app/plans/plans.hpp"
#include "app/testing.hpp"
#include "core/error.hpp"

namespace jamlik::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The field a call's kInvalidArgument names, or "" when it does not throw one.
template <typename F>
std::string FieldOf(F&& call) {
  try {
    call();
  } catch (const Error& error) {
    if (error.code() == ErrorCode::kInvalidArgument) return error.field();
    throw;
  }
  return "";
}

class ImpactTest : public testing::AppStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    const std::string data_dir = scratch_->config().data_dir;
    org_ = CreateOrganisation(*store_, "1880", "Örebro", OrganisationKind::kKommun)->id;
    other_ = CreateOrganisation(*store_, "0180", "Stockholm", OrganisationKind::kKommun)->id;
    user_ = CreateUser(*store_, "anna@example.se", "Anna", "ett långt lösenord", false)->id;
    // Eligible pupils by parents' education: 2024 short 40 of 100, long 80 of 100 (D = 40);
    // 2025 short 50 of 100, long 80 of 100 (D = 30).
    const std::string upload = (fs::path(data_dir) / "upload.tmp").string();
    std::ofstream out(upload);
    out << "kommun,ar,utb,behorig\n";
    const auto rows = [&](int year, const char* group, int eligible) {
      for (int i = 0; i < 100; ++i) {
        out << "1880," << year << ',' << group << ',' << (i < eligible ? 1 : 0) << '\n';
      }
    };
    rows(2024, "kort", 40);
    rows(2024, "lang", 80);
    rows(2025, "kort", 50);
    rows(2025, "lang", 80);
    out.close();
    const auto dataset = ImportDataset(*store_, data_dir, org_, user_, "", "p.csv", upload);
    analysis_ = RunAnalysis(*store_, data_dir, org_, user_, "Behörighet", dataset.id,
                            IndicatorDefinitionsFromJson(json::parse(R"([{
      "id": "behorighet", "name_sv": "Behöriga", "type": "proportion", "numerator": "behorig",
      "higher_is_favourable": true, "areas": ["kommun"], "period": "ar", "dimensions": ["utb"]
    }])")))
                    ->id;
    json plan = json::parse(R"({
      "bodies": [{"id": "kf", "kind": "fullmaktige", "name": "Kommunfullmäktige"},
                 {"id": "bun", "kind": "namnd", "name": "Barn- och utbildningsnämnden",
                  "parent": "kf"}],
      "goals": [{"id": "bun1", "body": "bun", "title": "Halvera skillnaden i behörighet",
                 "recommendation": "good_start", "welfare_area": "utbildning"}],
      "periods": [{"id": "2025", "kind": "year", "deadline": "2026-02-15"}],
      "measures": [{"id": "laxhjalp", "name": "Läxhjälp", "committee": "bun",
                    "budget": {"2025": 1500000}, "start": "2025-01-01", "goals": ["bun1"]}]})");
    plan["targets"] = {{{"id", "gap"},
                        {"goal", "bun1"},
                        {"analysis", analysis_},
                        {"indicator", "behorighet"},
                        {"area", "1880"},
                        {"kind", "gap"},
                        {"measure", "d"},
                        {"dimension", "utb"},
                        {"baseline_period", "2024"},
                        {"target_value", 20},
                        {"target_period", "2026"}}};
    plan_ = CreatePlan(*store_, org_, user_, 2025, plan, 100)->id;
  }

  json Assessment() const {
    return {{"subject", {{"kind", "measure"}, {"measure", "laxhjalp"}}},
            {"title", "Läxhjälp i alla skolor"},
            {"purpose", "Fler elever med kortutbildade föräldrar ska bli behöriga."},
            {"relevant", true},
            {"relevance", "Behörigheten skiljer sig mellan grupper."},
            {"groups",
             {{{"dimension", "Utbildning"},
               {"subgroup", "Förgymnasial"},
               {"effect", "positive"},
               {"description", "Når barn till kortutbildade"}},
              {{"dimension", "kön"}, {"subgroup", "Kvinnor"}, {"effect", "neutral"}}}},
            {"evidence",
             {{{"kind", "analysis"}, {"analysis", analysis_}, {"indicator", "behorighet"}},
              {{"kind", "published"},
               {"source", "Kolada"},
               {"reference", "N15419"},
               {"area", "1880"},
               {"period", 2024},
               {"value", 81.5}},
              {{"kind", "target"}, {"target", "gap"}}}},
            {"predictions", {{{"target", "gap"}, {"period", "2025"}, {"value", 32}}}},
            {"mitigation", "Läxhjälpen erbjuds också digitalt."}};
  }

  std::int64_t org_ = 0, other_ = 0, user_ = 0, analysis_ = 0, plan_ = 0;
};

TEST_P(ImpactTest, TheDocumentIsCheckedAgainstThePlanAndTheCodeLists) {
  const json plan = FindPlan(*store_, org_, plan_)->document;
  const json canonical = CanonicalImpactAssessment(Assessment(), plan);
  // Dimensions and categories as their declared codes, however they were written.
  EXPECT_EQ(canonical["groups"][0]["dimension"], "utbildning");
  EXPECT_EQ(canonical["groups"][0]["subgroup"], "förgymnasial");
  EXPECT_EQ(canonical["groups"][1]["dimension"], "kon");
  EXPECT_EQ(canonical["groups"][1]["subgroup"], "K");
  EXPECT_EQ(canonical["groups"][1]["description"], "");
  EXPECT_EQ(canonical["evidence"][1]["period"], "2024");
  EXPECT_EQ(canonical["predictions"][0]["kind"], "gap");
  EXPECT_EQ(canonical["predictions"][0]["measure"], "d");
  EXPECT_EQ(canonical["findings"], "");

  const auto field = [&](const std::function<void(json&)>& spoil) {
    json document = Assessment();
    spoil(document);
    return FieldOf([&] { CanonicalImpactAssessment(document, plan); });
  };
  EXPECT_EQ(field([](json&) {}), "");
  // Empty optional texts are as good as none (an exported document has them all).
  EXPECT_EQ(field([](json& d) {
              d["findings"] = "";
              d["groups"][0]["description"] = "";
            }),
            "");
  EXPECT_EQ(field([](json& d) { d["groups"][0]["dimension"] = "skonummer"; }),
            "groups[0].dimension");
  EXPECT_EQ(field([](json& d) { d["groups"][0]["dimension"] = "ar"; }), "groups[0].dimension");
  EXPECT_EQ(field([](json& d) { d["groups"][0]["subgroup"] = "doktorsexamen"; }),
            "groups[0].subgroup");
  EXPECT_EQ(field([](json& d) { d["groups"][1]["subgroup"] = "Förgymnasial"; }),
            "groups[1].subgroup");
  EXPECT_EQ(field([](json& d) {
              d["groups"][1] = {{"dimension", "kommun"}, {"subgroup", "180"}, {"effect", "mixed"}};
            }),
            "groups[1].subgroup");
  EXPECT_EQ(field([](json& d) {
              d["groups"][1]["subgroup"] = "K";
              d["groups"][1]["dimension"] = "utbildning";
              d["groups"][1]["subgroup"] = "forgymnasial";
            }),
            "groups[1].subgroup");  // the same group twice
  EXPECT_EQ(field([](json& d) { d["groups"][0]["effect"] = "great"; }), "groups[0].effect");
  EXPECT_EQ(field([](json& d) { d["subject"]["measure"] = "simskola"; }), "subject.measure");
  EXPECT_EQ(field([](json& d) {
              d["subject"] = {{"kind", "budget_change"}, {"committee", "kf"}};
            }),
            "subject.committee");
  EXPECT_EQ(field([](json& d) { d["predictions"][0]["target"] = "floor"; }),
            "predictions[0].target");
  EXPECT_EQ(field([](json& d) { d["predictions"][0]["period"] = "2025-T4"; }),
            "predictions[0].period");
  EXPECT_EQ(field([](json& d) { d["evidence"][2]["target"] = "floor"; }), "evidence[2].target");
  EXPECT_EQ(field([](json& d) { d["evidence"][1]["url"] = "javascript:alert(1)"; }),
            "evidence[1].url");
  EXPECT_EQ(field([](json& d) { d["groups"] = json::array(); }), "groups");
  EXPECT_EQ(field([](json& d) {
              d["relevant"] = false;
              d["relevance"] = "";
            }),
            "relevance");
  EXPECT_EQ(field([](json& d) { d["colour"] = "red"; }), "colour");
  // A budget change of a committee is a subject too.
  json budget = Assessment();
  budget["subject"] = {{"kind", "budget_change"},
                       {"committee", "bun"},
                       {"year", 2026},
                       {"sek", -500000},
                       {"description", "Mindre till fritidsgårdar"}};
  EXPECT_EQ(CanonicalImpactAssessment(budget, plan)["subject"]["sek"], -500000.0);

  EXPECT_EQ(FieldOf([] {
              CanonicalImpactDecision(
                  {{"decided_by", "BUN"}, {"date", "2025-13-01"}, {"outcome", "adopted"}});
            }),
            "date");
  EXPECT_EQ(FieldOf([] {
              CanonicalImpactDecision(
                  {{"decided_by", "BUN"}, {"date", "2025-02-01"}, {"outcome", "maybe"}});
            }),
            "outcome");
}

TEST_P(ImpactTest, ChangesAreAuditedAndADecidedAssessmentIsImmutable) {
  // Evidence from another organisation's analysis is refused.
  json foreign = Assessment();
  EXPECT_EQ(FieldOf([&] { CreateImpactAssessment(*store_, other_, user_, plan_, foreign, 1); }),
            "");  // the plan is not the other organisation's: nothing found, nothing thrown
  EXPECT_FALSE(CreateImpactAssessment(*store_, other_, user_, plan_, foreign, 1));
  foreign["evidence"][0]["analysis"] = analysis_ + 1000;
  EXPECT_EQ(FieldOf([&] { CreateImpactAssessment(*store_, org_, user_, plan_, foreign, 1); }),
            "evidence[0].analysis");

  const auto created = CreateImpactAssessment(*store_, org_, user_, plan_, Assessment(), 200);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->version, 1);
  json edited = Assessment();
  edited["mitigation"] = "Läxhjälp också på lördagar.";
  EXPECT_EQ(UpdateImpactAssessment(*store_, org_, user_, plan_, created->id, 1, edited, 300),
            ImpactChange::kChanged);
  EXPECT_EQ(UpdateImpactAssessment(*store_, org_, user_, plan_, created->id, 1, edited, 301),
            ImpactChange::kStale);
  EXPECT_EQ(UpdateImpactAssessment(*store_, other_, user_, plan_, created->id, 2, edited, 301),
            ImpactChange::kNotFound);
  const json decision = {{"decided_by", "Barn- och utbildningsnämnden"},
                         {"date", "2025-02-20"},
                         {"outcome", "adopted"},
                         {"reference", "§ 12"}};
  EXPECT_EQ(DecideImpactAssessment(*store_, org_, user_, plan_, created->id, 2, decision, 400),
            ImpactChange::kChanged);
  // Decided: neither the document nor the decision changes any more.
  EXPECT_EQ(UpdateImpactAssessment(*store_, org_, user_, plan_, created->id, 3, Assessment(), 500),
            ImpactChange::kDecided);
  EXPECT_EQ(DecideImpactAssessment(*store_, org_, user_, plan_, created->id, 3, decision, 500),
            ImpactChange::kDecided);
  const auto found = FindImpactAssessment(*store_, org_, plan_, created->id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->version, 3);
  EXPECT_EQ(found->document["mitigation"], "Läxhjälp också på lördagar.");
  EXPECT_EQ((*found->decision)["reference"], "§ 12");
  EXPECT_EQ(found->decided_by, user_);
  EXPECT_EQ(found->decided_at, 400);
  EXPECT_EQ(ListImpactAssessments(*store_, org_, plan_).size(), 1u);
  EXPECT_TRUE(ListImpactAssessments(*store_, other_, plan_).empty());

  const auto changes = ListPlanChanges(*store_, org_, plan_);
  ASSERT_EQ(changes.size(), 4u);  // the plan created, then the assessment's three changes
  EXPECT_EQ(changes[1].action, "impact_created");
  EXPECT_EQ(changes[1].changes["impact_assessment"], created->id);
  EXPECT_EQ(changes[1].changes["fields"]["title"]["to"], "Läxhjälp i alla skolor");
  EXPECT_EQ(changes[2].action, "impact_updated");
  EXPECT_EQ(changes[2].user_name, "Anna");
  EXPECT_EQ(changes[2].time, 300);
  EXPECT_EQ(changes[2].changes["fields"].size(), 1u);
  EXPECT_EQ(changes[2].changes["fields"]["mitigation"]["from"],
            "Läxhjälpen erbjuds också digitalt.");
  EXPECT_EQ(changes[2].changes["fields"]["mitigation"]["to"], "Läxhjälp också på lördagar.");
  EXPECT_EQ(changes[3].action, "impact_decided");
  EXPECT_EQ(changes[3].changes["decision"]["outcome"], "adopted");
}

TEST_P(ImpactTest, ThePredictionStandsBesideTheMeasuredValue) {
  const auto assessment = CreateImpactAssessment(*store_, org_, user_, plan_, Assessment(), 200);
  json outcomes = PredictionOutcomes(*store_, org_, *assessment);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0]["predicted"], 32.0);
  EXPECT_TRUE(outcomes[0]["measured"].is_null());
  EXPECT_EQ(outcomes[0]["reason"], "not_followed_up");

  // The follow-up of 2025 measures D = 80 − 50 = 30 percentage points in 2025.
  const auto records = RunFollowUp(*store_, org_, user_, plan_, "2025", 300);
  ASSERT_TRUE(records);
  outcomes = PredictionOutcomes(*store_, org_, *assessment);
  const json& measured = outcomes[0]["measured"];
  ASSERT_TRUE(measured.is_object()) << outcomes.dump();
  EXPECT_NEAR(measured["estimate"].get<double>(), 30.0, 1e-9);
  EXPECT_LT(measured["lower"].get<double>(), 30.0);
  EXPECT_GT(measured["upper"].get<double>(), 30.0);
  EXPECT_EQ(measured["follow_up"], records->at(0).id);
  EXPECT_EQ(measured["plan_period"], "2025");
  EXPECT_EQ(outcomes[0]["reason"], "");

  // The printable record shows the prediction and the measured value in one row, in either
  // language: Swedish with decimal commas.
  ImpactRecordInput input{
      "Örebro kommun", 2025, FindPlan(*store_, org_, plan_)->document, *assessment, outcomes,
      "Anna",          ""};
  const std::string swedish = ImpactRecordHtml(input, Language::kSwedish);
  EXPECT_NE(swedish.find("<html lang=\"sv\">"), std::string::npos);
  EXPECT_NE(swedish.find("Utkast – inte beslutat"), std::string::npos);
  EXPECT_NE(swedish.find("Utbildningsnivå</td><td>Förgymnasial</td><td>positiv"),
            std::string::npos);
  const auto row =
      swedish.find("<td>2025</td><td class=\"number\">32</td><td class=\"number\">30 (");
  EXPECT_NE(row, std::string::npos) << swedish;
  const std::string english = ImpactRecordHtml(input, Language::kEnglish);
  EXPECT_NE(english.find("4. Weighing the impact"), std::string::npos);
  EXPECT_NE(english.find("Education</td><td>Primary</td><td>positive"), std::string::npos);
  EXPECT_NE(english.find("<td class=\"number\">32</td><td class=\"number\">30 ("),
            std::string::npos);

  // A target changed to another measure since: the measured value is no longer the predicted one's.
  Plan plan = *FindPlan(*store_, org_, plan_);
  plan.document["targets"][0]["measure"] = "r";
  plan.document["targets"][0]["target_value"] = 1.2;
  ASSERT_EQ(UpdatePlan(*store_, org_, user_, plan_, plan.version, plan.document, 400),
            PlanUpdate::kUpdated);
  RunFollowUp(*store_, org_, user_, plan_, "2025", 500);
  outcomes = PredictionOutcomes(*store_, org_, *assessment);
  EXPECT_TRUE(outcomes[0]["measured"].is_null());
  EXPECT_EQ(outcomes[0]["reason"], "target_changed");
}

INSTANTIATE_TEST_SUITE_P(Backends, ImpactTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
