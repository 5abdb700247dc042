#include "indicators/result_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/error.hpp"

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

TEST(ResultTableTest, RowsReadBackAsTheyWereWritten) {
  std::vector<ResultRow> rows = TwoRows();
  rows[0].indicator = "x";
  rows[0].period = "2025";
  rows[0].estimate = 12.5;
  rows[0].lower = 10;
  rows[0].upper = 15;
  rows[0].favourable_indicator = true;
  rows[0].subgroup_order = 2;
  const std::vector<ResultRow> back = ResultRowsFromTable(ResultRowsToTable(rows));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].indicator, "x");
  EXPECT_EQ(back[0].period, "2025");
  EXPECT_EQ(back[0].estimate, 12.5);
  EXPECT_EQ(back[0].upper, 15);
  EXPECT_TRUE(back[0].favourable_indicator);
  EXPECT_EQ(back[0].subgroup_order, 2);
  EXPECT_EQ(back[0].flag, ResultFlag::kUnreliable);
  EXPECT_FALSE(back[1].estimate.has_value());
  EXPECT_TRUE(back[1].suppressed);
  EXPECT_EQ(back[1].suppression_reason, SuppressionReason::kComplementary);
  // Numbers held as text (a column read with --type estimate=text) still read; words do not.
  Table text({Column::String("estimate", {"1.5", "many"})});
  EXPECT_THROW(ResultRowsFromTable(text), Error);
  EXPECT_EQ(ResultRowsFromTable(Table({Column::String("estimate", {"1.5"})}))[0].estimate, 1.5);
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

namespace jamlik {
namespace {

ResultRow CrossedRow() {
  ResultRow row;
  row.dimension = "kon × utbildning";
  row.subgroup = "K × eftergymnasial";
  row.method = "wilson";
  row.flag = ResultFlag::kCountBelowMinimum;
  return row;
}

TEST(ResultLabelTest, RowsGetLabelsInTheAskedLanguage) {
  const ResultRow row = CrossedRow();
  std::map<std::string, std::string> swedish, english;
  for (const ResultLabelField& field : ResultLabelFields()) {
    swedish[field.name] = ResultLabel(field, row, Language::kSwedish);
    english[field.name] = ResultLabel(field, row, Language::kEnglish);
  }
  EXPECT_EQ(swedish["dimension_label"], "Kön × Utbildningsnivå");
  EXPECT_EQ(swedish["subgroup_label"], "Kvinnor × Eftergymnasial");
  EXPECT_EQ(swedish["method_label"], "Wilson");
  EXPECT_EQ(swedish["flag_label"], "färre än 10 händelser");
  EXPECT_EQ(swedish["suppression_reason_label"], "");
  EXPECT_EQ(english["dimension_label"], "Sex × Education");
  EXPECT_EQ(english["subgroup_label"], "Women × Post-secondary");
  EXPECT_EQ(english["flag_label"], "fewer than 10 events");
}

TEST(ResultLabelTest, LabelColumnsFollowTheColumnsTheyLabelAndCodesStay) {
  const Table table = WithResultLabelColumns(ResultRowsToTable({CrossedRow()}), Language::kEnglish);
  EXPECT_EQ(table.num_columns(), ResultFields().size() + ResultLabelFields().size());
  const auto index = [&](const char* name) {
    for (std::size_t c = 0; c < table.num_columns(); ++c) {
      if (table.column(c).name() == name) return c;
    }
    return table.num_columns();
  };
  EXPECT_EQ(index("subgroup_label"), index(result_column::kSubgroup) + 1);
  EXPECT_EQ(table.GetColumn(result_column::kSubgroup).ValueToString(0), "K × eftergymnasial");
  EXPECT_EQ(table.GetColumn("subgroup_label").ValueToString(0), "Women × Post-secondary");
  EXPECT_EQ(table.GetColumn("method_label").ValueToString(0), "Wilson");
  EXPECT_TRUE(table.GetColumn("suppression_reason_label").IsNull(0));
}

TEST(ResultLabelTest, TheTerminalViewShowsLabelsAndHeadersOfKnownDimensions) {
  const ScopedLanguage swedish(Language::kSwedish);
  const Table labelled = WithResultLabels(ResultRowsToTable({CrossedRow()}));
  EXPECT_EQ(labelled.GetColumn(result_column::kDimension).ValueToString(0),
            "Kön × Utbildningsnivå");
  EXPECT_EQ(labelled.GetColumn(result_column::kSubgroup).ValueToString(0),
            "Kvinnor × Eftergymnasial");
  // An aggregate's own dimension columns: categories and headers in words.
  const Table aggregate({Column::CategoricalFromStrings("kon", {"M"})});
  EXPECT_EQ(WithResultLabels(aggregate).GetColumn("kon").ValueToString(0), "Män");
  EXPECT_EQ(ResultColumnLabel("kon"), "Kön");
  EXPECT_EQ(ResultColumnLabel("subgroup_label"), "Gruppens namn");
  EXPECT_EQ(ResultColumnNumberFormat(result_column::kEstimate), "#,##0.0");
  EXPECT_EQ(ResultColumnNumberFormat(result_column::kNumerator), "#,##0");
  EXPECT_EQ(ResultColumnNumberFormat(result_column::kArea), "");
}

}  // namespace
}  // namespace jamlik
