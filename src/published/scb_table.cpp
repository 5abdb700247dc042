#include "published/scb_table.hpp"

#include <fmt/format.h>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"

namespace jamlik::published {
namespace {

// The kon dimension is the only known dimension SCB's codes are translated for (scb_kon);
// another variable keeps SCB's id and codes, so that no SCB code is read as one of ours.
bool IsSex(const ScbVariable& variable) {
  return CanonicalColumnName(variable.id) == kSexDimension;
}

struct AreaOfCode {
  std::string level, code;
  BilingualText name;
};

}  // namespace

ScbRole ScbRoleOfId(std::string_view id) {
  if (id == "Region") return ScbRole::kArea;
  if (id == "Tid") return ScbRole::kTime;
  if (id == "ContentsCode") return ScbRole::kContent;
  return ScbRole::kOther;
}

ImportedResults ScbTableToResults(const ScbTable& table) {
  ImportedResults results;
  const ScbVariable* area = nullptr;
  const ScbVariable* time = nullptr;
  const ScbVariable* content = nullptr;
  std::vector<std::size_t> breakdown;
  for (std::size_t v = 0; v < table.variables.size(); ++v) {
    const ScbVariable& variable = table.variables[v];
    switch (variable.role) {
      case ScbRole::kArea:
        area = &variable;
        break;
      case ScbRole::kTime:
        time = &variable;
        break;
      case ScbRole::kContent:
        content = &variable;
        break;
      case ScbRole::kOther:
        breakdown.push_back(v);
        break;
    }
  }
  const auto position_of = [&](const ScbVariable* variable) {
    return static_cast<std::size_t>(variable - table.variables.data());
  };

  // Each variable's categories translated once: areas placed, Kon codes to ours.
  std::vector<AreaOfCode> areas;
  std::size_t unplaced = 0;
  if (area != nullptr) {
    for (std::size_t c = 0; c < area->codes.size(); ++c) {
      if (const auto placed = TranslateArea("scb_region", area->codes[c])) {
        areas.push_back({std::string(placed->level), placed->code,
                         PublishedAreaName(placed->level, placed->code, area->labels[c])});
      } else {
        ++unplaced;
        areas.push_back({area->id, area->codes[c], area->labels[c]});
      }
    }
  }
  std::vector<std::vector<std::string>> categories(table.variables.size());
  for (std::size_t v : breakdown) {
    const ScbVariable& variable = table.variables[v];
    for (const std::string& code : variable.codes) {
      if (!IsSex(variable)) {
        categories[v].push_back(code);
      } else if (const auto kon = TranslateCode("scb_kon", code)) {
        categories[v].push_back(*kon);
      } else {
        throw Error(ErrorCode::kBadValue,
                    fmt::format(fmt::runtime(Tr("variabeln {}: koden '{}' finns inte i kodlistan "
                                                "scb_kon (1, 2, 1+2, TotSa)",
                                                "variable {}: the code '{}' is not in the code "
                                                "list scb_kon (1, 2, 1+2, TotSa)")),
                                variable.id, code),
                    {table.file}, variable.id, code);
      }
    }
  }

  StatusTally statuses;
  results.rows.reserve(table.observations.size());
  for (const ScbObservation& observation : table.observations) {
    PublishedFigure figure;
    if (content != nullptr) {
      const std::size_t c = observation.positions[position_of(content)];
      figure.indicator = content->codes[c];
      figure.indicator_name = content->labels[c];
    } else {
      figure.indicator = table.table_id.empty() ? "scb" : table.table_id;
      figure.indicator_name = figure.indicator;
    }
    if (area != nullptr) {
      const AreaOfCode& placed = areas[observation.positions[position_of(area)]];
      figure.area_level = placed.level;
      figure.area = placed.code;
      figure.area_name = placed.name;
    } else {
      figure.area_level = area_level::kNation;
      figure.area = kNationCode;
      figure.area_name = AreaName(area_level::kNation, kNationCode);
    }
    if (time != nullptr) figure.period = time->codes[observation.positions[position_of(time)]];
    for (std::size_t v : breakdown) {
      const ScbVariable& variable = table.variables[v];
      const std::string& category = categories[v][observation.positions[v]];
      // The total of sex is the whole population: no kon in the breakdown, as computed results
      // write it. It is SCB's published total, never a sum of the parts (SCB's noise from 2025
      // on makes them differ).
      if (IsSex(variable)) {
        if (category != kTotalSubgroup) figure.breakdown.emplace_back(kSexDimension, category);
      } else {
        figure.breakdown.emplace_back(variable.id, category);
      }
    }
    figure.value = observation.value;
    statuses.Add(observation.status, !observation.value);
    results.rows.push_back(ToResultRow(figure));
  }
  results.notes = statuses.Notes();
  if (area == nullptr) {
    results.notes.emplace_back(
        Tr("tabellen har ingen Region (eliminerad i frågan): värdena gäller "
           "riket (00)",
           "the table has no Region (eliminated in the query): the values "
           "are the nation's (00)"));
  }
  if (unplaced > 0) {
    results.notes.push_back(fmt::format(
        "{} {} '{}'", LocalCount(unplaced),
        TrCount(unplaced, "regionkod finns inte i kodlistorna och behåller SCB:s namn på nivån",
                "regionkoder finns inte i kodlistorna och behåller SCB:s namn på nivån",
                "region code is not in the code lists and keeps SCB's name at level",
                "region codes are not in the code lists and keep SCB's names at level"),
        area->id));
  }
  return results;
}

}  // namespace jamlik::published
