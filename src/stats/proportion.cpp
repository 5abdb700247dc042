#include "stats/proportion.hpp"

#include "core/i18n.hpp"
#include "stats/check_internal.hpp"
#include "stats/proportion_internal.hpp"

namespace jamlik {

namespace stats_internal {

void RequireProportionConfidence(double confidence) {
  if (confidence != 1) RequireConfidence(confidence);
}

void CheckProportionInputs(double successes, double trials, double confidence) {
  RequireNonNegative(successes, "successes");
  RequireNonNegative(trials, "trials");
  if (successes > trials) {
    ThrowInvalid("successes", successes,
                 Tr("Täljaren får inte vara större än nämnaren",
                    "The numerator must not exceed the denominator"));
  }
  RequireProportionConfidence(confidence);
}

}  // namespace stats_internal

Estimate Proportion(std::optional<double> successes, std::optional<double> trials,
                    const ProportionOptions& options) {
  stats_internal::RequirePositive(options.multiplier, "multiplier");
  stats_internal::RequireProportionConfidence(options.confidence);
  Estimate estimate;
  if (!successes || !trials) return estimate;
  const OrUndefined<Interval> interval =
      options.method == ProportionMethod::kWilson
          ? WilsonInterval(*successes, *trials, options.confidence)
          : ClopperPearsonInterval(*successes, *trials, options.confidence);
  if (!interval) {
    estimate.value = Undefined(interval.error());
    estimate.interval = interval;
    return estimate;
  }
  estimate.value = *successes / *trials * options.multiplier;
  estimate.interval =
      Interval{interval->lower * options.multiplier, interval->upper * options.multiplier};
  return estimate;
}

}  // namespace jamlik
