// The bootstrap interval of the Gini coefficient: reproducible for a seed, containing the estimate,
// shrinking like 1/√n, and covering the true value of a known distribution about as often as
// its level says.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include <boost/math/distributions/normal.hpp>

#include "core/error.hpp"

#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality {
namespace {

// n draws from a lognormal with log-sd sigma, from a seeded platform-independent stream.
Sample Lognormal(std::size_t n, double sigma, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  Sample sample;
  for (std::size_t i = 0; i < n; ++i) {
    sample.Update(Observation{.value = std::exp(sigma * internal::StandardNormal(engine))});
  }
  return sample;
}

TEST(GiniBootstrap, SeededAndContainingTheEstimate) {
  const Sample sample = Lognormal(500, 0.8, 1);
  const MeasureResult a = Compute("gini", sample);
  const MeasureResult b = Compute("gini", sample);
  ASSERT_TRUE(a.lower && a.upper && a.se) << a.reason;
  EXPECT_EQ(*a.lower, *b.lower);
  EXPECT_EQ(*a.upper, *b.upper);
  EXPECT_LT(*a.lower, *a.estimate);
  EXPECT_GT(*a.upper, *a.estimate);
  MeasureOptions other;
  other.seed = 99;
  EXPECT_NE(*Compute("gini", sample, other).lower, *a.lower);
  other.bootstrap_draws = 1;
  EXPECT_THROW(Compute("gini", sample, other), Error);
}

TEST(GiniBootstrap, ShrinksWithTheSampleSize) {
  const MeasureResult small = Compute("gini", Lognormal(200, 0.8, 2));
  const MeasureResult large = Compute("gini", Lognormal(5000, 0.8, 3));
  const double ratio = (*small.upper - *small.lower) / (*large.upper - *large.lower);
  EXPECT_GT(ratio, 3.5);  // √(5000/200) = 5
  EXPECT_LT(ratio, 7.0);
}

// The Gini of a lognormal is 2Φ(σ/√2) − 1; 200 samples of 400 persons, 95 % intervals.
TEST(GiniBootstrap, CoversTheTrueValue) {
  const double sigma = 0.8;
  const double truth = 2.0 * boost::math::cdf(boost::math::normal(), sigma / std::sqrt(2.0)) - 1.0;
  int covered = 0;
  constexpr int kSamples = 200;
  MeasureOptions options;
  options.bootstrap_draws = 500;
  for (int s = 0; s < kSamples; ++s) {
    const MeasureResult r = Compute("gini", Lognormal(400, sigma, 100 + s), options);
    covered += *r.lower <= truth && truth <= *r.upper;
  }
  // Binomial(200, 0.95) lies in [0.90, 0.99] with probability > 0.999; the percentile bootstrap
  // of a Gini is slightly liberal in small samples, hence the lower bound of 0.88.
  EXPECT_GE(covered, static_cast<int>(0.88 * kSamples));
  EXPECT_LE(covered, static_cast<int>(0.99 * kSamples));
}

TEST(GiniBootstrap, TiesAndWeightsResampleAsPersons) {
  // Ten persons of value 1 and ten of 3 as rows or as two weighted rows: the same interval.
  Sample rows, weighted;
  for (int i = 0; i < 10; ++i) {
    rows.Update(Observation{.value = 1.0});
    rows.Update(Observation{.value = 3.0});
  }
  weighted.Update(Observation{.value = 1.0, .weight = 10.0});
  weighted.Update(Observation{.value = 3.0, .weight = 10.0});
  const MeasureResult a = Compute("gini", rows), b = Compute("gini", weighted);
  EXPECT_DOUBLE_EQ(*a.estimate, *b.estimate);
  EXPECT_EQ(*a.lower, *b.lower);
  EXPECT_EQ(*a.upper, *b.upper);
}

}  // namespace
}  // namespace jamlik::inequality
