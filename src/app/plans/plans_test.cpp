// Plans in the store on every backend: the document checked, budgets summed, the follow-up taken
// from the engine and kept as it was reported, the audit trail, and the copy to a new year.
#include "app/plans/plans.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses.hpp"
#include "app/analyses/indicator_json.hpp"
#include "app/datasets/datasets.hpp"
#include "app/plans/plan_document.hpp"
#include "app/testing.hpp"
#include "core/error.hpp"

namespace jamlik::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Wilson's 95 % interval of k of n, in percent: written out here, apart from src/stats.
std::pair<double, double> Wilson(double k, double n) {
  const double z = 1.959963984540054;
  const double p = k / n;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  return {100 * (centre - half), 100 * (centre + half)};
}

class PlansTest : public testing::AppStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    const std::string data_dir = scratch_->config().data_dir;
    org_ = CreateOrganisation(*store_, "1880", "Örebro", OrganisationKind::kKommun)->id;
    other_ = CreateOrganisation(*store_, "0180", "Stockholm", OrganisationKind::kKommun)->id;
    user_ = CreateUser(*store_, "anna@example.se", "Anna", "ett långt lösenord", false)->id;
    // Eligible pupils by parents' education: 2024 short 40 of 100, long 80 of 100; 2025 short 50
    // of 100, long 80 of 100.
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
  }

  json Document() const {
    return {{"bodies",
             {{{"id", "kf"}, {"kind", "fullmaktige"}, {"name", "Kommunfullmäktige"}},
              {{"id", "bun"},
               {"kind", "namnd"},
               {"name", "Barn- och utbildningsnämnden"},
               {"parent", "kf"}},
              {{"id", "son"}, {"kind", "namnd"}, {"name", "Socialnämnden"}, {"parent", "kf"}}}},
            {"goals",
             {{{"id", "kf1"},
               {"body", "kf"},
               {"title", "Alla barn får en god start"},
               {"recommendation", "good_start"},
               {"welfare_area", "utbildning"}},
              {{"id", "bun1"},
               {"body", "bun"},
               {"title", "Fler behöriga bland elever med kortutbildade föräldrar"},
               {"recommendation", "good_start"},
               {"welfare_area", "utbildning"},
               {"contributes_to", "kf1"}}}},
            {"periods",
             {{{"id", "2025-T2"}, {"kind", "tertial"}, {"deadline", "2025-09-15"}},
              {{"id", "2025"}, {"kind", "year"}, {"deadline", "2026-02-15"}}}},
            {"targets",
             {{{"id", "kort"},
               {"goal", "bun1"},
               {"analysis", analysis_},
               {"indicator", "behorighet"},
               {"area", "1880"},
               {"kind", "level"},
               {"dimension", "utb"},
               {"subgroup", "kort"},
               {"target_value", 70},
               {"target_period", "2026"}}}},
            {"measures",
             {{{"id", "laxhjalp"},
               {"name", "Läxhjälp"},
               {"committee", "bun"},
               {"target_group", {{"dimension", "utb"}, {"subgroups", {"kort"}}}},
               {"budget", {{"2025", 1'500'000}, {"2026", 1'200'000}}},
               {"start", "2025-01-01"},
               {"status", "ongoing"},
               {"goals", {"bun1", "kf1"}}},
              {{"id", "mentorer"},
               {"name", "Mentorer"},
               {"committee", "son"},
               {"budget", {{"2025", 500'000}}},
               {"start", "2025-03-01"},
               {"end", "2025-12-31"},
               {"goals", {"kf1"}}},
              {{"id", "inställd"},
               {"name", "Inställd"},
               {"committee", "son"},
               {"budget", {{"2025", 900'000}}},
               {"start", "2025-03-01"},
               {"status", "cancelled"}}}}};
  }

  std::int64_t org_ = 0;
  std::int64_t other_ = 0;
  std::int64_t user_ = 0;
  std::int64_t analysis_ = 0;
};

TEST_P(PlansTest, BudgetsSumFromTheMeasures) {
  const auto plan = CreatePlan(*store_, org_, user_, 2025, Document(), 100);
  ASSERT_TRUE(plan);
  const json budget = ToJson(*plan)["budget"];
  EXPECT_EQ(budget["total"], 2'000'000.0);  // the cancelled measure counts nothing
  EXPECT_EQ(budget["committees"][0]["body"], "bun");
  EXPECT_EQ(budget["committees"][0]["sek"], 1'500'000.0);
  EXPECT_EQ(budget["committees"][1]["sek"], 500'000.0);
  EXPECT_EQ(budget["goals"][0]["goal"], "kf1");
  EXPECT_EQ(budget["goals"][0]["sek"], 2'000'000.0);
  EXPECT_EQ(budget["goals"][1]["sek"], 1'500'000.0);
  // The document came back canonical: the optional keys are there, empty.
  EXPECT_EQ(plan->document["targets"][0]["baseline_period"], "");
  EXPECT_EQ(plan->document["measures"][1]["status"], "planned");
  // One plan per organisation and year.
  EXPECT_FALSE(CreatePlan(*store_, org_, user_, 2025, Document(), 100));
}

TEST_P(PlansTest, MistakesNameTheirField) {
  const auto field_of = [&](json document) {
    try {
      CreatePlan(*store_, org_, user_, 2025, document, 100);
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
      return error.field();
    }
    return std::string("(accepted)");
  };
  json document = Document();
  document["goals"][1]["recommendation"] = "kindness";
  EXPECT_EQ(field_of(document), "goals[1].recommendation");
  document = Document();
  document["goals"][1]["contributes_to"] = "bun1";  // its own body's goal, not the assembly's
  EXPECT_EQ(field_of(document), "goals[1].contributes_to");
  document = Document();
  document["targets"][0]["kind"] = "gap";  // a gap needs a measure
  EXPECT_EQ(field_of(document), "targets[0].measure");
  document = Document();
  document["periods"][0]["id"] = "2024-T2";
  EXPECT_EQ(field_of(document), "periods[0].id");
  document = Document();
  document["measures"][0]["committee"] = "kf";
  EXPECT_EQ(field_of(document), "measures[0].committee");
  // Another organisation's analysis cannot be followed.
  EXPECT_EQ(
      [&] {
        try {
          CreatePlan(*store_, other_, user_, 2025, Document(), 100);
        } catch (const Error& error) {
          return error.field();
        }
        return std::string();
      }(),
      "targets[0].analysis");
}

TEST_P(PlansTest, FollowUpStoresTheEnginesEvaluation) {
  const auto plan = CreatePlan(*store_, org_, user_, 2025, Document(), 100);
  const auto records = RunFollowUp(*store_, org_, user_, plan->id, "2025", 200);
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 1u);
  const FollowUpRecord& record = (*records)[0];
  // Baseline 2024 (the first period of the data): 40 %; target 70 % by 2026, so the path stands at
  // 55 % at the end of 2025. The estimate, 50 %, is below the path, but its interval reaches it.
  EXPECT_EQ(record.evaluated_period, "2025");
  EXPECT_NEAR(*record.baseline, 40.0, 1e-9);
  EXPECT_NEAR(*record.estimate, 50.0, 1e-9);
  EXPECT_NEAR(*record.path_value, 55.0, 1e-9);
  const auto [lower, upper] = Wilson(50, 100);
  EXPECT_NEAR(*record.lower, lower, 1e-6);
  EXPECT_NEAR(*record.upper, upper, 1e-6);
  EXPECT_EQ(record.status, "at_risk");
  // The second tertial of 2025 ends before the 2025 results: the last period published by then
  // is 2024, the baseline itself.
  const auto tertial = RunFollowUp(*store_, org_, user_, plan->id, "2025-T2", 200);
  EXPECT_EQ((*tertial)[0].evaluated_period, "2024");
  EXPECT_NEAR(*(*tertial)[0].estimate, 40.0, 1e-9);
  EXPECT_NEAR(*(*tertial)[0].path_value, 40.0, 1e-9);
  EXPECT_EQ((*tertial)[0].status, "on_track");
  // A period the plan does not have is refused.
  try {
    RunFollowUp(*store_, org_, user_, plan->id, "2025-T3", 200);
    ADD_FAILURE() << "accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "period");
  }
  EXPECT_FALSE(RunFollowUp(*store_, other_, user_, plan->id, "2025", 200));
}

TEST_P(PlansTest, TheAuditTrailSaysWhoChangedWhatAndWhen) {
  const auto plan = CreatePlan(*store_, org_, user_, 2025, Document(), 100);
  json changed = Document();
  changed["targets"][0]["target_value"] = 65;
  changed["measures"].erase(2);
  EXPECT_EQ(UpdatePlan(*store_, org_, user_, plan->id, 1, changed, 150), PlanUpdate::kUpdated);
  // A second editor who read version 1 is told, and changes nothing.
  EXPECT_EQ(UpdatePlan(*store_, org_, user_, plan->id, 1, Document(), 160), PlanUpdate::kStale);
  EXPECT_EQ(UpdatePlan(*store_, other_, user_, plan->id, 2, Document(), 160),
            PlanUpdate::kNotFound);
  const auto records = RunFollowUp(*store_, org_, user_, plan->id, "2025", 200);
  ASSERT_TRUE(CommentFollowUp(*store_, org_, user_, plan->id, (*records)[0].id,
                              "Läxhjälpen startade sent.", 210));
  const auto comment = CommentFollowUp(*store_, org_, user_, plan->id, (*records)[0].id,
                                       "Nu i gång på alla skolor.", 220);
  ASSERT_EQ(comment->comments.size(), 2u);
  EXPECT_EQ(comment->comments[0].text, "Läxhjälpen startade sent.");
  EXPECT_EQ(ToJson(*comment)["comment"], "Nu i gång på alla skolor.");
  EXPECT_FALSE(CommentFollowUp(*store_, other_, user_, plan->id, (*records)[0].id, "x", 230));

  const auto trail = ListPlanChanges(*store_, org_, plan->id);
  ASSERT_EQ(trail.size(), 5u);
  EXPECT_EQ(trail[0].action, "created");
  EXPECT_EQ(trail[0].changes.size(), 2u + 3 + 2 + 1 + 3);  // every item added
  EXPECT_EQ(trail[1].action, "updated");
  EXPECT_EQ(trail[1].user_name, "Anna");
  EXPECT_EQ(trail[1].time, 150);
  ASSERT_EQ(trail[1].changes.size(), 2u);
  EXPECT_EQ(trail[1].changes[0],
            json::parse(R"({"collection": "targets", "id": "kort", "change": "changed",
              "fields": {"target_value": {"from": 70.0, "to": 65.0}}})"));
  EXPECT_EQ(trail[1].changes[1]["change"], "removed");
  EXPECT_EQ(trail[1].changes[1]["id"], "inställd");
  EXPECT_EQ(trail[2].action, "followed_up");
  EXPECT_EQ(trail[3].action, "commented");
  EXPECT_EQ(trail[4].changes["comment"], "Nu i gång på alla skolor.");
  EXPECT_TRUE(ListPlanChanges(*store_, other_, plan->id).empty());
}

TEST_P(PlansTest, ANewYearStartsAsACopyAndLeavesTheOldOneAsReported) {
  const auto plan = CreatePlan(*store_, org_, user_, 2025, Document(), 100);
  const auto reported = RunFollowUp(*store_, org_, user_, plan->id, "2025", 200);
  ASSERT_EQ((*reported)[0].status, "at_risk");

  const auto next = CopyPlan(*store_, org_, user_, plan->id, 2026, 300);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->copied_from, plan->id);
  EXPECT_EQ(next->document["periods"][0]["id"], "2026-T2");
  EXPECT_EQ(next->document["periods"][1]["deadline"], "2027-02-15");
  EXPECT_EQ(next->document["targets"], plan->document["targets"]);
  EXPECT_EQ(ToJson(*next)["budget"]["total"], 1'200'000.0);
  EXPECT_FALSE(CopyPlan(*store_, org_, user_, plan->id, 2026, 300));  // the year is taken

  // Editing both years afterwards: the new year's target, and the old plan's target and measures.
  json edited = next->document;
  edited["targets"][0]["target_value"] = 80;
  ASSERT_EQ(UpdatePlan(*store_, org_, user_, next->id, 1, edited, 310), PlanUpdate::kUpdated);
  json old_edited = plan->document;
  old_edited["targets"][0]["target_value"] = 45;
  old_edited["targets"][0]["id"] = "kort_ny";
  old_edited["measures"] = json::array();
  ASSERT_EQ(UpdatePlan(*store_, org_, user_, plan->id, 1, old_edited, 320), PlanUpdate::kUpdated);

  // What was reported for 2025 is there as it was: the target as it stood, the same figures.
  const auto kept = ListFollowUps(*store_, org_, plan->id, "2025");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].id, (*reported)[0].id);
  EXPECT_EQ(kept[0].target, "kort");
  EXPECT_EQ(kept[0].target_snapshot["target_value"], 70.0);
  EXPECT_EQ(kept[0].target_value, 70.0);
  EXPECT_EQ(kept[0].status, "at_risk");
  EXPECT_EQ(kept[0].path_value, (*reported)[0].path_value);
  EXPECT_EQ(kept[0].estimate, (*reported)[0].estimate);
  EXPECT_EQ(kept[0].lower, (*reported)[0].lower);
  EXPECT_EQ(kept[0].created_at, 200);
  // The copy did not touch the old plan; only its own edit did.
  EXPECT_EQ(FindPlan(*store_, org_, plan->id)->version, 2);
  EXPECT_EQ(FindPlanByYear(*store_, org_, 2026)->document["targets"][0]["target_value"], 80.0);
  EXPECT_TRUE(ListFollowUps(*store_, org_, next->id).empty());
  ASSERT_EQ(ListPlans(*store_, org_).size(), 2u);
  EXPECT_TRUE(ListPlans(*store_, other_).empty());
}

TEST(PlanDocument, TomlRoundTripKeepsTheDocument) {
  json document = {
      {"bodies", {{{"id", "kf"}, {"kind", "fullmaktige"}, {"name", "KF \"2025\""}}}},
      {"goals",
       {{{"id", "g"},
         {"body", "kf"},
         {"title", "Mål"},
         {"recommendation", "measure"},
         {"welfare_area", "hälsa"}}}},
      {"periods", {{{"id", "2025-H1"}, {"kind", "half_year"}, {"deadline", "2025-08-31"}}}},
      {"targets",
       {{{"id", "t"},
         {"goal", "g"},
         {"analysis", 7},
         {"indicator", "i"},
         {"area", "1880"},
         {"kind", "gap"},
         {"measure", "rii"},
         {"dimension", "utb"},
         {"baseline_period", "2024"},
         {"target_value", 1.5},
         {"target_period", "2028"}}}},
      {"measures", json::array()}};
  const json canonical = CanonicalPlanDocument(document, 2025);
  const std::string toml = PlanToToml(canonical, 2025, {{7, "Behörighet"}}, false);
  json read = TomlToPlanJson(toml, "plan.toml");
  EXPECT_EQ(read["year"], 2025);
  EXPECT_EQ(read["targets"][0]["analysis"], "Behörighet");
  read["targets"][0]["analysis"] = 7;
  EXPECT_EQ(CanonicalPlanDocument(read, 2025), canonical);
  EXPECT_EQ(PlanPeriodEndMonth("2025-H1"), 12 * 2025 + 6);
  EXPECT_EQ(PlanPeriodEndMonth("2025-T2"), 12 * 2025 + 8);
  EXPECT_EQ(PlanPeriodEndMonth("2025-H3"), std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlansTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
