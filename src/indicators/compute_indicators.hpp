#pragma once
// Turn microdata or an aggregated table into indicators: for every definition, per area level,
// period and subgroup of each requested dimension set (and the total), the value with its
// intervals, in the long result format (result_table.hpp). Aggregation runs through the group-by
// engine; area levels roll up from the finest by merging sums, never by re-reading rows.
#include <string>
#include <vector>

#include "core/table.hpp"
#include "indicators/indicator_definition.hpp"
#include "indicators/result_table.hpp"

namespace jamlik {

struct IndicatorRunOptions {
  // Folder that a definition's standard-population file is relative to (the definitions file's).
  std::string definitions_folder;
};

std::vector<ResultRow> ComputeIndicators(const Table& data,
                                         const std::vector<IndicatorDefinition>& definitions,
                                         const IndicatorRunOptions& options = {});

}  // namespace jamlik
