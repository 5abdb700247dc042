#include "stats/student_t.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "stats/testing_internal.hpp"

namespace jamlik {
namespace {

using stats_internal::ExpectContains;
using stats_internal::ExpectUndefined;

TEST(StudentT, MatchesTheReferenceQuantile) {
  // t(0.975; 10) = 2.2281388519862747 (mpmath, 40 digits).
  const auto interval = StudentTInterval(11, 5, 2, 0.95);
  ASSERT_TRUE(interval);
  const double half_width = 2.2281388519862747 * 2 / std::sqrt(11.0);
  EXPECT_NEAR(interval->lower, 5 - half_width, 1e-13);
  EXPECT_NEAR(interval->upper, 5 + half_width, 1e-13);
}

TEST(StudentT, FewerThanTwoValuesIsUndefined) {
  ExpectUndefined(StudentTInterval(0, 0, 0, 0.95), UndefinedReason::kTooFewObservations);
  ExpectUndefined(StudentTInterval(1, 3, 0, 0.95), UndefinedReason::kTooFewObservations);
  EXPECT_TRUE(StudentTInterval(2, 3, 1, 0.95).has_value());
}

TEST(StudentT, AllEqualValuesGiveAZeroWidthInterval) {
  const auto interval = StudentTInterval(5, 7, 0, 0.95);
  ASSERT_TRUE(interval);
  EXPECT_EQ(interval->lower, 7);
  EXPECT_EQ(interval->upper, 7);
}

TEST(StudentT, HigherConfidenceContainsLower) {
  for (double count : {2.0, 3.0, 30.0, 1000.0}) {
    SCOPED_TRACE(count);
    ExpectContains(StudentTInterval(count, 10, 4, 0.998), StudentTInterval(count, 10, 4, 0.95));
  }
}

TEST(StudentT, RefusesInvalidInputs) {
  EXPECT_THROW(StudentTInterval(5, 1, -1, 0.95), Error);
  EXPECT_THROW(StudentTInterval(-5, 1, 1, 0.95), Error);
  EXPECT_THROW(StudentTInterval(5, std::nan(""), 1, 0.95), Error);
  EXPECT_THROW(StudentTInterval(5, 1, 1, 0.5), Error);
}

}  // namespace
}  // namespace jamlik
