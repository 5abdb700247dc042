#pragma once
// The indicators' cells from microdata: the population's rows aggregated into every dimension
// set's cells of the finest area level (area × period × subgroup × age band), by the aggregation
// engine (core/aggregation.hpp) with the indicator type's kernel. One pass over a partition's
// rows feeds every dimension set: a block's area, period and numbers are read once and shared.
//
// An indicator type declares its kernel as a CellKernel made by CellKernelFor<Cells>, where
// `Cells` says around a core kernel:
//   using Kernel = …;                              the kernel (aggregation.hpp)
//   static constexpr CellNumbers kNumbers;         which numbers of a row it reads
//   static void Update(const CellBlock&, const std::uint32_t* slots, std::size_t rows,
//                      Kernel::State* states);     its update over a block
//   static void AddToCell(Kernel::State&, CellInputs&);  its finalized state into a cell
//   static void DescribeRow(const CellInputs&, ResultRow&);  numerator, denominator, population
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/aggregation.hpp"
#include "core/key_encoding.hpp"
#include "core/table.hpp"
#include "indicators/age_banding.hpp"
#include "indicators/indicator_type.hpp"
#include "indicators/roll_up.hpp"
#include "indicators/row_filter.hpp"

namespace jamlik {

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
  // Throws kUnknownColumn, or kTypeMismatch for a column that cannot be a key.
  KeyCodes Get(const Table& data, const std::string& name);

 private:
  std::map<std::string, EncodedKey> encoded_;  // nodes stay put: KeyCodes point into them
};

// How a cell of the finest area level is packed into one number: area, period, the dimension
// set's codes and the age band as mixed-radix digits, the area most significant. Ascending keys
// therefore list a cell's age bands in order.
struct KeyLayout {
  std::optional<KeyCodes> area;
  std::optional<KeyCodes> period;
  std::vector<std::vector<KeyCodes>> sets;  // each dimension set's columns
  std::uint64_t bands = 1;

  // Return the number of packed keys of dimension set `set`; throws kInvalidArgument when they
  // do not fit 64 bits.
  std::uint64_t KeySpace(std::size_t set) const;
};

// Who is counted and what is summed over them. Each partition of the rows selects its population
// itself (CellRows::Select), so no row-sized buffer is built.
struct Population {
  const RowFilter* filter = nullptr;
  const RowFilter* condition = nullptr;  // numerator_where, counted when there is no numerator
  std::vector<const Column*> required;   // rows where one of these is null are not counted
  const Column* numerator = nullptr;
  const Column* denominator = nullptr;
  const Column* value = nullptr;
  std::optional<BandSource> bands;
};

// What is aggregated: the data, its population, the cells' key layout and the age bands (empty
// unless the type is age-banded).
struct CellAggregation {
  const Table& data;
  const Population& population;
  const KeyLayout& layout;
  const std::vector<AgeBand>& bands;
};

// Which numbers of a row a kernel reads: numerator and denominator (the numerator column, else the
// numerator condition's 0/1, else 1; the denominator column, else 1), or the value column.
enum class CellNumbers { kNumeratorDenominator, kValue };

// The numbers of a block of the population's rows; `second` only for kNumeratorDenominator.
struct CellBlock {
  const double* first = nullptr;
  const double* second = nullptr;
};

// Rows per block: a block's keys and numbers stay in cache while each dimension set reads them.
inline constexpr std::size_t kCellBlockRows = 4096;

// One partition's population, block by block: the packed cell keys of each dimension set and the
// numbers a kernel reads. Rows with a null key in a set are left out of that set's block.
class CellRows {
 public:
  CellRows(const CellAggregation& input, CellNumbers numbers);

  // Select the population among rows [first_row, end_row): the filter holds, no input is missing
  // and (for banded types) the row has a band. Return the number of blocks.
  std::size_t Select(std::size_t first_row, std::size_t end_row);
  // Read block `block`'s area and period codes and numbers.
  void LoadBlock(std::size_t block);

  struct SetBlock {
    const std::uint64_t* keys = nullptr;
    CellBlock numbers;
    std::size_t rows = 0;
  };
  // Return the loaded block's rows for dimension set `set`.
  SetBlock ForSet(std::size_t set);

 private:
  const CellAggregation& input_;
  CellNumbers numbers_;
  std::size_t first_row_ = 0;
  std::size_t block_begin_ = 0;
  std::size_t block_rows_ = 0;
  // The partition's population: the filter, the numerator condition, offsets of the kept rows
  // from first_row_ (ascending) and their bands.
  std::vector<std::uint8_t> selected_;
  std::vector<std::uint8_t> counted_;
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint16_t> bands_;
  std::vector<int> row_bands_;
  // Per-block scratch, allocated once.
  std::vector<std::uint64_t> base_, keys_;
  std::vector<std::uint8_t> base_skip_, skip_;
  std::vector<double> first_, second_;
  std::vector<std::uint64_t> kept_keys_;  // a set's rows without null keys, when some have one
  std::vector<double> kept_first_, kept_second_;
};

// Return the cell key and (through `band`) the age band of dimension set `set`'s packed key.
CellKey DecodeCellKey(const KeyLayout& layout, std::size_t set, std::uint64_t packed,
                      std::size_t& band);

namespace internal {

// Dense states per set up to this size; a hash table beyond.
inline constexpr std::size_t kMaxDenseCellBytes = std::size_t{8} << 20;

// The states of one partition for every dimension set. The rows are read through a CellRows
// lent for the partition: buffers belong to the running partitions, states to the partials.
template <typename CellsOf>
class CellPartial {
 public:
  using Kernel = typename CellsOf::Kernel;
  using State = typename Kernel::State;

  explicit CellPartial(const CellAggregation& input) : slots_(kCellBlockRows) {
    for (std::size_t set = 0; set < input.layout.sets.size(); ++set) {
      const std::uint64_t space = input.layout.KeySpace(set);
      const bool dense = space <= kMaxDenseCellBytes / (sizeof(State) + sizeof(std::int64_t));
      sets_.emplace_back(1, 1, dense ? space : 0);
    }
  }

  GroupedStates<Kernel>& set(std::size_t set) { return sets_[set]; }

  void Reset() {
    for (auto& states : sets_) states.Reset();
  }

  void Merge(const CellPartial& later) {
    for (std::size_t set = 0; set < sets_.size(); ++set) sets_[set].Merge(later.sets_[set]);
  }

  void Accumulate(CellRows& rows, std::size_t first_row, std::size_t end_row) {
    const std::size_t blocks = rows.Select(first_row, end_row);
    for (std::size_t block = 0; block < blocks; ++block) {
      rows.LoadBlock(block);
      for (std::size_t set = 0; set < sets_.size(); ++set) {
        const CellRows::SetBlock set_rows = rows.ForSet(set);
        sets_[set].AssignSlots(set_rows.keys, set_rows.rows, 1, slots_.data());
        CellsOf::Update(set_rows.numbers, slots_.data(), set_rows.rows, sets_[set].states(0));
      }
    }
  }

 private:
  std::vector<GroupedStates<Kernel>> sets_;
  std::vector<std::uint32_t> slots_;
};

// CellRows for the partitions that run, one per thread at most, reused from one to the next.
class CellRowsPool {
 public:
  CellRowsPool(const CellAggregation& input, CellNumbers numbers)
      : input_(input), numbers_(numbers) {}

  std::unique_ptr<CellRows> Borrow() {
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        std::unique_ptr<CellRows> rows = std::move(free_.back());
        free_.pop_back();
        return rows;
      }
    }
    return std::make_unique<CellRows>(input_, numbers_);
  }
  void Return(std::unique_ptr<CellRows> rows) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(rows));
  }

 private:
  const CellAggregation& input_;
  CellNumbers numbers_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<CellRows>> free_;
};

// Turn one dimension set's merged states into cells, each cell's age bands added in order.
template <typename CellsOf>
Cells ToCells(const CellAggregation& input, std::size_t set,
              GroupedStates<typename CellsOf::Kernel>& states) {
  std::vector<std::pair<std::uint64_t, std::size_t>> groups;  // packed key, slot
  states.ForEachGroup(
      [&](const std::uint64_t* key, std::size_t slot) { groups.emplace_back(*key, slot); });
  if (!states.dense()) std::sort(groups.begin(), groups.end());
  const bool banded = !input.bands.empty();
  Cells cells;
  for (const auto& [packed, slot] : groups) {
    std::size_t band = 0;
    CellKey key = DecodeCellKey(input.layout, set, packed, band);
    auto [entry, inserted] = cells.try_emplace(std::move(key), EmptyCell(input.bands));
    CellInputs part = EmptyCell(input.bands);
    CellsOf::AddToCell(states.state(0, slot), part);
    if (banded) {
      part.bands[band].events = part.numerator;
      part.bands[band].population = part.denominator;
    }
    AddInto(entry->second, part);
  }
  return cells;
}

// Aggregate the population into every dimension set's cells of the finest area level.
template <typename CellsOf>
std::vector<Cells> AggregateCells(const CellAggregation& input) {
  CellRowsPool pool(input, CellsOf::kNumbers);
  const auto total = AggregatePartitions(
      input.data.num_rows(), kPartitionRows,
      [&input] { return std::make_unique<CellPartial<CellsOf>>(input); },
      [&pool](CellPartial<CellsOf>& partial, std::size_t begin, std::size_t end) {
        std::unique_ptr<CellRows> rows = pool.Borrow();
        partial.Accumulate(*rows, begin, end);
        pool.Return(std::move(rows));
      });
  std::vector<Cells> cells;
  for (std::size_t set = 0; set < input.layout.sets.size(); ++set) {
    cells.push_back(ToCells<CellsOf>(input, set, total->set(set)));
  }
  return cells;
}

}  // namespace internal

// Return the CellKernel of `CellsOf` (see the top of this file); `state` says what a cell keeps.
template <typename CellsOf>
constexpr CellKernel CellKernelFor(std::string_view state) {
  return {state, &internal::AggregateCells<CellsOf>, &CellsOf::DescribeRow};
}

}  // namespace jamlik
