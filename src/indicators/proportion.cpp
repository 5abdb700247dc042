// proportion — numerator / denominator × multiplier (100 for per cent), with the Wilson score
// interval (default, as PHE and Fingertips publish) or Clopper–Pearson's exact interval.
// Inputs: the numerator (successes) and the denominator (trials: rows in the population or a
// summed column). Undefined when the denominator is 0.
// Reference: Wilson (1927); Clopper & Pearson (1934); conformance in ../shared/conformance/phe.
#include "stats/proportion.hpp"
#include "indicators/indicator_type.hpp"

namespace jamlik {
namespace {

IndicatorValue ComputeProportion(const CellInputs& inputs, const IndicatorSettings& settings) {
  const bool exact = settings.method == "clopper_pearson";
  const Estimate estimate =
      Proportion(inputs.numerator, inputs.denominator,
                 {settings.multiplier, settings.confidence,
                  exact ? ProportionMethod::kClopperPearson : ProportionMethod::kWilson});
  return {estimate.value, estimate.interval, exact ? "clopper_pearson" : "wilson"};
}

}  // namespace

void RegisterProportion(IndicatorRegistry& registry) {
  registry.Add({
      .id = "proportion",
      .label_sv = "Andel",
      .label_en = "Proportion",
      .description_sv = "Andel av befolkningen (täljare / nämnare), oftast i procent, med Wilsons "
                        "intervall eller Clopper–Pearsons exakta intervall.",
      .description_en = "Share of the population (numerator / denominator), usually in per cent, "
                        "with Wilson's or Clopper–Pearson's exact interval.",
      .reference = "Wilson (1927); Clopper & Pearson (1934); PHEindicatormethods phe_proportion",
      .methods = {"wilson", "clopper_pearson"},
      .default_multiplier = 100,
      .compute = ComputeProportion,
  });
}

}  // namespace jamlik
