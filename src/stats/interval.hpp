#pragma once
// The vocabulary every statistic in src/stats shares: an interval, the reasons a result can be
// undefined, and the check of a confidence level. Undefined results are values with a reason,
// never NaN, so that a table can show `null` and say why.
#include <string_view>

#include <tl/expected.hpp>

namespace jamlik {

// A two-sided confidence interval, lower <= upper.
struct Interval {
  double lower;
  double upper;
};

// Why a statistic has no value. The ids (UndefinedReasonId) are stable: JSON and tests use them.
enum class UndefinedReason {
  kMissingInput,            // a numerator, denominator or count is missing
  kZeroDenominator,         // the denominator (trials, population, person-time) is zero
  kTooFewObservations,      // too few values: no mean at n = 0, no sd or t interval at n < 2
  kNegativeLimit,           // Byar's approximation gives a lower limit below zero
  kCountBelowMinimum,       // the total count is below the method's minimum (DSR: 10)
  kZeroExpected,            // indirect standardisation: no expected events
  kIntervalTooWide,         // life expectancy: the 95% interval is wider than 20 years
  kPopulationBelowMinimum,  // life table: the total population is at or below the minimum
  kNegativeCount,           // a count (deaths) is negative
  kNonPositivePopulation,   // a population is zero or negative
  kCountExceedsPopulation,  // more deaths than population in an age band
  kIncompleteAgeBands,      // the age bands are not exactly those the method needs
  kZeroDeathsInOpenBand,    // life table: no deaths in the open last band, so no life length
  kNoSurvivors,             // life table: nobody survives to this age
};

// Return the stable snake_case id, e.g. "count_below_minimum".
const char* UndefinedReasonId(UndefinedReason reason);
// Return a short explanation in the user's language.
std::string_view UndefinedReasonText(UndefinedReason reason);

// A value of T or the reason there is none.
template <typename T>
using OrUndefined = tl::expected<T, UndefinedReason>;

// Return the "undefined" alternative of any OrUndefined<T>.
inline tl::unexpected<UndefinedReason> Undefined(UndefinedReason reason) {
  return tl::make_unexpected(reason);
}

// A point estimate and its interval; statistics extend it with what else they report.
struct Estimate {
  OrUndefined<double> value = Undefined(UndefinedReason::kMissingInput);
  OrUndefined<Interval> interval = Undefined(UndefinedReason::kMissingInput);
};

// Throw kInvalidArgument unless 0.9 <= confidence < 1. Levels below 0.9 are refused as the peer
// package (PHEindicatormethods) refuses them; 1 has no finite interval for most statistics.
void RequireConfidence(double confidence);

}  // namespace jamlik
