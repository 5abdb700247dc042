#include "compare/labels.hpp"

#include <gtest/gtest.h>

#include <array>

#include "compare/compare.hpp"

namespace jamlik::compare {
namespace {

// Every column the comparison writes has a header, and every mark it can write a word, in both
// languages: a new mark without words fails here.
TEST(ComparisonLabelsTest, EveryColumnAndMarkHasWordsInBothLanguages) {
  for (const char* column : ComparisonColumns()) {
    EXPECT_FALSE(ComparisonColumnLabel(column, Language::kSwedish).empty()) << column;
    EXPECT_FALSE(ComparisonColumnLabel(column, Language::kEnglish).empty()) << column;
  }
  for (const char* mark :
       {"better", "similar", "worse", "higher", "lower", "not_compared", "increasing", "decreasing",
        "no_significant_change", "could_not_be_calculated", "narrowing", "widening",
        "fewer_than_five_periods", "missing_value", "no_counts_or_intervals", "no_variation",
        "no_standard_error", "no_comparator_value"}) {
    EXPECT_NE(ComparisonMarkLabel(mark, Language::kSwedish), mark) << mark;
  }
  for (const Polarity polarity :
       {Polarity::kHighIsGood, Polarity::kLowIsGood, Polarity::kNoJudgement}) {
    EXPECT_NE(ComparisonMarkLabel(PolarityId(polarity), Language::kEnglish), PolarityId(polarity));
  }
  EXPECT_EQ(ComparisonMarkLabel("worse", Language::kSwedish), "sämre");
  EXPECT_EQ(ComparisonColumnLabel("comparison_2", Language::kSwedish), "Jämförelse (99,8 %)");
  EXPECT_EQ(ComparisonColumnLabel("estimate", Language::kSwedish), "");
  EXPECT_EQ(ComparisonMarkLabel("okänd", Language::kSwedish), "okänd");
}

}  // namespace
}  // namespace jamlik::compare
