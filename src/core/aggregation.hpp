#pragma once
// The one aggregation engine, generic over kernels. GroupBy (group_by.hpp) and the indicators'
// cells (src/indicators/cell_aggregation.hpp) are both built from these parts.
//
// A kernel computes one aggregate in the four steps every columnar engine has:
//   init      `State{}`: a value-initialised state is the aggregate of no rows;
//   update    `Kernel::Update(block, slots, rows, states)`: add a block of rows, row i to
//             states[slots[i]], in one loop (static dispatch, no call per row);
//   merge     `Kernel::Merge(into, later)`: add the state of later rows; `later` is not modified;
//   finalize  `Kernel::Finalize(state)`: the result, once, after the last merge.
// A state is plain data — numbers and vectors it owns, no pointers to anything else — so that
// states can be merged across threads now and across processes (MPI ranks, Dask tasks) later.
//
// Rows are split into partitions of kPartitionRows that depend on the row count only; each
// partition is aggregated on its own and the partitions are merged in row order, so
// floating-point results are the same bits for any number of threads.
#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include "core/parallel.hpp"

namespace jamlik {

// Rows per partition: large enough that merging is rare, small enough that every core gets work.
inline constexpr std::size_t kPartitionRows = std::size_t{1} << 19;

template <typename Kernel>
concept AggregationKernel = std::default_initializable<typename Kernel::State> &&
    requires(typename Kernel::State& into, const typename Kernel::State& later) {
  Kernel::Merge(into, later);
  Kernel::Finalize(into);
};

// An open-addressing hash table from fixed-width keys of `words` 64-bit words to dense slots
// 0, 1, 2, … in insertion order. Keys live in one flat array, so inserting allocates only when
// the table grows.
class KeyIndex {
 public:
  explicit KeyIndex(std::size_t words) : words_(words) {}

  std::size_t size() const { return size_; }
  const std::uint64_t* key(std::uint32_t slot) const { return keys_.data() + slot * words_; }

  void Clear() {
    keys_.clear();
    size_ = 0;
    std::fill(table_.begin(), table_.end(), kEmpty);
  }

  // Return the slot of `key`, inserting it if absent.
  std::uint32_t FindOrInsert(const std::uint64_t* key) {
    if ((size() + 1) * 2 > table_.size()) Grow();
    std::uint32_t& entry = table_[Position(key)];
    if (entry == kEmpty) {
      entry = size_++;
      keys_.insert(keys_.end(), key, key + words_);
    }
    return entry;
  }

 private:
  static constexpr std::uint32_t kEmpty = std::numeric_limits<std::uint32_t>::max();

  static std::uint64_t Hash(const std::uint64_t* key, std::size_t words) {
    // splitmix64's finaliser over the words: cheap and mixes every input bit into the low bits.
    std::uint64_t hash = 0x9E3779B97F4A7C15ULL;
    for (std::size_t w = 0; w < words; ++w) {
      hash = (hash ^ key[w]) * 0xBF58476D1CE4E5B9ULL;
      hash ^= hash >> 31;
    }
    hash *= 0x94D049BB133111EBULL;
    return hash ^ (hash >> 29);
  }

  // Return the table position that holds `key`, or the empty one where it belongs.
  std::size_t Position(const std::uint64_t* key) const {
    const std::size_t mask = table_.size() - 1;
    for (std::size_t position = Hash(key, words_) & mask;; position = (position + 1) & mask) {
      const std::uint32_t slot = table_[position];
      if (slot == kEmpty || std::equal(key, key + words_, this->key(slot))) return position;
    }
  }

  void Grow() {
    table_.assign(std::max<std::size_t>(64, table_.size() * 2), kEmpty);
    for (std::uint32_t slot = 0; slot < size(); ++slot) table_[Position(key(slot))] = slot;
  }

  std::size_t words_;
  std::uint32_t size_ = 0;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> table_;
};

// The kernel states of one partition's groups: per group a row count and one state per
// aggregated column. A group is a packed key of `key_words` 64-bit words; with a dense key space
// (one word, `dense_groups` keys) the key is the slot, otherwise a KeyIndex maps keys to slots.
// Each column has its own array of states, so that an update over a block touches one column's
// states only and they stay in cache.
template <AggregationKernel Kernel>
class GroupedStates {
 public:
  using State = typename Kernel::State;

  // `dense_groups` 0 means hashed.
  GroupedStates(std::size_t columns, std::size_t key_words, std::uint64_t dense_groups)
      : dense_(dense_groups > 0), index_(key_words), states_(columns) {
    if (dense_) Resize(dense_groups);
  }

  bool dense() const { return dense_; }
  std::size_t num_slots() const { return counts_.size(); }
  std::int64_t count(std::size_t slot) const { return counts_[slot]; }
  State* states(std::size_t column) { return states_[column].data(); }
  const State& state(std::size_t column, std::size_t slot) const { return states_[column][slot]; }
  State& state(std::size_t column, std::size_t slot) { return states_[column][slot]; }

  // Forget every group: the states of no rows.
  void Reset() {
    if (dense_) {
      std::fill(counts_.begin(), counts_.end(), 0);
      for (auto& states : states_) std::fill(states.begin(), states.end(), State{});
    } else {
      index_.Clear();
      Resize(0);
    }
  }

  // Set slots[i] to the slot of row i's packed key (keys + i * key_words), adding groups as they
  // first appear, and count the rows.
  void AssignSlots(const std::uint64_t* keys, std::size_t rows, std::size_t key_words,
                   std::uint32_t* slots) {
    if (dense_) {
      for (std::size_t i = 0; i < rows; ++i) slots[i] = static_cast<std::uint32_t>(keys[i]);
    } else {
      for (std::size_t i = 0; i < rows; ++i) slots[i] = index_.FindOrInsert(keys + i * key_words);
      if (index_.size() > counts_.size()) Resize(index_.size());
    }
    CountRows(slots, rows);
  }

  // Count rows whose slots are known (dense states: the packed key is the slot).
  void CountRows(const std::uint32_t* slots, std::size_t rows) {
    for (std::size_t i = 0; i < rows; ++i) ++counts_[slots[i]];
  }

  // Merge `later`, the states of later rows, into these; `later` is not modified. Then
  // also(slot, later_slot) for each merged group, for state kept beside these.
  template <typename Also>
  void Merge(const GroupedStates& later, Also also) {
    later.ForEachGroup([&](const std::uint64_t* key, std::size_t later_slot) {
      const std::size_t slot = dense_ ? *key : index_.FindOrInsert(key);
      if (slot >= counts_.size()) Resize(slot + 1);
      counts_[slot] += later.counts_[later_slot];
      for (std::size_t c = 0; c < states_.size(); ++c) {
        Kernel::Merge(states_[c][slot], later.states_[c][later_slot]);
      }
      also(slot, later_slot);
    });
  }
  void Merge(const GroupedStates& later) {
    Merge(later, [](std::size_t, std::size_t) {});
  }

  // Call fn(packed key, slot) for each group with rows, in slot order (for dense states, ascending
  // key order).
  template <typename Fn>
  void ForEachGroup(Fn fn) const {
    for (std::size_t slot = 0; slot < counts_.size(); ++slot) {
      if (counts_[slot] == 0) continue;
      const std::uint64_t dense_key = slot;
      fn(dense_ ? &dense_key : index_.key(static_cast<std::uint32_t>(slot)), slot);
    }
  }

 private:
  void Resize(std::size_t slots) {
    counts_.resize(slots);
    for (auto& states : states_) states.resize(slots);
  }

  bool dense_;
  KeyIndex index_;
  std::vector<std::int64_t> counts_;
  std::vector<std::vector<State>> states_;  // [column][slot]
};

// Aggregate rows [0, num_rows) in partitions of `partition_rows` on the worker threads:
// make() returns a new partial (a std::unique_ptr), accumulate(partial, begin, end) adds rows
// [begin, end) to it. Partials are merged in row order as they finish (total.Merge(later)) and
// then recycled (Reset()), so memory stays near one partial per thread. When partitions throw,
// the exception of the earliest is rethrown, as a single pass over the rows would report it.
template <typename Make, typename Accumulate>
auto AggregatePartitions(std::size_t num_rows, std::size_t partition_rows, const Make& make,
                         const Accumulate& accumulate) -> decltype(make()) {
  using PartialPtr = decltype(make());
  const std::size_t partitions = (num_rows + partition_rows - 1) / partition_rows;
  std::mutex mutex;
  std::vector<PartialPtr> finished(partitions);
  std::vector<PartialPtr> spare;
  std::vector<std::exception_ptr> errors(partitions);
  std::size_t first_error = partitions;  // no partition after it needs to run
  std::size_t next_to_merge = 0;
  PartialPtr total;
  // One partial per thread made here, on the calling thread, where large allocations are reused
  // from one call to the next; partials beyond these are made when a thread finds none spare.
  std::vector<PartialPtr> fresh;  // never used, so no need to Reset
  for (std::size_t w = std::min(WorkerCount(), partitions); w > 0; --w) fresh.push_back(make());
  ParallelFor(partitions, [&](std::size_t p) {
    PartialPtr partial;
    bool used = false;
    {
      std::lock_guard lock(mutex);
      if (p > first_error) return;
      for (auto* pool : {&fresh, &spare}) {
        if (partial || pool->empty()) continue;
        partial = std::move(pool->back());
        pool->pop_back();
        used = pool == &spare;
      }
    }
    if (used) {
      partial->Reset();
    } else if (!partial) {
      partial = make();
    }
    std::exception_ptr error;
    try {
      accumulate(*partial, p * partition_rows, std::min(num_rows, (p + 1) * partition_rows));
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard lock(mutex);
    if (error) {
      errors[p] = error;
      first_error = std::min(first_error, p);
      spare.push_back(std::move(partial));
      return;
    }
    finished[p] = std::move(partial);
    for (; next_to_merge < first_error && next_to_merge < partitions && finished[next_to_merge];
         ++next_to_merge) {
      PartialPtr& done = finished[next_to_merge];
      if (!total) {
        total = std::move(done);
      } else {
        total->Merge(*done);
        spare.push_back(std::move(done));
      }
    }
  });
  if (first_error < partitions) std::rethrow_exception(errors[first_error]);
  return total ? std::move(total) : make();
}

}  // namespace jamlik
