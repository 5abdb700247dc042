#include "privacy/summary_release.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/error.hpp"

namespace jamlik {
namespace {

// Only the release step constructs released figures.
static_assert(!std::is_default_constructible_v<ReleasedSummary>);
static_assert(!std::is_constructible_v<ReleasedSummary, Table, bool, std::size_t, std::size_t>);

class MemoryAuditLog final : public AuditLog {
 public:
  void Append(AuditRecord record) override { records.push_back(std::move(record)); }
  std::vector<AuditRecord> records;
};

// A measure over everyone (200 persons), a category of 4 and one of 150, and their sum.
SummaryFigures Figures() {
  const std::vector<std::optional<std::string>> items{"overall", "small", "large", "total"};
  return {Table({Column::CategoricalFromStrings("item", items),
                 Column::Double("estimate", {0.10, 0.02, 0.03, 0.05}),
                 Column::Int64("persons", {200, 4, 150, 200})}),
          {200, 4, 150, 200},
          {}};
}

std::string Reason(const ReleasedSummary& released, std::size_t row) {
  return released.table().GetColumn("suppression_reason").ValueToString(row);
}

TEST(SummaryRelease, AFigureOfFewerPersonsThanTheMinimumIsWithheldAndTheOthersKept) {
  MemoryAuditLog log;
  const PublishContext context{"anna", "inequity y by r", {"(test)", 0, {}}, &log, {}, {}};
  const ReleasedSummary released = PublishSummary(Figures(), DisclosureRules{}, context);
  EXPECT_TRUE(released.disclosure_controlled());
  const Table& table = released.table();
  ASSERT_EQ(table.num_rows(), 4U);
  EXPECT_TRUE(table.GetColumn("estimate").IsNull(1));
  EXPECT_TRUE(table.GetColumn("persons").IsNull(1));
  EXPECT_EQ(table.GetColumn("estimate").doubles()[1], 0.0);  // not just marked null
  EXPECT_EQ(Reason(released, 1), "denominator_below_minimum");
  EXPECT_EQ(table.GetColumn("suppressed").ValueToString(1), "1");
  EXPECT_EQ(table.GetColumn("item").ValueToString(1), "small");  // the label stays
  for (std::size_t row : {0U, 2U, 3U}) {
    EXPECT_FALSE(table.GetColumn("estimate").IsNull(row)) << row;
    EXPECT_EQ(table.GetColumn("suppressed").ValueToString(row), "0");
  }
  EXPECT_DOUBLE_EQ(table.GetColumn("estimate").doubles()[2], 0.03);
  EXPECT_EQ(released.primary_rows(), 1U);
  EXPECT_EQ(released.complementary_rows(), 0U);
  // The release is recorded.
  ASSERT_EQ(log.records.size(), 1U);
  EXPECT_EQ(log.records[0].action, "publish");
  EXPECT_EQ(log.records[0].user, "anna");
  EXPECT_EQ(log.records[0].table, "inequity y by r");
  EXPECT_EQ(log.records[0].dataset.path, "(test)");
  EXPECT_EQ(log.records[0].rows, 4U);
  EXPECT_EQ(log.records[0].suppressed_rows, 1U);
}

TEST(SummaryRelease, TheThresholdIsTheRulesMinimumGroupSize) {
  DisclosureRules rules;
  rules.min_denominator = 4;  // 4 persons are enough
  EXPECT_FALSE(PublishSummary(Figures(), rules, {}).table().GetColumn("estimate").IsNull(1));
  rules.min_denominator = 151;  // the category of 150 is not
  const ReleasedSummary released = PublishSummary(Figures(), rules, {});
  EXPECT_TRUE(released.table().GetColumn("estimate").IsNull(2));
  EXPECT_FALSE(released.table().GetColumn("estimate").IsNull(0));
}

TEST(SummaryRelease, AWithheldPartOfASumIsNotLeftToSubtraction) {
  SummaryFigures figures = Figures();
  figures.sums = {{3, 1, 2}};  // total = small + large
  const ReleasedSummary released = PublishSummary(std::move(figures), DisclosureRules{}, {});
  EXPECT_EQ(Reason(released, 1), "denominator_below_minimum");
  EXPECT_EQ(Reason(released, 2), "complementary");  // else small = total − large
  EXPECT_FALSE(released.table().GetColumn("estimate").IsNull(3));
  EXPECT_EQ(released.complementary_rows(), 1U);

  // With only the total left to hide, the total goes, and through a second relation what
  // would give the total away.
  SummaryFigures chained = Figures();
  chained.sums = {{3, 1}, {0, 3, 2}};  // total = small; overall = total + large
  const ReleasedSummary both = PublishSummary(std::move(chained), DisclosureRules{}, {});
  EXPECT_EQ(Reason(both, 3), "complementary");
  EXPECT_EQ(Reason(both, 2), "complementary");
  EXPECT_FALSE(both.table().GetColumn("estimate").IsNull(0));
}

TEST(SummaryRelease, UnsuppressedKeepsEverythingAndIsRecordedAsSuch) {
  MemoryAuditLog log;
  const PublishContext context{"anna", "inequity", {"(test)", 0, {}}, &log, {}, {}};
  const ReleasedSummary released = PublishSummaryUnsuppressed(Figures(), context);
  EXPECT_FALSE(released.disclosure_controlled());
  EXPECT_DOUBLE_EQ(released.table().GetColumn("estimate").doubles()[1], 0.02);
  EXPECT_EQ(released.table().num_columns(), 3U);
  ASSERT_EQ(log.records.size(), 1U);
  EXPECT_EQ(log.records[0].action, "publish_unsuppressed");
}

TEST(SummaryRelease, AMissingCountOrRowIsAnError) {
  SummaryFigures figures = Figures();
  figures.persons.pop_back();
  EXPECT_THROW(PublishSummary(figures, DisclosureRules{}, {}), Error);
  figures = Figures();
  figures.sums = {{3, 9}};
  EXPECT_THROW(PublishSummary(figures, DisclosureRules{}, {}), Error);
}

TEST(SummaryRelease, ARequestIsResolvedAsEveryReleaseIsAndWritesTheAuditLog) {
  const auto log_path =
      std::filesystem::temp_directory_path() /
      ("summary_audit_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::remove(log_path);
  ReleaseRequest request;
  request.table = "inequity hemtjanst by inkomstkvintil";
  request.dataset_label = "(in memory)";
  request.audit_path = log_path.string();
  const ReleasedSummary released = ReleaseSummary(Figures(), request);
  EXPECT_TRUE(released.table().GetColumn("estimate").IsNull(1));
  request.unsuppressed = true;
  EXPECT_FALSE(ReleaseSummary(Figures(), request).disclosure_controlled());
  std::ifstream in(log_path);
  std::string first, second;
  ASSERT_TRUE(std::getline(in, first));
  ASSERT_TRUE(std::getline(in, second));
  EXPECT_NE(first.find("\"publish\""), std::string::npos) << first;
  EXPECT_NE(first.find("inequity hemtjanst by inkomstkvintil"), std::string::npos) << first;
  EXPECT_NE(first.find("(in memory)"), std::string::npos) << first;
  EXPECT_NE(second.find("\"publish_unsuppressed\""), std::string::npos) << second;
  std::filesystem::remove(log_path);
}

}  // namespace
}  // namespace jamlik
