// life_expectancy — life expectancy at birth from an abridged life table (bands 0, 1–4, 5–9, …,
// 85–89, 90+) by Chiang's method II, with Silcocks et al.'s variance and the small-population
// rules PHE applies (undefined when the population is 5 000 or less, or the 95 % interval is wider
// than 20 years).
// Inputs: deaths (numerator) and mid-year population or person-years (denominator) per band.
// Reference: Chiang (1984); Silcocks et al. (2001); PHEindicatormethods phe_life_expectancy.
#include "indicators/indicator_type.hpp"
#include "stats/life_table.hpp"

namespace jamlik {
namespace {

IndicatorValue ComputeLifeExpectancy(const CellInputs& inputs, const IndicatorSettings& settings) {
  std::vector<LifeTableBand> bands;
  for (const BandCounts& band : inputs.bands) {
    bands.push_back({band.band.start, band.population, band.events});
  }
  const std::vector<LifeExpectancy> table =
      AbridgedLifeTable(bands, {.confidence = settings.confidence});
  if (table.empty()) {
    return {Undefined(UndefinedReason::kIncompleteAgeBands),
            Undefined(UndefinedReason::kIncompleteAgeBands), "chiang_ii"};
  }
  return {table.front().value, table.front().interval, "chiang_ii"};
}

}  // namespace

void RegisterLifeExpectancy(IndicatorRegistry& registry) {
  registry.Add({
      .id = "life_expectancy",
      .label_sv = "Förväntad medellivslängd",
      .label_en = "Life expectancy",
      .description_sv = "Förväntad medellivslängd vid födseln ur en förkortad livslängdstabell "
                        "(Chiangs metod II), med konfidensintervall.",
      .description_en =
          "Life expectancy at birth from an abridged life table (Chiang's method II), "
          "with a confidence interval.",
      .reference = "Chiang (1984); Silcocks et al. (2001); PHEindicatormethods phe_life_expectancy",
      .methods = {"chiang_ii"},
      .default_multiplier = 1,
      .age_banding = AgeBanding::kLifeTable,
      .population_rule = true,
      .compute = ComputeLifeExpectancy,
  });
}

}  // namespace jamlik
