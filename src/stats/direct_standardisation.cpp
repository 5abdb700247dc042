// Directly standardised rates; formulas and references in standardisation.hpp.
#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "stats/check_internal.hpp"
#include "stats/standardisation.hpp"

namespace jamlik {
namespace {

void CheckOptions(const DsrOptions& options) {
  stats_internal::RequirePositive(options.multiplier, "multiplier");
  RequireConfidence(options.confidence);
  stats_internal::RequireNonNegative(options.min_total_count, "min_total_count");
}

// Check a band and return its weight per event, w_i/n_i (before division by Σ w).
double BandWeight(double population, double standard_population) {
  stats_internal::RequirePositive(population, "population");
  stats_internal::RequireNonNegative(standard_population, "standard_population");
  return standard_population / population;
}

void RequireBands(bool empty, double standard_total) {
  if (empty) {
    stats_internal::ThrowInvalid(
        "bands", 0, Tr("Minst en åldersgrupp behövs", "At least one age band is needed"));
  }
  if (standard_total <= 0) {
    stats_internal::ThrowInvalid(
        "standard_population", standard_total,
        Tr("Standardbefolkningen summerar till noll", "The standard population sums to zero"));
  }
}

// The sums over age bands that every DSR interval is made from, on the per-person scale.
struct DsrSums {
  double total_count = 0;
  double total_population = 0;
  double rate = 0;        // Σ x_i·w_i/n_i / Σ w_i
  double variance = 0;    // the variance of `rate`
  double max_weight = 0;  // max w_i/n_i / Σ w_i, the weight of one event (Fay and Feuer)
};

DsrEstimate Finish(const DsrSums& sums, const DsrOptions& options) {
  DsrEstimate estimate;
  estimate.total_count = sums.total_count;
  estimate.total_population = sums.total_population;
  if (sums.total_count < options.min_total_count) {
    estimate.value = Undefined(UndefinedReason::kCountBelowMinimum);
    estimate.interval = Undefined(UndefinedReason::kCountBelowMinimum);
    return estimate;
  }
  estimate.value = sums.rate * options.multiplier;
  const OrUndefined<Interval> interval =
      options.method == DsrIntervalMethod::kDobson
          ? DobsonInterval(sums.rate, sums.variance, sums.total_count, options.confidence)
          : FayFeuerInterval(sums.rate, sums.variance, sums.max_weight, options.confidence);
  if (!interval) {
    estimate.interval = interval;
    return estimate;
  }
  estimate.interval =
      Interval{interval->lower * options.multiplier, interval->upper * options.multiplier};
  return estimate;
}

}  // namespace

DsrEstimate DirectlyStandardisedRate(std::span<const DsrBand> bands, const DsrOptions& options) {
  CheckOptions(options);
  DsrSums sums;
  double standard_total = 0;
  double max_band_weight = 0;
  for (const DsrBand& band : bands) {
    const double weight = BandWeight(band.population, band.standard_population);
    const double count = band.count.value_or(0);
    stats_internal::RequireNonNegative(count, "count");
    sums.total_count += count;
    sums.total_population += band.population;
    standard_total += band.standard_population;
    sums.rate += count * weight;
    sums.variance += count * weight * weight;
    max_band_weight = std::max(max_band_weight, weight);
  }
  RequireBands(bands.empty(), standard_total);
  sums.rate /= standard_total;
  sums.variance /= standard_total * standard_total;
  sums.max_weight = max_band_weight / standard_total;
  return Finish(sums, options);
}

DsrEstimate DirectlyStandardisedRate(std::span<const DsrBandByFrequency> bands,
                                     const DsrOptions& options) {
  CheckOptions(options);
  if (options.method != DsrIntervalMethod::kDobson) {
    throw Error(
        ErrorCode::kInvalidArgument,
        std::string(Tr("Fay och Feuers intervall är inte definierat för icke-oberoende "
                       "händelser",
                       "Fay and Feuer's interval is not defined for non-independent events")),
        {}, "method", "fay_feuer");
  }
  // Per event frequency f: Σ persons·(w/n)² and Σ w over the bands that list f.
  struct FrequencySums {
    double events = 0;
    double weighted_persons = 0;
    double standard_total = 0;
  };
  std::vector<FrequencySums> by_frequency;
  DsrSums sums;
  double standard_total = 0;
  for (const DsrBandByFrequency& band : bands) {
    const double weight = BandWeight(band.population, band.standard_population);
    sums.total_population += band.population;
    standard_total += band.standard_population;
    for (const PersonsWithEvents& group : band.persons) {
      stats_internal::RequireNonNegative(group.events, "events");
      const double persons = group.persons.value_or(0);
      stats_internal::RequireNonNegative(persons, "persons");
      sums.total_count += group.events * persons;
      sums.rate += group.events * persons * weight;
      auto it = std::find_if(by_frequency.begin(), by_frequency.end(),
                             [&](const FrequencySums& f) { return f.events == group.events; });
      if (it == by_frequency.end()) it = by_frequency.insert(it, FrequencySums{group.events});
      it->weighted_persons += persons * weight * weight;
      it->standard_total += band.standard_population;
    }
  }
  RequireBands(bands.empty(), standard_total);
  sums.rate /= standard_total;
  for (const FrequencySums& f : by_frequency) {
    // A frequency listed only in bands with standard population 0 adds nothing.
    if (f.standard_total > 0) {
      sums.variance +=
          f.events * f.events * f.weighted_persons / (f.standard_total * f.standard_total);
    }
  }
  return Finish(sums, options);
}

}  // namespace jamlik
