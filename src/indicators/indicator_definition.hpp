#pragma once
// Indicator definitions as an analyst writes them in a TOML file (see
// examples/indicators.toml): what is counted, among whom, broken down by what, with which
// interval. Validated on reading by the keys and rules of definition_schema.hpp (shared with the
// API's JSON reader), with errors naming file:line:column, the key and what was expected.
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "indicators/row_filter.hpp"

namespace jamlik {

struct IndicatorDefinition {
  std::string id;       // snake_case, unique in the file
  std::string name_sv;  // "Andel med hemtjänst, 65 år och äldre"
  std::string name_en;
  std::string type;    // an indicator type of the registry: proportion, rate, dsr, …
  std::string method;  // interval method; empty = the type's default

  // The numerator is the sum of a column (e.g. deaths "dod", or a pre-summed count in an
  // aggregated table) or the number of rows meeting a condition.
  std::string numerator;
  RowFilter numerator_where;
  // The denominator is the sum of a column (population, person-years) or, when empty, the number
  // of rows in the population.
  std::string denominator;
  std::string value;     // for means: the column averaged
  RowFilter filter;      // who belongs to the population, e.g. "alder >= 65"
  std::string age;       // age in years, for standardisation and life tables
  std::string age_band;  // or a column of age-band labels ("0", "1-4", "85-89", "90+")
  std::string standard_population = "esp2013";  // or a CSV file of age band, population

  // 100 for per cent, 1000 or 100000 for rates; unset = the type's default.
  std::optional<double> multiplier;
  std::string unit_sv;
  std::string unit_en;
  bool higher_is_favourable = false;

  std::string period;              // column of the period, e.g. "ar"; "" = one period
  std::vector<std::string> areas;  // area levels, finest first, e.g. kommun, lan, riket
  std::vector<std::vector<std::string>> dimensions;  // each a set of columns to cross; {} = total
  std::vector<double> confidence = {0.95};

  SourceLocation where;  // the [[indicator]] table's position, for later errors
};

// Read and validate every [[indicator]] of the file, with a [defaults] table's keys applying to
// each indicator that does not set them. Throws kInvalidArgument or kIo with the location.
std::vector<IndicatorDefinition> ReadIndicatorDefinitions(const std::string& path);
std::vector<IndicatorDefinition> ParseIndicatorDefinitions(const std::string& text,
                                                           const std::string& display_name);

}  // namespace jamlik
