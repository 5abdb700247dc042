// Between-group variance and what derives from it, for unordered dimensions:
//   BGV = Σ p_j (y_j − μ)²; BGSD = √BGV; COV = 100 · BGSD / μ (percent).
// Interval: BGV analytic (HEAT technical notes), with s_j = p_j² se_j²:
//   var = 4 Σ s_j (y_j − μ)² + 2 [ (Σ s_j)² − Σ s_j² + Σ p_j² (1 − p_j)² se_j⁴ ], normal;
// BGSD and COV by the seeded parametric simulation (WithSimulatedInterval). Undefined: fewer than
// three subgroups, more than 15 % missing, missing populations, μ = 0 (COV).
// Reference: HEAT technical notes; healthequal bgv()/bgsd()/covar(). Memory: O(J).
#include <cmath>
#include <string>
#include <utility>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality {
namespace {

using internal::Prepared;

double Bgv(const Prepared& data) {
  double bgv = 0.0;
  for (std::size_t j = 0; j < data.y.size(); ++j) {
    bgv += data.p[j] * (data.y[j] - data.mu) * (data.y[j] - data.mu);
  }
  return bgv;
}

double BgvVariance(const Prepared& data) {
  double linear = 0.0, sum_s = 0.0, sum_s2 = 0.0, own = 0.0;
  for (std::size_t j = 0; j < data.y.size(); ++j) {
    const double p = data.p[j];
    const double se2 = data.se[j] * data.se[j];
    const double s = p * p * se2;
    linear += s * (data.y[j] - data.mu) * (data.y[j] - data.mu);
    sum_s += s;
    sum_s2 += s * s;
    own += p * p * (1.0 - p) * (1.0 - p) * se2 * se2;
  }
  return 4.0 * linear + 2.0 * (sum_s * sum_s - sum_s2 + own);
}

MeasureDescriptor Describe(const char* id, const char* label_sv, const char* label_en,
                           MeasureScale scale, IntervalMethod interval,
                           const char* interpretation_sv, const char* interpretation_en) {
  return MeasureDescriptor{
      .id = id,
      .label_sv = label_sv,
      .label_en = label_en,
      .applicability = {.unordered = true},
      .weighted = true,
      .scale = scale,
      .no_inequality = 0.0,
      .needs = {.population = true, .se = true},
      .interval = interval,
      .interpretation_sv = interpretation_sv,
      .interpretation_en = interpretation_en,
      .reference = "WHO HEAT technical notes (2024); healthequal::bgv/bgsd/covar",
  };
}

}  // namespace

void RegisterBetweenGroupVariance(Registry& registry) {
  MeasureDescriptor bgv = Describe(
      "bgv", "Varians mellan grupper (BGV)", "Between-group variance (BGV)",
      MeasureScale::kAbsolute, IntervalMethod::kDeltaMethod,
      "Befolkningsviktad kvadrerad avvikelse från genomsnittet (indikatorns enhet i kvadrat); 0 "
      "betyder ingen ojämlikhet.",
      "Population-weighted squared deviation from the average (the indicator's unit squared); 0 "
      "means no inequality.");
  const internal::Rules rules = internal::RulesFor(bgv);
  bgv.compute_subgroups = [rules](const SubgroupData& data, const MeasureOptions& options) {
    const auto prepared = internal::Prepare(data, rules, options);
    if (!prepared) return internal::Undefined(prepared.error());
    const double estimate = Bgv(*prepared);
    if (!prepared->has_se())
      return internal::PointOnly(estimate, MeasureReason::kStandardErrorsMissing);
    return internal::NormalInterval(estimate, std::sqrt(BgvVariance(*prepared)),
                                    options.confidence);
  };
  registry.Add(std::move(bgv));

  MeasureDescriptor bgsd = Describe(
      "bgsd", "Standardavvikelse mellan grupper (BGSD)", "Between-group standard deviation (BGSD)",
      MeasureScale::kAbsolute, IntervalMethod::kSimulation,
      "Kvadratroten ur BGV, i indikatorns enhet; 0 betyder ingen ojämlikhet.",
      "The square root of BGV, in the indicator's unit; 0 means no inequality.");
  bgsd.compute_subgroups = internal::SimpleCompute(
      rules, bgsd.interval, [](const Prepared& data) -> tl::expected<double, MeasureReason> {
        return std::sqrt(Bgv(data));
      });
  registry.Add(std::move(bgsd));

  MeasureDescriptor cov =
      Describe("cov", "Variationskoefficient (COV)", "Coefficient of variation (COV)",
               MeasureScale::kRelative, IntervalMethod::kSimulation,
               "BGSD i procent av genomsnittet; 0 betyder ingen ojämlikhet.",
               "BGSD as a percentage of the average; 0 means no inequality.");
  cov.compute_subgroups = internal::SimpleCompute(
      rules, cov.interval, [](const Prepared& data) -> tl::expected<double, MeasureReason> {
        if (data.mu == 0.0) return tl::unexpected(MeasureReason::kZeroMean);
        return 100.0 * std::sqrt(Bgv(data)) / data.mu;
      });
  registry.Add(std::move(cov));
}

}  // namespace jamlik::inequality
