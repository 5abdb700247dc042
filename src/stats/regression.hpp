#pragma once
// Regression for the measures that fit one: weighted least squares and logistic regression, with
// model-based or heteroskedasticity-robust (sandwich) covariances. Every measure that fits a
// regression calls these, so that there is one implementation of the normal equations, the
// sandwich and the Newton iterations. Eigen does the linear algebra inside regression.cpp only:
// this header stays plain, so that dependants do not compile Eigen.
//
// The design is given as columns (each as long as the response); an intercept is a column of
// ones the caller adds. The p×p normal equations are formed in one pass over each pair of columns
// and solved by a pivoted LDLᵀ decomposition of their equilibrated (unit-diagonal) form; p is small
// (2 to a few tens) while n may be hundreds of thousands of persons.
//
// References: weighted least squares and the sandwich: White (1980), MacKinnon & White (1985)
// (HC0, HC1 = n/(n − p)·HC0), as R's sandwich::vcovHC; logistic regression by Newton–Raphson
// (= iteratively reweighted least squares for the canonical link) with prior weights, as R's glm
// with family = binomial and weights. Reference values in regression_test.cpp.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace jamlik {

enum class RegressionCovariance {
  kNone,           // coefficients only
  kKnownVariance,  // (X'WX)⁻¹: weights are inverse variances known in advance (σ² = 1)
  kOrdinary,  // σ̂²(X'WX)⁻¹, σ̂² = Σ wᵢeᵢ² / (n − p); for the logistic model (X'VX)⁻¹
  kHc0,  // (X'WX)⁻¹ (Σ wᵢ²eᵢ² xᵢxᵢ') (X'WX)⁻¹
  kHc1,  // HC0 · n / (n − p)
};

struct RegressionFit {
  std::vector<double> coefficients = {};  // p, in the order of the design's columns
  std::vector<double> covariance = {};    // p×p row-major; empty for kNone
  std::size_t iterations = 0;             // Newton steps (logistic); 0 for least squares

  double Covariance(std::size_t i, std::size_t j) const;
  double StandardError(std::size_t i) const;
};

enum class RegressionFailureKind {
  kTooFewObservations,  // n <= p, or fewer than p observations of positive weight
  kCollinear,           // the design's columns are (nearly) linearly dependent
  kSeparation,          // a logistic fit whose fitted probabilities go to 0 or 1
  kNoConvergence,       // a logistic fit that did not settle within the iterations allowed
};

struct RegressionFailure {
  RegressionFailureKind kind;
  std::string message;  // Swedish or English, for the analyst
};

template <typename T>
using RegressionResult = tl::expected<T, RegressionFailure>;

// Throws kInvalidArgument when the columns and response differ in length, a weight is negative
// or a value is not finite: those are bugs in the caller's preparation, not properties of data.
struct LinearModel {
  std::vector<std::span<const double>> columns = {};  // X, one span per regressor
  std::span<const double> response = {};              // y
  std::span<const double> weights = {};               // w; empty = all 1
};

// Fit y = Xβ + ε by weighted least squares, minimising Σ wᵢ(yᵢ − xᵢ'β)².
RegressionResult<RegressionFit> WeightedLeastSquares(const LinearModel& model,
                                                     RegressionCovariance covariance);

// The coefficients of weighted least squares are linear in the response: β = C·y with the p×n
// matrix C = (X'WX)⁻¹X'W, fixed by the design and weights. Measures that refit many simulated
// responses on one design keep C and pay O(pn) a fit.
struct LeastSquaresOperator {
  std::vector<std::vector<double>> rows;  // p rows of n

  // Return β for `response` (length n).
  std::vector<double> Apply(std::span<const double> response) const;
};
RegressionResult<LeastSquaresOperator> WeightedLeastSquaresOperator(
    const std::vector<std::span<const double>>& columns, std::span<const double> weights);

// Binomial observations: successes out of trials, with a prior weight each (R's glm weights
// multiply the log-likelihood contributions).
struct BinomialModel {
  std::vector<std::span<const double>> columns = {};  // X
  std::span<const double> successes = {};             // yᵢ in [0, trialsᵢ]
  std::span<const double> trials = {};                // tᵢ >= 0; empty = all 1 (0/1 outcomes)
  std::span<const double> weights = {};               // wᵢ; empty = all 1
};

struct LogisticOptions {
  int max_iterations = 100;
  // Converged when Σ|step| < tolerance · (1 + Σ|β|). Rounding can keep the step of a fit this
  // tight just above it; after max_iterations a step below √tolerance still counts as converged.
  double tolerance = 1e-13;
};

// Fit logit P(success) = Xβ by maximum likelihood, Newton–Raphson from β = 0. The score of
// observation i is wᵢ(yᵢ − tᵢμᵢ)xᵢ and the information Σ wᵢtᵢμᵢ(1 − μᵢ)xᵢxᵢ'; kHc0 and kHc1 are
// the sandwich of these. Fails with kSeparation when the fit diverges towards probabilities of 0
// or 1 (including all or no successes), kNoConvergence when it does not settle otherwise.
RegressionResult<RegressionFit> LogisticRegression(const BinomialModel& model,
                                                   RegressionCovariance covariance,
                                                   const LogisticOptions& options = {});

}  // namespace jamlik
