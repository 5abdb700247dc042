// Indirectly standardised ratios and rates; formulas and references in standardisation.hpp.
#include "core/i18n.hpp"
#include "stats/check_internal.hpp"
#include "stats/standardisation.hpp"

namespace jamlik {
namespace {

// The observed and expected counts and the reference totals of a group.
struct IsrSums {
  double observed = 0;
  double expected = 0;
  double reference_count = 0;
  double reference_population = 0;
};

IsrSums Sum(std::span<const IsrBand> bands) {
  if (bands.empty()) {
    stats_internal::ThrowInvalid(
        "bands", 0, Tr("Minst en åldersgrupp behövs", "At least one age band is needed"));
  }
  IsrSums sums;
  for (const IsrBand& band : bands) {
    const double count = band.count.value_or(0);
    const double population = band.population.value_or(0);
    const double reference_count = band.reference_count.value_or(0);
    stats_internal::RequireNonNegative(count, "count");
    stats_internal::RequireNonNegative(population, "population");
    stats_internal::RequireNonNegative(reference_count, "reference_count");
    stats_internal::RequirePositive(band.reference_population, "reference_population");
    sums.observed += count;
    sums.expected += population * reference_count / band.reference_population;
    sums.reference_count += reference_count;
    sums.reference_population += band.reference_population;
  }
  return sums;
}

// Return O/E × scale with the Poisson interval of O scaled alike.
IsrEstimate Scaled(const IsrSums& sums, double scale, double confidence,
                   PoissonLimits limits = PoissonLimits::kPheRule) {
  RequireConfidence(confidence);
  IsrEstimate estimate;
  estimate.observed = sums.observed;
  estimate.expected = sums.expected;
  estimate.method = PoissonMethodFor(sums.observed, limits);
  if (sums.expected == 0) {
    estimate.value = Undefined(UndefinedReason::kZeroExpected);
    estimate.interval = Undefined(UndefinedReason::kZeroExpected);
    return estimate;
  }
  const double factor = scale / sums.expected;
  const Interval count = PoissonCountInterval(sums.observed, confidence, limits);
  estimate.value = sums.observed * factor;
  estimate.interval = Interval{count.lower * factor, count.upper * factor};
  return estimate;
}

}  // namespace

IsrEstimate IndirectlyStandardisedRatio(std::span<const IsrBand> bands, double reference_value,
                                        double confidence, PoissonLimits limits) {
  stats_internal::RequirePositive(reference_value, "reference_value");
  return Scaled(Sum(bands), reference_value, confidence, limits);
}

IsrEstimate IndirectlyStandardisedRate(std::span<const IsrBand> bands, double multiplier,
                                       double confidence) {
  stats_internal::RequirePositive(multiplier, "multiplier");
  const IsrSums sums = Sum(bands);
  const double reference_rate = sums.reference_count / sums.reference_population * multiplier;
  IsrEstimate estimate = Scaled(sums, reference_rate, confidence);
  estimate.reference_rate = reference_rate;
  return estimate;
}

}  // namespace jamlik
