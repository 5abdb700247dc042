#include "stats/interval.hpp"

#include "core/i18n.hpp"
#include "stats/check_internal.hpp"

namespace jamlik {

const char* UndefinedReasonId(UndefinedReason reason) {
  switch (reason) {
    case UndefinedReason::kMissingInput:
      return "missing_input";
    case UndefinedReason::kZeroDenominator:
      return "zero_denominator";
    case UndefinedReason::kTooFewObservations:
      return "too_few_observations";
    case UndefinedReason::kNegativeLimit:
      return "negative_limit";
    case UndefinedReason::kCountBelowMinimum:
      return "count_below_minimum";
    case UndefinedReason::kZeroExpected:
      return "zero_expected";
    case UndefinedReason::kIntervalTooWide:
      return "interval_too_wide";
    case UndefinedReason::kPopulationBelowMinimum:
      return "population_below_minimum";
    case UndefinedReason::kNegativeCount:
      return "negative_count";
    case UndefinedReason::kNonPositivePopulation:
      return "non_positive_population";
    case UndefinedReason::kCountExceedsPopulation:
      return "count_exceeds_population";
    case UndefinedReason::kIncompleteAgeBands:
      return "incomplete_age_bands";
    case UndefinedReason::kZeroDeathsInOpenBand:
      return "zero_deaths_in_open_band";
    case UndefinedReason::kNoSurvivors:
      return "no_survivors";
  }
  return "unknown";
}

std::string_view UndefinedReasonText(UndefinedReason reason) {
  switch (reason) {
    case UndefinedReason::kMissingInput:
      return Tr("värde saknas i indata", "an input value is missing");
    case UndefinedReason::kZeroDenominator:
      return Tr("nämnaren är noll", "the denominator is zero");
    case UndefinedReason::kTooFewObservations:
      return Tr("för få observationer", "too few observations");
    case UndefinedReason::kNegativeLimit:
      return Tr("Byars approximation ger en negativ nedre gräns",
                "Byar's approximation gives a negative lower limit");
    case UndefinedReason::kCountBelowMinimum:
      return Tr("för få händelser för metoden", "too few events for the method");
    case UndefinedReason::kZeroExpected:
      return Tr("antalet förväntade händelser är noll", "the expected number of events is zero");
    case UndefinedReason::kIntervalTooWide:
      return Tr("95 %-intervallet är bredare än 20 år", "the 95% interval is wider than 20 years");
    case UndefinedReason::kPopulationBelowMinimum:
      return Tr("befolkningen är för liten", "the population is too small");
    case UndefinedReason::kNegativeCount:
      return Tr("ett antal är negativt", "a count is negative");
    case UndefinedReason::kNonPositivePopulation:
      return Tr("en befolkning är noll eller negativ", "a population is zero or negative");
    case UndefinedReason::kCountExceedsPopulation:
      return Tr("fler dödsfall än befolkning i en åldersgrupp",
                "more deaths than population in an age band");
    case UndefinedReason::kIncompleteAgeBands:
      return Tr("åldersgrupperna är inte de som metoden kräver",
                "the age bands are not those the method requires");
    case UndefinedReason::kZeroDeathsInOpenBand:
      return Tr("inga dödsfall i den öppna sista åldersgruppen",
                "no deaths in the open last age band");
    case UndefinedReason::kNoSurvivors:
      return Tr("ingen överlever till denna ålder", "nobody survives to this age");
  }
  return "";
}

void RequireConfidence(double confidence) {
  // Written as a negated range test so that NaN is refused too.
  if (!(confidence >= 0.9 && confidence < 1)) {
    stats_internal::ThrowInvalid("confidence", confidence,
                                 Tr("Konfidensnivån måste vara minst 0,9 och mindre än 1",
                                    "The confidence level must be at least 0.9 and below 1"));
  }
}

}  // namespace jamlik
