#pragma once
// Validation and preparation: every definition checked against the registry and the data and
// resolved — its type, standard population (read from its file here), age bands, population,
// key layout and area mappings — before any row is aggregated.
#include <optional>
#include <string>
#include <vector>

#include "core/table.hpp"
#include "indicators/cell_aggregation.hpp"
#include "indicators/compute_indicators.hpp"
#include "indicators/indicator_definition.hpp"
#include "indicators/indicator_type.hpp"
#include "indicators/roll_up.hpp"
#include "stats/standard_population.hpp"

namespace jamlik {

// One definition resolved against the registry and the data.
struct PreparedIndicator {
  const IndicatorDefinition* definition = nullptr;
  const IndicatorType* type = nullptr;
  std::optional<StandardPopulation> standard;
  std::vector<AgeBand> bands;  // empty unless the type is age-banded
  std::string finest_area;     // the finest area column present, empty for the nation only
  std::vector<std::vector<std::string>> dimension_sets;  // the total ({}) first
  Population population;
  KeyLayout layout;
  std::vector<std::string> levels;  // area levels, finest first
  std::vector<AreaMap> to_level;    // from the finest level to each of `levels`
};

// Check and resolve every definition, in order; throws kInvalidArgument (or the data's error:
// kUnknownColumn, kTypeMismatch) for the first that does not fit. Int64 key columns are encoded
// into `key_cache`, which must outlive the result.
std::vector<PreparedIndicator> PrepareIndicators(
    const Table& data, const std::vector<IndicatorDefinition>& definitions,
    const IndicatorRunOptions& options, KeyCache& key_cache);

}  // namespace jamlik
