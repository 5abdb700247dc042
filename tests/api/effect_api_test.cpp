// The effect assessment of a plan's measure through the API on every backend: the measure's
// target group against the dimension's other subgroups on the indicator its goal's target binds,
// from the analysis' published results; readers read; the predicted effect is null until an
// impact assessment records one, and then the newest decided one's prediction stands beside the
// measured effect with the follow-up's value for its period; a measure id with å and ö travels
// percent-encoded.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/analyses/analyses.hpp"
#include "app/analyses/audit_trail.hpp"
#include "app/analyses/indicator_json.hpp"
#include "app/datasets/datasets.hpp"
#include "app/impact/impact.hpp"
#include "app/plans/measure_effect.hpp"
#include "app/plans/plans.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class EffectApiTest : public OrganisationApiTest {
 protected:
  void SetUp() override {
    OrganisationApiTest::SetUp();
    if (IsSkipped()) return;
    const auto reader = app::CreateUser(store(), "rut@example.se", "Rut", kPassword, false);
    app::SetMembership(store(), reader->id, org_, app::Role::kReader);
    // Eligible pupils of 100 per group and year by parents' education: kort 30, 32, 45, 50 and
    // lang 88, 90, 88, 89 in 2023–2026.
    const std::string upload = (fs::path(data_dir()) / "effect.part").string();
    std::ofstream out(upload);
    out << "kommun,ar,utb,behorig\n";
    const auto rows = [&](int year, const char* group, int eligible) {
      for (int i = 0; i < 100; ++i) {
        out << "1880," << year << ',' << group << ',' << (i < eligible ? 1 : 0) << '\n';
      }
    };
    const int kort[] = {30, 32, 45, 50};
    const int lang[] = {88, 90, 88, 89};
    for (int i = 0; i < 4; ++i) {
      rows(2023 + i, "kort", kort[i]);
      rows(2023 + i, "lang", lang[i]);
    }
    out.close();
    const auto dataset = app::ImportDataset(store(), data_dir(), org_, anna_, "", "e.csv", upload);
    const auto analysis =
        app::RunAnalysis(store(), data_dir(), org_, anna_, "Behörighet", dataset.id,
                         app::IndicatorDefinitionsFromJson(json::parse(R"([{
      "id": "behorighet", "name_sv": "Behöriga", "type": "proportion", "numerator": "behorig",
      "higher_is_favourable": true, "areas": ["kommun"], "period": "ar", "dimensions": ["utb"]
    }])")));
    json document = json::parse(R"({
      "bodies": [{"id": "kf", "kind": "fullmaktige", "name": "Kommunfullmäktige"},
                 {"id": "bun", "kind": "namnd", "name": "Barn- och utbildningsnämnden",
                  "parent": "kf"}],
      "goals": [{"id": "bun1", "body": "bun", "title": "Skillnaden i behörighet ska halveras",
                 "recommendation": "good_start", "welfare_area": "utbildning"}],
      "periods": [{"id": "2026", "kind": "year", "deadline": "2027-02-28"}],
      "measures": [
        {"id": "laxhjalp", "name": "Läxhjälp", "committee": "bun",
         "target_group": {"dimension": "utb", "subgroups": ["kort"]},
         "budget": {"2026": 2000000}, "start": "2025-01-01", "status": "ongoing",
         "goals": ["bun1"]},
        {"id": "språkstöd", "name": "Språkstöd", "committee": "bun", "start": "2026-01-01"}]})");
    document["targets"] = json::array({{{"id", "gap"},
                                        {"goal", "bun1"},
                                        {"analysis", analysis->id},
                                        {"indicator", "behorighet"},
                                        {"area", "1880"},
                                        {"kind", "gap"},
                                        {"measure", "d"},
                                        {"dimension", "utb"},
                                        {"baseline_period", "2023"},
                                        {"target_value", 30},
                                        {"target_period", "2027"}}});
    plan_ = app::CreatePlan(store(), org_, anna_, 2026, document, 0)->id;
    analysis_ = analysis->id;
  }

  std::string Effect(const std::string& measure, const std::string& query = "") const {
    return Path("/plans/" + std::to_string(plan_) + "/measures/" + measure + "/effect" + query);
  }

  std::int64_t plan_ = 0;
  std::int64_t analysis_ = 0;
};

// statsmodels: OLS of the 400 pupils of 2024 and 2026 (× 100) on treated, post and their product,
// cov_type="HC0": interaction 19, se 8.096295449154425, 95 % interval 3.131552511461651 to
// 34.86844748853808.
TEST_P(EffectApiTest, TheMeasuredEffectBesideThePredicted) {
  Browser reader(port_);
  ASSERT_EQ(reader.LogIn("rut@example.se", kPassword), 200);
  const auto answer = reader.Get(Effect("laxhjalp", "?lang=en"));
  ASSERT_EQ(answer->status, 200) << answer->body;
  const json body = JsonOf(answer);
  EXPECT_EQ(body["measure"]["id"], "laxhjalp");
  EXPECT_EQ(body["measure"]["start"], "2025-01-01");
  ASSERT_EQ(body["assessments"].size(), 1U);
  const json& item = body["assessments"][0];
  EXPECT_EQ(item["target"], "gap");
  EXPECT_EQ(item["analysis"], analysis_);
  EXPECT_TRUE(item["predicted"].is_null());
  const json& measured = item["measured"];
  EXPECT_EQ(measured["comparison"]["kind"], "subgroups");
  EXPECT_EQ(measured["comparison"]["members"], json::array({"lang"}));
  EXPECT_EQ(measured["before_period"], "2024");
  EXPECT_EQ(measured["after_period"], "2026");
  EXPECT_DOUBLE_EQ(measured["target"]["before"]["estimate"].get<double>(), 32);
  EXPECT_DOUBLE_EQ(measured["target"]["after"]["estimate"].get<double>(), 50);
  EXPECT_EQ(measured["target"]["before"]["method"], "counts");
  const json& did = measured["difference_in_differences"];
  EXPECT_NEAR(did["estimate"].get<double>(), 19, 1e-9);
  EXPECT_NEAR(did["standard_error"].get<double>(), 8.096295449154425, 1e-9);
  EXPECT_NEAR(did["lower"].get<double>(), 3.131552511461651, 1e-8);
  EXPECT_NEAR(did["upper"].get<double>(), 34.86844748853808, 1e-8);
  EXPECT_EQ(measured["verdict"], "improved_more");
  EXPECT_EQ(measured["verdict_label"], "The target group has done better than the comparison");
  EXPECT_EQ(measured["method"], "difference_in_differences_delta_method");
  EXPECT_EQ(measured["caveats"][0]["id"], "pre_trend_not_tested");
  EXPECT_EQ(measured["gap_trend_before"]["reason"], "fewer_than_five_periods");
  EXPECT_EQ(measured["series"].size(), 4U);
  EXPECT_EQ(measured["series"][2]["phase"], "after");
  EXPECT_NE(measured["summary"].get<std::string>().find("+19.00 (95 % CI 3.13 to 34.87)"),
            std::string::npos)
      << measured["summary"];

  // In Swedish; chosen periods; the other areas (there are none in the analysis).
  const json swedish = JsonOf(reader.Get(Effect("laxhjalp", "?lang=sv&before=2023&after=2025")));
  const json& chosen = swedish["assessments"][0]["measured"];
  // 2023 → 2025: (45 − 30) − (88 − 88) = 15, se √(.3·.7 + .45·.55 + 2·.88·.12) · 10 = 8.1774;
  // the interval −1.03 to 31.03 includes 0, and the answer says the data cannot tell.
  EXPECT_NEAR(chosen["difference_in_differences"]["estimate"].get<double>(), 15, 1e-9);
  EXPECT_NEAR(chosen["difference_in_differences"]["lower"].get<double>(), -1.027, 1e-3);
  EXPECT_EQ(chosen["verdict"], "cannot_tell");
  EXPECT_EQ(chosen["reason"], "interval_spans_zero");
  EXPECT_EQ(chosen["verdict_label"],
            "Underlaget kan inte avgöra om målgruppen utvecklats annorlunda");
  const json areas = JsonOf(reader.Get(Effect("laxhjalp", "?comparison=areas")));
  EXPECT_EQ(areas["assessments"][0]["measured"]["verdict"], "no_data");
  EXPECT_EQ(areas["assessments"][0]["measured"]["reason"], "no_comparison_group");

  // A measure serving no goal has nothing to assess; its id travels percent-encoded.
  const auto unbound = reader.Get(Effect("spr%C3%A5kst%C3%B6d"));
  ASSERT_EQ(unbound->status, 200) << unbound->body;
  EXPECT_EQ(JsonOf(unbound)["measure"]["name"], "Språkstöd");
  EXPECT_TRUE(JsonOf(unbound)["assessments"].empty());
}

TEST_P(EffectApiTest, MistakesNameTheirField) {
  Browser anna(port_);
  ASSERT_EQ(anna.LogIn("anna@example.se", kPassword), 200);
  EXPECT_EQ(anna.Get(Effect("nothing"))->status, 404);
  EXPECT_EQ(anna.Get(Path("/plans/999999/measures/laxhjalp/effect"))->status, 404);
  auto bad = anna.Get(Effect("laxhjalp", "?before=2023-T9"));
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(JsonOf(bad)["field"], "before");
  bad = anna.Get(Effect("laxhjalp", "?after=2024"));  // 2024 ended before the start
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(JsonOf(bad)["field"], "after");
  bad = anna.Get(Effect("laxhjalp", "?comparison=nobody"));
  EXPECT_EQ(JsonOf(bad)["field"], "comparison");
  bad = anna.Get(Effect("laxhjalp", "?target=nothing"));
  EXPECT_EQ(JsonOf(bad)["field"], "target");
}

// The annual report's model that every door prints (`jamlik plan report` reads it as user 0, the
// API as the signed-in user) carries the measure's difference in differences as the effect route
// gives it (19, 3.13 to 34.87, by statsmodels above); the command line's read is audited as such.
TEST_P(EffectApiTest, TheAnnualReportCarriesTheEffectAtEveryDoor) {
  const auto model = app::AnnualReportWithEffects(store(), org_, 0, plan_, "");
  ASSERT_TRUE(model.has_value());
  const json* laxhjalp = nullptr;
  for (const json& measure : (*model)["measures"]) {
    if (measure["id"] == "laxhjalp") laxhjalp = &measure;
  }
  ASSERT_NE(laxhjalp, nullptr) << model->dump();
  ASSERT_EQ((*laxhjalp)["effects"].size(), 1U) << laxhjalp->dump();
  const json& did = (*laxhjalp)["effects"][0]["difference_in_differences"];
  EXPECT_NEAR(did["estimate"].get<double>(), 19, 1e-9);
  EXPECT_NEAR(did["lower"].get<double>(), 3.131552511461651, 1e-8);
  EXPECT_NEAR(did["upper"].get<double>(), 34.86844748853808, 1e-8);
  EXPECT_EQ((*laxhjalp)["effects"][0]["verdict"], "improved_more");
  const auto audit = app::ListAuditEntries(store(), org_, 1);
  ASSERT_EQ(audit.size(), 1U);
  EXPECT_EQ(audit[0].record.user, "command line");
  EXPECT_EQ(audit[0].record.action, "effect");
  EXPECT_FALSE(app::AnnualReportWithEffects(store(), org_ + 1000, 0, plan_, "").has_value());
}

// A draft's prediction is not the decision's: predicted stays null until the committee decides;
// then the decided assessment's prediction for the target stands beside the measured effect, with
// the baseline and the value the follow-up of 2026 found (D = 88 − 30 = 58 in 2023, 89 − 50 = 39
// in 2026: the data's differences, computed by hand).
TEST_P(EffectApiTest, ThePredictedEffectComesFromTheDecidedImpactAssessment) {
  const auto assessment = [](double value, const char* title) {
    return json{
        {"subject", {{"kind", "measure"}, {"measure", "laxhjalp"}}},
        {"title", title},
        {"purpose", "Fler elever med kortutbildade föräldrar ska bli behöriga."},
        {"relevant", true},
        {"groups",
         {{{"dimension", "utbildning"}, {"subgroup", "Förgymnasial"}, {"effect", "positive"}}}},
        {"predictions",
         {{{"target", "gap"},
           {"period", "2026"},
           {"value", value},
           {"reasoning", "Läxhjälpen når 200 elever."}}}}};
  };
  const auto draft =
      app::CreateImpactAssessment(store(), org_, anna_, plan_, assessment(20, "Utkast"), 1);
  ASSERT_TRUE(draft);
  Browser reader(port_);
  ASSERT_EQ(reader.LogIn("rut@example.se", kPassword), 200);
  EXPECT_TRUE(JsonOf(reader.Get(Effect("laxhjalp")))["assessments"][0]["predicted"].is_null());

  const auto decided =
      app::CreateImpactAssessment(store(), org_, anna_, plan_, assessment(40, "Läxhjälp"), 2);
  ASSERT_TRUE(decided);
  const json decision = {{"decided_by", "Barn- och utbildningsnämnden"},
                         {"date", "2025-02-20"},
                         {"outcome", "adopted"},
                         {"reference", "§ 14"}};
  ASSERT_EQ(app::DecideImpactAssessment(store(), org_, anna_, plan_, decided->id, 1, decision, 3),
            app::ImpactChange::kChanged);
  // Before any follow-up: the prediction, without a baseline or a measured value.
  json predicted = JsonOf(reader.Get(Effect("laxhjalp")))["assessments"][0]["predicted"];
  ASSERT_TRUE(predicted.is_object()) << predicted;
  EXPECT_EQ(predicted["assessment"], decided->id);
  EXPECT_EQ(predicted["title"], "Läxhjälp");
  EXPECT_EQ(predicted["decision"]["outcome"], "adopted");
  EXPECT_EQ(predicted["decision"]["reference"], "§ 14");
  EXPECT_TRUE(predicted["baseline"].is_null());
  ASSERT_EQ(predicted["predictions"].size(), 1U);
  EXPECT_EQ(predicted["predictions"][0]["period"], "2026");
  EXPECT_DOUBLE_EQ(predicted["predictions"][0]["predicted"].get<double>(), 40);
  EXPECT_TRUE(predicted["predictions"][0]["change"].is_null());
  EXPECT_TRUE(predicted["predictions"][0]["measured"].is_null());
  EXPECT_EQ(predicted["predictions"][0]["reason"], "not_followed_up");
  EXPECT_EQ(predicted["predictions"][0]["reasoning"], "Läxhjälpen når 200 elever.");

  // After the follow-up of 2026: the baseline and the measured D beside the prediction.
  ASSERT_TRUE(app::RunFollowUp(store(), org_, anna_, plan_, "2026", 4));
  predicted = JsonOf(reader.Get(Effect("laxhjalp")))["assessments"][0]["predicted"];
  EXPECT_DOUBLE_EQ(predicted["baseline"]["value"].get<double>(), 58);
  EXPECT_EQ(predicted["baseline"]["period"], "2023");
  const json& prediction = predicted["predictions"][0];
  EXPECT_DOUBLE_EQ(prediction["change"].get<double>(), 40 - 58);
  EXPECT_EQ(prediction["reason"], "");
  EXPECT_DOUBLE_EQ(prediction["measured"]["estimate"].get<double>(), 39);
  EXPECT_LT(prediction["measured"]["lower"].get<double>(), 39);
  EXPECT_GT(prediction["measured"]["upper"].get<double>(), 39);
}

INSTANTIATE_TEST_SUITE_P(Backends, EffectApiTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
