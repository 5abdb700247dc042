#include "indicators/compute_indicators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/group_by.hpp"
#include "core/i18n.hpp"
#include "indicators/indicator_type.hpp"
#include "io/csv_reader.hpp"
#include "stats/life_table.hpp"

namespace jamlik {
namespace {

constexpr std::string_view kNation = "riket";
constexpr const char* kNationCode = "00";
constexpr const char* kNumeratorColumn = "__numerator";
constexpr const char* kDenominatorColumn = "__denominator";
constexpr const char* kValueColumn = "__value";
constexpr const char* kBandColumn = "__age_band";

[[noreturn]] void Invalid(const IndicatorDefinition& definition, const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("indikatorn '{}': {}", "indicator '{}': {}")),
                          definition.id, message),
              definition.where);
}

// One definition resolved against the registry and the data.
struct PreparedIndicator {
  const IndicatorDefinition& definition;
  const IndicatorType& type;
  std::optional<StandardPopulation> standard;
  std::vector<AgeBand> bands;  // empty unless the type is age-banded
  std::string finest_area;     // the finest area column present, empty for the nation only
};

StandardPopulation LoadStandardPopulation(const IndicatorDefinition& definition,
                                          const IndicatorRunOptions& options) {
  if (definition.standard_population == "esp2013") return Esp2013FiveYear(90);
  std::filesystem::path path = definition.standard_population;
  if (path.is_relative() && !options.definitions_folder.empty()) {
    path = std::filesystem::path(options.definitions_folder) / path;
  }
  const Table table = ReadCsvFile(path.string());
  if (table.num_columns() != 2) {
    Invalid(definition,
            std::string(Tr("standardbefolkningen ska ha två kolumner: åldersgrupp och befolkning",
                           "the standard population needs two columns: age band and population")));
  }
  return StandardPopulation::FromTable(path.filename().string(), table, table.column(0).name(),
                                       table.column(1).name());
}

std::vector<AgeBand> LifeTableBands() {
  std::vector<AgeBand> bands;
  for (std::size_t i = 0; i < kLifeTableStartAges.size(); ++i) {
    const int start = kLifeTableStartAges[i];
    bands.push_back(i + 1 < kLifeTableStartAges.size()
                        ? AgeBand{start, kLifeTableStartAges[i + 1] - 1}
                        : AgeBand{start, std::nullopt});
  }
  return bands;
}

PreparedIndicator Prepare(const IndicatorDefinition& definition, const Table& data,
                          const IndicatorRunOptions& options) {
  PreparedIndicator prepared{definition, IndicatorTypes().Get(definition.type), {}, {}, {}};
  const IndicatorType& type = prepared.type;
  if (!definition.method.empty() && std::find(type.methods.begin(), type.methods.end(),
                                              definition.method) == type.methods.end()) {
    std::string methods;
    for (auto method : type.methods) methods += (methods.empty() ? "" : ", ") + std::string(method);
    Invalid(definition,
            fmt::format(fmt::runtime(Tr("metoden '{}' finns inte för typen {} (finns: {})",
                                        "method '{}' does not exist for type {} (there are: {})")),
                        definition.method, type.id, methods));
  }
  if (type.needs_value_column && definition.value.empty()) {
    Invalid(definition,
            std::string(Tr("typen mean behöver 'varde' (kolumnen att ta medelvärdet av)",
                           "type mean needs 'varde' (the column to average)")));
  }
  if (definition.confidence.size() > 2) {
    Invalid(definition,
            std::string(Tr("högst två konfidensnivåer", "at most two confidence levels")));
  }
  if (type.age_banding != AgeBanding::kNone) {
    if (definition.age.empty() == definition.age_band.empty()) {
      Invalid(definition,
              std::string(Tr(
                  "ange antingen 'alder' (ålder i år) eller 'aldersgrupp' (åldersgruppens kolumn)",
                  "give either 'alder' (age in years) or 'aldersgrupp' (the age-band column)")));
    }
    if (type.age_banding == AgeBanding::kLifeTable) {
      prepared.bands = LifeTableBands();
    } else {
      prepared.standard = LoadStandardPopulation(definition, options);
      for (const auto& band : prepared.standard->bands()) prepared.bands.push_back(band.band);
    }
  }
  for (const auto& area : definition.areas) {
    if (area != kNation && data.FindColumn(area) != nullptr) {
      prepared.finest_area = area;
      break;
    }
  }
  return prepared;
}

// Return the age band of every row in the population; rows without an age (or with an age no
// band holds) leave the population.
Column BandColumn(const PreparedIndicator& prepared, const Table& data,
                  std::vector<std::uint8_t>& in_population) {
  const auto& bands = prepared.bands;
  std::vector<std::optional<std::string>> labels(data.num_rows());
  std::vector<std::string> names;
  for (const auto& band : bands) names.push_back(AgeBandLabel(band));
  auto band_of_age = [&](double age) -> std::optional<std::size_t> {
    for (std::size_t b = 0; b < bands.size(); ++b) {
      if (age >= bands[b].start && (!bands[b].end || age <= *bands[b].end)) return b;
    }
    return std::nullopt;
  };
  const IndicatorDefinition& definition = prepared.definition;
  if (!definition.age.empty()) {
    const Column& age = data.GetColumn(definition.age);
    if (!age.IsNumeric()) {
      Invalid(
          definition,
          fmt::format(fmt::runtime(Tr("åldern '{}' ska vara numerisk", "age '{}' must be numeric")),
                      definition.age));
    }
    for (std::size_t row = 0; row < data.num_rows(); ++row) {
      if (in_population[row] == 0 || age.IsNull(row)) continue;
      if (auto b = band_of_age(age.NumericAt(row))) labels[row] = names[*b];
    }
  } else {
    const Column& band_column = data.GetColumn(definition.age_band);
    for (std::size_t row = 0; row < data.num_rows(); ++row) {
      if (in_population[row] == 0 || band_column.IsNull(row)) continue;
      const AgeBand band = ParseAgeBand(band_column.ValueToString(row));
      // A single number names the band starting there, as life tables list their start ages.
      const bool start_age = band.end == band.start;
      const auto found = std::find_if(bands.begin(), bands.end(), [&](const AgeBand& candidate) {
        return candidate == band || (start_age && candidate.start == band.start);
      });
      if (found == bands.end()) {
        Invalid(definition,
                fmt::format(fmt::runtime(Tr(
                                "rad {}: åldersgruppen '{}' finns inte i standardbefolkningen",
                                "row {}: age band '{}' is not one of the standard population's")),
                            row + 2, band_column.ValueToString(row)));
      }
      labels[row] = names[static_cast<std::size_t>(found - bands.begin())];
    }
  }
  for (std::size_t row = 0; row < labels.size(); ++row) {
    if (!labels[row]) in_population[row] = 0;
  }
  return Column::CategoricalFromStrings(kBandColumn, labels, Dictionary(names, true));
}

// Return a double column holding `value(row)` where the row is in the population, null elsewhere.
template <typename Value>
Column MaskedNumbers(const char* name, const std::vector<std::uint8_t>& in_population,
                     Value value) {
  std::vector<double> numbers(in_population.size());
  Validity validity = Validity::AllValid(in_population.size());
  for (std::size_t row = 0; row < numbers.size(); ++row) {
    if (in_population[row] != 0) {
      numbers[row] = value(row);
    } else {
      validity.Clear(row);
    }
  }
  return Column::Double(name, std::move(numbers), std::move(validity));
}

// Build the table the group-by runs on: the keys the indicator needs and its derived numbers.
Table WorkTable(const PreparedIndicator& prepared, const Table& data,
                const std::vector<std::string>& keys) {
  const IndicatorDefinition& definition = prepared.definition;
  std::vector<std::uint8_t> in_population = definition.filter.Evaluate(data);
  // Rows whose inputs are missing are not part of the population.
  auto require = [&](const std::string& name) -> const Column* {
    if (name.empty()) return nullptr;
    const Column& column = data.GetColumn(name);
    if (!column.IsNumeric()) {
      Invalid(definition, fmt::format(fmt::runtime(Tr("kolumnen '{}' ska vara numerisk",
                                                      "column '{}' must be numeric")),
                                      name));
    }
    for (std::size_t row = 0; row < in_population.size(); ++row) {
      if (column.IsNull(row)) in_population[row] = 0;
    }
    return &column;
  };
  const Column* numerator = require(definition.numerator);
  const Column* denominator = require(definition.denominator);
  const Column* value = require(definition.value);
  std::vector<std::uint8_t> counted;
  if (!definition.numerator_where.empty()) counted = definition.numerator_where.Evaluate(data);

  std::vector<Column> columns;
  for (const auto& key : keys) columns.push_back(data.GetColumn(key));
  if (!prepared.bands.empty()) columns.push_back(BandColumn(prepared, data, in_population));
  if (value != nullptr) {
    columns.push_back(MaskedNumbers(kValueColumn, in_population,
                                    [&](std::size_t row) { return value->NumericAt(row); }));
  } else {
    columns.push_back(MaskedNumbers(kNumeratorColumn, in_population, [&](std::size_t row) {
      return numerator != nullptr ? numerator->NumericAt(row) : static_cast<double>(counted[row]);
    }));
    columns.push_back(MaskedNumbers(kDenominatorColumn, in_population, [&](std::size_t row) {
      return denominator != nullptr ? denominator->NumericAt(row) : 1.0;
    }));
  }
  return Table(std::move(columns));
}

struct CellKey {
  std::string area;
  std::string period;
  std::vector<std::uint32_t> subgroup;  // codes of the dimension set's columns
  auto operator<=>(const CellKey&) const = default;
};

using Cells = std::map<CellKey, CellInputs>;

void AddInto(CellInputs& target, const CellInputs& source) {
  target.numerator += source.numerator;
  target.denominator += source.denominator;
  target.values.Merge(source.values);
  for (std::size_t b = 0; b < source.bands.size(); ++b) {
    target.bands[b].events += source.bands[b].events;
    target.bands[b].population += source.bands[b].population;
  }
}

CellInputs EmptyCell(const PreparedIndicator& prepared) {
  CellInputs cell;
  for (const auto& band : prepared.bands) cell.bands.push_back({band, 0, 0});
  return cell;
}

// Aggregate the work table by area, period, the dimension set and age band into cells of the
// finest area level.
Cells Aggregate(const PreparedIndicator& prepared, const Table& work,
                const std::vector<std::string>& dimensions) {
  const IndicatorDefinition& definition = prepared.definition;
  std::vector<std::string> keys;
  if (!prepared.finest_area.empty()) keys.push_back(prepared.finest_area);
  if (!definition.period.empty()) keys.push_back(definition.period);
  keys.insert(keys.end(), dimensions.begin(), dimensions.end());
  const bool banded = !prepared.bands.empty();
  if (banded) keys.push_back(kBandColumn);
  const bool mean = prepared.type.needs_value_column;
  std::vector<std::string> values =
      mean ? std::vector<std::string>{kValueColumn}
           : std::vector<std::string>{kNumeratorColumn, kDenominatorColumn};
  const GroupByResult grouped = GroupBy(work, {keys, values, "", false});

  Cells cells;
  const std::size_t num_keys = keys.size();
  for (std::size_t group = 0; group < grouped.num_groups(); ++group) {
    const std::uint32_t* codes = grouped.key_codes.data() + group * num_keys;  // no keys: empty
    const MomentState* states = grouped.states.data() + group * values.size();
    if (states[0].count == 0) continue;  // only rows outside the population
    if (std::any_of(codes, codes + num_keys, [](std::uint32_t code) { return code == kNullCode; }))
      continue;
    CellKey key;
    std::size_t k = 0;
    key.area =
        prepared.finest_area.empty() ? kNationCode : grouped.dictionaries[k].category(codes[k]);
    if (!prepared.finest_area.empty()) ++k;
    if (!definition.period.empty()) {
      key.period = grouped.dictionaries[k].category(codes[k]);
      ++k;
    }
    for (std::size_t d = 0; d < dimensions.size(); ++d, ++k) key.subgroup.push_back(codes[k]);
    auto [entry, inserted] = cells.try_emplace(key, EmptyCell(prepared));
    CellInputs& cell = entry->second;
    CellInputs part = EmptyCell(prepared);
    if (mean) {
      part.values = states[0];
    } else {
      part.numerator = states[0].sum;
      part.denominator = states[1].sum;
    }
    if (banded) {
      BandCounts& band = part.bands[codes[k]];
      band.events = part.numerator;
      band.population = part.denominator;
    }
    AddInto(cell, part);
  }
  return cells;
}

// Return how each finest-level area code maps to the codes of `level`.
std::function<std::string(const std::string&)> AreaMapping(const PreparedIndicator& prepared,
                                                           const Table& data,
                                                           const std::string& level) {
  if (level == kNation) return [](const std::string&) { return std::string(kNationCode); };
  const std::string& finest = prepared.finest_area;
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
  Invalid(prepared.definition,
          fmt::format(fmt::runtime(Tr("områdesnivån '{}' kan inte härledas ur data",
                                      "area level '{}' cannot be derived from the data")),
                      level));
}

Cells RollUp(const Cells& finest, const std::function<std::string(const std::string&)>& to_level,
             const PreparedIndicator& prepared) {
  Cells rolled;
  for (const auto& [key, cell] : finest) {
    CellKey coarse = key;
    coarse.area = to_level(key.area);
    auto [entry, inserted] = rolled.try_emplace(coarse, EmptyCell(prepared));
    AddInto(entry->second, cell);
  }
  return rolled;
}

struct DimensionSetInfo {
  std::string name;  // "kon × utbildning" or "total"
  std::vector<const Dictionary*> dictionaries;
  bool ordered = false;   // a single ordered dimension
  bool reverse = false;   // its advantaged end is the first category
  std::string reference;  // a single dimension's reference category
};

DimensionSetInfo DescribeDimensions(const Table& data, const std::vector<std::string>& dimensions) {
  DimensionSetInfo info;
  for (const auto& name : dimensions) {
    const Column& column = data.GetColumn(name);
    info.dictionaries.push_back(&column.categorical().dictionary);
    info.name += (info.name.empty() ? "" : " × ") + name;
  }
  if (dimensions.empty()) info.name = kTotalDimension;
  if (dimensions.size() == 1) {
    info.ordered = info.dictionaries[0]->ordered();
    if (const DimensionInfo* known = FindDimension(dimensions[0])) {
      info.reverse = known->advantaged == AdvantagedEnd::kFirst;
      info.reference = known->reference;
    }
  }
  return info;
}

std::string FlagOf(const IndicatorValue& value) {
  if (!value.value) return UndefinedReasonId(value.value.error());
  if (!value.interval) return UndefinedReasonId(value.interval.error());
  return {};
}

void AppendRows(const PreparedIndicator& prepared, const std::string& level, const Cells& cells,
                const DimensionSetInfo& dimensions,
                const std::map<std::string, std::vector<BandCounts>>& references,
                std::vector<ResultRow>& rows) {
  const IndicatorDefinition& definition = prepared.definition;
  const IndicatorType& type = prepared.type;
  for (const auto& [key, stored] : cells) {
    CellInputs cell = stored;
    if (type.needs_reference) cell.reference = references.at(key.period);
    ResultRow row;
    row.indicator = definition.id;
    row.indicator_name =
        CurrentLanguage() == Language::kSwedish ? definition.name_sv : definition.name_en;
    row.indicator_type = std::string(type.id);
    row.area_level = level;
    row.area = key.area;
    row.period = key.period;
    row.dimension = dimensions.name;
    row.subgroup = kTotalSubgroup;
    for (std::size_t d = 0; d < key.subgroup.size(); ++d) {
      const std::string& category = dimensions.dictionaries[d]->category(key.subgroup[d]);
      row.subgroup = d == 0 ? category : row.subgroup + " × " + category;
    }
    if (dimensions.ordered) {
      const auto size = static_cast<std::int64_t>(dimensions.dictionaries[0]->size());
      const auto code = static_cast<std::int64_t>(key.subgroup[0]);
      row.subgroup_order = dimensions.reverse ? size - code : code + 1;
    }
    row.ordered_dimension = dimensions.ordered;
    row.reference_subgroup = !dimensions.reference.empty() && row.subgroup == dimensions.reference;
    row.favourable_indicator = definition.higher_is_favourable;
    const double multiplier = definition.multiplier.value_or(type.default_multiplier);
    row.indicator_scale = multiplier;
    IndicatorSettings settings{
        multiplier, definition.confidence[0],
        definition.method.empty() ? type.methods.front() : std::string_view(definition.method),
        prepared.standard ? &*prepared.standard : nullptr};
    const IndicatorValue first = type.compute(cell, settings);
    if (first.value) row.estimate = *first.value;
    if (first.interval) {
      row.lower = first.interval->lower;
      row.upper = first.interval->upper;
    }
    row.confidence = definition.confidence[0];
    if (definition.confidence.size() == 2) {
      settings.confidence = definition.confidence[1];
      const IndicatorValue second = type.compute(cell, settings);
      row.confidence_2 = definition.confidence[1];
      if (second.interval) {
        row.lower_2 = second.interval->lower;
        row.upper_2 = second.interval->upper;
      }
    }
    if (type.needs_value_column) {
      row.numerator = cell.values.sum;
      row.denominator = static_cast<double>(cell.values.count);
      row.population = static_cast<double>(cell.values.count);
      // For Publish's dominance rule; never written out (result_table.hpp).
      row.top_contributions = TopContributions{cell.values.largest, cell.values.second_largest};
    } else {
      row.numerator = cell.numerator;
      row.denominator = cell.denominator;
      row.population = cell.denominator;
    }
    row.method = first.method;
    row.flag = FlagOf(first);
    rows.push_back(std::move(row));
  }
}

void ComputeOne(const IndicatorDefinition& definition, const Table& data,
                const IndicatorRunOptions& options, std::vector<ResultRow>& rows) {
  const PreparedIndicator prepared = Prepare(definition, data, options);
  std::vector<std::string> keys;
  if (!prepared.finest_area.empty()) keys.push_back(prepared.finest_area);
  if (!definition.period.empty()) keys.push_back(definition.period);
  std::vector<std::vector<std::string>> dimension_sets{{}};
  dimension_sets.insert(dimension_sets.end(), definition.dimensions.begin(),
                        definition.dimensions.end());
  for (const auto& set : definition.dimensions) {
    for (const auto& name : set) {
      if (std::find(keys.begin(), keys.end(), name) == keys.end()) keys.push_back(name);
      if (data.GetColumn(name).type() != ColumnType::kCategorical) {
        Invalid(definition,
                fmt::format(fmt::runtime(Tr("dimensionen '{}' ska vara en kategorikolumn",
                                            "dimension '{}' must be a categorical column")),
                            name));
      }
    }
  }
  const Table work = WorkTable(prepared, data, keys);
  std::vector<std::string> levels = definition.areas;
  if (levels.empty()) levels.emplace_back(kNation);

  // The reference of indirect standardisation: the whole data set, per period and age band.
  std::map<std::string, std::vector<BandCounts>> references;
  for (const auto& set : dimension_sets) {
    const Cells finest = Aggregate(prepared, work, set);
    if (set.empty() && prepared.type.needs_reference) {
      for (const auto& [key, cell] :
           RollUp(finest, AreaMapping(prepared, data, std::string(kNation)), prepared)) {
        references[key.period] = cell.bands;
      }
    }
    const DimensionSetInfo dimensions = DescribeDimensions(data, set);
    for (const auto& level : levels) {
      AppendRows(prepared, level, RollUp(finest, AreaMapping(prepared, data, level), prepared),
                 dimensions, references, rows);
    }
  }
}

}  // namespace

std::vector<ResultRow> ComputeIndicators(const Table& data,
                                         const std::vector<IndicatorDefinition>& definitions,
                                         const IndicatorRunOptions& options) {
  std::vector<ResultRow> rows;
  for (const auto& definition : definitions) ComputeOne(definition, data, options, rows);
  return rows;
}

}  // namespace jamlik
