#include "indicators/result_flags.hpp"

namespace jamlik {
namespace {

using F = ResultFlag;
using S = SuppressionReason;

// In the enumerators' order; the ids are those result files, the store and the API have always
// carried.
constexpr EnumEntry<F> kFlags[] = {
    {F::kNone, "", "", ""},
    {F::kMissingInput, "missing_input", "värde saknas i indata", "an input value is missing"},
    {F::kZeroDenominator, "zero_denominator", "nämnaren är noll", "the denominator is zero"},
    {F::kTooFewObservations, "too_few_observations", "för få observationer",
     "too few observations"},
    {F::kNegativeLimit, "negative_limit", "Byars approximation ger en negativ nedre gräns",
     "Byar's approximation gives a negative lower limit"},
    // Only the directly standardised rate sets it, at PHE's minimum of 10 events (DsrOptions).
    {F::kCountBelowMinimum, "count_below_minimum", "färre än 10 händelser", "fewer than 10 events"},
    {F::kZeroExpected, "zero_expected", "antalet förväntade händelser är noll",
     "the expected number of events is zero"},
    {F::kIntervalTooWide, "interval_too_wide", "95 %-intervallet är bredare än 20 år",
     "the 95% interval is wider than 20 years"},
    {F::kPopulationBelowMinimum, "population_below_minimum", "befolkningen är för liten",
     "the population is too small"},
    {F::kNegativeCount, "negative_count", "ett antal är negativt", "a count is negative"},
    {F::kNonPositivePopulation, "non_positive_population", "en befolkning är noll eller negativ",
     "a population is zero or negative"},
    {F::kCountExceedsPopulation, "count_exceeds_population",
     "fler dödsfall än befolkning i en åldersgrupp", "more deaths than population in an age band"},
    {F::kIncompleteAgeBands, "incomplete_age_bands",
     "åldersgrupperna är inte de som metoden kräver",
     "the age bands are not those the method requires"},
    {F::kZeroDeathsInOpenBand, "zero_deaths_in_open_band",
     "inga dödsfall i den öppna sista åldersgruppen", "no deaths in the open last age band"},
    {F::kNoSurvivors, "no_survivors", "ingen överlever till denna ålder",
     "nobody survives to this age"},
    {F::kUnreliable, "unreliable", "osäker skattning (brett intervall)",
     "unreliable estimate (wide interval)"},
    {F::kMissingInSource, "missing_in_source", "uppgift saknas i källan", "no value in the source"},
};

constexpr EnumEntry<S> kSuppressionReasons[] = {
    {S::kNone, "", "", ""},
    {S::kDenominatorBelowMinimum, "denominator_below_minimum", "för liten grupp",
     "group too small"},
    {S::kNumeratorBelowMinimum, "numerator_below_minimum", "för få händelser", "too few events"},
    {S::kDominance, "dominance", "en eller två personer står för nästan hela summan",
     "one or two persons make up almost all of the sum"},
    {S::kPopulationBelowMinimum, "population_below_minimum", "för liten befolkning",
     "population too small"},
    {S::kComplementary, "complementary", "annars kunde en dold uppgift räknas fram",
     "otherwise a hidden figure could be worked out"},
};

}  // namespace

ResultFlag FlagOf(UndefinedReason reason) {
  switch (reason) {
    case UndefinedReason::kMissingInput:
      return F::kMissingInput;
    case UndefinedReason::kZeroDenominator:
      return F::kZeroDenominator;
    case UndefinedReason::kTooFewObservations:
      return F::kTooFewObservations;
    case UndefinedReason::kNegativeLimit:
      return F::kNegativeLimit;
    case UndefinedReason::kCountBelowMinimum:
      return F::kCountBelowMinimum;
    case UndefinedReason::kZeroExpected:
      return F::kZeroExpected;
    case UndefinedReason::kIntervalTooWide:
      return F::kIntervalTooWide;
    case UndefinedReason::kPopulationBelowMinimum:
      return F::kPopulationBelowMinimum;
    case UndefinedReason::kNegativeCount:
      return F::kNegativeCount;
    case UndefinedReason::kNonPositivePopulation:
      return F::kNonPositivePopulation;
    case UndefinedReason::kCountExceedsPopulation:
      return F::kCountExceedsPopulation;
    case UndefinedReason::kIncompleteAgeBands:
      return F::kIncompleteAgeBands;
    case UndefinedReason::kZeroDeathsInOpenBand:
      return F::kZeroDeathsInOpenBand;
    case UndefinedReason::kNoSurvivors:
      return F::kNoSurvivors;
  }
  return F::kMissingInput;
}

std::span<const EnumEntry<F>> EnumTable<F>::Entries() { return kFlags; }
std::span<const EnumEntry<S>> EnumTable<S>::Entries() { return kSuppressionReasons; }

}  // namespace jamlik
