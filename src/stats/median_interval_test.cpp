#include "stats/median_interval.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "core/error.hpp"

namespace jamlik {
namespace {

std::vector<double> OneTo(std::size_t n) {
  std::vector<double> values(n);
  std::iota(values.begin(), values.end(), 1.0);
  return values;
}

TEST(MedianTest, MiddleValueOrMeanOfTheTwoMiddle) {
  EXPECT_FALSE(SampleMedian(std::vector<double>{}));
  EXPECT_EQ(*SampleMedian(std::vector<double>{7}), 7);
  EXPECT_EQ(*SampleMedian(std::vector<double>{1, 2, 10}), 2);
  EXPECT_EQ(*SampleMedian(std::vector<double>{1, 2, 4, 10}), 3);
  EXPECT_EQ(*SampleMedian(std::vector<double>{5, 5, 5, 5}), 5);
}

// Worked by hand, B ~ Binomial(n, 1/2), α/2 = 0.025 at 95 %:
//   n = 5:  P(B ≤ 0) = 1/32 = 0.03125 > 0.025: no interval.
//   n = 6:  P(B ≤ 0) = 1/64 ≈ 0.0156 ≤ 0.025, P(B ≤ 1) = 7/64 > 0.025: k = 0,
//           [x_(1), x_(6)], coverage 1 − 2/64 = 0.96875.
//   n = 10: P(B ≤ 1) = 11/1024 ≈ 0.0107, P(B ≤ 2) = 56/1024 ≈ 0.0547: k = 1,
//           [x_(2), x_(9)], coverage 1 − 22/1024 = 0.978515625.
// At 99.8 % (α/2 = 0.001), n = 9: 1/512 > 0.001, none; n = 10: 1/1024 ≤ 0.001: [x_(1), x_(10)].
TEST(MedianTest, OrderStatisticIntervalWorkedByHand) {
  EXPECT_EQ(OrderStatisticMedianInterval(OneTo(5), 0.95).error(),
            UndefinedReason::kTooFewObservations);
  const auto six = OrderStatisticMedianInterval(OneTo(6), 0.95);
  ASSERT_TRUE(six);
  EXPECT_EQ(six->lower_rank, 1U);
  EXPECT_EQ(six->upper_rank, 6U);
  EXPECT_EQ(six->interval.lower, 1);
  EXPECT_EQ(six->interval.upper, 6);
  EXPECT_NEAR(six->coverage, 0.96875, 1e-12);
  const auto ten = OrderStatisticMedianInterval(OneTo(10), 0.95);
  ASSERT_TRUE(ten);
  EXPECT_EQ(ten->lower_rank, 2U);
  EXPECT_EQ(ten->upper_rank, 9U);
  EXPECT_NEAR(ten->coverage, 0.978515625, 1e-12);
  EXPECT_FALSE(OrderStatisticMedianInterval(OneTo(9), 0.998));
  const auto strict = OrderStatisticMedianInterval(OneTo(10), 0.998);
  ASSERT_TRUE(strict);
  EXPECT_EQ(strict->lower_rank, 1U);
  EXPECT_FALSE(OrderStatisticMedianInterval(std::vector<double>{}, 0.95));
  EXPECT_THROW(OrderStatisticMedianInterval(OneTo(10), 0.5), Error);
}

// For large n the ranks follow the normal approximation n/2 ∓ z·√n/2, and the coverage is at
// least the level but close to it.
TEST(MedianTest, LargeSamplesCoverAtLeastTheLevel) {
  for (std::size_t n : {11, 100, 1001, 100000, 2000000}) {
    const auto found = OrderStatisticMedianInterval(OneTo(n), 0.95);
    ASSERT_TRUE(found) << n;
    EXPECT_GE(found->coverage, 0.95) << n;
    EXPECT_EQ(found->lower_rank + found->upper_rank, n + 1) << n;
    // P(B ≤ r − 1) ≈ Φ((r − 1/2 − n/2) / (√n/2)) = α/2, so r ≈ n/2 + 1/2 − z·√n/2.
    const double approximate = static_cast<double>(n) / 2 + 0.5 -
                               1.959963984540054 * std::sqrt(static_cast<double>(n)) / 2;
    EXPECT_NEAR(static_cast<double>(found->lower_rank), approximate, 1.5) << n;
  }
}

}  // namespace
}  // namespace jamlik
