#include "followup/status.hpp"

#include <gtest/gtest.h>

#include "core/labelled_enum_testing.hpp"

namespace jamlik::followup {
namespace {

TEST(StatusTest, EveryStatusAndReasonHasAnIdAndBothLabels) {
  testing::ExpectCompleteEnumTable(TargetStatus::kNoData);
  testing::ExpectCompleteEnumTable(StatusReason::kSubgroupWithoutData);
  EXPECT_EQ(EnumId(TargetStatus::kOnTrack), "on_track");
  EXPECT_EQ(EnumLabel(TargetStatus::kReached, Language::kSwedish), "Uppnått");
  EXPECT_EQ(EnumLabel(TargetStatus::kReached, Language::kEnglish), "Reached");
}

TEST(StatusTest, OffTrackIsWorstThenNoData) {
  using S = TargetStatus;
  EXPECT_EQ(Worse(S::kReached, S::kOnTrack), S::kOnTrack);
  EXPECT_EQ(Worse(S::kAtRisk, S::kOnTrack), S::kAtRisk);
  EXPECT_EQ(Worse(S::kAtRisk, S::kNoData), S::kNoData);
  EXPECT_EQ(Worse(S::kNoData, S::kOffTrack), S::kOffTrack);
  EXPECT_EQ(Worse(S::kOffTrack, S::kReached), S::kOffTrack);
}

}  // namespace
}  // namespace jamlik::followup
