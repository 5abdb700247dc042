#include "indicators/compute_indicators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <exception>
#include <filesystem>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <type_traits>
#include <unordered_map>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/group_by.hpp"
#include "core/i18n.hpp"
#include "core/key_encoding.hpp"
#include "core/parallel.hpp"
#include "indicators/indicator_type.hpp"
#include "io/csv_reader.hpp"
#include "stats/life_table.hpp"

namespace jamlik {
namespace {

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
    if (area != area_level::kNation && area != area_level::kAllData &&
        data.FindColumn(area) != nullptr) {
      prepared.finest_area = area;
      break;
    }
  }
  return prepared;
}

// ---- Keys ----

// A key column as dense codes: a categorical column's own, or an int64 column's values ranked in
// ascending order with their decimal text as categories, as the group-by engine encodes them.
struct KeyCodes {
  const Dictionary* dictionary = nullptr;
  const CategoryCodes* codes = nullptr;
  const Validity* validity = nullptr;

  std::uint64_t radix() const { return std::max<std::uint64_t>(1, dictionary->size()); }
};

// Int64 key columns (periods, numeric area codes) encoded once per run and shared by every
// indicator that groups by them.
class KeyCache {
 public:
  KeyCodes Get(const Table& data, const std::string& name) {
    const Column& column = data.GetColumn(name);
    if (column.type() == ColumnType::kCategorical) {
      const CategoricalData& categorical = column.categorical();
      return {&categorical.dictionary, &categorical.codes, &column.validity()};
    }
    CheckKeyColumnType(column);
    auto found = encoded_.find(name);
    if (found == encoded_.end()) found = encoded_.emplace(name, EncodeInt64Key(column)).first;
    return {&found->second.dictionary, &found->second.codes, &column.validity()};
  }

 private:
  std::map<std::string, EncodedKey> encoded_;  // nodes stay put: KeyCodes point into them
};

// ---- The population ----

constexpr int kNoBand = -1;

// The band of an age: whole ages up to kTabulatedAges are looked up, others searched.
class AgeBandFinder {
 public:
  explicit AgeBandFinder(const std::vector<AgeBand>& bands) : bands_(bands) {
    for (int age = 0; age < kTabulatedAges; ++age) table_[age] = Search(age);
  }

  int Find(double age) const {
    if (age >= 0 && age < kTabulatedAges && age == static_cast<int>(age)) {
      return table_[static_cast<int>(age)];
    }
    return Search(age);
  }
  int Find(std::int64_t age) const {
    if (age >= 0 && age < kTabulatedAges) return table_[static_cast<std::size_t>(age)];
    return Search(static_cast<double>(age));
  }

 private:
  static constexpr int kTabulatedAges = 256;

  int Search(double age) const {
    for (std::size_t b = 0; b < bands_.size(); ++b) {
      if (age >= bands_[b].start && (!bands_[b].end || age <= *bands_[b].end)) {
        return static_cast<int>(b);
      }
    }
    return kNoBand;
  }

  const std::vector<AgeBand>& bands_;
  std::array<int, kTabulatedAges> table_{};
};

// Where each row's age band comes from: an age in years or an age-band label. Read by the worker
// threads, so everything is resolved up front.
class BandSource {
 public:
  BandSource(const PreparedIndicator& prepared, const Table& data)
      : prepared_(prepared), finder_(prepared.bands) {
    const IndicatorDefinition& definition = prepared.definition;
    if (prepared.bands.empty()) return;
    if (!definition.age.empty()) {
      age_ = &data.GetColumn(definition.age);
      if (!age_->IsNumeric()) {
        Invalid(definition, fmt::format(fmt::runtime(Tr("åldern '{}' ska vara numerisk",
                                                        "age '{}' must be numeric")),
                                        definition.age));
      }
      if (age_->type() == ColumnType::kInt64) {
        whole_ages_ = age_->int64s().data();
      } else {
        ages_ = age_->doubles().data();
      }
      return;
    }
    labels_ = &data.GetColumn(definition.age_band);
    if (labels_->type() != ColumnType::kCategorical) return;
    // Parse each category once; an error is kept for the first row in the population that has it.
    const Dictionary& dictionary = labels_->categorical().dictionary;
    band_of_code_.resize(dictionary.size(), kNoBand);
    parse_errors_.resize(dictionary.size());
    for (std::uint32_t code = 0; code < dictionary.size(); ++code) {
      try {
        band_of_code_[code] = BandOfLabel(dictionary.category(code));
      } catch (...) {
        parse_errors_[code] = std::current_exception();
      }
    }
  }

  bool banded() const { return !prepared_.bands.empty(); }

  // Set out[i] to the band of row first_row + i where selected[i] is set, kNoBand elsewhere and
  // where the row has no age or an age no band holds; throws for an age-band label that is none
  // of the bands, at the first such row.
  void Find(std::size_t first_row, const std::vector<std::uint8_t>& selected,
            std::vector<int>& out) const {
    out.resize(selected.size());
    if (whole_ages_ != nullptr) {
      // The usual case, ages in whole years: one table look-up per row.
      for (std::size_t i = 0; i < selected.size(); ++i) {
        const std::size_t row = first_row + i;
        out[i] = selected[i] == 0 || age_->IsNull(row) ? kNoBand : finder_.Find(whole_ages_[row]);
      }
      return;
    }
    for (std::size_t i = 0; i < selected.size(); ++i) {
      out[i] = selected[i] == 0 ? kNoBand : Of(first_row + i);
    }
  }

 private:
  int Of(std::size_t row) const {
    if (age_ != nullptr) {
      if (age_->IsNull(row)) return kNoBand;
      return finder_.Find(whole_ages_ != nullptr ? static_cast<double>(whole_ages_[row])
                                                 : ages_[row]);
    }
    if (labels_->IsNull(row)) return kNoBand;
    int band = kNoBand;
    if (labels_->type() == ColumnType::kCategorical) {
      const std::uint32_t code = labels_->categorical().CodeAt(row);
      if (parse_errors_[code]) std::rethrow_exception(parse_errors_[code]);
      band = band_of_code_[code];
    } else {
      band = BandOfLabel(labels_->ValueToString(row));
    }
    if (band == kNoBand) {
      Invalid(prepared_.definition,
              fmt::format(
                  fmt::runtime(Tr("rad {}: åldersgruppen '{}' finns inte i standardbefolkningen",
                                  "row {}: age band '{}' is not one of the standard population's")),
                  row + 2, labels_->ValueToString(row)));
    }
    return band;
  }

  // A single number names the band starting there, as life tables list their start ages.
  int BandOfLabel(const std::string& label) const {
    const auto& bands = prepared_.bands;
    const AgeBand band = ParseAgeBand(label);
    const bool start_age = band.end == band.start;
    const auto found = std::find_if(bands.begin(), bands.end(), [&](const AgeBand& candidate) {
      return candidate == band || (start_age && candidate.start == band.start);
    });
    return found == bands.end() ? kNoBand : static_cast<int>(found - bands.begin());
  }

  const PreparedIndicator& prepared_;
  AgeBandFinder finder_;
  const Column* age_ = nullptr;
  const std::int64_t* whole_ages_ = nullptr;  // the age column's storage, by type
  const double* ages_ = nullptr;
  const Column* labels_ = nullptr;
  std::vector<int> band_of_code_;                 // categorical labels
  std::vector<std::exception_ptr> parse_errors_;  // categorical labels that are no band at all
};

// Who is counted and what is summed over them. Each partition of the rows selects its population
// itself (see SelectPartition), so no row-sized buffer is built.
struct Population {
  const RowFilter* filter = nullptr;
  const RowFilter* condition = nullptr;  // numerator_where, counted when there is no numerator
  std::vector<const Column*> required;   // rows where one of these is null are not counted
  const Column* numerator = nullptr;
  const Column* denominator = nullptr;
  const Column* value = nullptr;
  std::optional<BandSource> bands;
};

// Check the definition's filter, input columns and age against the data, in the order the errors
// are reported, and return its population. Filters are checked by evaluating them over no rows.
Population DescribePopulation(const PreparedIndicator& prepared, const Table& data) {
  const IndicatorDefinition& definition = prepared.definition;
  Population population;
  std::vector<std::uint8_t> no_rows;
  population.filter = &definition.filter;
  definition.filter.EvaluateRange(data, 0, 0, no_rows);
  auto require = [&](const std::string& name) -> const Column* {
    if (name.empty()) return nullptr;
    const Column& column = data.GetColumn(name);
    if (!column.IsNumeric()) {
      Invalid(definition, fmt::format(fmt::runtime(Tr("kolumnen '{}' ska vara numerisk",
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

// One partition's population: offsets of its rows from the partition's first row, ascending,
// with their age bands and the numerator condition per row of the partition.
struct PartitionRows {
  std::vector<std::uint8_t> selected;
  std::vector<std::uint8_t> counted;
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint16_t> bands;  // empty unless the type is age-banded
  std::vector<int> row_bands;        // the band of each row of the partition
};

// Select the population's rows among [first_row, end_row): the filter holds, no input is
// missing and (for banded types) the row has a band.
void SelectPartition(const Population& population, const Table& data, std::size_t first_row,
                     std::size_t end_row, PartitionRows& rows) {
  population.filter->EvaluateRange(data, first_row, end_row, rows.selected);
  for (const Column* column : population.required) {
    if (column->validity().empty()) continue;
    for (std::size_t i = 0; i < rows.selected.size(); ++i) {
      rows.selected[i] &= static_cast<std::uint8_t>(column->validity().IsValid(first_row + i));
    }
  }
  if (population.condition != nullptr) {
    population.condition->EvaluateRange(data, first_row, end_row, rows.counted);
  }
  const bool banded = population.bands->banded();
  if (banded) population.bands->Find(first_row, rows.selected, rows.row_bands);
  rows.offsets.resize(rows.selected.size());
  rows.bands.resize(banded ? rows.selected.size() : 0);
  // Without branches: a filter keeps rows in no predictable pattern. Every row is written at the
  // next free place, which only a kept row then claims.
  std::size_t kept = 0;
  if (banded) {
    for (std::size_t i = 0; i < rows.selected.size(); ++i) {
      const int band = rows.row_bands[i];  // kNoBand where not selected
      rows.offsets[kept] = static_cast<std::uint32_t>(i);
      rows.bands[kept] = static_cast<std::uint16_t>(band);
      kept += band != kNoBand ? 1 : 0;
    }
  } else {
    for (std::size_t i = 0; i < rows.selected.size(); ++i) {
      rows.offsets[kept] = static_cast<std::uint32_t>(i);
      kept += rows.selected[i] != 0 ? 1 : 0;
    }
  }
  rows.offsets.resize(kept);
  rows.bands.resize(banded ? kept : 0);
}

// Write the numbers of a partition's rows to `out`: the column's value, else the condition's 0/1
// flag, else `constant`; the column's storage is read directly.
void GatherNumbers(const Column* column, const std::vector<std::uint8_t>* flags, double constant,
                   std::size_t first_row, std::span<const std::uint32_t> offsets, double* out) {
  if (column != nullptr && column->type() == ColumnType::kInt64) {
    const std::int64_t* values = column->int64s().data() + first_row;
    for (std::size_t i = 0; i < offsets.size(); ++i) {
      out[i] = static_cast<double>(values[offsets[i]]);
    }
  } else if (column != nullptr) {
    const double* values = column->doubles().data() + first_row;
    for (std::size_t i = 0; i < offsets.size(); ++i) out[i] = values[offsets[i]];
  } else if (flags != nullptr) {
    for (std::size_t i = 0; i < offsets.size(); ++i) out[i] = (*flags)[offsets[i]];
  } else {
    std::fill_n(out, offsets.size(), constant);
  }
}

// ---- Aggregation ----

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

// How a cell of the finest area level is packed into one number: area, period, the dimension
// set's codes and the age band as mixed-radix digits, the area most significant. Ascending keys
// therefore list a cell's age bands in order.
struct KeyLayout {
  std::optional<KeyCodes> area;
  std::optional<KeyCodes> period;
  std::vector<std::vector<KeyCodes>> sets;  // each dimension set's columns
  std::uint64_t bands = 1;

  std::uint64_t KeySpace(std::size_t set) const {
    std::uint64_t space = bands;
    auto times = [&space](std::uint64_t radix) {
      if (space > std::numeric_limits<std::uint64_t>::max() / radix) {
        throw Error(ErrorCode::kInvalidArgument,
                    std::string(Tr("för många kombinationer av grupper",
                                   "too many combinations of groups")));
      }
      space *= radix;
    };
    if (area) times(area->radix());
    if (period) times(period->radix());
    for (const KeyCodes& dimension : sets[set]) times(dimension.radix());
    return space;
  }
};

// Sums of the numerator and denominator over a cell's rows.
struct SumState {
  std::int64_t rows = 0;
  double numerator = 0;
  double denominator = 0;

  bool empty() const { return rows == 0; }
  void Merge(const SumState& other) {
    rows += other.rows;
    numerator += other.numerator;
    denominator += other.denominator;
  }
};

// Mean indicators keep the averaged column's moments (count, sums, the largest values).
struct ValueState : MomentState {
  bool empty() const { return count == 0; }
};

// The states of one dimension set's cells by packed key: a dense array while the key space is
// small, a hash map beyond.
template <typename State>
class CellStates {
 public:
  explicit CellStates(std::uint64_t key_space)
      : dense_(key_space <= kMaxDenseBytes / sizeof(State)) {
    if (dense_) states_.resize(key_space);
  }

  State& At(std::uint64_t key) {
    if (dense_) return states_[key];
    const auto [entry, inserted] = index_.try_emplace(key, states_.size());
    if (inserted) {
      states_.emplace_back();
      keys_.push_back(key);
    }
    return states_[entry->second];
  }

  void Reset() {
    if (dense_) {
      std::fill(states_.begin(), states_.end(), State{});
    } else {
      states_.clear();
      keys_.clear();
      index_.clear();
    }
  }

  // Merge `other`, the states of later rows, into these.
  void Merge(const CellStates& other) {
    other.ForEach([this](std::uint64_t key, const State& state) { At(key).Merge(state); });
  }

  // Call fn(key, state) for each cell with rows, in ascending key order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    if (dense_) {
      for (std::size_t key = 0; key < states_.size(); ++key) {
        if (!states_[key].empty()) fn(key, states_[key]);
      }
      return;
    }
    std::vector<std::size_t> order(keys_.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [this](std::size_t a, std::size_t b) { return keys_[a] < keys_[b]; });
    for (std::size_t slot : order) {
      if (!states_[slot].empty()) fn(keys_[slot], states_[slot]);
    }
  }

 private:
  static constexpr std::size_t kMaxDenseBytes = std::size_t{8} << 20;

  bool dense_;
  std::vector<State> states_;
  std::vector<std::uint64_t> keys_;  // sparse: the key of each state
  std::unordered_map<std::uint64_t, std::size_t> index_;
};

// Rows per block: a block's keys and numbers stay in cache while each dimension set reads them.
constexpr std::size_t kBlockRows = 4096;
// Rows per partition, as the group-by engine splits them: partitions are summed separately and
// merged in row order, so sums come out as they did when the engine aggregated the indicators
// (and do not depend on the number of threads).
constexpr std::size_t kPartitionRows = std::size_t{1} << 19;

// Multiply each key by the column's radix and add the row's code; a null code skips the row.
void AppendDigit(const KeyCodes& key, std::size_t first_row, std::span<const std::uint32_t> offsets,
                 std::uint64_t* keys, std::uint8_t* skip) {
  const std::uint64_t radix = key.radix();
  std::visit(
      [&](const auto& codes) {
        const auto* partition = codes.data() + first_row;
        for (std::size_t i = 0; i < offsets.size(); ++i) {
          keys[i] = keys[i] * radix + partition[offsets[i]];
        }
      },
      *key.codes);
  if (key.validity->empty()) return;
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    if (!key.validity->IsValid(first_row + offsets[i])) skip[i] = 1;
  }
}

// One worker's buffers, allocated once and reused for every partition it takes.
struct WorkerScratch {
  PartitionRows rows;
  std::vector<std::uint64_t> base = std::vector<std::uint64_t>(kBlockRows);
  std::vector<std::uint64_t> keys = std::vector<std::uint64_t>(kBlockRows);
  std::vector<std::uint8_t> base_skip = std::vector<std::uint8_t>(kBlockRows);
  std::vector<std::uint8_t> skip = std::vector<std::uint8_t>(kBlockRows);
  std::vector<double> first = std::vector<double>(kBlockRows);
  std::vector<double> second = std::vector<double>(kBlockRows);
};

// Select the population among rows [first_row, end_row) and add it to every dimension set's
// states in one pass: the area, period and numbers of a block are read once and shared by the
// sets.
template <typename State>
void Accumulate(const KeyLayout& layout, const Population& population, const Table& data,
                std::size_t first_row, std::size_t end_row, WorkerScratch& scratch,
                std::vector<CellStates<State>>& sets) {
  SelectPartition(population, data, first_row, end_row, scratch.rows);
  const std::vector<std::uint32_t>& offsets = scratch.rows.offsets;
  for (std::size_t block = 0; block < offsets.size(); block += kBlockRows) {
    const std::size_t count = std::min(kBlockRows, offsets.size() - block);
    const std::span<const std::uint32_t> rows(offsets.data() + block, count);
    std::fill_n(scratch.base.begin(), count, 0);
    std::fill_n(scratch.base_skip.begin(), count, 0);
    for (const auto& key : {layout.area, layout.period}) {
      if (key) AppendDigit(*key, first_row, rows, scratch.base.data(), scratch.base_skip.data());
    }
    if constexpr (std::is_same_v<State, ValueState>) {
      GatherNumbers(population.value, nullptr, 1, first_row, rows, scratch.first.data());
    } else {
      GatherNumbers(population.numerator, &scratch.rows.counted, 1, first_row, rows,
                    scratch.first.data());
      GatherNumbers(population.denominator, nullptr, 1, first_row, rows, scratch.second.data());
    }
    for (std::size_t set = 0; set < sets.size(); ++set) {
      std::copy_n(scratch.base.begin(), count, scratch.keys.begin());
      std::copy_n(scratch.base_skip.begin(), count, scratch.skip.begin());
      for (const KeyCodes& dimension : layout.sets[set]) {
        AppendDigit(dimension, first_row, rows, scratch.keys.data(), scratch.skip.data());
      }
      if (!scratch.rows.bands.empty()) {
        for (std::size_t i = 0; i < count; ++i) {
          scratch.keys[i] = scratch.keys[i] * layout.bands + scratch.rows.bands[block + i];
        }
      }
      CellStates<State>& states = sets[set];
      for (std::size_t i = 0; i < count; ++i) {
        if (scratch.skip[i] != 0) continue;
        State& state = states.At(scratch.keys[i]);
        if constexpr (std::is_same_v<State, ValueState>) {
          state.Update(scratch.first[i]);
        } else {
          ++state.rows;
          state.numerator += scratch.first[i];
          state.denominator += scratch.second[i];
        }
      }
    }
  }
}

// Aggregate the population into every dimension set's cells of the finest area level: rounds of
// partitions, one per worker thread, merged in row order.
template <typename State>
std::vector<CellStates<State>> AggregateSets(const KeyLayout& layout, const Population& population,
                                             const Table& data) {
  auto make_states = [&layout] {
    std::vector<CellStates<State>> sets;
    for (std::size_t set = 0; set < layout.sets.size(); ++set) {
      sets.emplace_back(layout.KeySpace(set));
    }
    return sets;
  };
  const std::size_t num_rows = data.num_rows();
  const std::size_t partitions = (num_rows + kPartitionRows - 1) / kPartitionRows;
  std::vector<CellStates<State>> total = make_states();
  const std::size_t workers = std::max<std::size_t>(1, std::min(WorkerCount(), partitions));
  std::vector<std::vector<CellStates<State>>> partials;
  for (std::size_t w = 0; w < workers; ++w) partials.push_back(make_states());
  std::vector<WorkerScratch> scratch(workers);
  std::vector<std::exception_ptr> errors(workers);
  for (std::size_t first = 0; first < partitions; first += workers) {
    const std::size_t round = std::min(workers, partitions - first);
    ParallelFor(round, [&](std::size_t w) {
      try {
        for (auto& states : partials[w]) states.Reset();
        const std::size_t first_row = (first + w) * kPartitionRows;
        Accumulate(layout, population, data, first_row,
                   std::min(num_rows, first_row + kPartitionRows), scratch[w], partials[w]);
      } catch (...) {
        errors[w] = std::current_exception();
      }
    });
    // Report the error of the earliest rows, as a single pass over the rows would.
    for (std::size_t w = 0; w < round; ++w) {
      if (errors[w]) std::rethrow_exception(errors[w]);
    }
    for (std::size_t w = 0; w < round; ++w) {
      for (std::size_t set = 0; set < total.size(); ++set) total[set].Merge(partials[w][set]);
    }
  }
  return total;
}

// Turn one dimension set's states into cells keyed by area and period text and subgroup codes,
// each cell's age bands added in order.
template <typename State>
Cells ToCells(const PreparedIndicator& prepared, const KeyLayout& layout, std::size_t set,
              const CellStates<State>& states) {
  const std::vector<KeyCodes>& dimensions = layout.sets[set];
  const bool banded = !prepared.bands.empty();
  Cells cells;
  states.ForEach([&](std::uint64_t packed, const State& state) {
    const auto band = static_cast<std::size_t>(packed % layout.bands);
    packed /= layout.bands;
    CellKey key;
    key.subgroup.resize(dimensions.size());
    for (std::size_t d = dimensions.size(); d-- > 0;) {
      key.subgroup[d] = static_cast<std::uint32_t>(packed % dimensions[d].radix());
      packed /= dimensions[d].radix();
    }
    if (layout.period) {
      key.period = layout.period->dictionary->category(
          static_cast<std::uint32_t>(packed % layout.period->radix()));
      packed /= layout.period->radix();
    }
    key.area = layout.area ? layout.area->dictionary->category(static_cast<std::uint32_t>(packed))
                           : std::string(kAllDataCode);
    auto [entry, inserted] = cells.try_emplace(std::move(key), EmptyCell(prepared));
    CellInputs part = EmptyCell(prepared);
    if constexpr (std::is_same_v<State, ValueState>) {
      part.values = state;
    } else {
      part.numerator = state.numerator;
      part.denominator = state.denominator;
    }
    if (banded) {
      part.bands[band].events = part.numerator;
      part.bands[band].population = part.denominator;
    }
    AddInto(entry->second, part);
  });
  return cells;
}

// Return the cells of the finest area level for each dimension set.
std::vector<Cells> Aggregate(const PreparedIndicator& prepared, const KeyLayout& layout,
                             const Population& population, const Table& data) {
  std::vector<Cells> cells;
  if (prepared.type.needs_value_column) {
    const auto states = AggregateSets<ValueState>(layout, population, data);
    for (std::size_t set = 0; set < states.size(); ++set) {
      cells.push_back(ToCells(prepared, layout, set, states[set]));
    }
  } else {
    const auto states = AggregateSets<SumState>(layout, population, data);
    for (std::size_t set = 0; set < states.size(); ++set) {
      cells.push_back(ToCells(prepared, layout, set, states[set]));
    }
  }
  return cells;
}

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

// Return the definition's area levels with the whole ("riket", also when none are given) made
// what the data covers (TopAreaLevel): the nation, its one county, or all of the data.
std::vector<std::string> ResolveAreaLevels(const PreparedIndicator& prepared, const Table& data) {
  std::vector<std::string> levels = prepared.definition.areas;
  if (levels.empty()) levels.emplace_back(area_level::kNation);
  const auto whole = std::find(levels.begin(), levels.end(), area_level::kNation);
  if (whole == levels.end()) return levels;
  const std::string_view top =
      TopAreaLevel(prepared.finest_area, DistinctCodes(data, prepared.finest_area));
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
std::function<std::string(const std::string&)> AreaMapping(const PreparedIndicator& prepared,
                                                           const Table& data,
                                                           const std::string& level) {
  if (level == area_level::kNation || level == area_level::kAllData) {
    return [code = *ContainingArea({}, {}, level)](const std::string&) { return code; };
  }
  const std::string& finest = prepared.finest_area;
  if (level == finest) return [](const std::string& code) { return code; };
  const Column* coarse = data.FindColumn(level);
  const bool code_list_level = level == area_level::kMunicipality || level == area_level::kCounty;
  if (finest.empty() || (coarse == nullptr && !code_list_level)) {
    Invalid(prepared.definition,
            fmt::format(fmt::runtime(Tr("områdesnivån '{}' kan inte härledas ur data",
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
    Invalid(prepared.definition,
            fmt::format(fmt::runtime(Tr("området '{}' ({}) hör inte till något område på nivån "
                                        "'{}' enligt kodlistorna, och data har ingen sådan kolumn",
                                        "area '{}' ({}) belongs to no area of level '{}' by the "
                                        "code lists, and the data has no such column")),
                        code, finest, level));
  }
  return [mapping = std::move(mapping)](const std::string& code) { return mapping.at(code); };
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
    row.indicator_name = BilingualText(definition.name_sv, definition.name_en);
    row.indicator_type = std::string(type.id);
    row.area_level = level;
    row.area = key.area;
    row.area_name = AreaName(level, key.area);
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
                const IndicatorRunOptions& options, KeyCache& key_cache,
                std::vector<ResultRow>& rows) {
  const PreparedIndicator prepared = Prepare(definition, data, options);
  std::vector<std::vector<std::string>> dimension_sets{{}};
  dimension_sets.insert(dimension_sets.end(), definition.dimensions.begin(),
                        definition.dimensions.end());
  for (const auto& set : definition.dimensions) {
    for (const auto& name : set) {
      if (data.GetColumn(name).type() != ColumnType::kCategorical) {
        Invalid(definition,
                fmt::format(fmt::runtime(Tr("dimensionen '{}' ska vara en kategorikolumn",
                                            "dimension '{}' must be a categorical column")),
                            name));
      }
    }
  }
  // Checks run in the order they always have: filter and inputs, key columns present, the age,
  // key column types.
  Population population = DescribePopulation(prepared, data);
  if (!definition.period.empty()) data.GetColumn(definition.period);
  population.bands.emplace(prepared, data);
  KeyLayout layout;
  if (!prepared.finest_area.empty()) layout.area = key_cache.Get(data, prepared.finest_area);
  if (!definition.period.empty()) layout.period = key_cache.Get(data, definition.period);
  for (const auto& set : dimension_sets) {
    layout.sets.emplace_back();
    for (const auto& name : set) layout.sets.back().push_back(key_cache.Get(data, name));
  }
  layout.bands = std::max<std::size_t>(1, prepared.bands.size());

  const std::vector<std::string> levels = ResolveAreaLevels(prepared, data);
  std::vector<std::function<std::string(const std::string&)>> to_level;
  for (const auto& level : levels) to_level.push_back(AreaMapping(prepared, data, level));

  const std::vector<Cells> finest = Aggregate(prepared, layout, population, data);
  // The reference of indirect standardisation: the whole data set, per period and age band.
  std::map<std::string, std::vector<BandCounts>> references;
  if (prepared.type.needs_reference) {
    for (const auto& [key, cell] : RollUp(
             finest[0], AreaMapping(prepared, data, std::string(area_level::kAllData)), prepared)) {
      references[key.period] = cell.bands;
    }
  }
  for (std::size_t set = 0; set < dimension_sets.size(); ++set) {
    const DimensionSetInfo dimensions = DescribeDimensions(data, dimension_sets[set]);
    for (std::size_t level = 0; level < levels.size(); ++level) {
      AppendRows(prepared, levels[level], RollUp(finest[set], to_level[level], prepared),
                 dimensions, references, rows);
    }
  }
}

}  // namespace

std::vector<ResultRow> ComputeIndicators(const Table& data,
                                         const std::vector<IndicatorDefinition>& definitions,
                                         const IndicatorRunOptions& options) {
  std::vector<ResultRow> rows;
  KeyCache key_cache;
  for (const auto& definition : definitions) ComputeOne(definition, data, options, key_cache, rows);
  return rows;
}

}  // namespace jamlik
