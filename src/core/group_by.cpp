#include "core/group_by.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <memory>
#include <numeric>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/error.hpp"
#include "core/group_by_internal.hpp"
#include "core/i18n.hpp"
#include "core/key_encoding.hpp"
#include "core/parallel.hpp"

namespace jamlik {

void MomentState::Merge(const MomentState& other) {
  count += other.count;
  sum += other.sum;
  sum_squares += other.sum_squares;
  min = other.min < min ? other.min : min;
  max = other.max > max ? other.max : max;
  // The top two of four: the larger largest, then the best of the other largest and both seconds.
  const double runner_up = other.largest < largest ? other.largest : largest;
  largest = other.largest > largest ? other.largest : largest;
  second_largest = std::max({second_largest, other.second_largest, runner_up});
  sum_weights += other.sum_weights;
  weighted_sum += other.weighted_sum;
  weighted_sum_squares += other.weighted_sum_squares;
}

double MomentState::Mean() const {
  if (count == 0) return std::numeric_limits<double>::quiet_NaN();
  return sum / static_cast<double>(count);
}

double MomentState::Variance() const {
  if (count < 2) return std::numeric_limits<double>::quiet_NaN();
  const auto n = static_cast<double>(count);
  // Rounding can leave a tiny negative remainder when all values are (nearly) equal.
  const double centred = sum_squares - sum * (sum / n);
  return centred > 0 ? centred / (n - 1) : 0;
}

double MomentState::WeightedMean() const {
  if (sum_weights == 0) return std::numeric_limits<double>::quiet_NaN();
  return weighted_sum / sum_weights;
}

namespace {

constexpr std::array<std::pair<Statistic, const char*>, 9> kStatisticIds{{
    {Statistic::kCount, "count"},
    {Statistic::kSum, "sum"},
    {Statistic::kMean, "mean"},
    {Statistic::kVariance, "var"},
    {Statistic::kStdDev, "sd"},
    {Statistic::kMin, "min"},
    {Statistic::kMax, "max"},
    {Statistic::kWeightedSum, "wsum"},
    {Statistic::kWeightedMean, "wmean"},
}};

}  // namespace

const char* StatisticId(Statistic statistic) {
  for (const auto& [known, id] : kStatisticIds) {
    if (known == statistic) return id;
  }
  return "unknown";
}

Statistic ParseStatistic(std::string_view id) {
  std::string valid;
  for (const auto& [statistic, known] : kStatisticIds) {
    if (known == id) return statistic;
    valid += (valid.empty() ? "" : ", ") + std::string(known);
  }
  throw Error(ErrorCode::kUsage,
              fmt::format(fmt::runtime(Tr("okänt mått '{}' (giltiga: {})",
                                          "unknown statistic '{}' (valid: {})")),
                          id, valid),
              {}, {}, std::string(id));
}

StateDetail DetailFor(const std::vector<Statistic>& statistics, bool dominance) {
  for (Statistic statistic : statistics) {
    if (statistic != Statistic::kCount && statistic != Statistic::kSum &&
        statistic != Statistic::kMean) {
      return StateDetail::kMoments;
    }
  }
  return dominance ? StateDetail::kSumsAndTop : StateDetail::kSums;
}

namespace {

// Rows per block: the block's slots (and packed keys) stay in cache while each value column's
// states are updated from them.
constexpr std::size_t kBlockRows = 16384;
constexpr std::size_t kMaxInt64KeyValues = std::size_t{1} << 20;
constexpr std::size_t kMaxMarginKeys = 16;

// An int64 key as categorical codes, within the engine's limit of distinct values.
EncodedKey EncodeLimitedInt64Key(const Column& column) {
  EncodedKey encoded = EncodeInt64Key(column);
  if (encoded.dictionary.size() > kMaxInt64KeyValues) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("nyckelkolumnen '{}' har fler än {} olika värden",
                                            "key column '{}' has more than {} distinct values")),
                            column.name(), kMaxInt64KeyValues),
                {}, column.name());
  }
  return encoded;
}

// One key's place in the packed group key: its digit (code, or `radix − 1` for null) is
// multiplied by `stride` and added to word `word`. Keys fill words in request order, the first
// key most significant, so comparing packed keys word by word orders groups by key codes.
struct KeyPart {
  const CategoryCodes* codes = nullptr;
  const Validity* validity = nullptr;
  std::uint64_t radix = 1;
  std::size_t word = 0;
  std::uint64_t stride = 1;
};

// How a value column is summed under the kSums and kSumsAndTop details.
struct SumPlan {
  bool nulls = false;    // the column has a validity bitmap (else counts are the row counts)
  bool integer = false;  // summed exactly in int64
  bool top = false;      // the two largest magnitudes are tracked
};

struct Plan {
  std::vector<KeyPart> keys;
  std::size_t words = 1;
  bool dense = true;
  std::uint64_t dense_groups = 1;  // product of the radices when they fit one word
  std::vector<const Column*> values;
  const Column* weight = nullptr;
  StateDetail detail = StateDetail::kMoments;
  std::vector<SumPlan> sums;  // per value column, unless detail is kMoments
};

// Return whether every non-null value of an integer column is 0 or 1. The stored values are
// checked first, a few thousand at a time without the validity (fast, and when they all are 0 or
// 1 so are the non-null ones); only a column with nulls and a stored value outside is checked
// row by row, stopping at the first valid value outside.
bool IsZeroOne(const Column& column) {
  return std::visit(
      [&](const auto& values) {
        constexpr std::size_t kChunk = 4096;
        bool stored = true;
        for (std::size_t begin = 0; begin < values.size() && stored; begin += kChunk) {
          const std::size_t end = std::min(values.size(), begin + kChunk);
          bool inside = true;
          for (std::size_t row = begin; row < end; ++row) {
            inside &= values[row] == 0 || values[row] == 1;
          }
          stored = inside;
        }
        if (stored) return true;
        if (column.validity().empty()) return false;
        for (std::size_t row = 0; row < values.size(); ++row) {
          if (!column.IsNull(row) && values[row] != 0 && values[row] != 1) return false;
        }
        return true;
      },
      column.integers());
}

// Add a block of one value column to its per-slot counts and sums (and top two magnitudes):
// row i to slot slots[i]. No branch per row: a null adds 0 to the sum and the count, and its
// magnitude 0 changes no top two. An integer column's values are also ORed into `bits`, which
// says afterwards whether they were all 0 or 1 (a null's 0 changes nothing).
template <bool kNulls, bool kTop, typename Value, typename Sum>
void AddValues(const Value* values, const std::uint64_t* valid_words, std::size_t first_row,
               const std::uint32_t* slots, std::size_t rows, std::int64_t* counts, Sum* sums,
               double* top, std::uint64_t& bits) {
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    const std::uint32_t slot = slots[i];
    Sum value = static_cast<Sum>(values[i]);
    if constexpr (kNulls) {
      // Arithmetic rather than a condition, which the compiler would make a branch: nulls fall
      // at random and mispredict.
      const std::size_t row = first_row + i;
      const auto valid = static_cast<std::int64_t>((valid_words[row >> 6] >> (row & 63)) & 1U);
      counts[slot] += valid;
      if constexpr (std::is_integral_v<Sum>) {
        value &= -valid;
      } else {
        // The bits masked, for the same reason: GCC made `valid ? value : 0.0` a branch, which
        // cost a quarter of the loop with a fifth of the values null. A null adds +0.0.
        value = std::bit_cast<Sum>(std::bit_cast<std::uint64_t>(value) &
                                   static_cast<std::uint64_t>(-valid));
      }
    }
    sums[slot] += value;
    if constexpr (std::is_integral_v<Sum>) seen |= static_cast<std::uint64_t>(value);
    if constexpr (kTop) {
      const double magnitude = std::abs(static_cast<double>(value));
      double& largest = top[2 * std::size_t{slot}];
      double& second = top[2 * std::size_t{slot} + 1];
      const double runner_up = magnitude < largest ? magnitude : largest;
      second = runner_up > second ? runner_up : second;
      largest = magnitude > largest ? magnitude : largest;
    }
  }
  bits |= seen;
}

// The counts and sums of one value column per slot, as plain arrays (structure of arrays), for
// the kSums and kSumsAndTop details.
struct SumArrays {
  std::vector<std::int64_t> counts;        // non-null values, when the column has nulls
  std::vector<std::int64_t> integer_sums;  // integer columns
  std::vector<double> sums;                // double columns
  std::vector<double> top;                 // largest, second largest magnitude, when tracked
  std::uint64_t integer_bits = 0;          // the integer values ORed: 0 or 1 if all are 0/1

  void Resize(const SumPlan& plan, std::size_t slots) {
    counts.resize(plan.nulls ? slots : 0);
    integer_sums.resize(plan.integer ? slots : 0);
    sums.resize(plan.integer ? 0 : slots);
    top.resize(plan.top ? 2 * slots : 0);
  }
  void Zero() {
    std::fill(counts.begin(), counts.end(), 0);
    std::fill(integer_sums.begin(), integer_sums.end(), 0);
    std::fill(sums.begin(), sums.end(), 0.0);
    std::fill(top.begin(), top.end(), 0.0);
    integer_bits = 0;
  }
  // Add the state of slot `from` of `later` (later rows) to slot `slot`, as MomentState::Merge.
  void Merge(std::size_t slot, const SumArrays& later, std::size_t from) {
    if (!counts.empty()) counts[slot] += later.counts[from];
    if (!integer_sums.empty()) integer_sums[slot] += later.integer_sums[from];
    if (!sums.empty()) sums[slot] += later.sums[from];
    if (top.empty()) return;
    double& largest = top[2 * slot];
    double& second = top[2 * slot + 1];
    const double other_largest = later.top[2 * from];
    const double other_second = later.top[2 * from + 1];
    const double runner_up = other_largest < largest ? other_largest : largest;
    largest = other_largest > largest ? other_largest : largest;
    second = std::max({second, other_second, runner_up});
  }
  // The slot's state as the MomentState fields its detail has; `rows` is the group's row count.
  MomentState State(std::size_t slot, std::int64_t rows) const {
    MomentState state;
    state.count = counts.empty() ? rows : counts[slot];
    state.sum = integer_sums.empty() ? sums[slot] : static_cast<double>(integer_sums[slot]);
    if (!top.empty()) {
      state.largest = top[2 * slot];
      state.second_largest = top[2 * slot + 1];
    }
    return state;
  }
};

// Lay the keys out in as few 64-bit words as their radices allow.
void LayOutKeys(Plan& plan) {
  std::uint64_t product = 1;
  for (KeyPart& part : plan.keys) {
    if (product > std::numeric_limits<std::uint64_t>::max() / part.radix) {
      ++plan.words;
      product = 1;
    }
    part.word = plan.words - 1;
    product *= part.radix;
  }
  std::uint64_t stride = 1;
  for (auto part = plan.keys.rbegin(); part != plan.keys.rend(); ++part) {
    if (part != plan.keys.rbegin() && part->word != (part - 1)->word) stride = 1;
    part->stride = stride;
    stride *= part->radix;
  }
  plan.dense_groups = plan.words == 1 ? product : 0;
}

template <typename Code>
void AddKeyDigits(const Code* codes, const Validity& validity, std::size_t first_row,
                  std::size_t rows, const KeyPart& part, std::uint64_t* keys, std::size_t words) {
  if (validity.empty()) {
    for (std::size_t i = 0; i < rows; ++i) keys[i * words] += codes[i] * part.stride;
    return;
  }
  const std::uint64_t null_digit = part.radix - 1;
  for (std::size_t i = 0; i < rows; ++i) {
    const std::uint64_t digit = validity.IsValid(first_row + i) ? codes[i] : null_digit;
    keys[i * words] += digit * part.stride;
  }
}

// The states of one partition of the rows: per group, the moments of each value column
// (kMoments) or its counts and sums as arrays (kSums, kSumsAndTop).
class Partial {
 public:
  explicit Partial(const Plan& plan)
      : plan_(plan),
        groups_(plan.detail == StateDetail::kMoments ? plan.values.size() : 0, plan.words,
                plan.dense ? plan.dense_groups : 0),
        sums_(plan.sums.size()),
        keys_(plan.dense ? 0 : kBlockRows * plan.words),
        slots_(kBlockRows),
        weights_(plan.weight != nullptr ? kBlockRows : 0) {
    ResizeSums();
  }

  const GroupedStates<MomentKernel>& groups() const { return groups_; }
  const std::vector<SumArrays>& sums() const { return sums_; }

  void Reset() {
    groups_.Reset();
    if (groups_.dense()) {
      for (SumArrays& arrays : sums_) arrays.Zero();
    } else {
      for (std::size_t v = 0; v < sums_.size(); ++v) {
        sums_[v].Resize(plan_.sums[v], 0);
        sums_[v].integer_bits = 0;
      }
    }
  }

  void Accumulate(std::size_t begin, std::size_t end) {
    for (std::size_t block = begin; block < end; block += kBlockRows) {
      const std::size_t rows = std::min(kBlockRows, end - block);
      if (plan_.dense) {
        ComputeDenseSlots(block, rows);
        groups_.CountRows(slots_.data(), rows);
      } else {
        ComputeKeys(block, rows);
        groups_.AssignSlots(keys_.data(), rows, plan_.words, slots_.data());
        ResizeSums();
      }
      if (plan_.detail != StateDetail::kMoments) {
        for (std::size_t v = 0; v < plan_.values.size(); ++v) AddSums(v, block, rows);
        continue;
      }
      if (plan_.weight != nullptr) LoadWeights(block, rows);
      const double* weights = plan_.weight != nullptr ? weights_.data() : nullptr;
      for (std::size_t v = 0; v < plan_.values.size(); ++v) {
        const Column& column = *plan_.values[v];
        if (column.type() == ColumnType::kInt64) {
          std::visit(
              [&](const auto& values) {
                using Value = typename std::decay_t<decltype(values)>::value_type;
                MomentKernel::Update(MomentKernel::Block<Value>{values.data() + block,
                                                                &column.validity(), block, weights},
                                     slots_.data(), rows, groups_.states(v));
              },
              column.integers());
        } else {
          MomentKernel::Update(MomentKernel::Block<double>{column.doubles().data() + block,
                                                           &column.validity(), block, weights},
                               slots_.data(), rows, groups_.states(v));
        }
      }
    }
  }

  // Merge `later` (a later partition) into this one; `later` is not modified.
  void Merge(const Partial& later) {
    groups_.Merge(later.groups_, [&](std::size_t slot, std::size_t later_slot) {
      if (sums_.empty()) return;
      ResizeSums();
      for (std::size_t v = 0; v < sums_.size(); ++v) {
        sums_[v].Merge(slot, later.sums_[v], later_slot);
      }
    });
    for (std::size_t v = 0; v < sums_.size(); ++v)
      sums_[v].integer_bits |= later.sums_[v].integer_bits;
  }

 private:
  // Grow the sums' arrays to the groups' slots (new slots zero).
  void ResizeSums() {
    for (std::size_t v = 0; v < sums_.size(); ++v) {
      if (sums_[v].integer_sums.size() + sums_[v].sums.size() < groups_.num_slots()) {
        sums_[v].Resize(plan_.sums[v], groups_.num_slots());
      }
    }
  }

  // Add a block of value column `v` to its counts and sums, dispatching once per block on the
  // value type, nulls and top tracking.
  void AddSums(std::size_t v, std::size_t first_row, std::size_t rows) {
    const Column& column = *plan_.values[v];
    const SumPlan& plan = plan_.sums[v];
    SumArrays& arrays = sums_[v];
    const std::uint64_t* valid = column.validity().words();
    auto add = [&](const auto* values, auto* sums) {
      std::int64_t* counts = arrays.counts.data();
      double* top = arrays.top.data();
      if (plan.nulls) {
        if (plan.top) {
          AddValues<true, true>(values, valid, first_row, slots_.data(), rows, counts, sums, top,
                                arrays.integer_bits);
        } else {
          AddValues<true, false>(values, valid, first_row, slots_.data(), rows, counts, sums, top,
                                 arrays.integer_bits);
        }
      } else if (plan.top) {
        AddValues<false, true>(values, valid, first_row, slots_.data(), rows, counts, sums, top,
                               arrays.integer_bits);
      } else {
        AddValues<false, false>(values, valid, first_row, slots_.data(), rows, counts, sums, top,
                                arrays.integer_bits);
      }
    };
    if (plan.integer) {
      std::visit(
          [&](const auto& values) { add(values.data() + first_row, arrays.integer_sums.data()); },
          column.integers());
    } else {
      add(column.doubles().data() + first_row, arrays.sums.data());
    }
  }

  // With dense states the slot is the packed key: build it in 32 bits straight from the narrow
  // codes, a null as the key's last digit.
  void ComputeDenseSlots(std::size_t first_row, std::size_t rows) {
    std::uint32_t* slots = slots_.data();
    bool first = true;
    for (const KeyPart& part : plan_.keys) {
      const auto stride = static_cast<std::uint32_t>(part.stride);
      const auto null_digit = static_cast<std::uint32_t>(part.radix - 1);
      const std::uint64_t* valid = part.validity->words();
      std::visit(
          [&](const auto& all_codes) {
            const auto* codes = all_codes.data() + first_row;
            auto digits = [&](auto assign) {
              if (valid == nullptr) {
                for (std::size_t i = 0; i < rows; ++i) {
                  assign(slots[i], static_cast<std::uint32_t>(codes[i]) * stride);
                }
                return;
              }
              for (std::size_t i = 0; i < rows; ++i) {
                const std::size_t row = first_row + i;
                const bool is_valid = ((valid[row >> 6] >> (row & 63)) & 1U) != 0;
                const std::uint32_t digit =
                    is_valid ? static_cast<std::uint32_t>(codes[i]) : null_digit;
                assign(slots[i], digit * stride);
              }
            };
            if (first) {
              digits([](std::uint32_t& slot, std::uint32_t term) { slot = term; });
            } else {
              digits([](std::uint32_t& slot, std::uint32_t term) { slot += term; });
            }
          },
          *part.codes);
      first = false;
    }
    if (first) std::fill_n(slots, rows, 0);  // no keys: one group
  }

  // Pack the keys of a block's rows, dispatching on each key's code width once.
  void ComputeKeys(std::size_t first_row, std::size_t rows) {
    std::fill_n(keys_.begin(), rows * plan_.words, 0);
    for (const KeyPart& part : plan_.keys) {
      std::visit(
          [&](const auto& codes) {
            AddKeyDigits(codes.data() + first_row, *part.validity, first_row, rows, part,
                         keys_.data() + part.word, plan_.words);
          },
          *part.codes);
    }
  }

  // Convert a block's weights to double, null weights to 0.
  void LoadWeights(std::size_t first_row, std::size_t rows) {
    const Column& weight = *plan_.weight;
    auto load = [&](const auto* values) {
      for (std::size_t i = 0; i < rows; ++i) {
        weights_[i] = weight.IsNull(first_row + i) ? 0.0 : static_cast<double>(values[i]);
      }
    };
    if (weight.type() == ColumnType::kInt64) {
      std::visit([&](const auto& values) { load(values.data() + first_row); }, weight.integers());
    } else {
      load(weight.doubles().data() + first_row);
    }
  }

  const Plan& plan_;
  GroupedStates<MomentKernel> groups_;  // slots, row counts and, for kMoments, the moments
  std::vector<SumArrays> sums_;         // per value column, unless kMoments
  // Per-block scratch, kept here so that no block allocates.
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> slots_;
  std::vector<double> weights_;
};

const Column& CheckNumeric(const Table& table, const std::string& name, std::string_view swedish,
                           std::string_view english) {
  const Column& column = table.GetColumn(name);
  if (!column.IsNumeric()) {
    throw Error(
        ErrorCode::kTypeMismatch,
        fmt::format(fmt::runtime(Tr(swedish, english)), name, ColumnTypeName(column.type())), {},
        name);
  }
  return column;
}

std::uint32_t DecodeKey(const KeyPart& part, const std::uint64_t* key) {
  const std::uint64_t digit = key[part.word] / part.stride % part.radix;
  return digit == part.radix - 1 ? kNullCode : static_cast<std::uint32_t>(digit);
}

// Append the rollup of groups [begin, end) over key `total_key`: groups that differ only in that
// key merge into one whose code for it is kTotalCode.
void RollUp(GroupByResult& result, std::size_t begin, std::size_t end, std::size_t total_key) {
  const std::size_t num_keys = result.keys.size();
  const std::size_t num_values = result.values.size();
  std::vector<std::size_t> order(end - begin);
  std::iota(order.begin(), order.end(), begin);
  auto less = [&](std::size_t a, std::size_t b) {
    for (std::size_t k = 0; k < num_keys; ++k) {
      const std::uint32_t code_a = result.key_codes[a * num_keys + k];
      const std::uint32_t code_b = result.key_codes[b * num_keys + k];
      if (k != total_key && code_a != code_b) return code_a < code_b;
    }
    return false;
  };
  // Within a merging run, order by the rolled-up key too, so that the summation order (and so the
  // floating-point result) does not depend on the order of the parent groups.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (less(a, b) || less(b, a)) return less(a, b);
    return result.key_codes[a * num_keys + total_key] < result.key_codes[b * num_keys + total_key];
  });
  std::vector<std::uint32_t> codes(num_keys);
  for (std::size_t i = 0; i < order.size();) {
    const std::size_t first = order[i];
    std::copy_n(result.key_codes.data() + first * num_keys, num_keys, codes.begin());
    codes[total_key] = kTotalCode;
    const std::size_t group = result.num_groups();
    result.key_codes.insert(result.key_codes.end(), codes.begin(), codes.end());
    result.row_counts.push_back(0);
    result.states.resize(result.states.size() + num_values);
    for (; i < order.size() && !less(first, order[i]); ++i) {
      result.row_counts[group] += result.row_counts[order[i]];
      for (std::size_t v = 0; v < num_values; ++v) {
        result.states[group * num_values + v].Merge(result.states[order[i] * num_values + v]);
      }
    }
  }
}

// Add every grouping set with at least one key total. Set `mask` (bit k: key k is total) is
// rolled up from the set without its lowest bit, computed before it, so each rollup reads the
// smallest parent available rather than the finest groups.
void AddMargins(GroupByResult& result) {
  const std::size_t sets = std::size_t{1} << result.keys.size();
  std::vector<std::pair<std::size_t, std::size_t>> ranges(sets);
  ranges[0] = {0, result.num_groups()};
  for (std::size_t mask = 1; mask < sets; ++mask) {
    const auto [begin, end] = ranges[mask & (mask - 1)];
    const std::size_t first = result.num_groups();
    RollUp(result, begin, end, static_cast<std::size_t>(std::countr_zero(mask)));
    ranges[mask] = {first, result.num_groups()};
  }
}

void SortGroups(GroupByResult& result) {
  const std::size_t num_keys = result.keys.size();
  const std::size_t num_values = result.values.size();
  std::vector<std::size_t> order(result.num_groups());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const std::uint32_t* codes_a = result.key_codes.data() + a * num_keys;
    const std::uint32_t* codes_b = result.key_codes.data() + b * num_keys;
    return std::lexicographical_compare(codes_a, codes_a + num_keys, codes_b, codes_b + num_keys);
  });
  GroupByResult sorted;
  sorted.key_codes.reserve(result.key_codes.size());
  sorted.row_counts.reserve(order.size());
  sorted.states.reserve(result.states.size());
  for (std::size_t group : order) {
    const std::uint32_t* codes = result.key_codes.data() + group * num_keys;
    sorted.key_codes.insert(sorted.key_codes.end(), codes, codes + num_keys);
    sorted.row_counts.push_back(result.row_counts[group]);
    const MomentState* states = result.states.data() + group * num_values;
    sorted.states.insert(sorted.states.end(), states, states + num_values);
  }
  result.key_codes = std::move(sorted.key_codes);
  result.row_counts = std::move(sorted.row_counts);
  result.states = std::move(sorted.states);
}

}  // namespace

namespace internal {

GroupByResult GroupBy(const Table& table, const GroupByRequest& request,
                      const GroupByTuning& tuning) {
  GroupByResult result;
  result.keys = request.keys;
  result.values = request.values;
  result.weight = request.weight;
  if (request.margins && request.keys.size() > kMaxMarginKeys) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("totaler går att få för högst {} nycklar, inte {}",
                                            "margins are possible for at most {} keys, not {}")),
                            kMaxMarginKeys, request.keys.size()));
  }

  Plan plan;
  for (const std::string& name : request.values) {
    plan.values.push_back(&CheckNumeric(table, name,
                                        "värdekolumnen '{}' är av typen {}, inte ett tal",
                                        "value column '{}' has type {}, not a number"));
    result.value_types.push_back(plan.values.back()->type());
  }
  if (!request.weight.empty()) {
    plan.weight =
        &CheckNumeric(table, request.weight, "viktkolumnen '{}' är av typen {}, inte ett tal",
                      "weight column '{}' has type {}, not a number");
  }
  std::vector<EncodedKey> encoded;
  encoded.reserve(request.keys.size());  // KeyParts point into it
  for (const std::string& name : request.keys) {
    const Column& column = table.GetColumn(name);
    KeyPart part;
    part.validity = &column.validity();
    if (column.type() == ColumnType::kCategorical) {
      result.dictionaries.push_back(column.categorical().dictionary);
      part.codes = &column.categorical().codes;
    } else {
      CheckKeyColumnType(column);
      encoded.push_back(EncodeLimitedInt64Key(column));
      result.dictionaries.push_back(encoded.back().dictionary);
      part.codes = &encoded.back().codes;
    }
    part.radix = std::uint64_t{result.dictionaries.back().size()} + 1;  // + null
    plan.keys.push_back(part);
  }
  LayOutKeys(plan);
  const std::size_t bytes_per_group =
      sizeof(std::int64_t) + plan.values.size() * sizeof(MomentState);
  plan.dense = plan.words == 1 && plan.dense_groups <= tuning.max_dense_groups &&
               plan.dense_groups <= tuning.max_dense_bytes / bytes_per_group &&
               plan.dense_groups <= std::numeric_limits<std::uint32_t>::max();
  plan.detail = plan.weight != nullptr ? StateDetail::kMoments : request.detail;
  result.detail = plan.detail;
  // With the top two magnitudes, which columns are 0/1 is found before the rows are read: theirs
  // are never asked for, so they are not tracked. With sums only, the rows' pass finds it.
  std::vector<bool> zero_one(plan.values.size(), false);
  if (plan.detail != StateDetail::kMoments) {
    for (std::size_t v = 0; v < plan.values.size(); ++v) {
      const Column& column = *plan.values[v];
      SumPlan sum;
      sum.nulls = !column.validity().empty();
      sum.integer = column.type() == ColumnType::kInt64;
      zero_one[v] = sum.integer && plan.detail == StateDetail::kSumsAndTop && IsZeroOne(column);
      sum.top = plan.detail == StateDetail::kSumsAndTop && !zero_one[v];
      plan.sums.push_back(sum);
    }
  }

  const std::unique_ptr<Partial> total = AggregatePartitions(
      table.num_rows(), tuning.partition_rows, [&plan] { return std::make_unique<Partial>(plan); },
      [](Partial& partial, std::size_t begin, std::size_t end) { partial.Accumulate(begin, end); });
  const GroupedStates<MomentKernel>& groups = total->groups();
  const std::vector<SumArrays>& sums = total->sums();
  if (plan.detail == StateDetail::kSums) {
    for (std::size_t v = 0; v < plan.values.size(); ++v) {
      zero_one[v] = plan.sums[v].integer && (sums[v].integer_bits & ~std::uint64_t{1}) == 0;
    }
  }
  groups.ForEachGroup([&](const std::uint64_t* key, std::size_t slot) {
    for (const KeyPart& part : plan.keys) result.key_codes.push_back(DecodeKey(part, key));
    result.row_counts.push_back(groups.count(slot));
    for (std::size_t v = 0; v < plan.values.size(); ++v) {
      result.states.push_back(plan.detail == StateDetail::kMoments
                                  ? MomentKernel::Finalize(groups.state(v, slot))
                                  : sums[v].State(slot, groups.count(slot)));
    }
  });
  if (request.margins) AddMargins(result);
  if (table.num_rows() == 0 && (request.keys.empty() || request.margins)) {
    result.key_codes.assign(request.keys.size(), kTotalCode);
    result.row_counts.assign(1, 0);
    result.states.assign(request.values.size(), MomentState{});
  }
  SortGroups(result);
  // With the moments, a column is 0/1 when every group's extremes are.
  const std::size_t num_values = plan.values.size();
  for (std::size_t v = 0; v < num_values; ++v) {
    bool all = result.num_groups() > 0 && plan.values[v]->type() == ColumnType::kInt64;
    if (plan.detail != StateDetail::kMoments) {
      all = all && zero_one[v];
    } else {
      for (std::size_t g = 0; g < result.num_groups() && all; ++g) {
        const MomentState& state = result.states[g * num_values + v];
        all = state.count == 0 || (state.min >= 0 && state.max <= 1);
      }
    }
    result.zero_one.push_back(all);
  }
  return result;
}

}  // namespace internal

GroupByResult GroupBy(const Table& table, const GroupByRequest& request) {
  return internal::GroupBy(table, request, internal::GroupByTuning{});
}

namespace {

Column KeyColumn(const GroupByResult& result, std::size_t key) {
  const std::size_t num_keys = result.keys.size();
  const std::size_t groups = result.num_groups();
  Dictionary dictionary = result.dictionaries[key];
  std::optional<std::uint32_t> total_code;
  Validity validity;
  for (std::size_t group = 0; group < groups; ++group) {
    const std::uint32_t code = result.key_codes[group * num_keys + key];
    if (code == kTotalCode && !total_code) total_code = dictionary.Intern("T");
    if (code == kNullCode && validity.empty()) validity = Validity::AllValid(groups);
  }
  CategoryCodes codes = MakeCategoryCodes(dictionary.size(), groups);
  std::visit(
      [&](auto& narrow) {
        using Code = typename std::decay_t<decltype(narrow)>::value_type;
        for (std::size_t group = 0; group < groups; ++group) {
          const std::uint32_t code = result.key_codes[group * num_keys + key];
          if (code == kNullCode) {
            validity.Clear(group);
          } else {
            narrow[group] = static_cast<Code>(code == kTotalCode ? *total_code : code);
          }
        }
      },
      codes);
  return Column::Categorical(result.keys[key], std::move(dictionary), std::move(codes),
                             std::move(validity));
}

// Build a double column from fn(state), with NaN (undefined) as null.
template <typename Fn>
Column DoubleColumn(std::string name, const GroupByResult& result, std::size_t value, Fn fn) {
  const std::size_t groups = result.num_groups();
  std::vector<double> values(groups);
  Validity validity;
  for (std::size_t group = 0; group < groups; ++group) {
    values[group] = fn(result.states[group * result.values.size() + value]);
    if (std::isnan(values[group])) {
      if (validity.empty()) validity = Validity::AllValid(groups);
      validity.Clear(group);
      values[group] = 0;
    }
  }
  return Column::Double(std::move(name), std::move(values), std::move(validity));
}

template <typename Fn>
Column Int64Column(std::string name, const GroupByResult& result, std::size_t value, Fn fn) {
  std::vector<std::int64_t> values(result.num_groups());
  for (std::size_t group = 0; group < values.size(); ++group) {
    values[group] = fn(result.states[group * result.values.size() + value]);
  }
  return Column::Int64(std::move(name), std::move(values));
}

Column StatisticColumn(const GroupByResult& result, std::size_t value, Statistic statistic) {
  const std::string& column = result.values[value];
  const std::string name = fmt::format("{}_{}", column, StatisticId(statistic));
  switch (statistic) {
    case Statistic::kCount:
      return Int64Column(name, result, value, [](const MomentState& s) { return s.count; });
    case Statistic::kSum:
      if (result.value_types[value] == ColumnType::kInt64) {
        return Int64Column(column, result, value, [](const MomentState& s) {
          return static_cast<std::int64_t>(std::llround(s.sum));
        });
      }
      return DoubleColumn(column, result, value, [](const MomentState& s) { return s.sum; });
    case Statistic::kMean:
      return DoubleColumn(name, result, value, [](const MomentState& s) { return s.Mean(); });
    case Statistic::kVariance:
      return DoubleColumn(name, result, value, [](const MomentState& s) { return s.Variance(); });
    case Statistic::kStdDev:
      return DoubleColumn(name, result, value,
                          [](const MomentState& s) { return std::sqrt(s.Variance()); });
    case Statistic::kMin:
      return DoubleColumn(name, result, value, [](const MomentState& s) {
        return s.count == 0 ? std::numeric_limits<double>::quiet_NaN() : s.min;
      });
    case Statistic::kMax:
      return DoubleColumn(name, result, value, [](const MomentState& s) {
        return s.count == 0 ? std::numeric_limits<double>::quiet_NaN() : s.max;
      });
    case Statistic::kWeightedSum:
      return DoubleColumn(name, result, value, [](const MomentState& s) { return s.weighted_sum; });
    case Statistic::kWeightedMean:
      return DoubleColumn(name, result, value,
                          [](const MomentState& s) { return s.WeightedMean(); });
  }
  throw Error(ErrorCode::kInternal,
              fmt::format("unknown statistic {}", static_cast<int>(statistic)));
}

}  // namespace

Table GroupByResultToTable(const GroupByResult& result, const std::vector<Statistic>& statistics) {
  if (result.detail != StateDetail::kMoments &&
      DetailFor(statistics, false) == StateDetail::kMoments) {
    throw Error(ErrorCode::kInternal,
                "the group-by computed counts and sums only; these statistics need the moments");
  }
  for (Statistic statistic : statistics) {
    const bool weighted =
        statistic == Statistic::kWeightedSum || statistic == Statistic::kWeightedMean;
    if (weighted && result.weight.empty()) {
      throw Error(ErrorCode::kUsage,
                  fmt::format(fmt::runtime(Tr("måttet '{}' kräver en viktkolumn",
                                              "the statistic '{}' needs a weight column")),
                              StatisticId(statistic)));
    }
  }
  Table table;
  for (std::size_t key = 0; key < result.keys.size(); ++key)
    table.AddColumn(KeyColumn(result, key));
  table.AddColumn(Column::Int64("n", result.row_counts));
  for (std::size_t value = 0; value < result.values.size(); ++value) {
    for (Statistic statistic : statistics) {
      table.AddColumn(StatisticColumn(result, value, statistic));
    }
  }
  return table;
}

}  // namespace jamlik
