#include "privacy/publish.hpp"

#include <gtest/gtest.h>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "indicators/compute_indicators.hpp"

namespace jamlik {
namespace {

ResultRow Row(const std::string& indicator, const std::string& level, const std::string& area,
              const std::string& dimension, const std::string& subgroup, double numerator,
              double denominator, const std::string& type = "proportion") {
  ResultRow row;
  row.indicator = indicator;
  row.indicator_type = type;
  row.area_level = level;
  row.area = area;
  row.period = "2025";
  row.dimension = dimension;
  row.subgroup = subgroup;
  row.numerator = numerator;
  row.denominator = denominator;
  row.population = denominator;
  row.estimate = 100 * numerator / denominator;
  row.lower = *row.estimate - 1;
  row.upper = *row.estimate + 1;
  return row;
}

// Two municipalities of county 18 by sex, with margins: kommun 1814 women have 3 events.
std::vector<ResultRow> SexByMunicipality(const std::string& indicator) {
  const double events[2][2] = {{3, 20}, {15, 30}};
  const double persons[2][2] = {{100, 110}, {200, 190}};
  const char* areas[2] = {"1814", "1880"};
  const char* sexes[2] = {"K", "M"};
  std::vector<ResultRow> rows;
  double level_events[2] = {0, 0}, level_persons[2] = {0, 0};
  for (int a = 0; a < 2; ++a) {
    for (int s = 0; s < 2; ++s) {
      rows.push_back(
          Row(indicator, "kommun", areas[a], "kon", sexes[s], events[a][s], persons[a][s]));
      level_events[s] += events[a][s];
      level_persons[s] += persons[a][s];
    }
    rows.push_back(Row(indicator, "kommun", areas[a], "total", "T", events[a][0] + events[a][1],
                       persons[a][0] + persons[a][1]));
  }
  for (int s = 0; s < 2; ++s) {
    rows.push_back(Row(indicator, "lan", "18", "kon", sexes[s], level_events[s], level_persons[s]));
  }
  rows.push_back(Row(indicator, "lan", "18", "total", "T", level_events[0] + level_events[1],
                     level_persons[0] + level_persons[1]));
  return rows;
}

const ResultRow& Find(const PublishedResults& results, const std::string& indicator,
                      const std::string& area, const std::string& subgroup) {
  for (const auto& row : results.rows()) {
    if (row.indicator == indicator && row.area == area && row.subgroup == subgroup) return row;
  }
  throw std::runtime_error("no such row");
}

TEST(Publish, SmallNumeratorAndItsComplementsAreBlank) {
  const PublishedResults results = Publish(SexByMunicipality("x"), DisclosureRules{}, {});
  EXPECT_TRUE(results.disclosure_controlled());
  const ResultRow& small = Find(results, "x", "1814", "K");
  EXPECT_TRUE(small.suppressed);
  EXPECT_EQ(EnumId(small.suppression_reason), "numerator_below_minimum");
  EXPECT_FALSE(small.estimate || small.lower || small.numerator || small.denominator ||
               small.population);
  // The 2 × 2 table (municipality × sex, with margins) has one way to hide a cell: all four.
  for (const auto& [area, sex] : std::vector<std::pair<std::string, std::string>>{
           {"1814", "M"}, {"1880", "K"}, {"1880", "M"}}) {
    const ResultRow& row = Find(results, "x", area, sex);
    EXPECT_TRUE(row.suppressed) << area << sex;
    EXPECT_EQ(EnumId(row.suppression_reason), "complementary");
  }
  EXPECT_FALSE(Find(results, "x", "18", "T").suppressed);
  EXPECT_EQ(results.summary().primary_rows, 1U);
}

TEST(Publish, ASharedNumeratorIsHiddenInEveryIndicator) {
  auto rows = SexByMunicipality("rate");
  for (auto& row : SexByMunicipality("count")) {
    row.indicator_type = "count";
    row.denominator = *row.denominator + 1000;  // another denominator, the same events
    rows.push_back(row);
  }
  const PublishedResults results = Publish(rows, DisclosureRules{}, {});
  for (const char* indicator : {"rate", "count"}) {
    for (const char* sex : {"K", "M"}) {
      EXPECT_TRUE(Find(results, indicator, "1814", sex).suppressed) << indicator << sex;
      EXPECT_TRUE(Find(results, indicator, "1880", sex).suppressed) << indicator << sex;
    }
  }
}

TEST(Publish, SmallDenominatorZeroNumeratorDominanceAndLifeExpectancy) {
  std::vector<ResultRow> rows = {
      Row("p", "riket", "00", "total", "T", 2, 8), Row("z", "riket", "00", "total", "T", 0, 500),
      Row("m", "riket", "00", "total", "T", 900, 40, "mean"),
      Row("le", "riket", "00", "total", "T", 40, 4000, "life_expectancy")};
  PublishContext context;
  context.top_contributions = [](const ResultRow&) { return TopContributions{850, 20}; };
  const PublishedResults results = Publish(rows, DisclosureRules{}, context);
  EXPECT_EQ(EnumId(results.rows()[0].suppression_reason), "denominator_below_minimum");
  EXPECT_FALSE(results.rows()[1].suppressed);  // 0 is shown
  EXPECT_EQ(EnumId(results.rows()[2].suppression_reason), "dominance");
  EXPECT_EQ(EnumId(results.rows()[3].suppression_reason), "population_below_minimum");
}

// Incomes in two municipalities: in 1814 one person's 10 000 000 among twenty of 100, in 1860
// thirty incomes of 200.
Table Incomes() {
  std::vector<std::string> kommun;
  std::vector<double> inkomst;
  for (int i = 0; i < 20; ++i) {
    kommun.emplace_back("1814");
    inkomst.push_back(100);
  }
  kommun.emplace_back("1814");
  inkomst.push_back(10'000'000);
  for (int i = 0; i < 30; ++i) {
    kommun.emplace_back("1860");
    inkomst.push_back(200);
  }
  return ApplyKnownDimensions(
      Table({Column::String("kommun", kommun), Column::Double("inkomst", inkomst)}));
}

IndicatorDefinition MeanIncome(std::vector<std::string> areas) {
  IndicatorDefinition definition;
  definition.id = "inkomst";
  definition.type = "mean";
  definition.value = "inkomst";
  definition.areas = std::move(areas);
  return definition;
}

TEST(Publish, AMeanOnePersonDominatesIsSuppressedFromTheRowsOwnContributions) {
  // The web application's way: a default context, the contributions travel in the rows.
  const PublishedResults results =
      Publish(ComputeIndicators(Incomes(), {MeanIncome({"kommun"})}), DisclosureRules{}, {});
  const ResultRow& dominated = Find(results, "inkomst", "1814", "T");
  EXPECT_TRUE(dominated.suppressed);
  EXPECT_EQ(EnumId(dominated.suppression_reason), "dominance");
  EXPECT_FALSE(dominated.estimate || dominated.lower || dominated.numerator ||
               dominated.denominator || dominated.population);
  const ResultRow& spread = Find(results, "inkomst", "1860", "T");
  EXPECT_FALSE(spread.suppressed);
  EXPECT_DOUBLE_EQ(*spread.estimate, 200);
  EXPECT_EQ(results.summary().primary_rows, 1U);
  for (const ResultRow& row : results.rows()) EXPECT_FALSE(row.top_contributions);
}

// A median is one person's value or the mean of two: withheld for a small group like a mean, but
// it has no numerator to judge (its row carries none) and no sum to be dominated.
TEST(Publish, AMedianOfASmallGroupIsSuppressedAndALargeOneShown) {
  IndicatorDefinition definition = MeanIncome({"kommun"});
  definition.type = "median";
  Table incomes = Incomes();
  const PublishedResults results =
      Publish(ComputeIndicators(incomes, {definition}), DisclosureRules{}, {});
  const ResultRow& shown = Find(results, "inkomst", "1814", "T");
  EXPECT_FALSE(shown.suppressed);  // the 10 000 000 does not move the median of 21
  EXPECT_DOUBLE_EQ(*shown.estimate, 100);
  EXPECT_FALSE(shown.numerator);
  EXPECT_EQ(*shown.denominator, 21);
  DisclosureRules rules;
  rules.min_denominator = 25;
  const PublishedResults strict = Publish(ComputeIndicators(incomes, {definition}), rules, {});
  EXPECT_EQ(EnumId(Find(strict, "inkomst", "1814", "T").suppression_reason),
            "denominator_below_minimum");
  EXPECT_FALSE(Find(strict, "inkomst", "1860", "T").suppressed);
}

TEST(Publish, TheDominatorIsCarriedUpToLargerAreas) {
  // The county's 10 008 000 is still one person's 10 000 000 and a little more (both
  // municipalities lie in Örebro county, so the whole asked for as "riket" is the county).
  const PublishedResults results = Publish(
      ComputeIndicators(Incomes(), {MeanIncome({"kommun", "riket"})}), DisclosureRules{}, {});
  EXPECT_EQ(EnumId(Find(results, "inkomst", "1814", "T").suppression_reason), "dominance");
  EXPECT_EQ(EnumId(Find(results, "inkomst", "18", "T").suppression_reason), "dominance");
  EXPECT_EQ(Find(results, "inkomst", "18", "T").area_level, "lan");
  EXPECT_EQ(results.summary().primary_rows, 2U);
}

TEST(Publish, TheNkRuleAndNoneAreHonoured) {
  const auto rows = ComputeIndicators(Incomes(), {MeanIncome({"kommun"})});
  DisclosureRules rules;
  rules.dominance = DominanceRule::kNk;  // the top two hold far more than 85 % of 1814's sum
  EXPECT_EQ(EnumId(Find(Publish(rows, rules, {}), "inkomst", "1814", "T").suppression_reason),
            "dominance");
  rules.dominance = DominanceRule::kNone;
  EXPECT_FALSE(Find(Publish(rows, rules, {}), "inkomst", "1814", "T").suppressed);
}

TEST(Publish, TheContextsContributionsTakePrecedenceOverTheRows) {
  const auto rows = ComputeIndicators(Incomes(), {MeanIncome({"kommun"})});
  PublishContext context;
  context.top_contributions = [](const ResultRow&) { return std::optional<TopContributions>(); };
  EXPECT_FALSE(Find(Publish(rows, DisclosureRules{}, context), "inkomst", "1814", "T").suppressed);
}

TEST(Publish, NoOutputShowsTheContributions) {
  auto rows = ComputeIndicators(Incomes(), {MeanIncome({"kommun"})});
  ASSERT_TRUE(Find(Publish(rows, DisclosureRules{}, {}), "inkomst", "1814", "T").suppressed);
  // Even raw results keep the largest value to themselves: it is one person's income.
  const PublishedResults raw = PublishUnsuppressed(rows, {});
  for (const ResultRow& row : raw.rows()) EXPECT_FALSE(row.top_contributions);
  const Table table = ResultRowsToTable(raw.rows());
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    for (std::size_t r = 0; r < table.num_rows(); ++r) {
      EXPECT_NE(table.column(c).ValueToString(r), "10000000") << table.column(c).name();
    }
  }
}

TEST(Publish, WideIntervalIsFlaggedButShown) {
  std::vector<ResultRow> rows = {Row("p", "riket", "00", "total", "T", 50, 500)};
  rows[0].lower = 2;
  rows[0].upper = 30;
  DisclosureRules rules;
  rules.unreliable_relative_width = 100;
  const PublishedResults results = Publish(rows, rules, {});
  EXPECT_FALSE(results.rows()[0].suppressed);
  EXPECT_EQ(EnumId(results.rows()[0].flag), "unreliable");
  EXPECT_EQ(results.summary().unreliable_rows, 1U);
}

TEST(Publish, AnAreaOutsideTheHierarchyIsAnError) {
  auto rows = SexByMunicipality("x");
  for (auto& row : rows) {
    if (row.area == "1880") row.area = "2480";
  }
  EXPECT_THROW(Publish(rows, DisclosureRules{}, {}), Error);
  PublishContext context;
  context.area_parents = {{"2480", "18"}};
  EXPECT_NO_THROW(Publish(rows, DisclosureRules{}, context));
}

TEST(Publish, UnsuppressedKeepsEverything) {
  const PublishedResults results = PublishUnsuppressed(SexByMunicipality("x"), {});
  EXPECT_FALSE(results.disclosure_controlled());
  EXPECT_EQ(*Find(results, "x", "1814", "K").numerator, 3);
}

}  // namespace
}  // namespace jamlik
