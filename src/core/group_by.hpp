#pragma once
// The group-by engine: aggregate numeric columns by any combination of key columns, with "total"
// margins, from mergeable partial states. This is the hot path: keys are turned into one dense
// group index per row, and states are plain structs updated in tight loops over row blocks —
// no virtual calls and no allocation per row.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/column.hpp"
#include "core/table.hpp"

namespace jamlik {

// The partial state of one numeric column within one group. Update and Merge are exact in the
// sense that merging the states of any split of the rows gives the state of all rows (up to
// floating-point summation order). Nulls are skipped: `count` counts the non-null values.
struct MomentState {
  std::int64_t count = 0;
  double sum = 0;
  double sum_squares = 0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  // Weighted variants (weights as frequencies); zero unless a weight column is given.
  double sum_weights = 0;
  double weighted_sum = 0;
  double weighted_sum_squares = 0;

  void Update(double value) {
    ++count;
    sum += value;
    sum_squares += value * value;
    min = value < min ? value : min;
    max = value > max ? value : max;
  }
  void UpdateWeighted(double value, double weight) {
    Update(value);
    sum_weights += weight;
    weighted_sum += weight * value;
    weighted_sum_squares += weight * value * value;
  }
  // Merge `other` into this state; `other` is not modified.
  void Merge(const MomentState& other);

  double Mean() const;          // NaN when count == 0
  double Variance() const;      // sample variance (n − 1); NaN when count < 2
  double WeightedMean() const;  // NaN when sum_weights == 0
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
// "mean", "var", "sd", "min", "max", "wsum", "wmean". ParseStatistic accepts the same ids.
const char* StatisticId(Statistic statistic);
Statistic ParseStatistic(std::string_view id);

struct GroupByRequest {
  std::vector<std::string>
      keys;  // categorical or int64 columns (int64 keys are encoded on the fly)
  std::vector<std::string> values;  // int64 or double columns
  std::string weight;               // optional weight column (int64 or double)
  bool margins = false;             // also every "total" combination (all grouping sets)
};

// Marks a key that is a total margin ("T") rather than a category.
inline constexpr std::uint32_t kTotalCode = std::numeric_limits<std::uint32_t>::max();
// Marks a key whose value is null.
inline constexpr std::uint32_t kNullCode = kTotalCode - 1;

struct GroupByResult {
  std::vector<std::string> keys;
  std::vector<Dictionary> dictionaries;  // one per key, categories in the key column's order
  std::vector<std::string> values;
  // Groups that have at least one row, ordered by key codes (totals last within each key), with
  // key_codes[group * keys.size() + k] and states[group * values.size() + v].
  std::vector<std::uint32_t> key_codes;
  std::vector<std::int64_t> row_counts;
  std::vector<MomentState> states;

  std::size_t num_groups() const { return row_counts.size(); }
};

// Aggregate `table`; runs on WorkerCount() threads over row blocks and merges their states.
// Throws kUnknownColumn or kTypeMismatch naming the column.
GroupByResult GroupBy(const Table& table, const GroupByRequest& request);

// Lay a result out as a table: one categorical column per key (totals as the category "T", nulls
// as nulls), "n" (rows in the group), then per value column and statistic a column named after the
// value column for kSum and "<column>_<statistic id>" for the others.
Table GroupByResultToTable(const GroupByResult& result, const std::vector<Statistic>& statistics);

}  // namespace jamlik
