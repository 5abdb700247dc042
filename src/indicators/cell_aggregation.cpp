#include "indicators/cell_aggregation.hpp"

#include <fmt/format.h>

#include <limits>
#include <span>
#include <variant>

#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"

namespace jamlik {

KeyCodes KeyCache::Get(const Table& data, const std::string& name) {
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

std::uint64_t KeyLayout::KeySpace(std::size_t set) const {
  std::uint64_t space = bands;
  auto times = [&space](std::uint64_t radix) {
    if (space > std::numeric_limits<std::uint64_t>::max() / radix) {
      throw Error(ErrorCode::kInvalidArgument, std::string(Tr("för många kombinationer av grupper",
                                                              "too many combinations of groups")));
    }
    space *= radix;
  };
  if (area) times(area->radix());
  if (period) times(period->radix());
  for (const KeyCodes& dimension : sets[set]) times(dimension.radix());
  return space;
}

namespace {

// Write the numbers of a partition's rows to `out`: the column's value, else the condition's 0/1
// flag, else `constant`; the column's storage is read directly.
void GatherNumbers(const Column* column, const std::vector<std::uint8_t>* flags, double constant,
                   std::size_t first_row, std::span<const std::uint32_t> offsets, double* out) {
  if (column != nullptr && column->type() == ColumnType::kInt64) {
    std::visit(
        [&](const auto& integers) {
          const auto* values = integers.data() + first_row;
          for (std::size_t i = 0; i < offsets.size(); ++i) {
            out[i] = static_cast<double>(values[offsets[i]]);
          }
        },
        column->integers());
  } else if (column != nullptr) {
    const double* values = column->doubles().data() + first_row;
    for (std::size_t i = 0; i < offsets.size(); ++i) out[i] = values[offsets[i]];
  } else if (flags != nullptr) {
    for (std::size_t i = 0; i < offsets.size(); ++i) out[i] = (*flags)[offsets[i]];
  } else {
    std::fill_n(out, offsets.size(), constant);
  }
}

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

}  // namespace

CellRows::CellRows(const CellAggregation& input, CellNumbers numbers)
    : input_(input),
      numbers_(numbers),
      base_(kCellBlockRows),
      keys_(kCellBlockRows),
      base_skip_(kCellBlockRows),
      skip_(kCellBlockRows),
      first_(kCellBlockRows),
      second_(kCellBlockRows) {}

std::size_t CellRows::Select(std::size_t first_row, std::size_t end_row) {
  const Population& population = input_.population;
  const Table& data = input_.data;
  first_row_ = first_row;
  population.filter->EvaluateRange(data, first_row, end_row, selected_);
  for (const Column* column : population.required) {
    if (column->validity().empty()) continue;
    for (std::size_t i = 0; i < selected_.size(); ++i) {
      selected_[i] &= static_cast<std::uint8_t>(column->validity().IsValid(first_row + i));
    }
  }
  if (population.condition != nullptr) {
    population.condition->EvaluateRange(data, first_row, end_row, counted_);
  }
  const bool banded = population.bands->banded();
  if (banded) population.bands->Find(first_row, selected_, row_bands_);
  offsets_.resize(selected_.size());
  bands_.resize(banded ? selected_.size() : 0);
  // Without branches: a filter keeps rows in no predictable pattern. Every row is written at the
  // next free place, which only a kept row then claims.
  std::size_t kept = 0;
  if (banded) {
    for (std::size_t i = 0; i < selected_.size(); ++i) {
      const int band = row_bands_[i];  // kNoBand where not selected
      offsets_[kept] = static_cast<std::uint32_t>(i);
      bands_[kept] = static_cast<std::uint16_t>(band);
      kept += band != kNoBand ? 1 : 0;
    }
  } else {
    for (std::size_t i = 0; i < selected_.size(); ++i) {
      offsets_[kept] = static_cast<std::uint32_t>(i);
      kept += selected_[i] != 0 ? 1 : 0;
    }
  }
  offsets_.resize(kept);
  bands_.resize(banded ? kept : 0);
  return (kept + kCellBlockRows - 1) / kCellBlockRows;
}

void CellRows::LoadBlock(std::size_t block) {
  const Population& population = input_.population;
  block_begin_ = block * kCellBlockRows;
  block_rows_ = std::min(kCellBlockRows, offsets_.size() - block_begin_);
  const std::span<const std::uint32_t> rows(offsets_.data() + block_begin_, block_rows_);
  std::fill_n(base_.begin(), block_rows_, 0);
  std::fill_n(base_skip_.begin(), block_rows_, 0);
  for (const auto& key : {input_.layout.area, input_.layout.period}) {
    if (key) AppendDigit(*key, first_row_, rows, base_.data(), base_skip_.data());
  }
  if (numbers_ == CellNumbers::kValue) {
    GatherNumbers(population.value, nullptr, 1, first_row_, rows, first_.data());
  } else {
    GatherNumbers(population.numerator, population.condition != nullptr ? &counted_ : nullptr, 1,
                  first_row_, rows, first_.data());
    GatherNumbers(population.denominator, nullptr, 1, first_row_, rows, second_.data());
  }
}

CellRows::SetBlock CellRows::ForSet(std::size_t set) {
  const KeyLayout& layout = input_.layout;
  const std::span<const std::uint32_t> rows(offsets_.data() + block_begin_, block_rows_);
  const std::size_t count = block_rows_;
  std::copy_n(base_.begin(), count, keys_.begin());
  std::copy_n(base_skip_.begin(), count, skip_.begin());
  for (const KeyCodes& dimension : layout.sets[set]) {
    AppendDigit(dimension, first_row_, rows, keys_.data(), skip_.data());
  }
  if (!bands_.empty()) {
    for (std::size_t i = 0; i < count; ++i) {
      keys_[i] = keys_[i] * layout.bands + bands_[block_begin_ + i];
    }
  }
  const bool second = numbers_ == CellNumbers::kNumeratorDenominator;
  if (std::find(skip_.begin(), skip_.begin() + static_cast<std::ptrdiff_t>(count), 1) ==
      skip_.begin() + static_cast<std::ptrdiff_t>(count)) {
    return {keys_.data(), {first_.data(), second ? second_.data() : nullptr}, count};
  }
  // Rare: a key is null in some rows. Their cell is unknown, so they are left out of this set.
  kept_keys_.clear();
  kept_first_.clear();
  kept_second_.clear();
  for (std::size_t i = 0; i < count; ++i) {
    if (skip_[i] != 0) continue;
    kept_keys_.push_back(keys_[i]);
    kept_first_.push_back(first_[i]);
    if (second) kept_second_.push_back(second_[i]);
  }
  return {kept_keys_.data(),
          {kept_first_.data(), second ? kept_second_.data() : nullptr},
          kept_keys_.size()};
}

CellKey DecodeCellKey(const KeyLayout& layout, std::size_t set, std::uint64_t packed,
                      std::size_t& band) {
  const std::vector<KeyCodes>& dimensions = layout.sets[set];
  band = static_cast<std::size_t>(packed % layout.bands);
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
  return key;
}

namespace {

// Sums of the numerator and denominator over a cell's rows.
struct SumKernel {
  struct State {
    double numerator = 0;
    double denominator = 0;
  };

  static void Update(const CellBlock& block, const std::uint32_t* slots, std::size_t rows,
                     State* states) {
    for (std::size_t i = 0; i < rows; ++i) {
      State& state = states[slots[i]];
      state.numerator += block.first[i];
      state.denominator += block.second[i];
    }
  }
  static void Merge(State& into, const State& later) {
    into.numerator += later.numerator;
    into.denominator += later.denominator;
  }
  static const State& Finalize(const State& state) { return state; }
};

struct SumCells {
  using Kernel = SumKernel;
  static constexpr CellNumbers kNumbers = CellNumbers::kNumeratorDenominator;

  static void Update(const CellBlock& block, const std::uint32_t* slots, std::size_t rows,
                     Kernel::State* states) {
    Kernel::Update(block, slots, rows, states);
  }
  static void AddToCell(Kernel::State& state, CellInputs& cell) {
    const Kernel::State& sums = Kernel::Finalize(state);
    cell.numerator = sums.numerator;
    cell.denominator = sums.denominator;
  }
  static void DescribeRow(const CellInputs& cell, ResultRow& row) {
    row.numerator = cell.numerator;
    row.denominator = cell.denominator;
    row.population = cell.denominator;
  }
};

}  // namespace

const CellKernel kSumCells =
    CellKernelFor<SumCells>("sums of the numerator and the denominator (per age band)");

}  // namespace jamlik
