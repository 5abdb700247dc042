// isr — indirectly standardised ratio (SMR-type): observed / expected × multiplier, where the
// expected events apply the reference population's age-specific rates (here: the whole data set of
// the same period) to the cell's population by age band. Interval: the exact Poisson interval of
// the observed count below 10, Byar's from 10 (or exact at every count, `metod = "exact"`), divided
// by the expected.
// Reference: Breslow & Day (1987); PHEindicatormethods calculate_ISRatio.
#include <algorithm>

#include "indicators/indicator_type.hpp"
#include "stats/poisson.hpp"
#include "stats/standardisation.hpp"

namespace jamlik {
namespace {

IndicatorValue ComputeIsr(const CellInputs& inputs, const IndicatorSettings& settings) {
  std::vector<IsrBand> bands;
  for (const BandCounts& band : inputs.bands) {
    const auto reference = std::find_if(inputs.reference.begin(), inputs.reference.end(),
                                        [&](const BandCounts& r) { return r.band == band.band; });
    if (reference == inputs.reference.end() || reference->population <= 0) continue;
    bands.push_back({band.events, band.population, reference->events, reference->population});
  }
  const IsrEstimate estimate = IndirectlyStandardisedRatio(
      bands, settings.multiplier, settings.confidence, PoissonLimitsFor(settings.method));
  return {estimate.value, estimate.interval, PoissonMethodId(estimate.method)};
}

}  // namespace

void RegisterIsr(IndicatorRegistry& registry) {
  registry.Add({
      .id = "isr",
      .label_sv = "Standardiserad kvot (indirekt, SMR)",
      .label_en = "Indirectly standardised ratio (SMR)",
      .description_sv = "Observerat antal genom förväntat antal om jämförelsebefolkningens "
                        "åldersspecifika kvoter gällde (100 = som jämförelsen).",
      .description_en = "Observed over expected events if the reference population's age-specific "
                        "rates applied (100 = as the reference).",
      .reference = "Breslow & Day (1987); PHEindicatormethods calculate_ISRatio",
      .methods = {"poisson", "exact"},
      .default_multiplier = 100,
      .age_banding = AgeBanding::kStandardPopulation,
      .needs_reference = true,
      .compute = ComputeIsr,
  });
}

}  // namespace jamlik
