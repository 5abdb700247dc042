#pragma once
// The group-by engine: aggregate numeric columns by any combination of key columns, with "total"
// margins, from mergeable partial states. This is the hot path: keys are turned into one dense
// group index per row, and states are plain structs updated in tight loops over row blocks —
// no virtual calls and no allocation per row.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/aggregation.hpp"
#include "core/column.hpp"
#include "core/table.hpp"

namespace jamlik {

// The partial state of one numeric column within one group. Update and Merge are exact in the
// sense that merging the states of any split of the rows gives the state of all rows (up to
// floating-point summation order; sums of integers are exact while they stay below 2^53 in
// magnitude). Nulls are skipped: `count` counts the non-null values. Aligned to cache lines, with
// everything an unweighted update touches in the first line.
struct alignas(64) MomentState {
  std::int64_t count = 0;
  double sum = 0;
  double sum_squares = 0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  // The two largest absolute values (0 when there are fewer): the largest contributions to `sum`,
  // which the dominance rule of disclosure control needs (src/privacy/README.md). Merging keeps the
  // top two of four, so it is exact in any order.
  double largest = 0;
  double second_largest = 0;
  // Weighted variants (weights as frequencies); zero unless a weight column is given. A null
  // weight counts as 0: the value enters the unweighted statistics only.
  double sum_weights = 0;
  double weighted_sum = 0;
  double weighted_sum_squares = 0;

  void Update(double value) {
    ++count;
    sum += value;
    sum_squares += value * value;
    min = value < min ? value : min;
    max = value > max ? value : max;
    // Three min/max and no branch: the value is the new largest, the new second or neither.
    const double magnitude = std::abs(value);
    const double runner_up = magnitude < largest ? magnitude : largest;
    second_largest = runner_up > second_largest ? runner_up : second_largest;
    largest = magnitude > largest ? magnitude : largest;
  }
  void UpdateWeighted(double value, double weight) {
    Update(value);
    sum_weights += weight;
    weighted_sum += weight * value;
    weighted_sum_squares += weight * value * value;
  }
  // Merge `other` into this state; `other` is not modified.
  void Merge(const MomentState& other);

  double Mean() const;  // NaN when count == 0
  // Sample variance (n − 1) from the sums, clamped at 0; NaN when count < 2. The one-pass formula
  // keeps Update to a few additions (Welford would divide per value) and Merge exact; its relative
  // error is about 1e-16 · mean² / variance, harmless unless the values barely vary around a large
  // mean (then shift the column first).
  double Variance() const;
  double WeightedMean() const;  // NaN when sum_weights == 0

  bool operator==(const MomentState&) const = default;
};
static_assert(offsetof(MomentState, second_largest) + sizeof(double) <= 64,
              "an unweighted update touches one cache line");

// MomentState as a kernel (aggregation.hpp): the moments of one numeric column, weighted or not.
struct MomentKernel {
  using State = MomentState;

  // One block of a column: its values from row `first_row` on, their validity (empty when the
  // column has no nulls) and, for the weighted moments, the block's weights (null weights as 0).
  template <typename Value>
  struct Block {
    const Value* values = nullptr;
    const Validity* validity = nullptr;
    std::size_t first_row = 0;
    const double* weights = nullptr;  // nullptr: unweighted
  };

  // Instantiated per value type, with or without nulls and weights, so that the loop body has no
  // branch but the null test.
  template <typename Value>
  static void Update(const Block<Value>& block, const std::uint32_t* slots, std::size_t rows,
                     State* states) {
    if (block.weights != nullptr) {
      if (!block.validity->empty()) {
        UpdateRows<true, true>(block, slots, rows, states);
      } else {
        UpdateRows<false, true>(block, slots, rows, states);
      }
    } else if (!block.validity->empty()) {
      UpdateRows<true, false>(block, slots, rows, states);
    } else {
      UpdateRows<false, false>(block, slots, rows, states);
    }
  }
  static void Merge(State& into, const State& later) { into.Merge(later); }
  // The moments are the result; the statistics (mean, variance, …) are read from them.
  static const State& Finalize(const State& state) { return state; }

 private:
  template <bool kNulls, bool kWeighted, typename Value>
  static void UpdateRows(const Block<Value>& block, const std::uint32_t* slots, std::size_t rows,
                         State* states) {
    for (std::size_t i = 0; i < rows; ++i) {
      if constexpr (kNulls) {
        if (!block.validity->IsValid(block.first_row + i)) continue;
      }
      const auto value = static_cast<double>(block.values[i]);
      if constexpr (kWeighted) {
        states[slots[i]].UpdateWeighted(value, block.weights[i]);
      } else {
        states[slots[i]].Update(value);
      }
    }
  }
};

// The statistics a result table can show for each value column.
enum class Statistic {
  kCount,
  kSum,
  kMean,
  kVariance,
  kStdDev,
  kMin,
  kMax,
  kWeightedSum,
  kWeightedMean
};

// Return the statistic's id as used on the command line and in column names: "count", "sum",
// "mean", "var", "sd", "min", "max", "wsum", "wmean".
const char* StatisticId(Statistic statistic);
// Return the statistic with the id `id`; throws kUsage listing the valid ids.
Statistic ParseStatistic(std::string_view id);

// How much GroupBy computes per group and value column. The less, the faster: a count and a sum
// take one or two additions per value, the full moments some ten operations on a cache line.
enum class StateDetail : std::uint8_t {
  // `count` and `sum` (the statistics count, sum and mean); the other MomentState fields keep
  // their initial values.
  kSums,
  // Those and `largest`, `second_largest` (the dominance rule of disclosure control) for the
  // value columns that are not zero_one; a 0/1 outcome is a count and needs no dominance rule.
  kSumsAndTop,
  kMoments,  // every MomentState field
};

// Return the detail that `statistics` need, with the top contributions when `dominance`.
StateDetail DetailFor(const std::vector<Statistic>& statistics, bool dominance);

struct GroupByRequest {
  std::vector<std::string>
      keys;  // categorical or int64 columns (int64 keys are encoded on the fly)
  std::vector<std::string> values;  // int64 or double columns
  std::string weight;               // optional weight column (int64 or double)
  bool margins = false;             // also every "total" combination (all grouping sets)
  // What the states must hold; with a weight column always kMoments.
  StateDetail detail = StateDetail::kMoments;
};

// Marks a key that is a total margin ("T") rather than a category.
inline constexpr std::uint32_t kTotalCode = std::numeric_limits<std::uint32_t>::max();
// Marks a key whose value is null.
inline constexpr std::uint32_t kNullCode = kTotalCode - 1;

struct GroupByResult {
  std::vector<std::string> keys;
  std::vector<Dictionary> dictionaries;  // one per key, categories in the key column's order
  std::vector<std::string> values;
  std::vector<ColumnType> value_types;  // kInt64 or kDouble, one per value column
  std::string weight;                   // the request's weight column, or empty
  // Groups that have at least one row, sorted lexicographically by key codes (within a key:
  // categories, then kNullCode, then kTotalCode), with key_codes[group * keys.size() + k] and
  // states[group * values.size() + v]. The grand total (no keys, or all keys total with margins)
  // is there even when the table has no rows, as SQL's empty grouping set is.
  std::vector<std::uint32_t> key_codes;
  std::vector<std::int64_t> row_counts;
  std::vector<MomentState> states;
  // The fields of `states` computed (the request's detail; kMoments with a weight column).
  StateDetail detail = StateDetail::kMoments;
  // Per value column: an integer column whose non-null values are all 0 or 1 (an outcome counted,
  // not a magnitude), in a result with at least one group.
  std::vector<bool> zero_one;

  std::size_t num_groups() const { return row_counts.size(); }
};

// Aggregate `table`; runs on WorkerCount() threads over fixed row partitions and merges their
// states in row order, so results do not depend on the number of threads. Int64 keys get a
// dictionary of their distinct values' decimal text in ascending numeric order. Throws
// kUnknownColumn or kTypeMismatch naming the column, kInvalidArgument when an int64 key has more
// than 2^20 distinct values or margins are asked over more than 16 keys.
GroupByResult GroupBy(const Table& table, const GroupByRequest& request);

// Lay a result out as a table: one categorical column per key (the key's dictionary, with the
// category "T" appended when the key has totals; a dictionary that already holds "T" shares it
// with the totals — the key codes in GroupByResult tell them apart), nulls as nulls; "n" (int64,
// rows in the group); then per value column and statistic: kSum named after the value column
// (int64 for int64 columns, exact while sums stay below 2^53), kCount as int64 "<column>_count",
// the others double "<column>_<statistic id>". Undefined results (mean of no values, variance of
// fewer than two, min of none, weighted mean with zero weight) are nulls, never NaN. Throws
// kUsage when a weighted statistic is asked without a weight column, kInternal when a statistic
// needs fields the result's detail left out (DetailFor tells which detail the statistics need).
Table GroupByResultToTable(const GroupByResult& result, const std::vector<Statistic>& statistics);

}  // namespace jamlik
