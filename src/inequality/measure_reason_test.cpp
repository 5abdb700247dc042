#include "inequality/measure_reason.hpp"

#include <gtest/gtest.h>

#include "core/labelled_enum_testing.hpp"

namespace jamlik::inequality {
namespace {

TEST(MeasureReasonTest, EveryReasonHasAnIdAndBothLabels) {
  testing::ExpectCompleteEnumTable(MeasureReason::kExactFitWithoutStandardErrors);
}

TEST(MeasureReasonTest, TheLabelFollowsTheLanguage) {
  EXPECT_EQ(EnumLabel(MeasureReason::kZeroMean, Language::kSwedish), "Medelvärdet är 0");
  EXPECT_EQ(EnumLabel(MeasureReason::kZeroMean, Language::kEnglish), "The mean is 0");
  EXPECT_EQ(EnumId(MeasureReason::kZeroMean), "zero_mean");
}

}  // namespace
}  // namespace jamlik::inequality
