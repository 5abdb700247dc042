// Concentration indices on grouped (subgroup) data of an ordered dimension, subgroups ranked from
// most disadvantaged (order 1) by their midpoint cumulative population share X_j:
//   ACI = Σ p_j (2X_j − 1) y_j (absolute, the indicator's unit); RCI = ACI / μ (a fraction);
//   generalized = ACI / scale and Erreygers = 4·ACI / scale (y rescaled to 0..1 on the bounds
//   0 and scale); Wagstaff = RCI / (1 − μ/scale).
// Interval: HEAT's weighted convenient regression, 2σ²_R (y_j/μ) √n_j on √n_j and X_j √n_j
// without intercept (stats/regression.hpp); the slope is RCI and its OLS se the se (× μ for ACI,
// the linear rescalings for generalized and Erreygers). Wagstaff's denominator is random too: a
// simulated interval. On perfectly linear data (y_j on a line in X_j) the regression leaves no
// residual and its se is 0: a zero-width interval that ignores the subgroups' sampling error. Then
// the se is the other half of Kakwani, Wagstaff & van Doorslaer's (1997) grouped-data variance,
// the one their between-group term (here 0) leaves: var(C) = Σ p_j² se_j² (2X_j − 1 − C)² / μ²,
// the delta method on the subgroup estimates (for ACI Σ p_j² se_j² (2X_j − 1)², and the linear
// rescalings); without subgroup se there is no interval (kExactFitWithoutStandardErrors).
// Undefined: an unordered dimension, fewer than three subgroups, μ = 0
// (relative forms), μ = scale (Wagstaff). Reference: HEAT technical notes; O'Donnell et al. (2008)
// ch. 8; Erreygers (2009); Wagstaff (2005); Kakwani, Wagstaff & van Doorslaer (1997) J. Econom.
// 77:87–103; values in conformance/inequality. Memory: O(J).
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"
#include "stats/regression.hpp"

namespace jamlik::inequality {
namespace {

using internal::Prepared;

tl::expected<double, MeasureReason> Aci(const Prepared& data) {
  double aci = 0.0;
  for (std::size_t j = 0; j < data.y.size(); ++j) {
    aci += data.p[j] * (2.0 * data.rank[j] - 1.0) * data.y[j];
  }
  return aci;
}

tl::expected<double, MeasureReason> Rci(const Prepared& data) {
  if (data.mu == 0.0) return tl::unexpected(MeasureReason::kZeroMean);
  return *Aci(data) / data.mu;
}

// Return the OLS se of the RCI slope in the convenient regression; nullopt when the regression
// has no solution (too few subgroups with people).
std::optional<double> ConvenientRegressionSe(const Prepared& data) {
  double variance_of_rank = 0.0;
  for (std::size_t j = 0; j < data.p.size(); ++j) {
    variance_of_rank += data.p[j] * (data.rank[j] - 0.5) * (data.rank[j] - 0.5);
  }
  // lhs = a·√n + b·X√n, without intercept.
  const std::size_t count = data.y.size();
  std::vector<double> root(count), rank_root(count), lhs(count);
  for (std::size_t j = 0; j < count; ++j) {
    root[j] = std::sqrt(data.n[j]);
    rank_root[j] = data.rank[j] * root[j];
    lhs[j] = 2.0 * variance_of_rank * (data.y[j] / data.mu) * root[j];
  }
  const auto fit = WeightedLeastSquares({.columns = {root, rank_root}, .response = lhs},
                                        RegressionCovariance::kOrdinary);
  if (!fit) return std::nullopt;
  return fit->StandardError(1);
}

// Below this the convenient regression's se of RCI is rounding noise of an exact fit.
constexpr double kExactFitSe = 1e-12;

// Return the delta-method se of a measure from the subgroups' standard errors, given its gradient
// with respect to each subgroup estimate.
double SamplingSe(const Prepared& data,
                  const std::function<double(const Prepared&, std::size_t)>& gradient) {
  double variance = 0.0;
  for (std::size_t j = 0; j < data.y.size(); ++j) {
    const double term = gradient(data, j) * data.se[j];
    variance += term * term;
  }
  return std::sqrt(variance);
}

// ∂ACI/∂y_j = p_j (2X_j − 1); ∂RCI/∂y_j = p_j (2X_j − 1 − RCI) / μ.
double AciGradient(const Prepared& data, std::size_t j) {
  return data.p[j] * (2.0 * data.rank[j] - 1.0);
}
double RciGradient(const Prepared& data, std::size_t j) {
  return data.p[j] * (2.0 * data.rank[j] - 1.0 - *Aci(data) / data.mu) / data.mu;
}

struct Variant {
  const char* id;
  const char* label_sv;
  const char* label_en;
  MeasureScale scale;
  IntervalMethod interval;
  const char* interpretation_sv;
  const char* interpretation_en;
  internal::Statistic statistic;
  // The se of the measure from the se of RCI; empty for simulated intervals.
  std::function<double(const Prepared&, double se_rci)> se_from_rci;
  // The derivative of the measure with respect to subgroup j's estimate (exact fits).
  std::function<double(const Prepared&, std::size_t j)> gradient;
};

constexpr const char* kSignSv =
    " Positivt: indikatorn är koncentrerad till de gynnade; negativt: till de missgynnade; 0: "
    "ingen ojämlikhet.";
constexpr const char* kSignEn =
    " Positive: the indicator is concentrated among the advantaged; negative: among the "
    "disadvantaged; 0: no inequality.";

std::vector<Variant> Variants() {
  return {
      {"aci", "Absolut koncentrationsindex (ACI)", "Absolute concentration index (ACI)",
       MeasureScale::kAbsolute, IntervalMethod::kRegression,
       "Koncentrationsindex i indikatorns enhet.",
       "The concentration index in the indicator's unit.", Aci,
       [](const Prepared& d, double se) { return d.mu * se; }, AciGradient},
      {"rci", "Relativt koncentrationsindex (RCI)", "Relative concentration index (RCI)",
       MeasureScale::kRelative, IntervalMethod::kRegression,
       "Andel mellan −1 och 1 (HEAT visar ×100).", "A fraction between −1 and 1 (HEAT shows ×100).",
       Rci, [](const Prepared&, double se) { return se; }, RciGradient},
      {"ci_generalized", "Generaliserat koncentrationsindex", "Generalized concentration index",
       MeasureScale::kAbsolute, IntervalMethod::kRegression, "μ·C med indikatorn på skalan 0..1.",
       "μ·C with the indicator on the 0..1 scale.",
       [](const Prepared& d) -> tl::expected<double, MeasureReason> { return *Aci(d) / d.scale; },
       [](const Prepared& d, double se) { return d.mu * se / d.scale; },
       [](const Prepared& d, std::size_t j) { return AciGradient(d, j) / d.scale; }},
      {"ci_erreygers", "Erreygers koncentrationsindex", "Erreygers concentration index",
       MeasureScale::kAbsolute, IntervalMethod::kRegression,
       "4·μ*·C med indikatorn omskalad till 0..1 (gränserna 0 och skalan).",
       "4·μ*·C with the indicator rescaled to 0..1 (bounds 0 and the scale).",
       [](const Prepared& d) -> tl::expected<double, MeasureReason> {
         return 4.0 * *Aci(d) / d.scale;
       },
       [](const Prepared& d, double se) { return 4.0 * d.mu * se / d.scale; },
       [](const Prepared& d, std::size_t j) { return 4.0 * AciGradient(d, j) / d.scale; }},
      {"ci_wagstaff", "Wagstaffs koncentrationsindex", "Wagstaff concentration index",
       MeasureScale::kRelative, IntervalMethod::kSimulation,
       "C / (1 − μ*) med indikatorn på skalan 0..1.", "C / (1 − μ*) with the indicator on 0..1.",
       [](const Prepared& d) -> tl::expected<double, MeasureReason> {
         const auto rci = Rci(d);
         if (!rci) return rci;
         if (d.mu == d.scale) {
           return tl::unexpected(MeasureReason::kMeanEqualsScale);
         }
         return *rci / (1.0 - d.mu / d.scale);
       },
       nullptr, nullptr},
  };
}

}  // namespace

void RegisterConcentrationGrouped(Registry& registry) {
  for (Variant& variant : Variants()) {
    MeasureDescriptor descriptor{
        .id = variant.id,
        .label_sv = variant.label_sv,
        .label_en = variant.label_en,
        .applicability = {.ordered = true},
        .weighted = true,
        .scale = variant.scale,
        .no_inequality = 0.0,
        .needs = {.population = true, .se = variant.interval == IntervalMethod::kSimulation},
        .interval = variant.interval,
        .sign = SignConvention::kAdvantagedEnd,
        .interpretation_sv = std::string(variant.interpretation_sv) + kSignSv,
        .interpretation_en = std::string(variant.interpretation_en) + kSignEn,
        .reference =
            "WHO HEAT technical notes (2024); O'Donnell, van Doorslaer, Wagstaff & "
            "Lindelow (2008) ch. 8; Erreygers (2009); Wagstaff (2005)",
    };
    const internal::Rules rules = internal::RulesFor(descriptor);
    if (variant.interval == IntervalMethod::kSimulation) {
      descriptor.compute_subgroups =
          internal::SimpleCompute(rules, variant.interval, std::move(variant.statistic));
    } else {
      descriptor.compute_subgroups = [rules, statistic = std::move(variant.statistic),
                                      se_from_rci = std::move(variant.se_from_rci),
                                      gradient = std::move(variant.gradient)](
                                         const SubgroupData& data, const MeasureOptions& options) {
        const auto prepared = internal::Prepare(data, rules, options);
        if (!prepared) return internal::Undefined(prepared.error());
        const auto estimate = statistic(*prepared);
        if (!estimate) return internal::Undefined(estimate.error());
        if (prepared->mu == 0.0) return internal::PointOnly(*estimate, MeasureReason::kZeroMean);
        const std::optional<double> se_rci = ConvenientRegressionSe(*prepared);
        if (!se_rci)
          return internal::PointOnly(*estimate, MeasureReason::kIntervalRegressionUnsolvable);
        if (*se_rci <= kExactFitSe) {
          if (!prepared->has_se()) {
            return internal::PointOnly(*estimate, MeasureReason::kExactFitWithoutStandardErrors);
          }
          return internal::NormalInterval(*estimate, SamplingSe(*prepared, gradient),
                                          options.confidence);
        }
        return internal::NormalInterval(*estimate, se_from_rci(*prepared, *se_rci),
                                        options.confidence);
      };
    }
    registry.Add(std::move(descriptor));
  }
}

}  // namespace jamlik::inequality
