// Theil index and mean log deviation of subgroup estimates, for unordered dimensions, with
// r_j = y_j / μ and population shares p_j; both × 1000 as HEAT displays them:
//   TI = 1000 · Σ p_j r_j ln r_j;  MLD = 1000 · −Σ p_j ln r_j.
// Interval: delta method with independent subgroup estimates (Ahn et al. 2018):
//   ∂TI/∂y_k = p_k (ln r_k − TI/1000) / μ,  ∂MLD/∂y_k = p_k (1/μ − 1/y_k);
// the se is × 1000 like the estimate (HEAT's published se is not; we do not copy that).
// Zeros: TI uses the limit 0·ln 0 = 0 (no interval: its derivative is unbounded there); MLD is
// undefined with a zero subgroup (HEAT replaces 0 by 1e-6, which makes MLD depend on that
// constant). Undefined: negative estimates, μ = 0, fewer than three subgroups, > 15 % missing.
// Reference: HEAT technical notes; healthequal ti()/mld(). Memory: O(J).
#include <cmath>
#include <string>
#include <utility>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality {
namespace {

using internal::Prepared;

constexpr double kDisplayFactor = 1000.0;

MeasureResult Theil(const Prepared& data, bool mld, double confidence) {
  bool has_zero = false;
  for (double y : data.y) {
    if (y < 0.0) {
      return internal::Undefined(MeasureReason::kNegativeEstimates);
    }
    has_zero = has_zero || y == 0.0;
  }
  if (data.mu <= 0.0) {
    return internal::Undefined(MeasureReason::kZeroMean);
  }
  if (mld && has_zero) {
    return internal::Undefined(MeasureReason::kZeroSubgroupMld);
  }
  double value = 0.0;
  for (std::size_t j = 0; j < data.y.size(); ++j) {
    const double r = data.y[j] / data.mu;
    if (mld) {
      value -= data.p[j] * std::log(r);
    } else if (r > 0.0) {
      value += data.p[j] * r * std::log(r);
    }
  }
  const double estimate = kDisplayFactor * value;
  if (!data.has_se()) return internal::PointOnly(estimate, MeasureReason::kStandardErrorsMissing);
  if (has_zero) {
    return internal::PointOnly(estimate, MeasureReason::kNoIntervalWithZeroSubgroup);
  }
  double variance = 0.0;
  for (std::size_t j = 0; j < data.y.size(); ++j) {
    const double gradient = mld ? data.p[j] * (1.0 / data.mu - 1.0 / data.y[j])
                                : data.p[j] * (std::log(data.y[j] / data.mu) - value) / data.mu;
    variance += gradient * gradient * data.se[j] * data.se[j];
  }
  return internal::NormalInterval(estimate, kDisplayFactor * std::sqrt(variance), confidence);
}

}  // namespace

void RegisterTheilGrouped(Registry& registry) {
  for (const bool mld : {false, true}) {
    MeasureDescriptor descriptor{
        .id = mld ? "mld" : "ti",
        .label_sv = mld ? "Medellogaritmisk avvikelse (MLD)" : "Theils index (TI)",
        .label_en = mld ? "Mean log deviation (MLD)" : "Theil index (TI)",
        .applicability = {.unordered = true},
        .weighted = true,
        .scale = MeasureScale::kRelative,
        .no_inequality = 0.0,
        .needs = {.population = true, .se = true},
        .interval = IntervalMethod::kDeltaMethod,
        .interpretation_sv =
            "Entropimått (×1000) på hur indikatorn fördelar sig över grupperna "
            "jämfört med befolkningen; 0 betyder ingen ojämlikhet.",
        .interpretation_en =
            "An entropy measure (×1000) of how the indicator is distributed "
            "across subgroups relative to the population; 0 means no "
            "inequality.",
        .reference =
            "WHO HEAT technical notes (2024); healthequal::ti/mld; Ahn et al., JCO Clin "
            "Cancer Inform 2018;2:1-19",
    };
    const internal::Rules rules = internal::RulesFor(descriptor);
    descriptor.compute_subgroups = [rules, mld](const SubgroupData& data,
                                                const MeasureOptions& options) {
      const auto prepared = internal::Prepare(data, rules, options);
      if (!prepared) return internal::Undefined(prepared.error());
      return Theil(*prepared, mld, options.confidence);
    };
    registry.Add(std::move(descriptor));
  }
}

}  // namespace jamlik::inequality
