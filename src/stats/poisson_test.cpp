#include "stats/poisson.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "stats/testing_internal.hpp"

namespace jamlik {
namespace {

using stats_internal::ExpectContains;
using stats_internal::ExpectUndefined;

// Return P(X <= x) for X ~ Poisson(mean), summed directly (independent of Boost's chi-square).
double PoissonLowerTail(int x, double mean) {
  double tail = 0;
  for (int k = 0; k <= x; ++k) tail += std::exp(k * std::log(mean) - mean - std::lgamma(k + 1.0));
  return tail;
}

TEST(ExactPoisson, LimitsAreWhereThePoissonTailsEqualHalfAlpha) {
  for (int count : {1, 4, 9, 25}) {
    SCOPED_TRACE(count);
    const Interval interval = ExactPoissonInterval(count, 0.95);
    EXPECT_NEAR(1 - PoissonLowerTail(count - 1, interval.lower), 0.025, 1e-12);
    EXPECT_NEAR(PoissonLowerTail(count, interval.upper), 0.025, 1e-12);
  }
}

TEST(ExactPoisson, ZeroCountHasLowerZeroAndUpperMinusLogHalfAlpha) {
  const Interval interval = ExactPoissonInterval(0, 0.95);
  EXPECT_EQ(interval.lower, 0);
  EXPECT_NEAR(interval.upper, -std::log(0.025), 1e-13);
}

TEST(Byars, LowerLimitIsUndefinedWhereTheFormulaTurnsNegative) {
  ExpectUndefined(ByarsLower(0, 0.95), UndefinedReason::kNegativeLimit);
  ExpectUndefined(ByarsLower(1, 0.998), UndefinedReason::kNegativeLimit);
  EXPECT_TRUE(ByarsLower(1, 0.95).has_value());
  EXPECT_GT(ByarsUpper(0, 0.95), 0);
}

TEST(Byars, ApproachesTheExactLimitsForLargeCounts) {
  const Interval exact = ExactPoissonInterval(1000, 0.95);
  EXPECT_NEAR(*ByarsLower(1000, 0.95), exact.lower, 1e-3 * exact.lower);
  EXPECT_NEAR(ByarsUpper(1000, 0.95), exact.upper, 1e-3 * exact.upper);
}

// Reference: R 4.2 `poisson.test(50)$conf.int` and `poisson.test(1234)$conf.int` (exact limits).
TEST(PoissonCountInterval, ExactOnRequestAtEveryCount) {
  EXPECT_EQ(PoissonMethodFor(1234, PoissonLimits::kExact), PoissonMethod::kExact);
  const Interval fifty = PoissonCountInterval(50, 0.95, PoissonLimits::kExact);
  EXPECT_NEAR(fifty.lower, 37.11096374, 1e-6);
  EXPECT_NEAR(fifty.upper, 65.91876666, 1e-6);
  const Interval large = PoissonCountInterval(1234, 0.95, PoissonLimits::kExact);
  EXPECT_NEAR(large.lower, 1166.101719, 1e-5);
  EXPECT_NEAR(large.upper, 1304.820371, 1e-5);
  // PHE's rule gives Byar's limits there, close to but not the exact ones.
  EXPECT_NE(PoissonCountInterval(50, 0.95).lower, fifty.lower);
  EXPECT_EQ(PoissonLimitsFor("exact"), PoissonLimits::kExact);
  EXPECT_EQ(PoissonLimitsFor("poisson"), PoissonLimits::kPheRule);
}

TEST(PoissonCountInterval, SwitchesFromExactToByarsAtTen) {
  EXPECT_EQ(PoissonMethodFor(9.999), PoissonMethod::kExact);
  EXPECT_EQ(PoissonMethodFor(10), PoissonMethod::kByars);
  const Interval nine = PoissonCountInterval(9, 0.95);
  EXPECT_EQ(nine.upper, ExactPoissonInterval(9, 0.95).upper);
  const Interval ten = PoissonCountInterval(10, 0.95);
  EXPECT_EQ(ten.lower, *ByarsLower(10, 0.95));
  EXPECT_STREQ(PoissonMethodId(PoissonMethod::kByars), "byars");
}

TEST(PoissonCountInterval, ByarsLowerLimitIsDefinedFromTenAtTheHighestConfidence) {
  // The largest double below 1.
  const double confidence = std::nextafter(1.0, 0.0);
  EXPECT_GT(PoissonCountInterval(10, confidence).lower, 0);
}

TEST(PoissonIntervals, HigherConfidenceContainsLower) {
  for (int count = 0; count <= 40; ++count) {
    SCOPED_TRACE(count);
    ExpectContains(PoissonCountInterval(count, 0.998), PoissonCountInterval(count, 0.95));
    ExpectContains(PoissonCountInterval(count, 0.95), PoissonCountInterval(count, 0.9));
  }
}

TEST(CrudeRate, ScalesTheCountIntervalToTheRate) {
  const RateEstimate rate = CrudeRate(25, 50000);
  ASSERT_TRUE(rate.value && rate.interval);
  EXPECT_DOUBLE_EQ(*rate.value, 50);
  const Interval count = PoissonCountInterval(25, 0.95);
  EXPECT_DOUBLE_EQ(rate.interval->lower, count.lower * 2);
  EXPECT_DOUBLE_EQ(rate.interval->upper, count.upper * 2);
  EXPECT_EQ(rate.method, PoissonMethod::kByars);
}

TEST(CrudeRate, ZeroCountHasValueZeroAndAPositiveUpperLimit) {
  const RateEstimate rate = CrudeRate(0, 1000, {.multiplier = 1000});
  ASSERT_TRUE(rate.value && rate.interval);
  EXPECT_EQ(*rate.value, 0);
  EXPECT_EQ(rate.interval->lower, 0);
  EXPECT_NEAR(rate.interval->upper, -std::log(0.025), 1e-13);
  EXPECT_EQ(rate.method, PoissonMethod::kExact);
}

TEST(CrudeRate, ZeroOrMissingDenominatorIsUndefined) {
  const RateEstimate zero = CrudeRate(3, 0);
  ExpectUndefined(zero.value, UndefinedReason::kZeroDenominator);
  ExpectUndefined(zero.interval, UndefinedReason::kZeroDenominator);
  const RateEstimate missing = CrudeRate(12, std::nullopt);
  ExpectUndefined(missing.value, UndefinedReason::kMissingInput);
  EXPECT_EQ(missing.method, PoissonMethod::kByars);  // decided by the count alone
  EXPECT_FALSE(CrudeRate(std::nullopt, 100).method.has_value());
}

TEST(CrudeRate, AllowsMoreEventsThanPopulation) {
  EXPECT_TRUE(CrudeRate(250, 220).value.has_value());
}

TEST(CrudeRate, RefusesNegativeInputs) {
  EXPECT_THROW(CrudeRate(-1, 100), Error);
  EXPECT_THROW(CrudeRate(1, -100), Error);
  EXPECT_THROW(CrudeRate(1, 100, {.multiplier = -1}), Error);
  EXPECT_THROW(CrudeRate(1, 100, {.confidence = 1}), Error);
}

}  // namespace
}  // namespace jamlik
