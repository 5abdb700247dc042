// Running, saving, reopening and publishing analyses, on every backend.
#include "app/analyses/analyses.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/accounts/accounts.hpp"
#include "app/analyses/audit_trail.hpp"
#include "app/analyses/indicator_json.hpp"
#include "app/datasets/datasets.hpp"
#include "app/testing.hpp"
#include "core/error.hpp"
#include "indicators/compute_indicators.hpp"
#include "privacy/publish.hpp"

namespace jamlik::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class AnalysesTest : public app::testing::AppStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    data_dir_ = scratch_->config().data_dir;
    org_ = CreateOrganisation(*store_, "1880", "Örebro", OrganisationKind::kKommun)->id;
    user_ = CreateUser(*store_, "anna@example.se", "Anna", "ett långt lösenord", false)->id;
    const std::string upload = (fs::path(data_dir_) / "upload.tmp").string();
    std::ofstream out(upload);
    out << "kommun,kon,dod\n";
    for (int i = 0; i < 200; ++i)
      out << (i % 2 ? "1880" : "1881") << ',' << (i % 3 ? 'K' : 'M') << ',' << (i % 7 == 0) << '\n';
    out.close();
    dataset_ = ImportDataset(*store_, data_dir_, org_, user_, "", "p.csv", upload).id;
  }

  std::string data_dir_;
  std::int64_t org_ = 0;
  std::int64_t user_ = 0;
  std::int64_t dataset_ = 0;
};

const json kDefinitions = json::parse(R"([{
  "id": "dodlighet", "name_sv": "Andel döda", "type": "proportion", "numerator": "dod",
  "higher_is_favourable": false, "areas": ["kommun", "riket"], "dimensions": ["kon"]
}])");

TEST_P(AnalysesTest, ResultsAreSavedAndReopenedAsComputed) {
  const auto definitions = IndicatorDefinitionsFromJson(kDefinitions);
  const auto analysis =
      RunAnalysis(*store_, data_dir_, org_, user_, "Dödlighet", dataset_, definitions);
  ASSERT_TRUE(analysis);
  // Stored as the privacy library publishes them.
  const auto expected =
      Publish(ComputeIndicators(LoadDatasetTable(data_dir_, *FindDataset(*store_, org_, dataset_)),
                                definitions),
              DeploymentDisclosureRules(), {})
          .rows();
  const auto reopened = FindAnalysis(*store_, org_, analysis->id);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->result_count, static_cast<std::int64_t>(expected.size()));
  EXPECT_EQ(IndicatorDefinitionsFromJson(json::parse(reopened->definitions_json)).size(), 1U);
  const PublishedResults release = PublishResults(*store_, *reopened, user_, "view");
  EXPECT_TRUE(release.disclosure_controlled());
  const std::vector<ResultRow>& published = release.rows();
  ASSERT_EQ(published.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(published[i].area, expected[i].area);
    EXPECT_EQ(published[i].subgroup, expected[i].subgroup);
    EXPECT_EQ(published[i].estimate, expected[i].estimate);
    EXPECT_EQ(published[i].lower, expected[i].lower);
    EXPECT_EQ(published[i].numerator, expected[i].numerator);
    EXPECT_EQ(published[i].suppressed, expected[i].suppressed);
    EXPECT_EQ(published[i].suppression_reason, expected[i].suppression_reason);
  }
  EXPECT_EQ(ListAnalyses(*store_, org_).size(), 1U);
  EXPECT_TRUE(DeleteAnalysis(*store_, org_, analysis->id));
  EXPECT_TRUE(store_->Acquire()->Query("SELECT 1 FROM analysis_results").empty());
}

// A municipality of three persons, one of whom died: its cells may never be shown, nor be
// recoverable from the county total minus the others; every computation and view is logged.
TEST_P(AnalysesTest, TheStoreHoldsOnlyPublishableResultsAndLogsWhoReadThem) {
  const std::string upload = (fs::path(data_dir_) / "small.tmp").string();
  std::ofstream out(upload);
  out << "kommun,kon,dod\n";
  for (int i = 0; i < 300; ++i)
    out << "1880," << (i % 2 ? 'K' : 'M') << ',' << (i % 9 == 0) << '\n';
  out << "1881,K,1\n1881,K,0\n1881,M,0\n";
  out.close();
  const auto small = ImportDataset(*store_, data_dir_, org_, user_, "Liten", "s.csv", upload).id;
  const auto analysis = RunAnalysis(*store_, data_dir_, org_, user_, "Dödlighet", small,
                                    IndicatorDefinitionsFromJson(kDefinitions));
  ASSERT_TRUE(analysis);
  const PublishedResults release = PublishResults(*store_, *analysis, user_, "export_csv");
  const std::vector<ResultRow>& rows = release.rows();
  std::size_t suppressed = 0;
  for (const ResultRow& row : rows) {
    if (row.area == "1881") {
      EXPECT_TRUE(row.suppressed) << row.dimension << '=' << row.subgroup;
      EXPECT_NE(row.suppression_reason, SuppressionReason::kNone);
    }
    if (row.suppressed) {
      ++suppressed;
      EXPECT_FALSE(row.estimate);
      EXPECT_FALSE(row.lower);
      EXPECT_FALSE(row.numerator);
      EXPECT_FALSE(row.denominator);
    }
  }
  // 1881's total and sexes, and at least one more cell so that riket − 1880 does not reveal 1881.
  EXPECT_GT(suppressed, 3U);
  // The kept release counts them as it was published: primary and complementary rows.
  EXPECT_EQ(release.summary().rows, rows.size());
  EXPECT_EQ(release.summary().primary_rows + release.summary().complementary_rows, suppressed);
  // No stored row of analysis_results for 1881 has a value.
  EXPECT_TRUE(store_->Acquire()
                  ->Query("SELECT 1 FROM analysis_results WHERE area = '1881' AND "
                          "(estimate IS NOT NULL OR numerator IS NOT NULL)")
                  .empty());

  const auto log = ListAuditEntries(*store_, org_, 10);
  ASSERT_EQ(log.size(), 2U);  // newest first
  EXPECT_EQ(log[0].record.action, "export_csv");
  EXPECT_EQ(log[1].record.action, "publish");
  for (const auto& entry : log) {
    EXPECT_EQ(entry.user_id, user_);
    EXPECT_EQ(entry.record.user, "anna@example.se");
    EXPECT_NE(entry.record.dataset.path.find("Liten"), std::string::npos);
    EXPECT_EQ(entry.record.rows, rows.size());
    EXPECT_EQ(entry.record.suppressed_rows, suppressed);
  }
  const auto other = CreateOrganisation(*store_, "1881", "Kumla", OrganisationKind::kKommun);
  EXPECT_TRUE(ListAuditEntries(*store_, other->id, 10).empty());
}

TEST_P(AnalysesTest, AnEngineErrorSavesNothing) {
  json definitions = kDefinitions;
  definitions[0]["numerator"] = "saknas";
  EXPECT_THROW(RunAnalysis(*store_, data_dir_, org_, user_, "x", dataset_,
                           IndicatorDefinitionsFromJson(definitions)),
               Error);
  EXPECT_TRUE(ListAnalyses(*store_, org_).empty());
}

TEST_P(AnalysesTest, AnotherOrganisationsDatasetIsNotFound) {
  const auto other = CreateOrganisation(*store_, "1881", "Kumla", OrganisationKind::kKommun);
  EXPECT_FALSE(RunAnalysis(*store_, data_dir_, other->id, user_, "x", dataset_,
                           IndicatorDefinitionsFromJson(kDefinitions)));
}

TEST(IndicatorJsonTest, MistakesNameTheirPlace) {
  auto field_of = [](const json& definitions) {
    try {
      IndicatorDefinitionsFromJson(definitions);
    } catch (const Error& error) {
      return error.field();
    }
    return std::string("no error");
  };
  json definitions = kDefinitions;
  definitions[0]["typ"] = "rate";
  EXPECT_EQ(field_of(definitions), "indicators[0].typ");
  definitions = kDefinitions;
  definitions[0]["confidence"] = 1.5;
  EXPECT_EQ(field_of(definitions), "indicators[0].confidence");
  definitions = kDefinitions;
  definitions[0]["standard_population"] = "/etc/passwd";
  EXPECT_EQ(field_of(definitions), "indicators[0].standard_population");
  definitions = kDefinitions;
  definitions.push_back(kDefinitions[0]);
  EXPECT_EQ(field_of(definitions), "indicators[1].id");
  EXPECT_EQ(field_of(json::array()), "indicators");
}

TEST(IndicatorJsonTest, RoundTrips) {
  const json definitions = json::parse(R"([{
    "id": "dsr", "name_sv": "Dödlighet", "name_en": "Mortality", "type": "dsr",
    "numerator": "dod", "age": "alder", "filter": "alder >= 0", "multiplier": 100000,
    "higher_is_favourable": false, "areas": ["kommun"], "dimensions": [["kon", "utbildning"]],
    "confidence": [0.95, 0.998], "period": "ar"
  }])");
  const auto parsed = IndicatorDefinitionsFromJson(definitions);
  EXPECT_EQ(parsed[0].dimensions[0].size(), 2U);
  EXPECT_EQ(parsed[0].confidence.size(), 2U);
  EXPECT_EQ(IndicatorDefinitionsToJson(parsed)[0]["filter"], "alder >= 0");
  EXPECT_EQ(IndicatorDefinitionsFromJson(IndicatorDefinitionsToJson(parsed))[0].multiplier, 100000);
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalysesTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
