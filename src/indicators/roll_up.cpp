#include "indicators/roll_up.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

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

AreaMap AreaMapping(const IndicatorDefinition& definition, const std::string& finest_area,
                    const Table& data, const std::string& level) {
  if (level == kNation) return [](const std::string&) { return std::string(kNationCode); };
  const std::string& finest = finest_area;
  if (level == finest) return [](const std::string& code) { return code; };
  // Swedish codes nest: a municipality code starts with its county's, a DeSO code with its
  // municipality's.
  const bool from_small_area = finest == "deso" || finest == "regso";
  if (level == "lan" && (finest == "kommun" || from_small_area)) {
    return [](const std::string& code) { return code.substr(0, 2); };
  }
  if (level == "kommun" && from_small_area)
    return [](const std::string& code) { return code.substr(0, 4); };
  if (const Column* coarse = data.FindColumn(level); coarse != nullptr && !finest.empty()) {
    std::map<std::string, std::string> mapping;
    const Column& fine = data.GetColumn(finest);
    for (std::size_t row = 0; row < data.num_rows(); ++row) {
      mapping.try_emplace(fine.ValueToString(row), coarse->ValueToString(row));
    }
    return [mapping = std::move(mapping)](const std::string& code) { return mapping.at(code); };
  }
  internal::InvalidDefinition(
      definition, fmt::format(fmt::runtime(Tr("områdesnivån '{}' kan inte härledas ur data",
                                              "area level '{}' cannot be derived from the data")),
                              level));
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
