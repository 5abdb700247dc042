// Horizontal inequity: a case computed by hand, the decomposition's identities, the errors, and the
// synthetic Sweden, whose home-care model gives the poor more care than their need predicts.
#include "inequality/horizontal_inequity.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "indicators/row_filter.hpp"
#include "io/csv_reader.hpp"
#include "synth/synthetic_population.hpp"

namespace jamlik::inequality {
namespace {

// Four persons ranked 1..4, need x = (0, 1, 0, 1), non-need z = rank, use y = 1 + 2x + 0.5z
// exactly. By hand (fractional ranks 1/8, 3/8, 5/8, 7/8; C = 2 cov(v, R) / mean):
// ȳ = 3.25, C(y) = 0.5625/3.25, need-expected ŷ = 2.25 + 2x with C(ŷ) = 0.25/3.25,
// HI = 0.3125/3.25; C_x = C_z = 0.25; contributions 2·0.5/3.25·0.25 and 0.5·2.5/3.25·0.25.
TEST(HorizontalInequity, HandComputedCase) {
  const Table persons({Column::Double("y", {1.5, 4.0, 2.5, 5.0}), Column::Double("x", {0, 1, 0, 1}),
                       Column::Double("z", {1, 2, 3, 4})});
  const InequityResult r =
      HorizontalInequity(persons, {.use = "y", .need = {"x"}, .nonneed = {"z"}, .rank = "z"});
  EXPECT_EQ(r.persons, 4U);
  EXPECT_NEAR(r.mean_use, 3.25, 1e-14);
  EXPECT_NEAR(r.intercept, 1.0, 1e-12);
  EXPECT_NEAR(*r.concentration.estimate, 0.5625 / 3.25, 1e-12);
  EXPECT_NEAR(*r.need_expected_concentration.estimate, 0.25 / 3.25, 1e-12);
  EXPECT_NEAR(*r.horizontal_inequity.estimate, 0.3125 / 3.25, 1e-12);
  ASSERT_EQ(r.contributions.size(), 2U);
  EXPECT_NEAR(r.contributions[0].coefficient, 2.0, 1e-12);
  EXPECT_NEAR(r.contributions[0].concentration, 0.25, 1e-12);
  EXPECT_NEAR(r.contributions[0].contribution, 0.25 / 3.25, 1e-12);
  EXPECT_NEAR(r.contributions[1].coefficient, 0.5, 1e-12);
  EXPECT_NEAR(r.contributions[1].contribution, 0.3125 / 3.25, 1e-12);
  EXPECT_NEAR(r.residual, 0.0, 1e-12);
}

// Random data with a categorical need variable: C = Σ contributions + residual, C(need-expected)
// = Σ need contributions, and HI = Σ non-need contributions + residual.
TEST(HorizontalInequity, DecompositionIdentitiesHold) {
  std::mt19937_64 engine(7);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> y, age, income;
  std::vector<std::optional<std::string>> sex;
  for (int i = 0; i < 500; ++i) {
    age.push_back(65 + i % 30);
    income.push_back(100 + (i * 37) % 400);
    sex.emplace_back(i % 3 == 0 ? "M" : "K");
    y.push_back(5 + 0.2 * age.back() - 0.004 * income.back() + (i % 3 == 0 ? 1.0 : 0.0) +
                noise(engine));
  }
  const Table persons({Column::Double("y", y), Column::Double("alder", age),
                       Column::CategoricalFromStrings("kon", sex),
                       Column::Double("inkomst", income)});
  const InequityResult r = HorizontalInequity(
      persons,
      {.use = "y", .need = {"alder:10", "kon"}, .nonneed = {"inkomst"}, .rank = "inkomst"});
  ASSERT_EQ(r.contributions.size(), 5U);  // alder=70, 80, 90 (60 the reference), kon, inkomst
  EXPECT_EQ(r.contributions[0].regressor, "alder=70");
  EXPECT_EQ(r.contributions[3].regressor, "kon=K");  // M, seen first, is the reference
  // The persons behind each regressor (disclosure control judges a dummy by both groups).
  EXPECT_EQ(r.contributions[0].persons, 170U);           // ages 70–79
  EXPECT_EQ(r.contributions[0].reference_persons, 85U);  // ages 65–69
  EXPECT_EQ(r.contributions[3].persons, 333U);
  EXPECT_EQ(r.contributions[3].reference_persons, 167U);
  EXPECT_EQ(r.contributions[4].persons, 500U);  // linear: everyone
  EXPECT_FALSE(r.contributions[4].need);
  double total = r.residual;
  for (const auto& c : r.contributions) total += c.contribution;
  EXPECT_NEAR(total, *r.concentration.estimate, 1e-12);
  EXPECT_NEAR(r.need_contribution, *r.need_expected_concentration.estimate, 1e-12);
  EXPECT_NEAR(*r.horizontal_inequity.estimate, r.nonneed_contribution + r.residual, 1e-12);
  EXPECT_LT(*r.horizontal_inequity.lower, *r.horizontal_inequity.estimate);
}

TEST(HorizontalInequity, Errors) {
  const Table persons({Column::Double("y", {1, 2, 3, 4, 5}), Column::Double("x", {1, 2, 3, 4, 5}),
                       Column::Double("x2", {2, 4, 6, 8, 10})});
  const auto code = [&](const InequitySpec& spec) {
    try {
      HorizontalInequity(persons, spec);
    } catch (const Error& error) {
      return error.code();
    }
    return ErrorCode::kInternal;
  };
  EXPECT_EQ(code({.use = "y", .need = {"x", "x2"}, .rank = "x"}), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code({.use = "y", .need = {"nope"}, .rank = "x"}), ErrorCode::kUnknownColumn);
  EXPECT_EQ(code({.use = "y", .need = {"x:0"}, .rank = "x"}), ErrorCode::kInvalidArgument);
  const std::vector<std::uint8_t> two = {1, 1, 0, 0, 0};
  EXPECT_THROW(HorizontalInequity(persons, {.use = "y", .need = {"x"}, .rank = "x"}, two), Error);
}

// Home care among persons 65+ of a synthetic county: the model adds +0.4 … −0.35 to the log-odds
// from the poorest to the richest income quintile beyond age, sex and disability, so use is
// concentrated among the poor beyond need: HI < 0, significantly.
TEST(HorizontalInequity, SyntheticHomeCareFavoursThePoorBeyondNeed) {
  SynthOptions options;
  options.persons = 80000;
  options.seed = 11;
  options.county = "18";
  std::ostringstream csv;
  WriteSyntheticPopulation(options, csv);
  const Table persons = ApplyKnownDimensions(ReadCsvText(csv.str(), "synth.csv"));
  const auto keep = RowFilter::Parse("alder >= 65").Evaluate(persons);
  const InequityResult r = HorizontalInequity(persons,
                                              {.use = "hemtjanst",
                                               .need = {"alder:5", "kon", "funktionsnedsattning"},
                                               .nonneed = {"inkomstkvintil", "utbildning"},
                                               .rank = "inkomstkvintil"},
                                              keep);
  EXPECT_GT(r.persons, 10000U);
  ASSERT_TRUE(r.horizontal_inequity.upper);
  EXPECT_LT(*r.horizontal_inequity.estimate, 0.0);
  EXPECT_LT(*r.horizontal_inequity.upper, 0.0);
  // Income quintile dummies carry the inequity: their coefficients fall with income.
  double previous = 0.0;
  for (const auto& c : r.contributions) {
    if (c.regressor.rfind("inkomstkvintil=", 0) != 0) continue;
    EXPECT_LT(c.coefficient, previous) << c.regressor;
    previous = c.coefficient;
  }
}

}  // namespace
}  // namespace jamlik::inequality
