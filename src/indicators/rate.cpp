// rate — crude rate: events / population (or person-time) × multiplier (per 1 000 or 100 000),
// with the exact Poisson interval below 10 events and Byar's approximation from 10, or on request
// (`metod = "exact"`) the exact interval at every count.
// Inputs: numerator (events) and denominator (population or person-years). Undefined when the
// denominator is 0.
// Reference: Breslow & Day (1987); PHEindicatormethods phe_rate; ../shared/conformance/phe.
#include "indicators/indicator_type.hpp"
#include "stats/poisson.hpp"

namespace jamlik {
namespace {

IndicatorValue ComputeRate(const CellInputs& inputs, const IndicatorSettings& settings) {
  const RateEstimate estimate =
      CrudeRate(inputs.numerator, inputs.denominator,
                {settings.multiplier, settings.confidence, PoissonLimitsFor(settings.method)});
  return {estimate.value, estimate.interval,
          estimate.method ? PoissonMethodId(*estimate.method) : ""};
}

}  // namespace

void RegisterRate(IndicatorRegistry& registry) {
  registry.Add({
      .id = "rate",
      .label_sv = "Kvot per invånare",
      .label_en = "Crude rate",
      .description_sv =
          "Händelser per 1 000 eller 100 000 invånare (eller personår), med exakt "
          "Poisson-intervall under 10 händelser och Byars approximation från 10, eller på begäran "
          "exakt vid alla antal (metod exact).",
      .description_en =
          "Events per 1 000 or 100 000 population (or person-years), with an exact "
          "Poisson interval below 10 events and Byar's approximation from 10, or on request "
          "exact at every count (method exact).",
      .reference = "Breslow & Day (1987); PHEindicatormethods phe_rate",
      .methods = {"poisson", "exact"},
      .default_multiplier = 100000,
      .compute = ComputeRate,
  });
}

}  // namespace jamlik
