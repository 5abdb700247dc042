// Regression; contract and references in regression.hpp.
#include "stats/regression.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "core/i18n.hpp"
#include "stats/check_internal.hpp"

namespace jamlik {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using Columns = std::vector<std::span<const double>>;

// A Schur complement of the unit-diagonal normal equations at or below this share means the
// column is (nearly) a combination of the others: 1 − R² of regressing it on them.
constexpr double kCollinearity = 1e-10;
// A fitted probability this close to 0 or 1 (μ(1 − μ) below it) means the fit is diverging.
constexpr double kSeparated = 1e-10;

Eigen::Map<const VectorXd> MapOf(std::span<const double> values) {
  return {values.data(), static_cast<Index>(values.size())};
}

RegressionFailure Failure(RegressionFailureKind kind, std::string_view swedish,
                          std::string_view english) {
  return {kind, std::string(Tr(swedish, english))};
}

RegressionFailure Collinear() {
  return Failure(RegressionFailureKind::kCollinear, "Förklaringsvariablerna är linjärt beroende",
                 "The regressors are linearly dependent");
}

RegressionFailure TooFew() {
  return Failure(RegressionFailureKind::kTooFewObservations,
                 "För få observationer för regressionen",
                 "Too few observations for the regression");
}

void RequireFiniteValues(std::span<const double> values, std::string_view field) {
  for (double value : values) stats_internal::RequireFinite(value, field);
}

void RequireLength(std::span<const double> values, std::size_t n, std::string_view field) {
  if (values.size() != n) {
    stats_internal::ThrowInvalid(
        field, static_cast<double>(values.size()),
        Tr("Längden skiljer sig från svarsvariabelns", "The length differs from the response's"));
  }
}

// Check the design and the optional weights; return the weights (all 1 when none are given).
VectorXd CheckedWeights(const Columns& columns, std::span<const double> weights, std::size_t n) {
  for (std::span<const double> column : columns) {
    RequireLength(column, n, "column");
    RequireFiniteValues(column, "column");
  }
  if (weights.empty()) return VectorXd::Ones(static_cast<Index>(n));
  RequireLength(weights, n, "weights");
  for (double weight : weights) stats_internal::RequireNonNegative(weight, "weights");
  return MapOf(weights);
}

std::size_t PositiveCount(const VectorXd& weights) {
  return static_cast<std::size_t>((weights.array() > 0.0).count());
}

// Return X' diag(v) X.
MatrixXd CrossProduct(const Columns& columns, const VectorXd& v) {
  const auto p = static_cast<Index>(columns.size());
  MatrixXd product(p, p);
  for (Index a = 0; a < p; ++a) {
    const VectorXd weighted = MapOf(columns[a]).cwiseProduct(v);
    for (Index b = 0; b <= a; ++b) {
      product(a, b) = product(b, a) = weighted.dot(MapOf(columns[b]));
    }
  }
  return product;
}

// Return X'v.
VectorXd TransposeTimes(const Columns& columns, const VectorXd& v) {
  VectorXd product(static_cast<Index>(columns.size()));
  for (std::size_t a = 0; a < columns.size(); ++a) {
    product(static_cast<Index>(a)) = MapOf(columns[a]).dot(v);
  }
  return product;
}

// Return Xβ.
VectorXd Times(const Columns& columns, const VectorXd& beta, std::size_t n) {
  VectorXd product = VectorXd::Zero(static_cast<Index>(n));
  for (std::size_t a = 0; a < columns.size(); ++a) {
    product += beta(static_cast<Index>(a)) * MapOf(columns[a]);
  }
  return product;
}

// A symmetric positive definite p×p matrix A, factorised as S⁻¹ (LDLᵀ) S⁻¹ with S = diag(A)^−½ so
// that the collinearity check reads the pivots of a unit-diagonal matrix.
class Factorised {
 public:
  static std::optional<Factorised> Of(const MatrixXd& a) {
    const VectorXd diagonal = a.diagonal();
    if (!(diagonal.array() > 0.0).all()) return std::nullopt;  // a column of zeros
    Factorised factorised;
    factorised.scale_ = diagonal.cwiseSqrt().cwiseInverse();
    factorised.ldlt_.compute(factorised.scale_.asDiagonal() * a * factorised.scale_.asDiagonal());
    if (factorised.ldlt_.info() != Eigen::Success ||
        !(factorised.ldlt_.vectorD().minCoeff() > kCollinearity)) {
      return std::nullopt;
    }
    return factorised;
  }

  VectorXd Solve(const VectorXd& b) const {
    return scale_.cwiseProduct(ldlt_.solve(scale_.cwiseProduct(b)));
  }
  MatrixXd Inverse() const {
    const MatrixXd inverse = ldlt_.solve(MatrixXd::Identity(scale_.size(), scale_.size()));
    const MatrixXd scaled = scale_.asDiagonal() * inverse * scale_.asDiagonal();
    return (scaled + scaled.transpose()) / 2.0;  // exactly symmetric despite rounding
  }

 private:
  VectorXd scale_;
  Eigen::LDLT<MatrixXd> ldlt_;
};

std::vector<double> ToVector(const VectorXd& v) { return {v.data(), v.data() + v.size()}; }

std::vector<double> RowMajor(const MatrixXd& m) {
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(m.size()));
  for (Index i = 0; i < m.rows(); ++i) {
    for (Index j = 0; j < m.cols(); ++j) values.push_back(m(i, j));
  }
  return values;
}

// Return bread · X' diag(score²) X · bread, times n/(n − p) for HC1.
MatrixXd Sandwich(const Columns& columns, const MatrixXd& bread, const VectorXd& score,
                  RegressionCovariance covariance, std::size_t n) {
  const MatrixXd product = bread * CrossProduct(columns, score.cwiseAbs2()) * bread;
  MatrixXd sandwich = (product + product.transpose()) / 2.0;  // exactly symmetric despite rounding
  if (covariance == RegressionCovariance::kHc1) {
    sandwich *= static_cast<double>(n) / static_cast<double>(n - columns.size());
  }
  return sandwich;
}

bool NeedsResidualDegreesOfFreedom(RegressionCovariance covariance) {
  return covariance == RegressionCovariance::kOrdinary || covariance == RegressionCovariance::kHc1;
}

double Expit(double t) { return 1.0 / (1.0 + std::exp(-t)); }

}  // namespace

double RegressionFit::Covariance(std::size_t i, std::size_t j) const {
  return covariance.at(i * coefficients.size() + j);
}

double RegressionFit::StandardError(std::size_t i) const { return std::sqrt(Covariance(i, i)); }

RegressionResult<RegressionFit> WeightedLeastSquares(const LinearModel& model,
                                                     RegressionCovariance covariance) {
  const std::size_t n = model.response.size();
  const std::size_t p = model.columns.size();
  const VectorXd w = CheckedWeights(model.columns, model.weights, n);
  RequireFiniteValues(model.response, "response");
  const std::size_t observations = PositiveCount(w);
  if (p == 0 || observations < p ||
      (NeedsResidualDegreesOfFreedom(covariance) && observations <= p)) {
    return tl::unexpected(TooFew());
  }
  const auto normal = Factorised::Of(CrossProduct(model.columns, w));
  if (!normal) return tl::unexpected(Collinear());
  const auto y = MapOf(model.response);
  VectorXd beta = normal->Solve(TransposeTimes(model.columns, w.cwiseProduct(y)));
  // One step of iterative refinement: solving again for the residual's projection recovers
  // digits that forming X'WX loses on a badly conditioned design (about 3 on Longley's).
  VectorXd residual = y - Times(model.columns, beta, n);
  beta += normal->Solve(TransposeTimes(model.columns, w.cwiseProduct(residual)));
  residual = y - Times(model.columns, beta, n);
  RegressionFit fit{.coefficients = ToVector(beta)};
  if (covariance == RegressionCovariance::kNone) return fit;
  const MatrixXd inverse = normal->Inverse();
  switch (covariance) {
    case RegressionCovariance::kNone:
    case RegressionCovariance::kKnownVariance:
      fit.covariance = RowMajor(inverse);
      break;
    case RegressionCovariance::kOrdinary: {
      const double sigma2 = w.dot(residual.cwiseAbs2()) / static_cast<double>(observations - p);
      fit.covariance = RowMajor(sigma2 * inverse);
      break;
    }
    case RegressionCovariance::kHc0:
    case RegressionCovariance::kHc1:
      fit.covariance = RowMajor(
          Sandwich(model.columns, inverse, w.cwiseProduct(residual), covariance, observations));
      break;
  }
  return fit;
}

std::vector<double> LeastSquaresOperator::Apply(std::span<const double> response) const {
  std::vector<double> beta;
  beta.reserve(rows.size());
  for (const auto& row : rows) beta.push_back(MapOf(row).dot(MapOf(response)));
  return beta;
}

RegressionResult<LeastSquaresOperator> WeightedLeastSquaresOperator(
    const Columns& columns, std::span<const double> weights) {
  const std::size_t n = columns.empty() ? 0 : columns.front().size();
  const VectorXd w = CheckedWeights(columns, weights, n);
  if (columns.empty() || PositiveCount(w) < columns.size()) return tl::unexpected(TooFew());
  const auto normal = Factorised::Of(CrossProduct(columns, w));
  if (!normal) return tl::unexpected(Collinear());
  const MatrixXd inverse = normal->Inverse();
  LeastSquaresOperator result;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    VectorXd row = VectorXd::Zero(static_cast<Index>(n));
    for (std::size_t a = 0; a < columns.size(); ++a) {
      row += inverse(static_cast<Index>(k), static_cast<Index>(a)) * MapOf(columns[a]);
    }
    result.rows.push_back(ToVector(row.cwiseProduct(w)));
  }
  return result;
}

RegressionResult<RegressionFit> LogisticRegression(const BinomialModel& model,
                                                   RegressionCovariance covariance,
                                                   const LogisticOptions& options) {
  const std::size_t n = model.successes.size();
  const std::size_t p = model.columns.size();
  const VectorXd w = CheckedWeights(model.columns, model.weights, n);
  VectorXd trials = VectorXd::Ones(static_cast<Index>(n));
  if (!model.trials.empty()) {
    RequireLength(model.trials, n, "trials");
    for (double t : model.trials) stats_internal::RequireNonNegative(t, "trials");
    trials = MapOf(model.trials);
  }
  const auto y = MapOf(model.successes);
  for (Index i = 0; i < y.size(); ++i) {
    stats_internal::RequireNonNegative(y(i), "successes");
    if (y(i) > trials(i)) {
      stats_internal::ThrowInvalid("successes", y(i),
                                   Tr("Fler lyckade än försök", "More successes than trials"));
    }
  }
  // An observation of no trials (a subgroup of nobody) carries no information.
  const std::size_t observations = PositiveCount(w.cwiseProduct(trials));
  if (p == 0 || observations < p ||
      (covariance == RegressionCovariance::kHc1 && observations <= p)) {
    return tl::unexpected(TooFew());
  }
  const double total_successes = w.dot(y), total_trials = w.dot(trials);
  if (total_successes == 0.0 || total_successes == total_trials) {
    return tl::unexpected(Failure(RegressionFailureKind::kSeparation,
                                  "Alla eller inga lyckade: den logistiska modellen saknar lösning",
                                  "All or no successes: the logistic model has no solution"));
  }
  VectorXd beta = VectorXd::Zero(static_cast<Index>(p));
  VectorXd mu;
  const auto update = [&] { mu = Times(model.columns, beta, n).unaryExpr(&Expit); };
  const auto diverging = [&] {
    for (Index i = 0; i < mu.size(); ++i) {
      if (w(i) * trials(i) > 0.0 && mu(i) * (1.0 - mu(i)) < kSeparated) return true;
    }
    return false;
  };
  const RegressionFailure separation = Failure(
      RegressionFailureKind::kSeparation,
      "Fallen skiljs helt åt av förklaringsvariablerna: den logistiska modellen saknar lösning",
      "The regressors separate the cases completely: the logistic model has no solution");
  RegressionFit fit;
  bool converged = false;
  double relative_step = 0.0;
  while (!converged && fit.iterations < static_cast<std::size_t>(options.max_iterations)) {
    update();
    const VectorXd variance =
        w.cwiseProduct(trials).cwiseProduct(mu).cwiseProduct((1.0 - mu.array()).matrix());
    const auto information = Factorised::Of(CrossProduct(model.columns, variance));
    if (!information) {
      // From β = 0 every μ is ½: a singular information there is the design's own.
      return tl::unexpected(fit.iterations == 0 || !diverging() ? Collinear() : separation);
    }
    const VectorXd score =
        TransposeTimes(model.columns, w.cwiseProduct(y - trials.cwiseProduct(mu)));
    const VectorXd step = information->Solve(score);
    beta += step;
    ++fit.iterations;
    relative_step = step.lpNorm<1>() / (1.0 + beta.lpNorm<1>());
    converged = relative_step < options.tolerance;
  }
  update();
  if (!converged && !(relative_step < std::sqrt(options.tolerance))) {
    if (diverging()) return tl::unexpected(separation);
    return tl::unexpected(Failure(RegressionFailureKind::kNoConvergence,
                                  "Den logistiska modellen konvergerade inte",
                                  "The logistic model did not converge"));
  }
  fit.coefficients = ToVector(beta);
  if (covariance == RegressionCovariance::kNone) return fit;
  const VectorXd variance =
      w.cwiseProduct(trials).cwiseProduct(mu).cwiseProduct((1.0 - mu.array()).matrix());
  const auto information = Factorised::Of(CrossProduct(model.columns, variance));
  if (!information) return tl::unexpected(separation);
  const MatrixXd inverse = information->Inverse();
  if (covariance == RegressionCovariance::kHc0 || covariance == RegressionCovariance::kHc1) {
    const VectorXd score = w.cwiseProduct(y - trials.cwiseProduct(mu));
    fit.covariance = RowMajor(Sandwich(model.columns, inverse, score, covariance, observations));
  } else {
    fit.covariance = RowMajor(inverse);
  }
  return fit;
}

}  // namespace jamlik
