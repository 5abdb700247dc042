#include "indicators/roll_up.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "indicators/definition_error_internal.hpp"

namespace jamlik {

CellInputs EmptyCell(const std::vector<AgeBand>& bands) {
  CellInputs cell;
  for (const auto& band : bands) cell.bands.push_back({band, 0, 0});
  return cell;
}

void AddInto(CellInputs& target, const CellInputs& source) {
  target.numerator += source.numerator;
  target.denominator += source.denominator;
  target.values.Merge(source.values);
  SortedSampleKernel::Merge(target.sample, source.sample);
  for (std::size_t b = 0; b < source.bands.size(); ++b) {
    target.bands[b].events += source.bands[b].events;
    target.bands[b].population += source.bands[b].population;
  }
}

namespace {

// Return the distinct codes of an area column.
std::vector<std::string> DistinctCodes(const Table& data, const std::string& column) {
  if (column.empty()) return {};
  const Column& codes = data.GetColumn(column);
  if (codes.type() == ColumnType::kCategorical) {
    const Dictionary& dictionary = codes.categorical().dictionary;
    std::vector<std::string> distinct;
    for (std::uint32_t c = 0; c < dictionary.size(); ++c)
      distinct.push_back(dictionary.category(c));
    return distinct;
  }
  std::set<std::string> seen;
  for (std::size_t row = 0; row < data.num_rows(); ++row) {
    if (!codes.IsNull(row)) seen.insert(codes.ValueToString(row));
  }
  return {seen.begin(), seen.end()};
}

}  // namespace

// Return the definition's area levels with the whole ("riket", also when none are given) made
// what the data covers (TopAreaLevel): the nation, its one county, or all of the data.
std::vector<std::string> ResolveAreaLevels(const IndicatorDefinition& definition,
                                           const std::string& finest_area, const Table& data) {
  std::vector<std::string> levels = definition.areas;
  if (levels.empty()) levels.emplace_back(area_level::kNation);
  const auto whole = std::find(levels.begin(), levels.end(), area_level::kNation);
  if (whole == levels.end()) return levels;
  const std::string_view top = TopAreaLevel(finest_area, DistinctCodes(data, finest_area));
  if (top == area_level::kNation) return levels;
  if (std::find(levels.begin(), levels.end(), top) != levels.end()) {
    levels.erase(whole);
  } else {
    *whole = std::string(top);
  }
  return levels;
}

// Return how each finest-level area code maps to the codes of `level`: by the code lists
// (core/geography), else by the data's own column of that level.
AreaMap AreaMapping(const IndicatorDefinition& definition, const std::string& finest_area,
                    const Table& data, const std::string& level) {
  if (level == area_level::kNation || level == area_level::kAllData) {
    return [code = *ContainingArea({}, {}, level)](const std::string&) { return code; };
  }
  const std::string& finest = finest_area;
  if (level == finest) return [](const std::string& code) { return code; };
  const Column* coarse = data.FindColumn(level);
  const bool code_list_level = level == area_level::kMunicipality || level == area_level::kCounty;
  if (finest.empty() || (coarse == nullptr && !code_list_level)) {
    internal::InvalidDefinition(
        definition, fmt::format(fmt::runtime(Tr("områdesnivån '{}' kan inte härledas ur data",
                                                "area level '{}' cannot be derived from the data")),
                                level));
  }
  std::map<std::string, std::string> from_data;  // the data's own column, read when needed
  auto read_data = [&] {
    const Column& fine = data.GetColumn(finest);
    for (std::size_t row = 0; row < data.num_rows(); ++row) {
      if (!fine.IsNull(row) && !coarse->IsNull(row)) {
        from_data.try_emplace(fine.ValueToString(row), coarse->ValueToString(row));
      }
    }
  };
  std::map<std::string, std::string> mapping;
  for (const std::string& code : DistinctCodes(data, finest)) {
    if (auto containing = ContainingArea(finest, code, level)) {
      mapping.emplace(code, std::move(*containing));
      continue;
    }
    if (coarse != nullptr && from_data.empty()) read_data();
    if (const auto found = from_data.find(code); found != from_data.end()) {
      mapping.emplace(code, found->second);
      continue;
    }
    internal::InvalidDefinition(
        definition,
        fmt::format(fmt::runtime(Tr("området '{}' ({}) hör inte till något område på nivån "
                                    "'{}' enligt kodlistorna, och data har ingen sådan kolumn",
                                    "area '{}' ({}) belongs to no area of level '{}' by the "
                                    "code lists, and the data has no such column")),
                    code, finest, level));
  }
  return [mapping = std::move(mapping)](const std::string& code) { return mapping.at(code); };
}

Cells RollUp(const Cells& finest, const AreaMap& to_level, const std::vector<AgeBand>& bands) {
  Cells rolled;
  for (const auto& [key, cell] : finest) {
    CellKey coarse = key;
    coarse.area = to_level(key.area);
    auto [entry, inserted] = rolled.try_emplace(coarse, EmptyCell(bands));
    AddInto(entry->second, cell);
  }
  for (auto& [key, cell] : rolled) SortedSampleKernel::Finalize(cell.sample);  // medians
  return rolled;
}

}  // namespace jamlik
