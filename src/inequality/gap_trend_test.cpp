// Trend of a gap: a case computed by hand, the log scale of ratios, the undefined cases and the
// table over a measure table's periods.
#include "inequality/gap_trend.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "inequality/result_inequality.hpp"

namespace jamlik::inequality {
namespace {

// Periods 1, 2, 3; estimates 10, 8, 5; se 1, 1, 2 (weights 1, 1, 1/4). By hand: x̄_w = 5/3,
// Σw(x − x̄)² = 4/9 + 1/9 + 4/9 = 1, Σw(x − x̄)y = −20/3 + 8/3 + 5/3 = −7/3, so the slope is
// −7/3 with se 1 and z = −7/3: significant at 95 % (|z| > 1.96), not at 99.8 % (|z| < 3.09).
// The series lies above 0 and falls: narrowing.
TEST(TrendOfGap, HandComputedCase) {
  const std::vector<GapPoint> points = {{1, 10, 1}, {2, 8, 1}, {3, 5, 2}};
  const GapTrend trend = TrendOfGap(points, 0.0, false);
  ASSERT_TRUE(trend.slope) << trend.reason;
  EXPECT_NEAR(*trend.slope, -7.0 / 3.0, 1e-12);
  EXPECT_NEAR(*trend.se, 1.0, 1e-12);
  EXPECT_NEAR(*trend.z, -7.0 / 3.0, 1e-12);
  EXPECT_NEAR(*trend.p_value, 0.019630657257290667, 1e-12);  // 2(1 − Φ(7/3))
  EXPECT_EQ(trend.marker_95, TrendMarker::kNarrowing);
  EXPECT_EQ(trend.marker_998, TrendMarker::kNoSignificantChange);
  // Below the no-inequality value, the same fall moves away from it.
  const std::vector<GapPoint> negative = {{1, -5, 1}, {2, -8, 1}, {3, -10, 2}};
  EXPECT_EQ(TrendOfGap(negative, 0.0, false).marker_95, TrendMarker::kWidening);
}

// Ratios trend on the log scale towards 1: R = e^1, e^0.5 with se(log) 0.1 each gives slope −0.5,
// se √0.02, narrowing at both levels.
TEST(TrendOfGap, RatiosOnTheLogScale) {
  const std::vector<GapPoint> points = {{2020, std::exp(1.0), 0.1}, {2021, std::exp(0.5), 0.1}};
  const GapTrend trend = TrendOfGap(points, 1.0, true);
  EXPECT_NEAR(*trend.slope, -0.5, 1e-12);
  EXPECT_NEAR(*trend.se, std::sqrt(0.02), 1e-12);
  EXPECT_EQ(trend.marker_998, TrendMarker::kNarrowing);
}

TEST(TrendOfGap, UndefinedCasesHaveAReason) {
  const std::vector<GapPoint> one = {{2020, 3, 1}, {2020, 4, 1}};
  EXPECT_FALSE(TrendOfGap(one, 0.0, false).slope);
  EXPECT_FALSE(TrendOfGap(one, 0.0, false).reason.empty());
  const std::vector<GapPoint> no_se = {{2020, 3, 0}, {2021, 4, 1}};
  EXPECT_FALSE(TrendOfGap(no_se, 0.0, false).slope);
  const std::vector<GapPoint> zero_ratio = {{2020, 0, 1}, {2021, 4, 1}};
  EXPECT_FALSE(TrendOfGap(zero_ratio, 1.0, true).slope);
}

TEST(GapTrends, OneRowPerSeries) {
  const auto text = [](const char* name, std::vector<std::optional<std::string>> values) {
    return Column::CategoricalFromStrings(name, values);
  };
  const Table measures({text("indicator", {"x", "x", "x", "x"}),
                        text("area_level", {"kommun", "kommun", "kommun", "kommun"}),
                        text("area", {"1814", "1814", "1814", "1814"}),
                        text("period", {"2021", "2022", "2023", "2021"}),
                        text("dimension", {"kon", "kon", "kon", "kon"}),
                        text("measure", {"d", "d", "d", "r"}),
                        NullableDoubleColumn("estimate", {10, 8, 5, 2}),
                        NullableDoubleColumn("se", {1, 1, 2, 0.1})});
  const Table trends = GapTrends(measures);
  ASSERT_EQ(trends.num_rows(), 2U);
  EXPECT_NEAR(trends.GetColumn("slope").NumericAt(0), -7.0 / 3.0, 1e-12);
  EXPECT_EQ(trends.GetColumn("trend_95").ValueToString(0), "narrowing");
  EXPECT_EQ(trends.GetColumn("first_period").NumericAt(0), 2021.0);
  EXPECT_TRUE(trends.GetColumn("slope").IsNull(1));  // r has one period
  EXPECT_FALSE(trends.GetColumn("reason").IsNull(1));
}

}  // namespace
}  // namespace jamlik::inequality
