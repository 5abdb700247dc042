// count — the number of events or persons, with an exact Poisson interval below 10 and Byar's
// approximation from 10 (PHE's rule, see stats/poisson.hpp), or on request (`metod = "exact"`)
// the exact interval at every count.
// Inputs: the numerator (a summed column or the rows meeting a condition).
// Reference: Breslow & Day (1987); PHEindicatormethods, conformance in ../shared/conformance/phe.
#include "indicators/indicator_type.hpp"
#include "stats/poisson.hpp"

namespace jamlik {
namespace {

IndicatorValue ComputeCount(const CellInputs& inputs, const IndicatorSettings& settings) {
  const double count = inputs.numerator;
  const PoissonLimits limits = PoissonLimitsFor(settings.method);
  const Interval interval = PoissonCountInterval(count, settings.confidence, limits);
  return {count, interval, PoissonMethodId(PoissonMethodFor(count, limits))};
}

}  // namespace

void RegisterCount(IndicatorRegistry& registry) {
  registry.Add({
      .id = "count",
      .label_sv = "Antal",
      .label_en = "Count",
      .description_sv = "Antal händelser eller personer, med exakt Poisson-intervall under 10 och "
                        "Byars approximation från 10, eller på begäran "
                        "exakt vid alla antal (metod exact).",
      .description_en = "Number of events or persons, with an exact Poisson interval below 10 and "
                        "Byar's approximation from 10, or on request "
                        "exact at every count (method exact).",
      .reference = "Breslow & Day (1987); PHEindicatormethods (exact below 10, Byar from 10)",
      .methods = {"poisson", "exact"},
      .default_multiplier = 1,
      .compute = ComputeCount,
  });
}

}  // namespace jamlik
