// The comparison kernel's methods against values computed independently with scipy (the
// formulas from first principles: scipy.stats.binom / poisson quantiles with Spiegelhalter's
// interpolation, Armitage's χ² for trend, numpy's weighted least squares), and the comparator
// rules on a small table.
#include "compare/compare.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace jamlik::compare {
namespace {

TEST(CompareInterval, FingertipsMarks) {
  EXPECT_EQ(CompareInterval(10, 12, 9, Polarity::kHighIsGood), "better");
  EXPECT_EQ(CompareInterval(10, 12, 9, Polarity::kLowIsGood), "worse");
  EXPECT_EQ(CompareInterval(10, 12, 9, Polarity::kNoJudgement), "higher");
  EXPECT_EQ(CompareInterval(10, 12, 13, Polarity::kHighIsGood), "worse");
  EXPECT_EQ(CompareInterval(10, 12, 13, Polarity::kNoJudgement), "lower");
  EXPECT_EQ(CompareInterval(10, 12, 11, Polarity::kHighIsGood), "similar");
  // A limit touching the comparator overlaps it.
  EXPECT_EQ(CompareInterval(10, 12, 10, Polarity::kHighIsGood), "similar");
}

// scipy: binom(n, t).ppf(p), α = (cdf(r) − p)/pmf(r), (r − α)/n.
TEST(Funnel, BinomialMatchesScipy) {
  auto limits = BinomialFunnel(1000, 0.3, 0.95);
  ASSERT_TRUE(limits);
  EXPECT_NEAR(limits->lower, 0.2712814170149662, 1e-10);
  EXPECT_NEAR(limits->upper, 0.32808892833420833, 1e-10);
  limits = BinomialFunnel(1000, 0.3, 0.998);
  EXPECT_NEAR(limits->lower, 0.25530281971649704, 1e-10);
  EXPECT_NEAR(limits->upper, 0.34483037460973187, 1e-10);
  limits = BinomialFunnel(37, 0.62, 0.95);
  EXPECT_NEAR(limits->lower, 0.44589217221345034, 1e-10);
  EXPECT_NEAR(limits->upper, 0.7593890071075398, 1e-10);
  EXPECT_FALSE(BinomialFunnel(0, 0.3, 0.95));
  EXPECT_FALSE(BinomialFunnel(100, 0.0, 0.95));
}

TEST(Funnel, PoissonMatchesScipy) {
  auto limits = PoissonFunnel(13200, 0.009, 0.95);
  ASSERT_TRUE(limits);
  EXPECT_NEAR(limits->lower, 0.007379031991466144, 1e-12);
  EXPECT_NEAR(limits->upper, 0.010616044309396213, 1e-12);
  limits = PoissonFunnel(13200, 0.009, 0.998);
  EXPECT_NEAR(limits->lower, 0.006521191231545976, 1e-12);
  EXPECT_NEAR(limits->upper, 0.011620861186103856, 1e-12);
  // Two expected events: the interpolated lower limit (−0.0163) is held at 0.
  limits = PoissonFunnel(50, 0.04, 0.95);
  EXPECT_EQ(limits->lower, 0.0);
  EXPECT_NEAR(limits->upper, 0.0953247272343038, 1e-12);
}

TEST(Trend, ChiSquaredForLinearTrend) {
  const std::vector<double> denominators(5, 100.0);
  const std::vector<double> rising = {10, 15, 20, 25, 30};
  Trend trend = ProportionTrend(rising, denominators);
  ASSERT_TRUE(trend.chi_squared);
  EXPECT_NEAR(*trend.chi_squared, 15.625, 1e-9);  // p = 7.7e-5 < 0.002
  EXPECT_EQ(trend.marker, "increasing");
  const std::vector<double> falling = {30, 25, 20, 15, 10};
  EXPECT_EQ(ProportionTrend(falling, denominators).marker, "decreasing");
  const std::vector<double> flat = {30, 29, 31, 30, 28};
  trend = ProportionTrend(flat, denominators);
  EXPECT_NEAR(*trend.chi_squared, 0.04318949631449632, 1e-12);
  EXPECT_EQ(trend.marker, "no_significant_change");
  const std::vector<double> four = {1, 2, 3, 4};
  trend = ProportionTrend(four, std::vector<double>(4, 10.0));
  EXPECT_EQ(trend.marker, "could_not_be_calculated");
  EXPECT_EQ(trend.reason, "fewer_than_five_periods");
  const std::vector<double> none(5, 0.0);
  EXPECT_EQ(ProportionTrend(none, denominators).reason, "no_variation");
}

TEST(Trend, WeightedSlopeMatchesNumpy) {
  const std::vector<double> y = {5, 4, 3.5, 2, 1}, se = {0.5, 0.4, 0.5, 0.3, 0.4};
  const Trend trend = WeightedTrend(y, se);
  ASSERT_TRUE(trend.slope);
  EXPECT_NEAR(*trend.slope, -1.010654399879862, 1e-10);
  EXPECT_NEAR(*trend.chi_squared, 56.77981640203785, 1e-8);
  EXPECT_EQ(trend.marker, "decreasing");
  const std::vector<double> zero = {0.5, 0.0, 0.5, 0.3, 0.4};
  EXPECT_EQ(WeightedTrend(y, zero).reason, "no_standard_error");
}

TEST(ParseComparator, Forms) {
  EXPECT_EQ(ParseComparator("lan").kind, Comparator::Kind::kCounty);
  EXPECT_EQ(ParseComparator("riket").kind, Comparator::Kind::kNation);
  const Comparator group = ParseComparator("group:G100001");
  EXPECT_EQ(group.kind, Comparator::Kind::kGroup);
  EXPECT_EQ(group.code, "G100001");
  EXPECT_EQ(ParseComparator("1880").code, "1880");
  try {
    ParseComparator("group:");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "against");
  }
  EXPECT_THROW(ParsePolarity("up"), Error);
}

ResultRow Row(std::string level, std::string area, std::string period, double estimate,
              double lower, double upper) {
  ResultRow row;
  row.indicator = std::string("x");
  row.indicator_type = std::string("mean");
  row.favourable_indicator = true;
  row.area_level = std::move(level);
  row.area = std::move(area);
  row.period = std::move(period);
  row.dimension = std::string("total");
  row.subgroup = std::string("T");
  row.estimate = estimate;
  row.lower = lower;
  row.upper = upper;
  return row;
}

TEST(Compare, CountyNationGroupAndArea) {
  const std::vector<ResultRow> rows = {
      Row("kommun", "1814", "2023", 12, 11, 13), Row("kommun", "1860", "2023", 8, 7, 9),
      Row("kommun", "1880", "2023", 10.5, 9.5, 11.5), Row("lan", "18", "2023", 10, 9.8, 10.2),
      Row("riket", "00", "2023", 11, 10.9, 11.1)};
  std::vector<Comparison> out = Compare(rows, {.against = ParseComparator("lan")});
  EXPECT_EQ(out[0].comparator_area, "18");
  EXPECT_EQ(out[0].comparator_value, 10.0);
  EXPECT_EQ(out[0].comparison, "better");
  EXPECT_EQ(out[1].comparison, "worse");
  EXPECT_EQ(out[2].comparison, "similar");
  EXPECT_EQ(out[0].difference, 2.0);
  EXPECT_EQ(out[3].comparison, "not_compared");  // the county has no county
  EXPECT_EQ(out[3].comparator_area, "");
  // 99.8 %: no interval at that level and no counts to make one.
  EXPECT_EQ(out[0].comparison_2, "not_compared");
  // Ranks among the municipalities, 1 the best (high is good); quartiles need four areas.
  EXPECT_EQ(out[0].rank, 1);
  EXPECT_EQ(out[1].rank, 3);
  EXPECT_EQ(out[1].rank_of, 3);
  EXPECT_EQ(out[3].rank, 1);
  EXPECT_FALSE(out[0].quartile);
  EXPECT_EQ(out[0].trend_reason, "fewer_than_five_periods");

  out = Compare(rows, {.against = ParseComparator("riket")});
  EXPECT_EQ(out[3].comparison, "worse");  // the county against the nation
  EXPECT_EQ(out[4].comparison, "not_compared");
  EXPECT_EQ(out[4].comparator_area, "00");

  // A group's value: the unweighted mean of its members (12 and 8).
  const CompareOptions group{.against = ParseComparator("group:Små"),
                             .groups = {{.id = "G1", .title = "Små", .members = {"1814", "1860"}}},
                             .polarity = {{"x", Polarity::kNoJudgement}}};
  out = Compare(rows, group);
  EXPECT_EQ(out[2].comparator_area, "G1");
  EXPECT_EQ(out[2].comparator_value, 10.0);
  EXPECT_EQ(out[2].comparison, "similar");
  EXPECT_EQ(out[0].comparison, "higher");
  EXPECT_EQ(out[1].comparison, "lower");
  EXPECT_THROW(Compare(rows, {.against = ParseComparator("group:G2"), .groups = group.groups}),
               Error);

  out = Compare(rows, {.against = ParseComparator("1880")});
  EXPECT_EQ(out[2].comparison, "not_compared");
  EXPECT_EQ(out[4].comparison, "better");  // 10.9…11.1 wholly above 10.5
}

TEST(Compare, MissingValuesAreNotCompared) {
  std::vector<ResultRow> rows = {Row("kommun", "1814", "2023", 12, 11, 13),
                                 Row("lan", "18", "2023", 10, 9.8, 10.2)};
  rows[1].estimate.reset();
  std::vector<Comparison> out = Compare(rows, {.against = ParseComparator("lan")});
  EXPECT_EQ(out[0].comparison, "not_compared");
  EXPECT_FALSE(out[0].comparator_value);
  rows[1].estimate = 10;
  rows[0].suppressed = true;
  out = Compare(rows, {.against = ParseComparator("lan")});
  EXPECT_EQ(out[0].comparison, "not_compared");
  EXPECT_FALSE(out[0].rank);
}

// A proportion with counts: its 99.8 % interval made by Wilson, funnel limits, and the trend.
TEST(Compare, ProportionTrendAndFunnel) {
  std::vector<ResultRow> rows;
  const double counts[] = {100, 120, 140, 160, 180};
  for (int i = 0; i < 5; ++i) {
    ResultRow area = Row("kommun", "1880", std::to_string(2019 + i), counts[i] / 10, 0, 0);
    area.indicator_type = "proportion";
    area.indicator_scale = 100;
    area.numerator = counts[i];
    area.denominator = 1000;
    area.lower.reset();
    area.upper.reset();
    area.confidence = 0.9;  // no interval at 95 %: Wilson makes both
    rows.push_back(area);
    ResultRow county = Row("lan", "18", std::to_string(2019 + i), 20, 19.9, 20.1);
    county.indicator_type = "proportion";
    county.indicator_scale = 100;
    rows.push_back(county);
  }
  const std::vector<Comparison> out = Compare(rows, {.against = ParseComparator("lan")});
  // 2019: 10 % (Wilson 95 %: 8.29–12.02; 99.8 %: 7.38–13.37) against 20 %.
  EXPECT_EQ(out[0].comparison, "worse");
  EXPECT_EQ(out[0].comparison_2, "worse");
  const auto funnel = BinomialFunnel(1000, 0.20, 0.95);
  EXPECT_NEAR(*out[0].funnel_lower, funnel->lower * 100, 1e-9);
  EXPECT_NEAR(*out[0].funnel_upper, funnel->upper * 100, 1e-9);
  EXPECT_EQ(out[8].trend, "increasing");
  EXPECT_EQ(out[6].trend, "could_not_be_calculated");
  // The gap to the county (−10, −8, −6, −4, −2 points) closes; the county's rows have no
  // comparator.
  EXPECT_EQ(out[8].gap_trend, "narrowing");
  EXPECT_EQ(out[9].gap_trend_reason, "no_comparator_value");
}

}  // namespace
}  // namespace jamlik::compare
