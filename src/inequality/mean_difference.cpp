// Mean differences from a point of comparison, for unordered dimensions, over the J kept
// subgroups, unweighted (Σ |y_j − c| / J) or population-weighted (Σ p_j |y_j − c|):
//   MDMU/MDMW: c = μ, the population-weighted setting average (in both);
//   MDBU/MDBW: c = the best subgroup (highest if favourable, lowest if adverse);
//   MDRU/MDRW: c = the flagged reference subgroup;
//   IDISU/IDISW = 100 · MDMU / μ and 100 · MDMW / μ (index of disparity, percent).
// Interval: the seeded parametric simulation (WithSimulatedInterval), as HEAT. Undefined: fewer
// than three subgroups, more than 15 % missing, missing populations, no single reference (MDR*),
// μ = 0 (IDIS*). Reference: HEAT technical notes; healthequal md*()/idis*(). Memory: O(J).
#include <cmath>
#include <string>
#include <utility>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality {
namespace {

using internal::Prepared;

enum class Point { kMean, kBest, kReference };

double Comparison(const Prepared& data, Point point) {
  switch (point) {
    case Point::kMean:
      return data.mu;
    case Point::kBest:
      return data.y[data.BestIndex()];
    case Point::kReference:
      return data.y[*data.ReferenceIndex()];
  }
  return data.mu;
}

double MeanDifference(const Prepared& data, Point point, bool weighted) {
  const double c = Comparison(data, point);
  double sum = 0.0;
  for (std::size_t j = 0; j < data.y.size(); ++j) {
    sum += (weighted ? data.p[j] : 1.0) * std::abs(data.y[j] - c);
  }
  return weighted ? sum : sum / static_cast<double>(data.y.size());
}

struct Variant {
  const char* id;
  const char* label_sv;
  const char* label_en;
  Point point;
  bool weighted;
  bool index;  // IDIS: percent of the mean
};

}  // namespace

void RegisterMeanDifference(Registry& registry) {
  const Variant variants[] = {
      {"mdmu", "Medeldifferens från genomsnittet, ovägd (MDMU)",
       "Mean difference from mean, unweighted (MDMU)", Point::kMean, false, false},
      {"mdmw", "Medeldifferens från genomsnittet, vägd (MDMW)",
       "Mean difference from mean, weighted (MDMW)", Point::kMean, true, false},
      {"mdbu", "Medeldifferens från bästa gruppen, ovägd (MDBU)",
       "Mean difference from best performing subgroup, unweighted (MDBU)", Point::kBest, false,
       false},
      {"mdbw", "Medeldifferens från bästa gruppen, vägd (MDBW)",
       "Mean difference from best performing subgroup, weighted (MDBW)", Point::kBest, true, false},
      {"mdru", "Medeldifferens från referensgruppen, ovägd (MDRU)",
       "Mean difference from reference subgroup, unweighted (MDRU)", Point::kReference, false,
       false},
      {"mdrw", "Medeldifferens från referensgruppen, vägd (MDRW)",
       "Mean difference from reference subgroup, weighted (MDRW)", Point::kReference, true, false},
      {"idisu", "Ojämlikhetsindex, ovägt (IDISU)", "Index of disparity, unweighted (IDISU)",
       Point::kMean, false, true},
      {"idisw", "Ojämlikhetsindex, vägt (IDISW)", "Index of disparity, weighted (IDISW)",
       Point::kMean, true, true},
  };
  for (const Variant& variant : variants) {
    MeasureDescriptor descriptor{
        .id = variant.id,
        .label_sv = variant.label_sv,
        .label_en = variant.label_en,
        .applicability = {.unordered = true},
        .weighted = variant.weighted,
        .scale = variant.index ? MeasureScale::kRelative : MeasureScale::kAbsolute,
        .no_inequality = 0.0,
        .needs = {.population = true, .se = true, .reference = variant.point == Point::kReference},
        .interval = IntervalMethod::kSimulation,
        .interpretation_sv =
            variant.index
                ? "Genomsnittlig absolut avvikelse från genomsnittet i procent av det; 0 betyder "
                  "ingen ojämlikhet."
                : "Genomsnittlig absolut avvikelse från jämförelsepunkten, i indikatorns enhet; 0 "
                  "betyder ingen ojämlikhet.",
        .interpretation_en =
            variant.index
                ? "The average absolute deviation from the mean as a percentage of it; 0 means "
                  "no inequality."
                : "The average absolute deviation from the point of comparison, in the "
                  "indicator's unit; 0 means no inequality.",
        .reference = "WHO HEAT technical notes (2024); healthequal::md*/idis*",
    };
    descriptor.compute_subgroups = internal::SimpleCompute(
        internal::RulesFor(descriptor), descriptor.interval,
        [variant](const Prepared& data) -> tl::expected<double, MeasureReason> {
          const double md = MeanDifference(data, variant.point, variant.weighted);
          if (!variant.index) return md;
          if (data.mu == 0.0) {
            return tl::unexpected(MeasureReason::kZeroMean);
          }
          return 100.0 * md / data.mu;
        });
    registry.Add(std::move(descriptor));
  }
}

}  // namespace jamlik::inequality
