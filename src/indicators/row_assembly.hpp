#pragma once
// Row assembly: one result row (result_table.hpp) per cell of an area level, with the type's
// value and intervals at each confidence level and the labels of its dimension set.
#include <map>
#include <string>
#include <vector>

#include "core/column.hpp"
#include "core/table.hpp"
#include "indicators/indicator_definition.hpp"
#include "indicators/indicator_type.hpp"
#include "indicators/result_table.hpp"

namespace jamlik {

// What a result row says about its dimension set.
struct DimensionSetInfo {
  std::string name;  // the DimensionSet's display form: "kon × utbildning" or "total"
  std::vector<const Dictionary*> dictionaries;
  bool ordered = false;   // a single ordered dimension
  bool reverse = false;   // its advantaged end is the first category
  std::string reference;  // a single dimension's reference category
};

DimensionSetInfo DescribeDimensions(const Table& data, const std::vector<std::string>& dimensions);

// Everything of a definition that its rows repeat.
struct RowSource {
  const IndicatorDefinition& definition;
  const IndicatorType& type;
  const StandardPopulation* standard = nullptr;  // dsr
};

// Append a row per cell of `cells`, the cells of area level `level` (isr: `references`, the
// reference population's bands per period).
void AppendRows(const RowSource& source, const std::string& level, const Cells& cells,
                const DimensionSetInfo& dimensions,
                const std::map<std::string, std::vector<BandCounts>>& references,
                std::vector<ResultRow>& rows);

}  // namespace jamlik
