#include "stats/standardisation.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/error.hpp"
#include "stats/poisson.hpp"
#include "stats/testing_internal.hpp"

namespace jamlik {
namespace {

using stats_internal::ExpectContains;
using stats_internal::ExpectUndefined;

TEST(DirectlyStandardisedRate, MatchesAHandCalculation) {
  // DSR = (10·3000/1000 + 30·1000/2000)/4000 = 0.01125; V = (10·3² + 30·0.5²)/4000² = 6.09375e-6.
  const std::vector<DsrBand> bands = {{10, 1000, 3000}, {30, 2000, 1000}};
  const DsrEstimate estimate = DirectlyStandardisedRate(bands);
  ASSERT_TRUE(estimate.value && estimate.interval);
  EXPECT_DOUBLE_EQ(*estimate.value, 1125);
  EXPECT_EQ(estimate.total_count, 40);
  EXPECT_EQ(estimate.total_population, 3000);
  const auto dobson = DobsonInterval(0.01125, 6.09375e-6, 40, 0.95);
  ASSERT_TRUE(dobson);
  EXPECT_NEAR(estimate.interval->lower, dobson->lower * 100000, 1e-9);
  EXPECT_NEAR(estimate.interval->upper, dobson->upper * 100000, 1e-9);
}

TEST(DirectlyStandardisedRate, OneBandGivesTheCrudeRateAndByarsLimits) {
  const std::vector<DsrBand> band = {{40, 8000, 123}};
  const DsrEstimate estimate = DirectlyStandardisedRate(band);
  ASSERT_TRUE(estimate.value && estimate.interval);
  EXPECT_DOUBLE_EQ(*estimate.value, 500);
  EXPECT_NEAR(estimate.interval->lower, *ByarsLower(40, 0.95) / 8000 * 100000, 1e-10);
  EXPECT_NEAR(estimate.interval->upper, ByarsUpper(40, 0.95) / 8000 * 100000, 1e-10);
}

TEST(DirectlyStandardisedRate, FewerThanTenEventsIsUndefined) {
  const std::vector<DsrBand> nine = {{4, 1000, 1000}, {5, 1000, 1000}};
  const DsrEstimate estimate = DirectlyStandardisedRate(nine);
  ExpectUndefined(estimate.value, UndefinedReason::kCountBelowMinimum);
  ExpectUndefined(estimate.interval, UndefinedReason::kCountBelowMinimum);
  EXPECT_EQ(estimate.total_count, 9);
  const std::vector<DsrBand> ten = {{5, 1000, 1000}, {5, 1000, 1000}};
  EXPECT_TRUE(DirectlyStandardisedRate(ten).value.has_value());
}

TEST(DirectlyStandardisedRate, ZeroEventsHasNoDobsonIntervalButAFayFeuerOne) {
  const std::vector<DsrBand> bands = {{0, 1000, 1000}, {std::nullopt, 500, 1000}};
  const DsrEstimate dobson = DirectlyStandardisedRate(bands, {.min_total_count = 0});
  ASSERT_TRUE(dobson.value);
  EXPECT_EQ(*dobson.value, 0);
  ExpectUndefined(dobson.interval, UndefinedReason::kNegativeLimit);
  const DsrEstimate fay_feuer = DirectlyStandardisedRate(
      bands, {.method = DsrIntervalMethod::kFayFeuer, .min_total_count = 0});
  ASSERT_TRUE(fay_feuer.interval);
  EXPECT_EQ(fay_feuer.interval->lower, 0);
  EXPECT_GT(fay_feuer.interval->upper, 0);
}

TEST(DirectlyStandardisedRate, FayFeuerOnOneBandIsTheExactPoissonRate) {
  const std::vector<DsrBand> band = {{3, 2000, 777}};
  const DsrEstimate estimate = DirectlyStandardisedRate(
      band, {.method = DsrIntervalMethod::kFayFeuer, .min_total_count = 0});
  ASSERT_TRUE(estimate.interval);
  const Interval exact = ExactPoissonInterval(3, 0.95);
  EXPECT_NEAR(estimate.interval->lower, exact.lower / 2000 * 100000, 1e-9);
  EXPECT_NEAR(estimate.interval->upper, exact.upper / 2000 * 100000, 1e-9);
}

TEST(DirectlyStandardisedRate, HigherConfidenceContainsLower) {
  const std::vector<DsrBand> bands = {{12, 1000, 3000}, {30, 2000, 1000}, {1, 10, 50}};
  for (auto method : {DsrIntervalMethod::kDobson, DsrIntervalMethod::kFayFeuer}) {
    ExpectContains(
        DirectlyStandardisedRate(bands, {.confidence = 0.998, .method = method}).interval,
        DirectlyStandardisedRate(bands, {.confidence = 0.95, .method = method}).interval);
  }
}

TEST(DirectlyStandardisedRate, RefusesInvalidBands) {
  EXPECT_THROW(DirectlyStandardisedRate(std::vector<DsrBand>{}), Error);
  EXPECT_THROW(DirectlyStandardisedRate(std::vector<DsrBand>{{1, 0, 100}}), Error);
  EXPECT_THROW(DirectlyStandardisedRate(std::vector<DsrBand>{{-1, 10, 100}}), Error);
  EXPECT_THROW(DirectlyStandardisedRate(std::vector<DsrBand>{{1, 10, -100}}), Error);
  EXPECT_THROW(DirectlyStandardisedRate(std::vector<DsrBand>{{1, 10, 0}}), Error);
}

TEST(DirectlyStandardisedRateNonIndependent, MatchesAHandCalculation) {
  // Events 20 and 6, DSR = (20·1 + 6·2)/2000 = 0.016; V_1 = (10·1 + 4·4)/2000², V_2 = (5·1 +
  // 1·4)/2000², V = V_1 + 4·V_2 = 62/2000².
  const std::vector<DsrBandByFrequency> bands = {{1000, 1000, {{1, 10}, {2, 5}}},
                                                 {500, 1000, {{1, 4}, {2, 1}}}};
  const DsrEstimate estimate = DirectlyStandardisedRate(bands);
  ASSERT_TRUE(estimate.value && estimate.interval);
  EXPECT_DOUBLE_EQ(*estimate.value, 1600);
  EXPECT_EQ(estimate.total_count, 26);
  const auto dobson = DobsonInterval(0.016, 62 / 4e6, 26, 0.95);
  ASSERT_TRUE(dobson);
  EXPECT_NEAR(estimate.interval->lower, dobson->lower * 100000, 1e-9);
  EXPECT_NEAR(estimate.interval->upper, dobson->upper * 100000, 1e-9);
}

TEST(DirectlyStandardisedRateNonIndependent, OneEventEachEqualsTheIndependentRate) {
  const std::vector<DsrBand> independent = {{12, 1000, 3000}, {30, 2000, 1000}};
  const std::vector<DsrBandByFrequency> by_frequency = {{1000, 3000, {{1, 12}}},
                                                        {2000, 1000, {{1, 30}}}};
  const DsrEstimate a = DirectlyStandardisedRate(independent);
  const DsrEstimate b = DirectlyStandardisedRate(by_frequency);
  ASSERT_TRUE(a.interval && b.interval);
  EXPECT_DOUBLE_EQ(*a.value, *b.value);
  EXPECT_DOUBLE_EQ(a.interval->lower, b.interval->lower);
  EXPECT_DOUBLE_EQ(a.interval->upper, b.interval->upper);
}

TEST(DirectlyStandardisedRateNonIndependent, RefusesFayFeuer) {
  const std::vector<DsrBandByFrequency> bands = {{1000, 1000, {{1, 20}}}};
  EXPECT_THROW(DirectlyStandardisedRate(bands, {.method = DsrIntervalMethod::kFayFeuer}), Error);
}

// Two bands with E = 1000·20/10000 + 500·100/5000 = 12 expected and 20 observed events.
const std::vector<IsrBand> kIsrBands = {{5, 1000, 20, 10000}, {15, 500, 100, 5000}};

TEST(IndirectlyStandardisedRatio, IsObservedOverExpectedWithThePoissonLimits) {
  const IsrEstimate smr = IndirectlyStandardisedRatio(kIsrBands, 100);
  ASSERT_TRUE(smr.value && smr.interval);
  EXPECT_EQ(smr.observed, 20);
  EXPECT_DOUBLE_EQ(smr.expected, 12);
  EXPECT_DOUBLE_EQ(*smr.value, 20.0 / 12 * 100);
  const Interval count = PoissonCountInterval(20, 0.95);
  EXPECT_DOUBLE_EQ(smr.interval->lower, count.lower / 12 * 100);
  EXPECT_DOUBLE_EQ(smr.interval->upper, count.upper / 12 * 100);
  EXPECT_EQ(smr.method, PoissonMethod::kByars);
  EXPECT_FALSE(smr.reference_rate.has_value());
}

TEST(IndirectlyStandardisedRate, ScalesTheRatioByTheReferenceRate) {
  // Reference rate = 120/15000 per person = 800 per 100 000.
  const IsrEstimate rate = IndirectlyStandardisedRate(kIsrBands);
  ASSERT_TRUE(rate.value && rate.reference_rate);
  EXPECT_DOUBLE_EQ(*rate.reference_rate, 800);
  EXPECT_DOUBLE_EQ(*rate.value, 20.0 / 12 * 800);
}

TEST(IndirectlyStandardisedRatio, MissingValuesCountAsZero) {
  const std::vector<IsrBand> bands = {{5, 1000, 20, 10000},
                                      {std::nullopt, 500, 100, 5000},
                                      {3, std::nullopt, 7, 100},
                                      {1, 100, std::nullopt, 100}};
  const IsrEstimate smr = IndirectlyStandardisedRatio(bands);
  EXPECT_EQ(smr.observed, 9);
  EXPECT_DOUBLE_EQ(smr.expected, 12);
  EXPECT_EQ(smr.method, PoissonMethod::kExact);
}

TEST(IndirectlyStandardisedRatio, NoExpectedEventsIsUndefined) {
  const std::vector<IsrBand> bands = {{3, 1000, 0, 10000}};
  ExpectUndefined(IndirectlyStandardisedRatio(bands).value, UndefinedReason::kZeroExpected);
  const IsrEstimate rate = IndirectlyStandardisedRate(bands);
  ExpectUndefined(rate.interval, UndefinedReason::kZeroExpected);
  EXPECT_EQ(rate.reference_rate, 0);
}

TEST(IndirectlyStandardisedRatio, HigherConfidenceContainsLower) {
  ExpectContains(IndirectlyStandardisedRatio(kIsrBands, 1, 0.998).interval,
                 IndirectlyStandardisedRatio(kIsrBands, 1, 0.95).interval);
}

TEST(IndirectlyStandardisedRatio, RefusesInvalidBands) {
  EXPECT_THROW(IndirectlyStandardisedRatio(std::vector<IsrBand>{}), Error);
  EXPECT_THROW(IndirectlyStandardisedRatio(std::vector<IsrBand>{{1, 10, 1, 0}}), Error);
  EXPECT_THROW(IndirectlyStandardisedRatio(std::vector<IsrBand>{{-1, 10, 1, 10}}), Error);
  EXPECT_THROW(IndirectlyStandardisedRatio(kIsrBands, 0), Error);
}

}  // namespace
}  // namespace jamlik
