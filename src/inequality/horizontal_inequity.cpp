// Horizontal inequity by indirect standardisation (O'Donnell et al. 2008, ch. 10 and 13):
//   y_i = α + Σ_k β_k x_ki + Σ_p γ_p z_pi + ε_i (OLS; x need, z non-need regressors),
//   ŷ_i = α + Σ_k β_k x_ki + Σ_p γ_p z̄_p (need-expected use, non-need held at their means),
//   HI = C(y) − C(ŷ); since mean(ŷ) = ȳ this is the concentration index of y − ŷ + ȳ.
// Decomposition (Wagstaff, van Doorslaer & Watanabe 2003): C = Σ_k (β_k x̄_k / μ) C_k + GC_ε / μ,
// exact for OLS with an intercept; the residual is reported as C − Σ contributions.
// Concentration indices use the tie-aware fractional rank of the ranking variable (as the rci
// measure). The OLS is stats/regression.hpp's: p is small (tens), n large, and forming X'X is one
// pass over the rows. Memory: p + 3 doubles a row for the regressors, intercept and predictions.
#include "inequality/horizontal_inequity.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "stats/regression.hpp"

namespace jamlik::inequality {
namespace {

struct Regressor {
  std::string name{};
  bool need = false;
  std::vector<double> x{};  // over the rows used
  std::size_t persons = 0;  // in the dummy's category (every row used for a linear regressor)
  std::size_t reference_persons = 0;  // in the reference category (ditto)
};

// A regressor column and its band width ("alder:5" → alder, 5).
struct VariableSpec {
  const Column* column = nullptr;
  double band = 0.0;
  bool need = false;
};

VariableSpec ParseVariable(const Table& persons, const std::string& text, bool need) {
  VariableSpec spec{.need = need};
  const auto colon = text.find(':');
  spec.column = &persons.GetColumn(text.substr(0, colon));
  if (colon != std::string::npos) {
    const std::string band = text.substr(colon + 1);
    char* end = nullptr;
    spec.band = std::strtod(band.c_str(), &end);
    if (end == band.c_str() || *end != '\0' || !(spec.band > 0.0) || !spec.column->IsNumeric()) {
      throw Error(ErrorCode::kInvalidArgument,
                  fmt::format("{} '{}'",
                              Tr("Bandbredd kräver en numerisk kolumn och ett positivt tal:",
                                 "A band width needs a numeric column and a positive number:"),
                              text),
                  {}, "variable", text);
    }
  }
  return spec;
}

const Column& NumericColumn(const Table& persons, const std::string& name) {
  const Column& column = persons.GetColumn(name);
  if (!column.IsNumeric() && column.type() != ColumnType::kCategorical) {
    throw Error(ErrorCode::kTypeMismatch,
                fmt::format("{} '{}'",
                            Tr("Kolumnen är inte numerisk:", "The column is not numeric:"), name),
                {}, name);
  }
  return column;
}

// The value of a numeric column, or the code of a categorical one (its order).
double ValueOf(const Column& column, std::size_t row) {
  return column.IsNumeric() ? column.NumericAt(row)
                            : static_cast<double>(column.categorical().CodeAt(row));
}

// Append the regressors of one variable over the rows used.
void AddRegressors(const VariableSpec& spec, const std::vector<std::size_t>& rows,
                   std::vector<Regressor>& out) {
  const Column& column = *spec.column;
  if (column.IsNumeric() && spec.band == 0.0) {
    Regressor linear{.name = column.name(),
                     .need = spec.need,
                     .persons = rows.size(),
                     .reference_persons = rows.size()};
    for (std::size_t row : rows) linear.x.push_back(column.NumericAt(row));
    out.push_back(std::move(linear));
    return;
  }
  // Levels in their natural order: bands ascending, categories in dictionary order, text sorted.
  std::map<double, std::string> numbered;     // numeric bands and categorical codes
  std::map<std::string, double> text_levels;  // plain text
  std::vector<double> level(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t row = rows[i];
    if (column.IsNumeric()) {
      level[i] = std::floor(column.NumericAt(row) / spec.band) * spec.band;
      numbered.try_emplace(level[i], fmt::format("{}", level[i]));
    } else if (column.type() == ColumnType::kCategorical) {
      const std::uint32_t code = column.categorical().CodeAt(row);
      level[i] = code;
      numbered.try_emplace(level[i], column.categorical().dictionary.category(code));
    } else {
      text_levels.try_emplace(column.strings()[row], 0.0);
    }
  }
  if (column.type() == ColumnType::kString) {
    double index = 0.0;
    for (auto& [name, value] : text_levels) {
      value = index;
      numbered.emplace(index++, name);
    }
    for (std::size_t i = 0; i < rows.size(); ++i) level[i] = text_levels[column.strings()[rows[i]]];
  }
  std::map<double, std::size_t> persons;  // per level
  for (double value : level) ++persons[value];
  // Every level but the first (the reference) gets a dummy.
  for (auto it = std::next(numbered.begin(), numbered.empty() ? 0 : 1); it != numbered.end();
       ++it) {
    Regressor dummy{.name = fmt::format("{}={}", column.name(), it->second),
                    .need = spec.need,
                    .persons = persons[it->first],
                    .reference_persons = persons[numbered.begin()->first]};
    dummy.x.reserve(rows.size());
    for (double value : level) dummy.x.push_back(value == it->first ? 1.0 : 0.0);
    out.push_back(std::move(dummy));
  }
}

// Return the tie-aware fractional rank of each row: a block of equal ranks shares the midpoint of
// its cumulative share.
std::vector<double> FractionalRanks(const std::vector<double>& rank) {
  std::vector<std::size_t> order(rank.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rank[a] < rank[b]; });
  std::vector<double> fractional(rank.size());
  const auto n = static_cast<double>(rank.size());
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    while (end < order.size() && rank[order[end]] == rank[order[start]]) ++end;
    const double midpoint =
        (static_cast<double>(start) + static_cast<double>(end - start) / 2.0) / n;
    for (std::size_t i = start; i < end; ++i) fractional[order[i]] = midpoint;
    start = end;
  }
  return fractional;
}

double Mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

// 2 cov(v, R) / mean(v); 0 for a zero mean (such a regressor contributes nothing: x̄ = 0).
double Concentration(const std::vector<double>& v, const std::vector<double>& fractional) {
  const double mean = Mean(v);
  if (mean == 0.0) return 0.0;
  double covariance = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i) covariance += (v[i] - mean) * (fractional[i] - 0.5);
  return 2.0 * covariance / static_cast<double>(v.size()) / mean;
}

MeasureResult ConcentrationWithInterval(const std::vector<double>& v,
                                        const std::vector<double>& rank,
                                        const MeasureOptions& options) {
  Sample sample;
  for (std::size_t i = 0; i < v.size(); ++i)
    sample.Update(Observation{.value = v[i], .rank = rank[i]});
  return Compute("rci", sample, options);
}

}  // namespace

InequityResult HorizontalInequity(const Table& persons, const InequitySpec& spec,
                                  std::span<const std::uint8_t> keep,
                                  const MeasureOptions& options) {
  const Column& use = NumericColumn(persons, spec.use);
  const Column& rank_column = NumericColumn(persons, spec.rank);
  std::vector<VariableSpec> variables;
  for (const auto& name : spec.need) variables.push_back(ParseVariable(persons, name, true));
  for (const auto& name : spec.nonneed) variables.push_back(ParseVariable(persons, name, false));
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < persons.num_rows(); ++row) {
    if (!keep.empty() && keep[row] == 0) continue;
    if (use.IsNull(row) || rank_column.IsNull(row)) continue;
    if (std::any_of(variables.begin(), variables.end(),
                    [row](const VariableSpec& v) { return v.column->IsNull(row); })) {
      continue;
    }
    rows.push_back(row);
  }
  std::vector<Regressor> regressors;
  for (const VariableSpec& variable : variables) AddRegressors(variable, rows, regressors);
  const std::size_t p = regressors.size() + 1;
  if (rows.size() <= p) {
    throw Error(ErrorCode::kInvalidArgument, fmt::format("{} ({} < {})",
                                                         Tr("För få personer för regressionen",
                                                            "Too few persons for the regression"),
                                                         rows.size(), p + 1));
  }
  const std::size_t n = rows.size();
  std::vector<double> y(n), rank(n);
  for (std::size_t i = 0; i < n; ++i) {
    y[i] = use.NumericAt(rows[i]);
    rank[i] = ValueOf(rank_column, rows[i]);
  }
  InequityResult result{.persons = n, .mean_use = Mean(y)};
  if (result.mean_use == 0.0) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("Medelanvändningen är 0", "The mean use is 0")));
  }
  // The intercept first, then the regressors in their order.
  const std::vector<double> ones(n, 1.0);
  LinearModel model{.columns = {ones}, .response = y};
  for (const Regressor& regressor : regressors) model.columns.emplace_back(regressor.x);
  const auto fit = WeightedLeastSquares(model, RegressionCovariance::kNone);
  if (!fit) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("Förklaringsvariablerna är linjärt beroende (en kategori saknas "
                               "eller två variabler mäter samma sak)",
                               "The regressors are collinear (a category is empty or two "
                               "variables measure the same)")));
  }
  const std::vector<double>& beta = fit->coefficients;
  result.intercept = beta[0];
  const std::vector<double> fractional = FractionalRanks(rank);
  // Need-expected use: the intercept, need at each person's value, non-need at its mean.
  std::vector<double> expected(n, result.intercept);
  double explained = 0.0;
  for (std::size_t k = 0; k < regressors.size(); ++k) {
    const Regressor& r = regressors[k];
    const double coefficient = beta[k + 1];
    InequityContribution c{.regressor = r.name,
                           .need = r.need,
                           .coefficient = coefficient,
                           .mean = Mean(r.x),
                           .persons = r.persons,
                           .reference_persons = r.reference_persons};
    c.elasticity = coefficient * c.mean / result.mean_use;
    c.concentration = Concentration(r.x, fractional);
    c.contribution = c.elasticity * c.concentration;
    explained += c.contribution;
    (r.need ? result.need_contribution : result.nonneed_contribution) += c.contribution;
    for (std::size_t i = 0; i < n; ++i) expected[i] += coefficient * (r.need ? r.x[i] : c.mean);
    result.contributions.push_back(std::move(c));
  }
  result.concentration = ConcentrationWithInterval(y, rank, options);
  result.need_expected_concentration = ConcentrationWithInterval(expected, rank, options);
  std::vector<double> standardised(n);
  for (std::size_t i = 0; i < n; ++i) standardised[i] = y[i] - expected[i] + result.mean_use;
  result.horizontal_inequity = ConcentrationWithInterval(standardised, rank, options);
  result.residual = result.concentration.estimate.value_or(0.0) - explained;
  return result;
}

}  // namespace jamlik::inequality
