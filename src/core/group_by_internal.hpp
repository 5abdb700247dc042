#pragma once
// The group-by engine's tuning knobs, exposed so that tests can drive the rarely taken paths
// (many partitions, the hash table) with small tables. Not for use outside src/core.
#include <cstddef>
#include <cstdint>

#include "core/group_by.hpp"

namespace jamlik::internal {

struct GroupByTuning {
  // Rows per partition. Partitions depend on the row count only, never on the thread count, and
  // are merged in row order, which makes floating-point sums reproducible across machines.
  std::size_t partition_rows = kPartitionRows;
  // Key combinations up to which each partition keeps a dense array of states indexed by the
  // mixed-radix group index; beyond it (or beyond max_dense_bytes) a hash table maps the packed
  // key to a slot.
  std::uint64_t max_dense_groups = std::uint64_t{1} << 22;
  std::size_t max_dense_bytes = std::size_t{64} << 20;
};

GroupByResult GroupBy(const Table& table, const GroupByRequest& request,
                      const GroupByTuning& tuning);

}  // namespace jamlik::internal
