#include "indicators/result_flags.hpp"

#include <gtest/gtest.h>

#include "core/labelled_enum_testing.hpp"

namespace jamlik {
namespace {

TEST(ResultFlagTest, EveryFlagHasAnIdAndBothLabels) {
  testing::ExpectCompleteEnumTable(ResultFlag::kMissingInSource);
}

TEST(ResultFlagTest, EveryUndefinedReasonIsTheFlagWithItsId) {
  for (int i = 0; i <= static_cast<int>(UndefinedReason::kNoSurvivors); ++i) {
    const auto reason = static_cast<UndefinedReason>(i);
    EXPECT_EQ(EnumId(FlagOf(reason)), UndefinedReasonId(reason));
  }
}

TEST(ResultFlagTest, KeepsTheIdsStoredResultsCarry) {
  EXPECT_EQ(EnumId(ResultFlag::kUnreliable), "unreliable");
  EXPECT_EQ(EnumId(ResultFlag::kTooFewObservations), "too_few_observations");
  EXPECT_EQ(EnumId(ResultFlag::kMissingInSource), "missing_in_source");
  EXPECT_EQ(EnumId(ResultFlag::kNone), "");
  EXPECT_EQ(EnumFromId<ResultFlag>(""), ResultFlag::kNone);
}

TEST(SuppressionReasonTest, EveryReasonHasAnIdAndBothLabels) {
  testing::ExpectCompleteEnumTable(SuppressionReason::kComplementary);
}

TEST(SuppressionReasonTest, KeepsTheIdsStoredResultsCarry) {
  EXPECT_EQ(EnumId(SuppressionReason::kNumeratorBelowMinimum), "numerator_below_minimum");
  EXPECT_EQ(EnumId(SuppressionReason::kDenominatorBelowMinimum), "denominator_below_minimum");
  EXPECT_EQ(EnumId(SuppressionReason::kPopulationBelowMinimum), "population_below_minimum");
  EXPECT_EQ(EnumId(SuppressionReason::kDominance), "dominance");
  EXPECT_EQ(EnumId(SuppressionReason::kComplementary), "complementary");
  EXPECT_EQ(EnumFromId<SuppressionReason>("complementary"), SuppressionReason::kComplementary);
}

}  // namespace
}  // namespace jamlik
