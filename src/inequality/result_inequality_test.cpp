// The adapter between the long result table and the measures: both input layouts, the se from an
// interval, skipped dimensions, suppressed subgroups, ordering and the output table.
#include "inequality/result_inequality.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/result_table.hpp"
#include "inequality/registry.hpp"
#include "io/csv_reader.hpp"
#include "io/table_writer.hpp"

namespace jamlik::inequality {
namespace {

ResultRow Row(const std::string& area, const std::string& dimension, const std::string& subgroup,
              std::int64_t order, std::optional<double> estimate) {
  ResultRow row;
  row.indicator = "hemtjanst";
  row.indicator_name = "Hemtjänst";
  row.area_level = "kommun";
  row.area = area;
  row.period = "2025";
  row.dimension = dimension;
  row.subgroup = subgroup;
  row.subgroup_order = order;
  row.ordered_dimension = order > 0;
  row.favourable_indicator = false;
  row.indicator_scale = 100;
  row.estimate = estimate;
  row.population = 1000.0 + 100.0 * static_cast<double>(order);
  if (estimate) {
    row.lower = *estimate - 1.959963984540054 * 2.0;  // se 2 on the 95 % normal interval
    row.upper = *estimate + 1.959963984540054 * 2.0;
  }
  return row;
}

// Two municipalities (listed out of order), income quintiles, sex, the total and a crossing.
std::vector<ResultRow> Rows() {
  std::vector<ResultRow> rows;
  for (const std::string area : {"1880", "1814"}) {
    rows.push_back(Row(area, "total", "T", 0, 20));
    for (int q = 5; q >= 1; --q) {  // listed from the top: the adapter orders them
      rows.push_back(Row(area, "inkomstkvintil", std::to_string(q), q, 30.0 - 3.0 * q));
    }
    rows.push_back(Row(area, "kon", "K", 0, 22));
    rows.push_back(Row(area, "kon", "M", 0, 18));
    rows.push_back(Row(area, "kon × utbildning", "K × gymnasial", 0, 21));
  }
  return rows;
}

TEST(ReadSubgroupSets, GroupsSortsAndSkipsTotalAndCrossedDimensions) {
  const auto sets = ReadSubgroupSets(ResultRowsToTable(Rows()));
  ASSERT_EQ(sets.size(), 4U);
  EXPECT_EQ(sets[0].area, "1814");
  EXPECT_EQ(sets[0].dimension, "inkomstkvintil");
  EXPECT_EQ(sets[1].dimension, "kon");
  EXPECT_EQ(sets[2].area, "1880");
  const SubgroupData& quintiles = sets[0].data;
  EXPECT_TRUE(quintiles.ordered);
  EXPECT_FALSE(quintiles.favourable);
  EXPECT_EQ(quintiles.upper_bound, 100.0);
  ASSERT_EQ(quintiles.subgroups.size(), 5U);
  for (int j = 0; j < 5; ++j) {
    EXPECT_EQ(quintiles.subgroups[j].order, j + 1);
    EXPECT_NEAR(*quintiles.subgroups[j].se, 2.0, 1e-12);  // (upper − lower) / (2 z)
    EXPECT_DOUBLE_EQ(*quintiles.subgroups[j].population, 1000.0 + 100.0 * (j + 1));
  }
  EXPECT_EQ(sets[0].indicator_name, "Hemtjänst");
  EXPECT_EQ(sets[0].period, "2025");

  const auto all =
      ReadSubgroupSets(ResultRowsToTable(Rows()), {.include_total = true, .include_crossed = true});
  EXPECT_EQ(all.size(), 8U);
}

TEST(ReadSubgroupSets, TheSeFollowsTheRowsConfidence) {
  auto rows = Rows();
  for (auto& row : rows) row.confidence = 0.998;
  const auto sets = ReadSubgroupSets(ResultRowsToTable(rows));
  // The limits were built with the 95 % z; read at 99.8 % they give a smaller se.
  EXPECT_NEAR(*sets[0].data.subgroups[0].se, 2.0 * 1.959963984540054 / 3.090232306167813, 1e-9);
}

TEST(ReadSubgroupSets, ReadsItsOwnCsvBack) {
  std::ostringstream csv;
  WriteCsv(ResultRowsToTable(Rows()), csv);
  const auto direct = ReadSubgroupSets(ResultRowsToTable(Rows()));
  const auto read = ReadSubgroupSets(ReadCsvText(csv.str(), "results.csv"));
  ASSERT_EQ(read.size(), direct.size());
  for (std::size_t s = 0; s < read.size(); ++s) {
    EXPECT_EQ(read[s].area, direct[s].area);
    EXPECT_EQ(read[s].period, direct[s].period);
    EXPECT_EQ(read[s].dimension, direct[s].dimension);
    ASSERT_EQ(read[s].data.subgroups.size(), direct[s].data.subgroups.size());
    for (std::size_t j = 0; j < read[s].data.subgroups.size(); ++j) {
      EXPECT_EQ(read[s].data.subgroups[j].name, direct[s].data.subgroups[j].name);
      EXPECT_EQ(read[s].data.subgroups[j].estimate, direct[s].data.subgroups[j].estimate);
      EXPECT_NEAR(*read[s].data.subgroups[j].se, *direct[s].data.subgroups[j].se, 1e-12);
    }
  }
}

TEST(ReadSubgroupSets, ReadsTheHeatPlusTemplate) {
  const std::string csv =
      "setting,date,indicator_abbr,dimension,subgroup,subgroup_order,estimate,se,ci_lb,ci_ub,"
      "population,favourable_indicator,indicator_scale,ordered_dimension,reference_subgroup\n"
      "Sweden,2020,anc4,Sex,Female,0,80,,76.08,83.92,500,1,100,0,1\n"
      "Sweden,2020,anc4,Sex,Male,0,70,1.5,,,450,1,100,0,0\n"
      "Sweden,2020,anc4,Wealth,Q1,1,60,2,,,300,1,100,1,0\n"
      "Sweden,2020,anc4,Wealth,Q2,2,70,2,,,300,1,100,1,0\n"
      "Sweden,2020,anc4,Wealth,Q3,3,80,2,,,300,1,100,1,0\n";
  const auto sets = ReadSubgroupSets(ReadCsvText(csv, "heat.csv"));
  ASSERT_EQ(sets.size(), 2U);
  EXPECT_EQ(sets[0].indicator, "anc4");
  EXPECT_EQ(sets[0].area, "Sweden");
  EXPECT_EQ(sets[0].period, "2020");
  const auto& sex = sets[0].data.subgroups;
  EXPECT_NEAR(*sex[0].se, 2.0, 1e-3);  // from the 95 % limits
  EXPECT_DOUBLE_EQ(*sex[1].se, 1.5);   // as given
  EXPECT_TRUE(sex[0].reference);
  // Favourable with a reference: the reference minus the lowest subgroup.
  const MeasureResult d = Compute("d", sets[0].data);
  ASSERT_TRUE(d.estimate);
  EXPECT_DOUBLE_EQ(*d.estimate, 10.0);
  EXPECT_TRUE(sets[1].data.ordered);
}

// A result table with a suppressed quintile whose estimate was (wrongly) left in the file.
Table WithSuppressedQuintile() {
  auto rows = Rows();
  for (ResultRow& row : rows) {
    row.suppressed = row.area == "1814" && row.dimension == "inkomstkvintil" && row.subgroup == "3";
  }
  return ResultRowsToTable(rows);
}

TEST(ReadSubgroupSets, SuppressedSubgroupsAreMissingAndNeverRead) {
  const auto sets = ReadSubgroupSets(WithSuppressedQuintile());
  const Subgroup& third = sets[0].data.subgroups[2];
  EXPECT_EQ(third.name, "3");
  EXPECT_FALSE(third.estimate);
  EXPECT_FALSE(third.se);
  EXPECT_FALSE(third.population);
  // Ordered complex measures need every subgroup: undefined, with a reason.
  for (const char* id : {"sii", "rii", "aci", "rci", "par", "paf"}) {
    const MeasureResult result = Compute(id, sets[0].data);
    EXPECT_FALSE(result.estimate) << id;
    EXPECT_NE(result.reason, MeasureReason::kNone) << id;
  }
  // The other municipality is untouched.
  EXPECT_TRUE(Compute("sii", sets[2].data).estimate);
}

TEST(ReadSubgroupSets, RejectsDuplicatesAndDisagreeingRows) {
  auto rows = Rows();
  rows.push_back(rows[2]);
  try {
    ReadSubgroupSets(ResultRowsToTable(rows));
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
  }
  rows = Rows();
  rows[2].indicator_scale = 1000;
  EXPECT_THROW(ReadSubgroupSets(ResultRowsToTable(rows)), Error);
  try {
    ReadSubgroupSets(Table({Column::Int64("estimate", {1})}));
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kUnknownColumn);
  }
}

TEST(ParseMeasureList, AllOrAListOfKnownIds) {
  std::size_t subgroup_measures = 0;
  for (const MeasureDescriptor* measure : MeasureRegistry().All()) {
    subgroup_measures += measure->input == InputKind::kSubgroups;
  }
  EXPECT_EQ(ParseMeasureList("all").size(), subgroup_measures);
  EXPECT_EQ(ParseMeasureList("D, r,sii,d"), (std::vector<std::string>{"d", "r", "sii"}));
  try {
    ParseMeasureList("d,gini");  // an individual-data measure
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
  }
}

TEST(ComputeInequality, OneRowPerSetAndMeasureInOrderWithoutNan) {
  InequalityOptions options{.measures = ParseMeasureList("d,r,sii,bgv")};
  const Table out = ComputeInequality(WithSuppressedQuintile(), options);
  ASSERT_EQ(out.num_rows(), 4U * 4U);
  const Column& area = out.GetColumn("area");
  const Column& measure = out.GetColumn("measure");
  const Column& estimate = out.GetColumn("estimate");
  const Column& reason = out.GetColumn("reason");
  EXPECT_EQ(area.ValueToString(0), "1814");
  EXPECT_EQ(measure.ValueToString(0), "d");
  EXPECT_EQ(measure.ValueToString(2), "sii");
  EXPECT_EQ(out.GetColumn("se_scale").ValueToString(1), "log");
  EXPECT_TRUE(estimate.IsNull(2));  // sii with a suppressed quintile
  EXPECT_FALSE(reason.IsNull(2));
  // Adverse indicator falling with income: D = Q1 − Q5 = 27 − 15.
  EXPECT_DOUBLE_EQ(estimate.NumericAt(8), 12.0);
  for (std::size_t row = 0; row < out.num_rows(); ++row) {
    if (!estimate.IsNull(row)) {
      EXPECT_TRUE(std::isfinite(estimate.NumericAt(row)));
    }
  }
  // Simulated intervals are seeded: the same table every run.
  options.measures = {"bgsd"};
  std::ostringstream first, second;
  WriteCsv(ComputeInequality(ResultRowsToTable(Rows()), options), first);
  WriteCsv(ComputeInequality(ResultRowsToTable(Rows()), options), second);
  EXPECT_EQ(first.str(), second.str());
}

// A rate per 100 000 (not a proportion) gets the linear SII and RII by default, and the rows say
// so; a proportion keeps HEAT's logistic form; the option chooses either for all. Each row reads.
TEST(ComputeInequality, SiiIsLinearForRatesByDefaultAndTheRowsCarryAReading) {
  std::vector<ResultRow> rows;
  for (int q = 1; q <= 5; ++q) {
    ResultRow row = Row("1880", "inkomstkvintil", std::to_string(q), q, 900.0 - 100.0 * q);
    row.indicator_type = "rate";
    row.indicator_scale = 100000;
    rows.push_back(row);
  }
  InequalityOptions options{.measures = ParseMeasureList("d,sii,rii")};
  const Table rate = ComputeInequality(ResultRowsToTable(rows), options);
  const Column& measure = rate.GetColumn("measure");
  EXPECT_EQ(measure.ValueToString(1), "sii_linear");
  EXPECT_EQ(measure.ValueToString(2), "rii_linear");
  {
    const ScopedLanguage swedish(Language::kSwedish);
    const Table read = ComputeInequality(ResultRowsToTable(rows), options);
    // Adverse, falling with income: D = Q1 − Q5 = 800 − 400, the poorest worse off; SII negative.
    // The groups are named by their labels, not their codes 1 and 5.
    EXPECT_EQ(read.GetColumn("reading").ValueToString(0),
              "Kvintil 1 (lägst) har 400,0 högre värde än Kvintil 5 (högst); lågt värde är "
              "gynnsamt, så Kvintil 1 (lägst) har det sämre.");
    EXPECT_EQ(read.GetColumn("reading").ValueToString(1).substr(0, 9), "Negativt:");
  }
  options.slope_form = SlopeForm::kLogistic;
  EXPECT_EQ(
      ComputeInequality(ResultRowsToTable(rows), options).GetColumn("measure").ValueToString(1),
      "sii");
  for (ResultRow& row : rows) row.indicator_type = "proportion";
  options.slope_form = SlopeForm::kByIndicatorType;
  EXPECT_EQ(
      ComputeInequality(ResultRowsToTable(rows), options).GetColumn("measure").ValueToString(1),
      "sii");
  options.slope_form = SlopeForm::kLinear;
  EXPECT_EQ(
      ComputeInequality(ResultRowsToTable(rows), options).GetColumn("measure").ValueToString(1),
      "sii_linear");
  EXPECT_EQ(ParseSlopeForm("auto"), SlopeForm::kByIndicatorType);
  EXPECT_THROW(ParseSlopeForm("probit"), Error);
}

}  // namespace
}  // namespace jamlik::inequality
