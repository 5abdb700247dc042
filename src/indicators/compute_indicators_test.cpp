#include "indicators/compute_indicators.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string_view>
#include <utility>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "stats/proportion.hpp"

namespace jamlik {
namespace {

// Ten persons in two municipalities of two counties.
Table Persons() {
  Validity home_care = Validity::AllValid(10);
  for (std::size_t row : {0, 1, 5, 6}) home_care.Clear(row);  // under 65: not asked
  return ApplyKnownDimensions(Table({
      Column::String("kommun", {"0180", "0180", "0180", "0180", "0180", "1880", "1880", "1880",
                                "1880", "1880"}),
      Column::String("kon", {"K", "M", "K", "M", "K", "K", "M", "K", "M", "M"}),
      Column::String("utbildning", {"gymnasial", "eftergymnasial", "förgymnasial", "förgymnasial",
                                    "gymnasial", "eftergymnasial", "gymnasial", "förgymnasial",
                                    "eftergymnasial", "gymnasial"}),
      Column::Int64("alder", {34, 50, 70, 81, 90, 40, 12, 66, 77, 88}),
      Column::Int64("hemtjanst", {0, 0, 0, 1, 1, 0, 0, 0, 1, 1}, std::move(home_care)),
      Column::Double("inkomst", {300, 410, 150, 120, 130, 280, 0, 160, 220, 140}),
  }));
}

IndicatorDefinition HomeCare() {
  IndicatorDefinition definition;
  definition.id = "hemtjanst_65";
  definition.name_sv = "Andel med hemtjänst, 65+";
  definition.name_en = "Home care, 65+";
  definition.type = "proportion";
  definition.numerator = "hemtjanst";
  definition.filter = RowFilter::Parse("alder >= 65");
  definition.multiplier = 100;
  definition.areas = {"kommun", "lan", "riket"};
  definition.dimensions = {{"kon"}, {"utbildning"}};
  definition.confidence = {0.95, 0.998};
  return definition;
}

const ResultRow& Find(const std::vector<ResultRow>& rows, std::string_view area,
                      std::string_view dimension, std::string_view subgroup) {
  for (const auto& row : rows) {
    if (row.area == area && row.dimension == dimension && row.subgroup == subgroup) return row;
  }
  ADD_FAILURE() << "no row for " << area << " " << dimension << " " << subgroup;
  static const ResultRow kNone;
  return kNone;
}

TEST(ComputeIndicatorsTest, ProportionPerMunicipalityCountyAndNation) {
  const auto rows = ComputeIndicators(Persons(), {HomeCare()});
  // 0180: three persons aged 65+ (70, 81, 90), two with home care.
  const ResultRow& stockholm = Find(rows, "0180", "total", "T");
  EXPECT_EQ(stockholm.area_level, "kommun");
  EXPECT_EQ(stockholm.numerator, 2);
  EXPECT_EQ(stockholm.denominator, 3);
  EXPECT_DOUBLE_EQ(*stockholm.estimate, 100.0 * 2 / 3);
  const Interval wilson = *WilsonInterval(2, 3, 0.95);
  EXPECT_DOUBLE_EQ(*stockholm.lower, 100 * wilson.lower);
  EXPECT_DOUBLE_EQ(*stockholm.upper, 100 * wilson.upper);
  EXPECT_EQ(*stockholm.confidence_2, 0.998);
  EXPECT_LT(*stockholm.lower_2, *stockholm.lower);
  EXPECT_EQ(stockholm.method, "wilson");
  EXPECT_EQ(stockholm.area_name, BilingualText("Stockholm"));
  // Counties come from the code lists; the data covers two counties, not the nation, so the
  // whole ("riket" in the definition) is all of the data.
  EXPECT_EQ(Find(rows, "01", "total", "T").area_level, "lan");
  EXPECT_EQ(Find(rows, "01", "total", "T").area_name, BilingualText("Stockholms län"));
  EXPECT_EQ(Find(rows, "18", "total", "T").denominator, 3);  // 66, 77, 88
  const ResultRow& whole = Find(rows, "alla", "total", "T");
  EXPECT_EQ(whole.area_level, "alla");
  EXPECT_EQ(whole.area_name, BilingualText("Hela datamängden", "All data"));
  EXPECT_EQ(whole.numerator, 4);
  EXPECT_EQ(whole.denominator, 6);
  for (const ResultRow& row : rows) EXPECT_NE(row.area_level, "riket");
}

TEST(ComputeIndicatorsTest, SubgroupsOfOrderedDimensionsAreNumberedFromTheMostDisadvantaged) {
  const auto rows = ComputeIndicators(Persons(), {HomeCare()});
  const ResultRow& short_education = Find(rows, "alla", "utbildning", "förgymnasial");
  EXPECT_EQ(short_education.subgroup_order, 1);
  EXPECT_TRUE(short_education.ordered_dimension);
  EXPECT_EQ(short_education.numerator, 1);  // 70 (no), 81 (yes), 66 (no)
  EXPECT_EQ(short_education.denominator, 3);
  EXPECT_EQ(Find(rows, "alla", "utbildning", "eftergymnasial").subgroup_order, 3);
  const ResultRow& women = Find(rows, "alla", "kon", "K");
  EXPECT_EQ(women.subgroup_order, 0);
  EXPECT_FALSE(women.ordered_dimension);
  EXPECT_EQ(women.denominator, 3);  // 70, 90, 66
}

TEST(ComputeIndicatorsTest, CrossedDimensionsAndConditionNumerators) {
  IndicatorDefinition definition = HomeCare();
  definition.numerator.clear();
  definition.numerator_where = RowFilter::Parse("hemtjanst == 1 and alder >= 85");
  definition.dimensions = {{"kon", "utbildning"}};
  definition.areas = {};
  const auto rows = ComputeIndicators(Persons(), {definition});
  const ResultRow& men_upper_secondary = Find(rows, "alla", "kon × utbildning", "M × gymnasial");
  EXPECT_EQ(men_upper_secondary.numerator, 1);  // 88 with home care; 12 is not in the population
  EXPECT_EQ(men_upper_secondary.denominator, 1);
  EXPECT_EQ(men_upper_secondary.area_level, "alla");
}

// 12 events in 48 000 person-years. Reference: R 4.2 `poisson.test(12, T = 48000)$conf.int`
// × 100 000 = 12.91786481, 43.66996885 (exact); the default rule uses Byar's from 10.
TEST(ComputeIndicatorsTest, RatesAndCountsTakeExactPoissonLimitsOnRequest) {
  const Table events = ApplyKnownDimensions(
      Table({Column::String("kommun", {"1814"}), Column::Int64("dodsfall", {12}),
             Column::Int64("personar", {48000})}));
  IndicatorDefinition rate;
  rate.id = "dodlighet";
  rate.type = "rate";
  rate.numerator = "dodsfall";
  rate.denominator = "personar";
  rate.multiplier = 100000;
  rate.areas = {"kommun"};
  IndicatorDefinition exact = rate;
  exact.id = "dodlighet_exakt";
  exact.method = "exact";
  IndicatorDefinition count = exact;
  count.id = "dodsfall_exakt";
  count.type = "count";
  count.denominator.clear();
  count.multiplier = 1;
  const auto rows = ComputeIndicators(events, {rate, exact, count});
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].method, "byars");
  EXPECT_NEAR(*rows[0].estimate, 25, 1e-9);
  EXPECT_GT(std::abs(*rows[0].lower - 12.91786481), 1e-3);
  EXPECT_EQ(rows[1].method, "exact");
  EXPECT_NEAR(*rows[1].lower, 12.91786481, 1e-6);
  EXPECT_NEAR(*rows[1].upper, 43.66996885, 1e-6);
  EXPECT_EQ(rows[2].method, "exact");
  EXPECT_NEAR(*rows[2].lower, 12.91786481 * 0.48, 1e-6);
  EXPECT_NEAR(*rows[2].upper, 43.66996885 * 0.48, 1e-6);
}

TEST(ComputeIndicatorsTest, MeanWithStudentTInterval) {
  IndicatorDefinition definition;
  definition.id = "inkomst";
  definition.type = "mean";
  definition.value = "inkomst";
  definition.filter = RowFilter::Parse("alder >= 20");
  const auto rows = ComputeIndicators(Persons(), {definition});
  ASSERT_EQ(rows.size(), 1U);
  // Nine adults: 300 410 150 120 130 280 160 220 140.
  const double mean = (300 + 410 + 150 + 120 + 130 + 280 + 160 + 220 + 140) / 9.0;
  EXPECT_NEAR(*rows[0].estimate, mean, 1e-9);
  EXPECT_EQ(rows[0].denominator, 9);
  EXPECT_LT(*rows[0].lower, mean);
  EXPECT_GT(*rows[0].upper, mean);
}

TEST(ComputeIndicatorsTest, MeanRowsCarryTheirTwoLargestContributionsUpTheAreas) {
  IndicatorDefinition definition;
  definition.id = "inkomst";
  definition.type = "mean";
  definition.value = "inkomst";
  definition.filter = RowFilter::Parse("alder >= 20");
  definition.areas = {"kommun", "lan", "riket"};
  definition.dimensions = {{"kon"}};
  const auto rows = ComputeIndicators(Persons(), {definition});
  auto top = [&](std::string_view area, std::string_view subgroup) {
    const ResultRow& row = Find(rows, area, subgroup == "T" ? "total" : "kon", subgroup);
    EXPECT_TRUE(row.top_contributions.has_value()) << area << " " << subgroup;
    const TopContributions found = row.top_contributions.value_or(TopContributions{-1, -1});
    return std::pair(found.largest, found.second);
  };
  // 0180: 300 410 150 120 130; 1880 (adults): 280 160 220 140.
  EXPECT_EQ(top("0180", "T"), std::pair(410.0, 300.0));
  EXPECT_EQ(top("0180", "K"), std::pair(300.0, 150.0));
  EXPECT_EQ(top("1880", "M"), std::pair(220.0, 140.0));
  EXPECT_EQ(top("18", "T"), std::pair(280.0, 220.0));
  EXPECT_EQ(top("alla", "T"), std::pair(410.0, 300.0));  // merged from the municipalities' states
  // Other types leave them unset.
  for (const ResultRow& row : ComputeIndicators(Persons(), {HomeCare()})) {
    EXPECT_FALSE(row.top_contributions.has_value());
  }
}

TEST(ComputeIndicatorsTest, UnknownTypesMethodsAndColumnsAreClearErrors) {
  IndicatorDefinition definition = HomeCare();
  definition.type = "median";
  EXPECT_THROW(ComputeIndicators(Persons(), {definition}), Error);
  definition = HomeCare();
  definition.method = "agresti_coull";
  EXPECT_THROW(ComputeIndicators(Persons(), {definition}), Error);
  definition = HomeCare();
  definition.numerator = "hemtjanst_timmar";
  EXPECT_THROW(ComputeIndicators(Persons(), {definition}), Error);
  definition = HomeCare();
  definition.dimensions = {{"alder"}};
  EXPECT_THROW(ComputeIndicators(Persons(), {definition}), Error);
}

}  // namespace
}  // namespace jamlik
