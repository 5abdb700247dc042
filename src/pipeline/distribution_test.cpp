// pipeline::DistributionFigures and DistributionAndRelease: groups and margins, values computed
// by hand, the filter, weights as persons, and a small group withheld by disclosure control.
#include "pipeline/distribution.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "inequality/measure.hpp"

namespace jamlik {
namespace {

using pipeline::DistributionRequest;
using pipeline::ParseDistributionMeasures;

// 30 persons in 1880 with incomes 1..30 (alternately K and M) and 5 in 1881 with 10..50.
Table Persons() {
  std::vector<std::optional<std::string>> kommun, kon;
  std::vector<double> inkomst;
  std::vector<std::int64_t> alder;
  for (int i = 1; i <= 30; ++i) {
    kommun.emplace_back("1880");
    kon.emplace_back(i % 2 == 0 ? "M" : "K");
    inkomst.push_back(i);
    alder.push_back(i <= 10 ? 17 : 40);
  }
  for (int i = 1; i <= 5; ++i) {
    kommun.emplace_back("1881");
    kon.emplace_back("K");
    inkomst.push_back(10.0 * i);
    alder.push_back(40);
  }
  return Table({Column::CategoricalFromStrings("kommun", kommun),
                Column::CategoricalFromStrings("kon", kon), Column::Double("inkomst", inkomst),
                Column::Int64("alder", alder)});
}

// The row of a group (each grouping column's value) and measure.
std::size_t RowOf(const Table& table, const std::vector<std::string>& group,
                  const std::string& measure) {
  for (std::size_t r = 0; r < table.num_rows(); ++r) {
    bool match = table.GetColumn("measure").ValueToString(r) == measure;
    for (std::size_t c = 0; c < group.size() && match; ++c) {
      match = table.column(c).ValueToString(r) == group[c];
    }
    if (match) return r;
  }
  ADD_FAILURE() << "no row for " << measure;
  return 0;
}

double Estimate(const Table& table, const std::vector<std::string>& group,
                const std::string& measure) {
  return table.GetColumn("estimate").doubles()[RowOf(table, group, measure)];
}

TEST(Distribution, ParsesMeasuresWithTheirParameters) {
  const auto measures = ParseDistributionMeasures("gini, atkinson:0.5,ge:2");
  ASSERT_EQ(measures.size(), 3U);
  EXPECT_EQ(measures[1].id, "atkinson");
  EXPECT_EQ(measures[1].parameter, 0.5);
  EXPECT_EQ(measures[2].name, "ge:2");
  EXPECT_THROW(ParseDistributionMeasures("rci"), Error);  // needs a rank
  EXPECT_THROW(ParseDistributionMeasures("d"), Error);    // a subgroup measure
  EXPECT_THROW(ParseDistributionMeasures("gini:2"), Error);
  EXPECT_THROW(ParseDistributionMeasures("ge:x"), Error);
  EXPECT_THROW(ParseDistributionMeasures(","), Error);
  EXPECT_GT(ParseDistributionMeasures("all").size(), 8U);
}

// The whole first, then each column's groups, then their crossing, in category order; values by
// hand: the Gini of 1..n is (n − 1)/(3n); Eurostat's S80/S20 of 1..30 cuts at P20 = 6.5 and
// P80 = 24.5 (shares exactly 0.2 and 0.8), so it is (25 + … + 30)/(1 + … + 6) = 165/21.
TEST(Distribution, ComputesEveryMarginWithValuesByHand) {
  DistributionRequest request{.value = "inkomst", .by = {"kommun", "kon"}};
  request.measures = ParseDistributionMeasures("gini,s80_s20");
  request.options.bootstrap_draws = 200;
  const SummaryFigures figures = pipeline::DistributionFigures(Persons(), request);
  const Table& table = figures.table;
  // whole (1) + kommun (2) + kon (2) + kommun × kon (3) groups, two measures each
  ASSERT_EQ(table.num_rows(), 16U);
  EXPECT_EQ(table.column(0).ValueToString(0), "total");
  EXPECT_EQ(table.column(0).ValueToString(2), "1880");
  EXPECT_EQ(table.column(1).ValueToString(2), "total");
  EXPECT_NEAR(Estimate(table, {"1880", "total"}, "gini"), 29.0 / 90.0, 1e-12);
  EXPECT_NEAR(Estimate(table, {"1881", "total"}, "gini"), 4.0 / 15.0, 1e-12);
  EXPECT_NEAR(Estimate(table, {"1880", "total"}, "s80_s20"), 165.0 / 21.0, 1e-12);
  EXPECT_EQ(table.GetColumn("n").doubles()[RowOf(table, {"total", "total"}, "gini")], 35.0);
  EXPECT_EQ(table.GetColumn("n").doubles()[RowOf(table, {"1880", "K"}, "gini")], 15.0);
  EXPECT_EQ(figures.persons[RowOf(table, {"1881", "K"}, "gini")], 5U);
  const std::size_t whole = RowOf(table, {"total", "total"}, "gini");
  EXPECT_LT(table.GetColumn("lower").doubles()[whole],
            table.GetColumn("estimate").doubles()[whole]);
  EXPECT_GT(table.GetColumn("upper").doubles()[whole],
            table.GetColumn("estimate").doubles()[whole]);
  EXPECT_TRUE(figures.sums.empty());
}

TEST(Distribution, FiltersWeightsAndSplitMethod) {
  DistributionRequest request{.value = "inkomst", .filter = "alder >= 20"};
  request.measures = ParseDistributionMeasures("gini");
  request.options.bootstrap_draws = 50;
  Table persons = Persons();
  // 1880's 20 persons of 40 (incomes 11..30) and 1881's five.
  SummaryFigures figures = pipeline::DistributionFigures(persons, request);
  EXPECT_EQ(figures.persons[0], 25U);
  // Weights count as persons in the measure, rows in n: the value 1 of weight 3 as three rows.
  const Table weighted({Column::Double("x", {1, 2}), Column::Double("w", {3, 1})});
  const Table rows({Column::Double("x", {1, 1, 1, 2})});
  const auto gini = [](const Table& t, std::string weight) {
    DistributionRequest r{.value = "x", .weight = std::move(weight)};
    r.measures = ParseDistributionMeasures("gini");
    r.options.bootstrap_draws = 20;
    return pipeline::DistributionFigures(t, r).table.GetColumn("estimate").doubles()[0];
  };
  EXPECT_DOUBLE_EQ(gini(weighted, "w"), gini(rows, ""));
  // P90/P10 of 1..30: Eurostat averages at the exact shares 0.9 and 0.1 ((27 + 28)/(3 + 4)), the
  // split method takes the values that reach them (27/3).
  request = {.value = "inkomst", .by = {"kommun"}};
  request.measures = ParseDistributionMeasures("p90_p10");
  request.options.bootstrap_draws = 20;
  EXPECT_NEAR(Estimate(pipeline::DistributionFigures(persons, request).table, {"1880"}, "p90_p10"),
              55.0 / 7.0, 1e-12);
  request.options.percentile_method = inequality::PercentileMethod::kSplit;
  EXPECT_NEAR(Estimate(pipeline::DistributionFigures(persons, request).table, {"1880"}, "p90_p10"),
              9.0, 1e-12);
  request.value = "kommun";
  EXPECT_THROW(pipeline::DistributionFigures(persons, request), Error);
  request.value = "saknas";
  EXPECT_THROW(pipeline::DistributionFigures(persons, request), Error);
}

// 1881's five persons are fewer than the default minimum of 10: its figures are withheld with
// the reason; 1880's stay.
TEST(Distribution, WithholdsAGroupOfTooFewPersons) {
  DistributionRequest request{.value = "inkomst", .by = {"kommun"}};
  request.measures = ParseDistributionMeasures("gini,palma");
  request.options.bootstrap_draws = 50;
  ReleaseRequest release;
  release.dataset_label = "(in memory)";
  const ReleasedSummary released = pipeline::DistributionAndRelease(Persons(), request, release);
  const Table& table = released.table();
  const std::size_t small = RowOf(table, {"1881"}, "gini"), large = RowOf(table, {"1880"}, "gini");
  EXPECT_TRUE(table.GetColumn("estimate").IsNull(small));
  EXPECT_TRUE(table.GetColumn("lower").IsNull(small));
  EXPECT_TRUE(table.GetColumn("n").IsNull(small));
  // Why palma is undefined (five persons: nobody above P90) speaks of the persons too.
  EXPECT_TRUE(table.GetColumn("reason").IsNull(RowOf(table, {"1881"}, "palma")));
  EXPECT_EQ(table.GetColumn("suppression_reason").ValueToString(small),
            "denominator_below_minimum");
  EXPECT_NEAR(table.GetColumn("estimate").doubles()[large], 29.0 / 90.0, 1e-12);
  EXPECT_EQ(released.primary_rows(), 2U);
  release.unsuppressed = true;
  const ReleasedSummary raw = pipeline::DistributionAndRelease(Persons(), request, release);
  EXPECT_NEAR(raw.table().GetColumn("estimate").doubles()[RowOf(raw.table(), {"1881"}, "gini")],
              4.0 / 15.0, 1e-12);
  EXPECT_EQ(raw.table().GetColumn("reason").ValueToString(RowOf(raw.table(), {"1881"}, "palma")),
            "empty_top_group");
}

}  // namespace
}  // namespace jamlik
