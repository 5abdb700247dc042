#include "indicators/compute_indicators.hpp"

#include <map>
#include <string>

#include "core/geography.hpp"
#include "indicators/cell_aggregation.hpp"
#include "indicators/prepare_indicators.hpp"
#include "indicators/roll_up.hpp"
#include "indicators/row_assembly.hpp"

namespace jamlik {
namespace {

// Aggregate one prepared indicator's cells with its type's kernel, roll them up to each area
// level and append their rows.
void Compute(const PreparedIndicator& prepared, const Table& data, std::vector<ResultRow>& rows) {
  const IndicatorType& type = *prepared.type;
  const CellAggregation input{data, prepared.population, prepared.layout, prepared.bands};
  const std::vector<Cells> finest = type.kernel->aggregate(input);
  // The reference of indirect standardisation: the whole data set, per period and age band.
  std::map<std::string, std::vector<BandCounts>> references;
  if (type.needs_reference) {
    const AreaMap to_nation = AreaMapping(*prepared.definition, prepared.finest_area, data,
                                          std::string(area_level::kAllData));
    for (const auto& [key, cell] : RollUp(finest[0], to_nation, prepared.bands)) {
      references[key.period] = cell.bands;
    }
  }
  const RowSource source{*prepared.definition, type,
                         prepared.standard ? &*prepared.standard : nullptr};
  for (std::size_t set = 0; set < prepared.dimension_sets.size(); ++set) {
    const DimensionSetInfo dimensions = DescribeDimensions(data, prepared.dimension_sets[set]);
    for (std::size_t level = 0; level < prepared.levels.size(); ++level) {
      AppendRows(source, prepared.levels[level],
                 RollUp(finest[set], prepared.to_level[level], prepared.bands), dimensions,
                 references, rows);
    }
  }
}

}  // namespace

std::vector<ResultRow> ComputeIndicators(const Table& data,
                                         const std::vector<IndicatorDefinition>& definitions,
                                         const IndicatorRunOptions& options) {
  KeyCache key_cache;
  const std::vector<PreparedIndicator> prepared =
      PrepareIndicators(data, definitions, options, key_cache);
  std::vector<ResultRow> rows;
  for (const PreparedIndicator& indicator : prepared) Compute(indicator, data, rows);
  return rows;
}

}  // namespace jamlik
