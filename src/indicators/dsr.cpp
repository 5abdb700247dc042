// dsr — directly age-standardised rate: Σ (x_i / n_i) · w_i / Σ w_i × multiplier over age bands,
// with the standard population w (ESP 2013 by default, or one from a file). Interval: Dobson's
// method (default) or the Fay–Feuer gamma interval. Undefined when the total count is below 10
// (PHE's rule). Bands with no population in the cell are left out (they hold no events).
// Reference: Dobson et al. (1991); Fay & Feuer (1997); PHEindicatormethods calculate_dsr.
#include "indicators/indicator_type.hpp"
#include "stats/standardisation.hpp"

namespace jamlik {
namespace {

IndicatorValue ComputeDsr(const CellInputs& inputs, const IndicatorSettings& settings) {
  std::vector<DsrBand> bands;
  for (const BandCounts& band : inputs.bands) {
    if (band.population <= 0) continue;
    bands.push_back({band.events, band.population, settings.standard->Population(band.band)});
  }
  const bool fay_feuer = settings.method == "fay_feuer";
  const DsrEstimate estimate = DirectlyStandardisedRate(
      bands, {.multiplier = settings.multiplier,
              .confidence = settings.confidence,
              .method = fay_feuer ? DsrIntervalMethod::kFayFeuer : DsrIntervalMethod::kDobson});
  return {estimate.value, estimate.interval, fay_feuer ? "fay_feuer" : "dobson"};
}

}  // namespace

void RegisterDsr(IndicatorRegistry& registry) {
  registry.Add({
      .id = "dsr",
      .label_sv = "Åldersstandardiserad kvot (direkt)",
      .label_en = "Directly age-standardised rate",
      .description_sv = "Kvot per 100 000 som om befolkningen hade standardbefolkningens "
                        "ålderssammansättning (ESP 2013 eller egen), med Dobsons intervall.",
      .description_en = "Rate per 100 000 as if the population had the standard population's age "
                        "structure (ESP 2013 or your own), with Dobson's interval.",
      .reference = "Dobson et al. (1991); Fay & Feuer (1997); PHEindicatormethods calculate_dsr",
      .methods = {"dobson", "fay_feuer"},
      .default_multiplier = 100000,
      .age_banding = AgeBanding::kStandardPopulation,
      .compute = ComputeDsr,
  });
}

}  // namespace jamlik
