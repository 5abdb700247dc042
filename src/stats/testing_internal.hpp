#pragma once
// Assertions the stats unit tests share.
#include <gtest/gtest.h>

#include "stats/interval.hpp"

namespace jamlik::stats_internal {

// Expect `outer` (a higher confidence level) to contain `inner`.
inline void ExpectContains(const OrUndefined<Interval>& outer, const OrUndefined<Interval>& inner) {
  ASSERT_TRUE(outer.has_value());
  ASSERT_TRUE(inner.has_value());
  EXPECT_LE(outer->lower, inner->lower);
  EXPECT_GE(outer->upper, inner->upper);
}

// Expect `result` to be undefined for `reason`.
template <typename T>
void ExpectUndefined(const OrUndefined<T>& result, UndefinedReason reason) {
  ASSERT_FALSE(result.has_value());
  EXPECT_STREQ(UndefinedReasonId(result.error()), UndefinedReasonId(reason));
}

}  // namespace jamlik::stats_internal
