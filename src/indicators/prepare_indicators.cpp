#include "indicators/prepare_indicators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "indicators/age_banding.hpp"
#include "indicators/definition_error_internal.hpp"
#include "io/csv_reader.hpp"

namespace jamlik {
namespace {

using internal::InvalidDefinition;

StandardPopulation LoadStandardPopulation(const IndicatorDefinition& definition,
                                          const IndicatorRunOptions& options) {
  if (definition.standard_population == "esp2013") return Esp2013FiveYear(90);
  std::filesystem::path path = definition.standard_population;
  if (path.is_relative() && !options.definitions_folder.empty()) {
    path = std::filesystem::path(options.definitions_folder) / path;
  }
  const Table table = ReadCsvFile(path.string());
  if (table.num_columns() != 2) {
    InvalidDefinition(
        definition,
        std::string(Tr("standardbefolkningen ska ha två kolumner: åldersgrupp och befolkning",
                       "the standard population needs two columns: age band and population")));
  }
  return StandardPopulation::FromTable(path.filename().string(), table, table.column(0).name(),
                                       table.column(1).name());
}

// Check the type's method, inputs, confidence levels and age against the definition; read the
// standard population.
void ResolveType(PreparedIndicator& prepared, const IndicatorRunOptions& options) {
  const IndicatorDefinition& definition = *prepared.definition;
  const IndicatorType& type = *prepared.type;
  if (!definition.method.empty() && std::find(type.methods.begin(), type.methods.end(),
                                              definition.method) == type.methods.end()) {
    std::string methods;
    for (auto method : type.methods) methods += (methods.empty() ? "" : ", ") + std::string(method);
    InvalidDefinition(
        definition,
        fmt::format(fmt::runtime(Tr("metoden '{}' finns inte för typen {} (finns: {})",
                                    "method '{}' does not exist for type {} (there are: {})")),
                    definition.method, type.id, methods));
  }
  if (type.needs_value_column && definition.value.empty()) {
    InvalidDefinition(
        definition,
        fmt::format(fmt::runtime(Tr("typen {} behöver 'varde' (kolumnen som sammanfattas)",
                                    "type {} needs 'varde' (the column it summarises)")),
                    type.id));
  }
  if (definition.confidence.size() > 2) {
    InvalidDefinition(
        definition, std::string(Tr("högst två konfidensnivåer", "at most two confidence levels")));
  }
  if (type.age_banding != AgeBanding::kNone) {
    if (definition.age.empty() == definition.age_band.empty()) {
      InvalidDefinition(
          definition,
          std::string(
              Tr("ange antingen 'alder' (ålder i år) eller 'aldersgrupp' (åldersgruppens kolumn)",
                 "give either 'alder' (age in years) or 'aldersgrupp' (the age-band column)")));
    }
    if (type.age_banding == AgeBanding::kLifeTable) {
      prepared.bands = LifeTableBands();
    } else {
      prepared.standard = LoadStandardPopulation(definition, options);
      for (const auto& band : prepared.standard->bands()) prepared.bands.push_back(band.band);
    }
  }
}

// Check the definition's filter and input columns against the data, in the order the errors are
// reported, and return its population. Filters are checked by evaluating them over no rows.
Population DescribePopulation(const IndicatorDefinition& definition, const Table& data) {
  Population population;
  std::vector<std::uint8_t> no_rows;
  population.filter = &definition.filter;
  definition.filter.EvaluateRange(data, 0, 0, no_rows);
  auto require = [&](const std::string& name) -> const Column* {
    if (name.empty()) return nullptr;
    const Column& column = data.GetColumn(name);
    if (!column.IsNumeric()) {
      InvalidDefinition(definition, fmt::format(fmt::runtime(Tr("kolumnen '{}' ska vara numerisk",
                                                                "column '{}' must be numeric")),
                                                name));
    }
    population.required.push_back(&column);
    return &column;
  };
  population.numerator = require(definition.numerator);
  population.denominator = require(definition.denominator);
  population.value = require(definition.value);
  if (!definition.numerator_where.empty()) {
    definition.numerator_where.EvaluateRange(data, 0, 0, no_rows);
    if (population.numerator == nullptr) population.condition = &definition.numerator_where;
  }
  return population;
}

PreparedIndicator Prepare(const IndicatorDefinition& definition, const Table& data,
                          const IndicatorRunOptions& options, KeyCache& key_cache) {
  PreparedIndicator prepared;
  prepared.definition = &definition;
  prepared.type = &IndicatorTypes().Get(definition.type);
  ResolveType(prepared, options);
  for (const auto& area : definition.areas) {
    if (area != area_level::kNation && area != area_level::kAllData &&
        data.FindColumn(area) != nullptr) {
      prepared.finest_area = area;
      break;
    }
  }
  prepared.dimension_sets.emplace_back();
  prepared.dimension_sets.insert(prepared.dimension_sets.end(), definition.dimensions.begin(),
                                 definition.dimensions.end());
  for (const auto& set : definition.dimensions) {
    for (const auto& name : set) {
      if (data.GetColumn(name).type() != ColumnType::kCategorical) {
        InvalidDefinition(
            definition, fmt::format(fmt::runtime(Tr("dimensionen '{}' ska vara en kategorikolumn",
                                                    "dimension '{}' must be a categorical column")),
                                    name));
      }
    }
  }
  // Checks run in the order they always have: filter and inputs, key columns present, the age,
  // key column types.
  prepared.population = DescribePopulation(definition, data);
  if (!definition.period.empty()) data.GetColumn(definition.period);
  prepared.population.bands.emplace(definition, prepared.bands, data);
  KeyLayout& layout = prepared.layout;
  if (!prepared.finest_area.empty()) layout.area = key_cache.Get(data, prepared.finest_area);
  if (!definition.period.empty()) layout.period = key_cache.Get(data, definition.period);
  for (const auto& set : prepared.dimension_sets) {
    layout.sets.emplace_back();
    for (const auto& name : set) layout.sets.back().push_back(key_cache.Get(data, name));
  }
  layout.bands = std::max<std::size_t>(1, prepared.bands.size());

  prepared.levels = ResolveAreaLevels(definition, prepared.finest_area, data);
  for (const auto& level : prepared.levels) {
    prepared.to_level.push_back(AreaMapping(definition, prepared.finest_area, data, level));
  }
  for (std::size_t set = 0; set < layout.sets.size(); ++set) layout.KeySpace(set);
  return prepared;
}

}  // namespace

std::vector<PreparedIndicator> PrepareIndicators(
    const Table& data, const std::vector<IndicatorDefinition>& definitions,
    const IndicatorRunOptions& options, KeyCache& key_cache) {
  std::vector<PreparedIndicator> prepared;
  prepared.reserve(definitions.size());
  for (const auto& definition : definitions) {
    prepared.push_back(Prepare(definition, data, options, key_cache));
  }
  return prepared;
}

}  // namespace jamlik
