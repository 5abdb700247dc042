#include "stats/proportion.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "stats/testing_internal.hpp"

namespace jamlik {
namespace {

using stats_internal::ExpectContains;
using stats_internal::ExpectUndefined;

constexpr double kZ95 = 1.9599639845400542;  // mpmath, 40 digits

// Return P(X >= x) for X ~ Binomial(n, p), summed directly (independent of Boost's beta).
double BinomialUpperTail(int x, int n, double p) {
  double tail = 0;
  for (int k = x; k <= n; ++k) {
    tail += std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                     k * std::log(p) + (n - k) * std::log1p(-p));
  }
  return tail;
}

TEST(Wilson, ZeroSuccessesHasLowerLimitZeroAndClosedFormUpper) {
  const auto interval = WilsonInterval(0, 50, 0.95);
  ASSERT_TRUE(interval);
  EXPECT_EQ(interval->lower, 0);
  EXPECT_NEAR(interval->upper, kZ95 * kZ95 / (50 + kZ95 * kZ95), 1e-15);
}

TEST(Wilson, AllSuccessesHasUpperLimitOneAndClosedFormLower) {
  const auto interval = WilsonInterval(50, 50, 0.95);
  ASSERT_TRUE(interval);
  EXPECT_EQ(interval->upper, 1);
  EXPECT_NEAR(interval->lower, 50 / (50 + kZ95 * kZ95), 1e-15);
}

TEST(Wilson, ZeroTrialsIsUndefined) {
  ExpectUndefined(WilsonInterval(0, 0, 0.95), UndefinedReason::kZeroDenominator);
  ExpectUndefined(ClopperPearsonInterval(0, 0, 0.95), UndefinedReason::kZeroDenominator);
}

TEST(Wilson, FullConfidenceIsTheUnitInterval) {
  const auto interval = WilsonInterval(3, 10, 1);
  ASSERT_TRUE(interval);
  EXPECT_EQ(interval->lower, 0);
  EXPECT_EQ(interval->upper, 1);
}

TEST(Wilson, RefusesImpossibleInputs) {
  EXPECT_THROW(WilsonInterval(-1, 10, 0.95), Error);
  EXPECT_THROW(WilsonInterval(11, 10, 0.95), Error);
  EXPECT_THROW(WilsonInterval(1, -10, 0.95), Error);
  EXPECT_THROW(WilsonInterval(std::nan(""), 10, 0.95), Error);
  EXPECT_THROW(WilsonInterval(1, 10, 0.8), Error);
  EXPECT_THROW(ClopperPearsonInterval(11, 10, 0.95), Error);
}

TEST(ClopperPearson, LimitsAreWhereTheBinomialTailsEqualHalfAlpha) {
  const auto interval = ClopperPearsonInterval(5, 20, 0.95);
  ASSERT_TRUE(interval);
  EXPECT_NEAR(BinomialUpperTail(5, 20, interval->lower), 0.025, 1e-12);
  EXPECT_NEAR(1 - BinomialUpperTail(6, 20, interval->upper), 0.025, 1e-12);
}

TEST(ClopperPearson, ZeroAndAllSuccessesHaveClosedForms) {
  // At x = 0 the upper limit solves (1 − p)^n = α/2; at x = n the lower solves p^n = α/2.
  const auto none = ClopperPearsonInterval(0, 10, 0.95);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->lower, 0);
  EXPECT_NEAR(none->upper, 1 - std::pow(0.025, 0.1), 1e-14);
  const auto all = ClopperPearsonInterval(10, 10, 0.95);
  ASSERT_TRUE(all);
  EXPECT_NEAR(all->lower, std::pow(0.025, 0.1), 1e-14);
  EXPECT_EQ(all->upper, 1);
}

TEST(ProportionIntervals, HigherConfidenceContainsLower) {
  for (double x : {0.0, 1.0, 7.0, 50.0, 99.0, 100.0}) {
    SCOPED_TRACE(x);
    ExpectContains(WilsonInterval(x, 100, 0.998), WilsonInterval(x, 100, 0.95));
    ExpectContains(WilsonInterval(x, 100, 0.95), WilsonInterval(x, 100, 0.9));
    ExpectContains(ClopperPearsonInterval(x, 100, 0.998), ClopperPearsonInterval(x, 100, 0.95));
  }
}

TEST(Proportion, ScalesValueAndLimitsByTheMultiplier) {
  const Estimate share = Proportion(20, 80);
  const Estimate percent = Proportion(20, 80, {.multiplier = 100});
  ASSERT_TRUE(share.value && percent.value && share.interval && percent.interval);
  EXPECT_DOUBLE_EQ(*share.value, 0.25);
  EXPECT_DOUBLE_EQ(*percent.value, 25);
  EXPECT_DOUBLE_EQ(percent.interval->lower, 100 * share.interval->lower);
  EXPECT_DOUBLE_EQ(percent.interval->upper, 100 * share.interval->upper);
}

TEST(Proportion, UsesTheChosenMethod) {
  const Estimate exact = Proportion(3, 30, {.method = ProportionMethod::kClopperPearson});
  const auto expected = ClopperPearsonInterval(3, 30, 0.95);
  ASSERT_TRUE(exact.interval && expected);
  EXPECT_EQ(exact.interval->lower, expected->lower);
  EXPECT_EQ(exact.interval->upper, expected->upper);
}

TEST(Proportion, MissingOrZeroDenominatorIsUndefined) {
  ExpectUndefined(Proportion(std::nullopt, 10).value, UndefinedReason::kMissingInput);
  ExpectUndefined(Proportion(3, std::nullopt).interval, UndefinedReason::kMissingInput);
  const Estimate empty = Proportion(0, 0);
  ExpectUndefined(empty.value, UndefinedReason::kZeroDenominator);
  ExpectUndefined(empty.interval, UndefinedReason::kZeroDenominator);
}

TEST(Proportion, ZeroAndOneAreDefinedWithLimitsAtTheBounds) {
  const Estimate zero = Proportion(0, 25);
  const Estimate one = Proportion(25, 25);
  ASSERT_TRUE(zero.value && zero.interval && one.value && one.interval);
  EXPECT_EQ(*zero.value, 0);
  EXPECT_EQ(zero.interval->lower, 0);
  EXPECT_EQ(*one.value, 1);
  EXPECT_EQ(one.interval->upper, 1);
}

TEST(Proportion, RefusesANonPositiveMultiplierOrABadConfidenceEvenWhenInputsAreMissing) {
  EXPECT_THROW(Proportion(1, 10, {.multiplier = 0}), Error);
  EXPECT_THROW(Proportion(std::nullopt, 10, {.confidence = 0.5}), Error);
}

}  // namespace
}  // namespace jamlik
