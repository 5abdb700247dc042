#pragma once
// Area roll-up: cells of the finest area level merged into the cells of a coarser level (county,
// nation, all data), placed by the code lists (core/geography), by merging their inputs — never by
// re-reading rows.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"
#include "indicators/indicator_definition.hpp"
#include "indicators/indicator_type.hpp"

namespace jamlik {

// A function from a finest-level area code to its code at a coarser level.
using AreaMap = std::function<std::string(const std::string&)>;

// Return a cell with no rows: zero sums and the age bands `bands` with no events or population.
CellInputs EmptyCell(const std::vector<AgeBand>& bands);

// Merge the inputs of `source` into `target` (same age bands).
void AddInto(CellInputs& target, const CellInputs& source);

// Return the definition's area levels with the whole ("riket", also when none are given) made
// what the data covers (core/geography TopAreaLevel): the nation, its one county, or all data.
std::vector<std::string> ResolveAreaLevels(const IndicatorDefinition& definition,
                                           const std::string& finest_area, const Table& data);

// Return how each code of `finest_area` (empty: no area column) maps to the codes of `level`, by
// the code lists, else by the data's own column of that level; throws kInvalidArgument naming
// the definition and the area when neither can tell.
AreaMap AreaMapping(const IndicatorDefinition& definition, const std::string& finest_area,
                    const Table& data, const std::string& level);

// Return the cells of the level `to_level` maps to, each the merge of its finer cells in key order.
Cells RollUp(const Cells& finest, const AreaMap& to_level, const std::vector<AgeBand>& bands);

}  // namespace jamlik
