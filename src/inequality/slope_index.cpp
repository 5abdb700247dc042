// Slope and relative index of inequality on grouped data of an ordered dimension; subgroups at
// their midpoint cumulative population share X_j (0 = most disadvantaged end, 1 = most advantaged).
// - HEAT form (sii, rii): cases_j = round(y_j/scale · ⌈n_j⌉) (half to even, as R); a logistic
//   regression of (cases, non-cases) on X_j with each subgroup additionally weighted by ⌈n_j⌉, as
//   HEAT fits it; v0 = expit(b0), v1 = expit(b0 + b1); SII = scale·(v1 − v0), RII = v1 / v0.
// - Linear form (sii_linear, rii_linear), as PHE: population-weighted least squares of y_j/scale on
//   X_j; SII = scale·b1, RII = (b0 + b1) / b0.
// Interval: delta method with the HC1 sandwich covariance (J/(J−2) · B⁻¹ M B⁻¹, both fits from
// stats/regression.hpp); RII on the log scale, its se reported there. Undefined: unordered, fewer
// than three subgroups, cases outside 0..n, all or no cases (the logistic fit diverges), a zero
// fitted value at X = 0 (RII). Reference: HEAT technical notes; healthequal sii()/rii(); PHE
// technical guide; values in conformance/inequality. Memory: O(J).
#include <array>
#include <cmath>
#include <string>
#include <utility>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"
#include "stats/regression.hpp"

namespace jamlik::inequality {
namespace {

using internal::Prepared;

struct Fit {
  double b0 = 0.0;
  double b1 = 0.0;
  std::array<double, 3> covariance{};  // v00, v01, v11 (HC1)
};

Fit FitOf(const RegressionFit& fit) {
  return {.b0 = fit.coefficients[0],
          .b1 = fit.coefficients[1],
          .covariance = {fit.Covariance(0, 0), fit.Covariance(0, 1), fit.Covariance(1, 1)}};
}

double Quadratic(const std::array<double, 3>& v, double g0, double g1) {
  return g0 * g0 * v[0] + 2.0 * g0 * g1 * v[1] + g1 * g1 * v[2];
}

double Expit(double t) { return 1.0 / (1.0 + std::exp(-t)); }

MeasureReason FailureReason(RegressionFailureKind kind) {
  switch (kind) {
    case RegressionFailureKind::kTooFewObservations:
      return MeasureReason::kRegressionTooFewObservations;
    case RegressionFailureKind::kCollinear:
      return MeasureReason::kRegressionCollinear;
    case RegressionFailureKind::kSeparation:
      return MeasureReason::kRegressionSeparation;
    case RegressionFailureKind::kNoConvergence:
      return MeasureReason::kRegressionNoConvergence;
  }
  return MeasureReason::kRegressionNoConvergence;
}

tl::expected<Fit, MeasureReason> FitLogistic(const Prepared& data) {
  const std::size_t count = data.y.size();
  std::vector<double> trials(count), cases(count);
  double total_cases = 0.0, total_trials = 0.0;
  for (std::size_t j = 0; j < count; ++j) {
    trials[j] = std::ceil(data.n[j]);
    cases[j] = std::nearbyint(data.y[j] / data.scale * trials[j]);
    if (cases[j] < 0.0 || cases[j] > trials[j]) {
      return tl::unexpected(MeasureReason::kEstimateOutsideScale);
    }
    total_cases += cases[j];
    total_trials += trials[j];
  }
  if (total_cases == 0.0 || total_cases == total_trials) {
    return tl::unexpected(MeasureReason::kAllOrNoCases);
  }
  // HEAT weights each subgroup by its size on top of its trials.
  const std::vector<double> ones(count, 1.0);
  const auto fit = LogisticRegression(
      {.columns = {ones, data.rank}, .successes = cases, .trials = trials, .weights = trials},
      RegressionCovariance::kHc1);
  if (!fit) return tl::unexpected(FailureReason(fit.error().kind));
  return FitOf(*fit);
}

tl::expected<Fit, MeasureReason> FitLinear(const Prepared& data) {
  std::vector<double> y(data.y.size());
  for (std::size_t j = 0; j < y.size(); ++j) y[j] = data.y[j] / data.scale;
  const std::vector<double> ones(y.size(), 1.0);
  const auto fit = WeightedLeastSquares(
      {.columns = {ones, data.rank}, .response = y, .weights = data.n}, RegressionCovariance::kHc1);
  if (!fit) return tl::unexpected(FailureReason(fit.error().kind));
  return FitOf(*fit);
}

// The fitted values at the two ends and the gradients of each with respect to (b0, b1).
struct Ends {
  double v0, v1, dv0_db0, dv1_db0, dv1_db1;  // dv0/db1 is 0 for both models
};

Ends LogisticEnds(const Fit& fit) {
  const double v0 = Expit(fit.b0), v1 = Expit(fit.b0 + fit.b1);
  return {v0, v1, v0 * (1.0 - v0), v1 * (1.0 - v1), v1 * (1.0 - v1)};
}

Ends LinearEnds(const Fit& fit) { return {fit.b0, fit.b0 + fit.b1, 1.0, 1.0, 1.0}; }

MeasureResult Slope(const Fit& fit, const Ends& e, const Prepared& data, double confidence) {
  const double se =
      data.scale * std::sqrt(Quadratic(fit.covariance, e.dv1_db0 - e.dv0_db0, e.dv1_db1));
  return internal::NormalInterval(data.scale * (e.v1 - e.v0), se, confidence);
}

MeasureResult Relative(const Fit& fit, const Ends& e, double confidence) {
  if (e.v0 <= 0.0 || e.v1 <= 0.0) {
    return internal::Undefined(MeasureReason::kFittedEndNotPositive);
  }
  // d log(v1/v0) = dv1/v1 − dv0/v0.
  const double se =
      std::sqrt(Quadratic(fit.covariance, e.dv1_db0 / e.v1 - e.dv0_db0 / e.v0, e.dv1_db1 / e.v1));
  return internal::LogNormalInterval(e.v1 / e.v0, se, confidence);
}

struct Variant {
  const char* id;
  const char* label_sv;
  const char* label_en;
  bool relative;
  bool logistic;
};

}  // namespace

void RegisterSlopeIndex(Registry& registry) {
  const Variant variants[] = {
      {"sii", "Lutningsindex (SII), logistiskt", "Slope index of inequality (SII), logistic", false,
       true},
      {"rii", "Relativt ojämlikhetsindex (RII), logistiskt",
       "Relative index of inequality (RII), logistic", true, true},
      {"sii_linear", "Lutningsindex (SII), linjärt", "Slope index of inequality (SII), linear",
       false, false},
      {"rii_linear", "Relativt ojämlikhetsindex (RII), linjärt",
       "Relative index of inequality (RII), linear", true, false},
  };
  for (const Variant& variant : variants) {
    MeasureDescriptor descriptor{
        .id = variant.id,
        .label_sv = variant.label_sv,
        .label_en = variant.label_en,
        .applicability = {.ordered = true},
        .weighted = true,
        .scale = variant.relative ? MeasureScale::kRelative : MeasureScale::kAbsolute,
        .no_inequality = variant.relative ? 1.0 : 0.0,
        .needs = {.population = true},
        .interval = IntervalMethod::kSandwich,
        .se_on_log_scale = variant.relative,
        .sign = SignConvention::kAdvantagedEnd,
        .interpretation_sv =
            variant.relative
                ? "Kvoten mellan skattade värden i den mest gynnade och den mest missgynnade "
                  "änden av fördelningen; 1 betyder ingen ojämlikhet. Standardfelet gäller log."
                : "Skillnaden mellan skattade värden i den mest gynnade och den mest "
                  "missgynnade änden av fördelningen, med hänsyn till alla grupper; 0 betyder "
                  "ingen ojämlikhet.",
        .interpretation_en =
            variant.relative
                ? "The ratio of fitted values at the most advantaged and the most "
                  "disadvantaged end of the distribution; 1 means no inequality. The se is "
                  "that of the log."
                : "The difference of fitted values at the most advantaged and the most "
                  "disadvantaged end of the distribution, using every subgroup; 0 means no "
                  "inequality.",
        .reference = variant.logistic
                         ? "WHO HEAT technical notes (2024); healthequal::sii/rii"
                         : "PHE Technical guide: slope and relative index of inequality; "
                           "Low & Low (2004)",
    };
    const internal::Rules rules = internal::RulesFor(descriptor);
    descriptor.compute_subgroups = [rules, variant](const SubgroupData& data,
                                                    const MeasureOptions& options) {
      const auto prepared = internal::Prepare(data, rules, options);
      if (!prepared) return internal::Undefined(prepared.error());
      const auto fit = variant.logistic ? FitLogistic(*prepared) : FitLinear(*prepared);
      if (!fit) return internal::Undefined(fit.error());
      const Ends ends = variant.logistic ? LogisticEnds(*fit) : LinearEnds(*fit);
      return variant.relative ? Relative(*fit, ends, options.confidence)
                              : Slope(*fit, ends, *prepared, options.confidence);
    };
    registry.Add(std::move(descriptor));
  }
}

}  // namespace jamlik::inequality
