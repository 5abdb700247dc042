#pragma once
// Need-standardised horizontal inequity on individual data (O'Donnell, van Doorslaer, Wagstaff &
// Lindelow 2008, ch. 10 and 13): equal use for equal need, whatever one's income.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/table.hpp"
#include "inequality/measure.hpp"

namespace jamlik::inequality {

struct InequitySpec {
  std::string use{};  // the service used (0/1 or an amount)
  // Regressors, each a column: categorical (or text) columns enter as dummies of every category
  // but the first present; numeric columns enter linearly, or as dummies of bands when written
  // "alder:5" (5-year bands).
  std::vector<std::string> need{};     // age, sex, morbidity, disability
  std::vector<std::string> nonneed{};  // income, education: held at their means when standardising
  std::string rank{};                  // the ranking variable (income or its quintile)
};

// One regressor's share of the concentration index of use.
struct InequityContribution {
  std::string regressor{};  // "kon=M", "alder", "alder=70" (band from 70)
  bool need = false;
  double coefficient = 0.0;    // OLS β_k
  double mean = 0.0;           // x̄_k
  double elasticity = 0.0;     // β_k x̄_k / μ
  double concentration = 0.0;  // C_k (0 for a constant or zero-mean regressor)
  double contribution = 0.0;   // elasticity × C_k
  // The persons the regressor's figures rest on, for disclosure control: a dummy's category and
  // the reference category (its variable's first level) it is contrasted with; every person used
  // for a linear regressor (both).
  std::size_t persons = 0;
  std::size_t reference_persons = 0;
};

struct InequityResult {
  std::size_t persons = 0;  // rows used (after the filter and listwise deletion)
  double mean_use = 0.0;
  double intercept = 0.0;
  MeasureResult concentration{};                // C of actual use, KWVD interval
  MeasureResult need_expected_concentration{};  // C of need-expected use
  // HI = C(actual) − C(need-expected), with the KWVD interval of the indirectly standardised use
  // y − ŷ_need + ȳ (conditional on the fitted coefficients, as the convenient formulae are).
  MeasureResult horizontal_inequity{};
  std::vector<InequityContribution> contributions{};
  double need_contribution = 0.0;     // Σ over need regressors (= C of need-expected use)
  double nonneed_contribution = 0.0;  // Σ over non-need regressors
  double residual = 0.0;              // C − Σ contributions = 2 cov(ε, R) / μ
};

// Fit use = α + Σ β_k need_k + Σ γ_p nonneed_p + ε by OLS (normal equations, Cholesky) on the rows
// where `keep` is 1 (every row when empty) and nothing used is null; predict need-expected use
// ŷ = α + Σ β_k need_k + Σ γ_p z̄_p; return C(y), C(ŷ), HI and the decomposition
// C = Σ_k (β_k x̄_k / μ) C_k + residual. Throws kUnknownColumn for a missing column, kTypeMismatch
// for a non-numeric use or rank, kInvalidArgument when fewer rows than regressors remain, the
// regressors are collinear, or the mean use is 0.
InequityResult HorizontalInequity(const Table& persons, const InequitySpec& spec,
                                  std::span<const std::uint8_t> keep = {},
                                  const MeasureOptions& options = {});

}  // namespace jamlik::inequality
