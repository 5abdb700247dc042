#include "indicators/result_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace jamlik {
namespace {

std::vector<ResultRow> TwoRows() {
  ResultRow flagged;
  flagged.flag = ResultFlag::kUnreliable;
  ResultRow blanked;
  blanked.suppressed = true;
  blanked.suppression_reason = SuppressionReason::kComplementary;
  return {flagged, blanked};
}

TEST(ResultTableTest, EnumeratorsAreWrittenAsTheirIdsAndNoneAsNull) {
  const Table table = ResultRowsToTable(TwoRows());
  const Column& flag = table.GetColumn(result_column::kFlag);
  EXPECT_EQ(flag.ValueToString(0), "unreliable");
  EXPECT_TRUE(flag.IsNull(1));
  const Column& reason = table.GetColumn(result_column::kSuppressionReason);
  EXPECT_TRUE(reason.IsNull(0));
  EXPECT_EQ(reason.ValueToString(1), "complementary");
}

TEST(ResultTableTest, TheLabelledViewShowsLabelsInTheUsersLanguage) {
  SetLanguage(Language::kSwedish);
  const Table swedish = WithResultLabels(ResultRowsToTable(TwoRows()));
  EXPECT_EQ(swedish.GetColumn(result_column::kSuppressionReason).ValueToString(1),
            "annars kunde en dold uppgift räknas fram");
  EXPECT_TRUE(swedish.GetColumn(result_column::kFlag).IsNull(1));
  SetLanguage(Language::kEnglish);
  const Table english = WithResultLabels(ResultRowsToTable(TwoRows()));
  EXPECT_EQ(english.GetColumn(result_column::kSuppressionReason).ValueToString(1),
            "otherwise a hidden figure could be worked out");
  // Other columns are as they were.
  EXPECT_EQ(english.GetColumn(result_column::kDimension).ValueToString(0), "");
  EXPECT_EQ(english.num_columns(), ResultFields().size());
}

TEST(ResultTableTest, AnUnknownIdIsShownAsItIs) {
  const ResultField* flag = EnumeratedResultField(result_column::kFlag);
  ASSERT_NE(flag, nullptr);
  EXPECT_EQ(ResultFieldLabel(*flag, "from_an_older_file"), "from_an_older_file");
  EXPECT_EQ(ResultFieldLabel(*flag, ""), "");
  EXPECT_EQ(EnumeratedResultField(result_column::kEstimate), nullptr);
}

TEST(ResultTableTest, EnumeratedFieldsListTheirIds) {
  const ResultField* reason = EnumeratedResultField(result_column::kSuppressionReason);
  ASSERT_NE(reason, nullptr);
  const std::vector<std::string> ids = ResultFieldIds(*reason);
  EXPECT_EQ(ids.size(), EnumTable<SuppressionReason>::Entries().size());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "dominance"), ids.end());
  for (const ResultField& field : ResultFields()) {
    const bool enumerated = field.name == std::string(result_column::kFlag) ||
                            field.name == std::string(result_column::kSuppressionReason);
    EXPECT_EQ(ResultFieldIds(field).empty(), !enumerated) << field.name;
  }
}

}  // namespace
}  // namespace jamlik
