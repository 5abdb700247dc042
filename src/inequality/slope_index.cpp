// Slope and relative index of inequality on grouped data of an ordered dimension; subgroups at
// their midpoint cumulative population share X_j (0 = most disadvantaged end, 1 = most advantaged).
// - HEAT form (sii, rii): cases_j = round(y_j/scale · ⌈n_j⌉) (half to even, as R); a logistic
//   regression of (cases, non-cases) on X_j with each subgroup additionally weighted by ⌈n_j⌉, as
//   HEAT fits it; v0 = expit(b0), v1 = expit(b0 + b1); SII = scale·(v1 − v0), RII = v1 / v0.
// - Linear form (sii_linear, rii_linear), as PHE: population-weighted least squares of y_j/scale on
//   X_j; SII = scale·b1, RII = (b0 + b1) / b0.
// Interval: delta method with the HC1 sandwich covariance (J/(J−2) · B⁻¹ M B⁻¹); RII on the log
// scale, its se reported there. Undefined: unordered, fewer than three subgroups, cases outside
// 0..n, all or no cases (the logistic fit diverges), a zero fitted value at X = 0 (RII).
// Reference: HEAT technical notes; healthequal sii()/rii(); PHE technical guide; values in
// conformance/inequality. Memory: O(J).
#include <array>
#include <cmath>
#include <string>
#include <utility>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality {
namespace {

using internal::Prepared;

struct Fit {
  double b0 = 0.0;
  double b1 = 0.0;
  std::array<double, 3> covariance{};  // v00, v01, v11 (HC1)
};

using Matrix2 = std::array<double, 3>;  // symmetric: a00, a01, a11

Matrix2 Inverse(const Matrix2& m) {
  const double det = m[0] * m[2] - m[1] * m[1];
  return {m[2] / det, -m[1] / det, m[0] / det};
}

// Return the sandwich A·M·A of symmetric 2×2 matrices, scaled.
Matrix2 Sandwich(const Matrix2& a, const Matrix2& m, double factor) {
  const double t00 = a[0] * m[0] + a[1] * m[1], t01 = a[0] * m[1] + a[1] * m[2];
  const double t10 = a[1] * m[0] + a[2] * m[1], t11 = a[1] * m[1] + a[2] * m[2];
  return {factor * (t00 * a[0] + t01 * a[1]), factor * (t00 * a[1] + t01 * a[2]),
          factor * (t10 * a[1] + t11 * a[2])};
}

double Quadratic(const Matrix2& v, double g0, double g1) {
  return g0 * g0 * v[0] + 2.0 * g0 * g1 * v[1] + g1 * g1 * v[2];
}

double Expit(double t) { return 1.0 / (1.0 + std::exp(-t)); }

double Hc1Factor(const Prepared& data) {
  const auto j = static_cast<double>(data.y.size());
  return j / (j - 2.0);
}

tl::expected<Fit, std::string> FitLogistic(const Prepared& data) {
  const std::size_t count = data.y.size();
  std::vector<double> trials(count), cases(count);
  double total_cases = 0.0, total_trials = 0.0;
  for (std::size_t j = 0; j < count; ++j) {
    trials[j] = std::ceil(data.n[j]);
    cases[j] = std::nearbyint(data.y[j] / data.scale * trials[j]);
    if (cases[j] < 0.0 || cases[j] > trials[j]) {
      return tl::unexpected(std::string(Tr("Skattningen ligger utanför indikatorns skala",
                                           "An estimate lies outside the indicator's scale")));
    }
    total_cases += cases[j];
    total_trials += trials[j];
  }
  if (total_cases == 0.0 || total_cases == total_trials) {
    return tl::unexpected(
        std::string(Tr("Alla eller inga fall: den logistiska modellen saknar "
                       "lösning",
                       "All or no cases: the logistic model has no solution")));
  }
  // Newton–Raphson (IRLS) on the weighted binomial log-likelihood.
  Fit fit;
  Matrix2 information{};
  for (int iteration = 0; iteration < 100; ++iteration) {
    information = {};
    double g0 = 0.0, g1 = 0.0;
    for (std::size_t j = 0; j < count; ++j) {
      const double x = data.rank[j];
      const double mu = Expit(fit.b0 + fit.b1 * x);
      const double w = trials[j] * trials[j] * mu * (1.0 - mu);
      const double score = trials[j] * (cases[j] - trials[j] * mu);
      g0 += score;
      g1 += score * x;
      information[0] += w;
      information[1] += w * x;
      information[2] += w * x * x;
    }
    const Matrix2 inverse = Inverse(information);
    const double step0 = inverse[0] * g0 + inverse[1] * g1;
    const double step1 = inverse[1] * g0 + inverse[2] * g1;
    fit.b0 += step0;
    fit.b1 += step1;
    if (std::abs(step0) + std::abs(step1) < 1e-13 * (1.0 + std::abs(fit.b0) + std::abs(fit.b1))) {
      break;
    }
  }
  Matrix2 meat{};
  information = {};
  for (std::size_t j = 0; j < count; ++j) {
    const double x = data.rank[j];
    const double mu = Expit(fit.b0 + fit.b1 * x);
    const double w = trials[j] * trials[j] * mu * (1.0 - mu);
    const double score = trials[j] * (cases[j] - trials[j] * mu);
    information[0] += w;
    information[1] += w * x;
    information[2] += w * x * x;
    meat[0] += score * score;
    meat[1] += score * score * x;
    meat[2] += score * score * x * x;
  }
  fit.covariance = Sandwich(Inverse(information), meat, Hc1Factor(data));
  return fit;
}

tl::expected<Fit, std::string> FitLinear(const Prepared& data) {
  Matrix2 cross{};
  double t0 = 0.0, t1 = 0.0;
  for (std::size_t j = 0; j < data.y.size(); ++j) {
    const double x = data.rank[j];
    const double y = data.y[j] / data.scale;
    cross[0] += data.n[j];
    cross[1] += data.n[j] * x;
    cross[2] += data.n[j] * x * x;
    t0 += data.n[j] * y;
    t1 += data.n[j] * x * y;
  }
  const Matrix2 inverse = Inverse(cross);
  Fit fit{.b0 = inverse[0] * t0 + inverse[1] * t1, .b1 = inverse[1] * t0 + inverse[2] * t1};
  Matrix2 meat{};
  for (std::size_t j = 0; j < data.y.size(); ++j) {
    const double x = data.rank[j];
    const double score = data.n[j] * (data.y[j] / data.scale - fit.b0 - fit.b1 * x);
    meat[0] += score * score;
    meat[1] += score * score * x;
    meat[2] += score * score * x * x;
  }
  fit.covariance = Sandwich(inverse, meat, Hc1Factor(data));
  return fit;
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
    return internal::Undefined(std::string(
        Tr("Skattat värde vid ändpunkten är inte positivt", "A fitted end value is not positive")));
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
