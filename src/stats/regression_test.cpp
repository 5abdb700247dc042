#include "stats/regression.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace jamlik {
namespace {

// Reference values: src/stats/regression_reference.R, which fits the same data with R 4.2.2's lm
// and glm and takes the sandwich covariances from the sandwich package (3.0-2, vcovHC). Longley's
// coefficients and ordinary se are also NIST StRD's certified values (Employed in thousands there,
// in millions in R's data set). Tolerances are relative.

using Columns = std::vector<std::span<const double>>;

void ExpectRelativelyNear(const std::vector<double>& actual, const std::vector<double>& expected,
                          double tolerance, const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    EXPECT_NEAR(actual[i], expected[i], tolerance * std::abs(expected[i]))
        << what << "[" << i << "]";
  }
}

std::vector<double> StandardErrors(const RegressionFit& fit) {
  std::vector<double> se;
  for (std::size_t i = 0; i < fit.coefficients.size(); ++i) se.push_back(fit.StandardError(i));
  return se;
}

// Longley (1967): Employed on GNP.deflator, GNP, Unemployed, Armed.Forces, Population, Year; the
// classic test of a least-squares routine's accuracy (the design is nearly collinear).
struct Longley {
  std::vector<double> ones = std::vector<double>(16, 1.0);
  std::vector<double> deflator = {83.0,  88.5,  88.2,  89.5,  96.2,  98.1,  99.0,  100.0,
                                  101.2, 104.6, 108.4, 110.8, 112.6, 114.2, 115.7, 116.9};
  std::vector<double> gnp = {234.289, 259.426, 258.054, 284.599, 328.975, 346.999,
                             365.385, 363.112, 397.469, 419.180, 442.769, 444.546,
                             482.704, 502.601, 518.173, 554.894};
  std::vector<double> unemployed = {235.6, 232.5, 368.2, 335.1, 209.9, 193.2, 187.0, 357.8,
                                    290.4, 282.2, 293.6, 468.1, 381.3, 393.1, 480.6, 400.7};
  std::vector<double> armed_forces = {159.0, 145.6, 161.6, 165.0, 309.9, 359.4, 354.7, 335.0,
                                      304.8, 285.7, 279.8, 263.7, 255.2, 251.4, 257.2, 282.7};
  std::vector<double> population = {107.608, 108.632, 109.773, 110.929, 112.075, 113.270,
                                    115.094, 116.219, 117.388, 118.734, 120.445, 121.950,
                                    123.366, 125.368, 127.852, 130.081};
  std::vector<double> year = {1947, 1948, 1949, 1950, 1951, 1952, 1953, 1954,
                              1955, 1956, 1957, 1958, 1959, 1960, 1961, 1962};
  std::vector<double> employed = {60.323, 61.122, 60.171, 61.187, 63.221, 63.639, 64.989, 63.761,
                                  66.019, 67.857, 68.169, 66.513, 68.655, 69.564, 69.331, 70.551};

  LinearModel Model() const {
    return {.columns = {ones, deflator, gnp, unemployed, armed_forces, population, year},
            .response = employed};
  }
};

struct CovarianceCase {
  RegressionCovariance covariance;
  std::vector<double> se;
};

TEST(Regression, LeastSquaresMatchesRAndNistOnLongley) {
  const Longley data;
  // The normal equations of this design are so badly conditioned that only their refined solution
  // keeps 11 digits; the covariance, (X'X)⁻¹ itself, keeps 7 (better-conditioned designs, as the
  // measures fit, keep 11 or more, see the mtcars case).
  const CovarianceCase cases[] = {
      {RegressionCovariance::kOrdinary,
       {890.42038360737558, 0.084914925774767377, 0.033491007772243411, 0.0048839968165170283,
        0.0021427416316167568, 0.22607320006937259, 0.45547849914221344}},
      {RegressionCovariance::kHc0,
       {832.2115757763213, 0.051220347284069739, 0.024575996723902597, 0.003832391015480263,
        0.0014624499965868723, 0.15820849523051428, 0.42838436963865839}},
      {RegressionCovariance::kHc1,
       {1109.615434059672, 0.06829379654276968, 0.032767996845532207, 0.0051098547958906672,
        0.0019499333310685392, 0.21094466121658043, 0.57117915869072933}},
  };
  for (const CovarianceCase& c : cases) {
    const auto fit = WeightedLeastSquares(data.Model(), c.covariance);
    ASSERT_TRUE(fit) << fit.error().message;
    ExpectRelativelyNear(
        fit->coefficients,
        {-3482.2586345958148, 0.015061872271372779, -0.035819179292591, -0.02020229803816824,
         -0.010332268671735891, -0.051104105653579195, 1.8291514646135503},
        1e-11, "coefficients");
    ExpectRelativelyNear(StandardErrors(*fit), c.se, 1e-7, "se");
  }
  const auto hc1 = WeightedLeastSquares(data.Model(), RegressionCovariance::kHc1);
  EXPECT_NEAR(hc1->Covariance(0, 1), 3.7251652579925576, 1e-7 * 3.73);
  EXPECT_EQ(hc1->Covariance(0, 1), hc1->Covariance(1, 0));
}

// mtcars: mpg on weight and horsepower, weighted by the number of cylinders.
struct Cars {
  std::vector<double> ones = std::vector<double>(32, 1.0);
  std::vector<double> mpg = {21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8,
                             16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5,
                             15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7, 15.0, 21.4};
  std::vector<double> wt = {2.620, 2.875, 2.320, 3.215, 3.440, 3.460, 3.570, 3.190,
                            3.150, 3.440, 3.440, 4.070, 3.730, 3.780, 5.250, 5.424,
                            5.345, 2.200, 1.615, 1.835, 2.465, 3.520, 3.435, 3.840,
                            3.845, 1.935, 2.140, 1.513, 3.170, 2.770, 3.570, 2.780};
  std::vector<double> hp = {110, 110, 93,  110, 175, 105, 245, 62,  95,  123, 123,
                            180, 180, 180, 205, 215, 230, 66,  52,  65,  97,  150,
                            150, 245, 175, 66,  91,  113, 264, 175, 335, 109};
  std::vector<double> cyl = {6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8,
                             8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4};

  LinearModel Model() const { return {.columns = {ones, wt, hp}, .response = mpg, .weights = cyl}; }
};

TEST(Regression, WeightedLeastSquaresMatchesROnMtcars) {
  const Cars data;
  const std::vector<double> coefficients = {35.935291612419974, -3.6040095890346748,
                                            -0.030213923997970418};
  const CovarianceCase cases[] = {
      {RegressionCovariance::kOrdinary,
       {1.6615439557371066, 0.58353355146746577, 0.0081406174732745785}},
      {RegressionCovariance::kKnownVariance,
       {0.26924144841094028, 0.094557485554922618, 0.001319129495127631}},
      {RegressionCovariance::kHc0,
       {1.9704482077853716, 0.61427739527056036, 0.0064060832897468202}},
      {RegressionCovariance::kHc1, {2.0698602023930532, 0.6452685884747158, 0.0067292795630314456}},
  };
  for (const CovarianceCase& c : cases) {
    const auto fit = WeightedLeastSquares(data.Model(), c.covariance);
    ASSERT_TRUE(fit);
    ExpectRelativelyNear(fit->coefficients, coefficients, 1e-12, "coefficients");
    ExpectRelativelyNear(StandardErrors(*fit), c.se, 1e-11, "se");
  }
  const auto hc1 = WeightedLeastSquares(data.Model(), RegressionCovariance::kHc1);
  EXPECT_NEAR(hc1->Covariance(0, 1), -1.1093657854361036, 1e-11);
  const auto none = WeightedLeastSquares(data.Model(), RegressionCovariance::kNone);
  EXPECT_TRUE(none->covariance.empty());
  // The operator gives the same coefficients for this response and is linear in it.
  const auto op = WeightedLeastSquaresOperator(data.Model().columns, data.cyl);
  ASSERT_TRUE(op);
  ExpectRelativelyNear(op->Apply(data.mpg), coefficients, 1e-12, "operator");
  std::vector<double> doubled = data.mpg;
  for (double& value : doubled) value *= 2.0;
  ExpectRelativelyNear(op->Apply(doubled),
                       {2 * coefficients[0], 2 * coefficients[1], 2 * coefficients[2]}, 1e-12,
                       "operator, doubled");
}

// Bliss (1935): beetles killed by carbon disulphide at eight doses (Dobson & Barnett, An
// Introduction to Generalized Linear Models, 3rd ed., table 7.2).
struct Beetles {
  std::vector<double> ones = std::vector<double>(8, 1.0);
  std::vector<double> dose = {1.6907, 1.7242, 1.7552, 1.7842, 1.8113, 1.8369, 1.8610, 1.8839};
  std::vector<double> beetles = {59, 60, 62, 56, 63, 59, 62, 60};
  std::vector<double> killed = {6, 13, 18, 28, 52, 53, 61, 60};
};

// With weights, each group of t trials is also weighted by t, as HEAT's SII fits subgroups: R's
// glm on the proportion with weights t².
TEST(Regression, LogisticRegressionMatchesRGlmOnGroupedData) {
  const Beetles data;
  struct Case {
    const char* name;
    std::span<const double> weights;
    std::vector<double> coefficients;
    std::vector<double> se_ordinary;
    std::vector<double> se_hc0;
    std::vector<double> se_hc1;
    double covariance_hc1;
  };
  const Case cases[] = {
      {"grouped",
       {},
       {-60.717454561635414, 34.270325734146979},
       {5.1807114633191889, 2.9121400706234906},
       {5.5669493139833381, 3.1077221121473424},
       {6.4281593699865205, 3.5884883960296592},
       -23.059265306466102},
      {"weighted by group size",
       data.beetles,
       {-60.978222901472947, 34.420432275626446},
       {0.66991345002185398, 0.37657648092215346},
       {5.5831118319793953, 3.1153192116459114},
       {6.446822238212814, 3.5972607709072326},
       -23.183026171258007},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const BinomialModel model{.columns = {data.ones, data.dose},
                              .successes = data.killed,
                              .trials = data.beetles,
                              .weights = c.weights};
    // R's glm stops at a relative deviance change of 1e-13: its coefficients carry about 11
    // digits and its covariance (from the weights of the step before) about 9.
    const auto ordinary = LogisticRegression(model, RegressionCovariance::kOrdinary);
    ASSERT_TRUE(ordinary) << ordinary.error().message;
    ExpectRelativelyNear(ordinary->coefficients, c.coefficients, 1e-10, "coefficients");
    ExpectRelativelyNear(StandardErrors(*ordinary), c.se_ordinary, 1e-8, "se");
    EXPECT_LT(ordinary->iterations, 20U);
    const auto hc0 = LogisticRegression(model, RegressionCovariance::kHc0);
    ExpectRelativelyNear(StandardErrors(*hc0), c.se_hc0, 1e-8, "HC0 se");
    const auto hc1 = LogisticRegression(model, RegressionCovariance::kHc1);
    ExpectRelativelyNear(StandardErrors(*hc1), c.se_hc1, 1e-8, "HC1 se");
    EXPECT_NEAR(hc1->Covariance(0, 1), c.covariance_hc1, 1e-8 * std::abs(c.covariance_hc1));
  }
}

TEST(Regression, SeparationCollinearityAndNonConvergenceAreFailuresNotNumbers) {
  const std::vector<double> ones(4, 1.0), x = {1, 2, 3, 4}, twice_x = {2, 4, 6, 8};
  const std::vector<double> separated = {0, 0, 1, 1}, mixed = {0, 1, 0, 1};
  const auto split = LogisticRegression({.columns = {ones, x}, .successes = separated},
                                        RegressionCovariance::kHc1);
  ASSERT_FALSE(split);
  EXPECT_EQ(split.error().kind, RegressionFailureKind::kSeparation);
  const std::vector<double> none(4, 0.0);
  EXPECT_EQ(
      LogisticRegression({.columns = {ones, x}, .successes = none}, RegressionCovariance::kNone)
          .error()
          .kind,
      RegressionFailureKind::kSeparation);
  EXPECT_EQ(LogisticRegression({.columns = {ones, x, twice_x}, .successes = mixed},
                               RegressionCovariance::kNone)
                .error()
                .kind,
            RegressionFailureKind::kCollinear);
  EXPECT_EQ(LogisticRegression({.columns = {ones, x}, .successes = mixed},
                               RegressionCovariance::kNone, {.max_iterations = 1})
                .error()
                .kind,
            RegressionFailureKind::kNoConvergence);
  EXPECT_EQ(WeightedLeastSquares({.columns = {ones, x, twice_x}, .response = mixed},
                                 RegressionCovariance::kOrdinary)
                .error()
                .kind,
            RegressionFailureKind::kCollinear);
  const std::vector<double> zeros(4, 0.0);
  EXPECT_EQ(WeightedLeastSquares({.columns = {ones, zeros}, .response = mixed},
                                 RegressionCovariance::kNone)
                .error()
                .kind,
            RegressionFailureKind::kCollinear);
  // Two points fit a line exactly; the known-variance covariance needs no residual degrees of
  // freedom, the ordinary one does.
  const std::vector<double> two_ones(2, 1.0), two_x = {0, 1}, two_y = {1, 3};
  const auto exact = WeightedLeastSquares({.columns = {two_ones, two_x}, .response = two_y},
                                          RegressionCovariance::kKnownVariance);
  ASSERT_TRUE(exact);
  EXPECT_DOUBLE_EQ(exact->coefficients[1], 2.0);
  EXPECT_EQ(WeightedLeastSquares({.columns = {two_ones, two_x}, .response = two_y},
                                 RegressionCovariance::kOrdinary)
                .error()
                .kind,
            RegressionFailureKind::kTooFewObservations);
}

TEST(Regression, BadInputIsAnError) {
  const std::vector<double> ones(3, 1.0), x = {1, 2, 3}, y = {1, 2, 3}, short_y = {1, 2};
  EXPECT_THROW(WeightedLeastSquares({.columns = {ones, x}, .response = short_y},
                                    RegressionCovariance::kNone),
               Error);
  const std::vector<double> negative = {1, -1, 1}, nan = {1, std::nan(""), 3};
  EXPECT_THROW(WeightedLeastSquares({.columns = {ones, x}, .response = y, .weights = negative},
                                    RegressionCovariance::kNone),
               Error);
  EXPECT_THROW(
      WeightedLeastSquares({.columns = {ones, nan}, .response = y}, RegressionCovariance::kNone),
      Error);
  const std::vector<double> trials = {2, 2, 2}, too_many = {1, 3, 1};
  EXPECT_THROW(LogisticRegression({.columns = {ones, x}, .successes = too_many, .trials = trials},
                                  RegressionCovariance::kNone),
               Error);
}

}  // namespace
}  // namespace jamlik
