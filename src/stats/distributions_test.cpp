#include "stats/distributions.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "stats/interval.hpp"

namespace jamlik {
namespace {

// Reference quantiles computed with mpmath 1.3 at 40 digits (erfinv, and root-finding on the
// regularised incomplete beta and gamma functions), and closed forms.
TEST(Distributions, MatchReferenceQuantiles) {
  EXPECT_NEAR(NormalQuantile(0.975), 1.9599639845400542, 1e-15);
  EXPECT_NEAR(TwoSidedNormalQuantile(0.95), 1.9599639845400542, 1e-15);
  EXPECT_NEAR(TwoSidedNormalQuantile(0.998), 3.0902323061678135, 1e-14);
  EXPECT_NEAR(StudentTQuantile(0.975, 10), 2.2281388519862747, 1e-13);
  EXPECT_NEAR(StudentTQuantile(0.975, 1), 12.706204736174705, 1e-12);
  EXPECT_NEAR(ChiSquaredQuantile(0.95, 1), 3.8414588206941260, 1e-13);
  // Gamma(1, θ) is exponential: the median is θ·ln 2. Beta(2, 2) is symmetric about 1/2.
  EXPECT_NEAR(GammaQuantile(0.5, 1, 2), 2 * std::log(2.0), 1e-15);
  EXPECT_NEAR(BetaQuantile(0.5, 2, 2), 0.5, 1e-15);
}

TEST(Distributions, RefuseProbabilitiesOutsideTheOpenUnitInterval) {
  for (double p : {0.0, 1.0, -0.1, std::nan("")}) {
    EXPECT_THROW(NormalQuantile(p), Error) << p;
  }
  // A confidence level is refused by name: the inequality measures pass the analyst's level here.
  for (double level : {0.0, 1.0, 1.5, std::nan("")}) {
    try {
      TwoSidedNormalQuantile(level);
      ADD_FAILURE() << level;
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
      EXPECT_EQ(error.field(), "confidence");
    }
  }
  EXPECT_THROW(StudentTQuantile(0.5, 0), Error);
  EXPECT_THROW(ChiSquaredQuantile(0.5, -1), Error);
  EXPECT_THROW(GammaQuantile(0.5, 1, 0), Error);
  EXPECT_THROW(BetaQuantile(0.5, 0, 1), Error);
}

TEST(Interval, RequireConfidenceAcceptsOnlyNinetyPercentUpToBelowOne) {
  EXPECT_NO_THROW(RequireConfidence(0.9));
  EXPECT_NO_THROW(RequireConfidence(0.95));
  EXPECT_NO_THROW(RequireConfidence(0.998));
  for (double confidence : {0.89, 1.0, 95.0, std::nan("")}) {
    try {
      RequireConfidence(confidence);
      ADD_FAILURE() << confidence << " accepted";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
      EXPECT_EQ(error.field(), "confidence");
    }
  }
}

TEST(Interval, EveryUndefinedReasonHasAnIdAndBothTexts) {
  std::set<std::string> ids;
  const Language language = CurrentLanguage();
  for (int i = 0; i <= static_cast<int>(UndefinedReason::kNoSurvivors); ++i) {
    const auto reason = static_cast<UndefinedReason>(i);
    ids.insert(UndefinedReasonId(reason));
    SetLanguage(Language::kSwedish);
    const std::string swedish(UndefinedReasonText(reason));
    SetLanguage(Language::kEnglish);
    const std::string english(UndefinedReasonText(reason));
    EXPECT_FALSE(swedish.empty());
    EXPECT_FALSE(english.empty());
    EXPECT_NE(swedish, english);
  }
  SetLanguage(language);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(UndefinedReason::kNoSurvivors) + 1);
  EXPECT_FALSE(ids.contains("unknown"));
}

}  // namespace
}  // namespace jamlik
