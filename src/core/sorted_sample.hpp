#pragma once
// SortedSample: the values of one group kept whole, for order statistics (the median, later
// quantiles), as a kernel of the aggregation engine (aggregation.hpp). Memory: 8 bytes per value,
// so use it only where a statistic needs the values themselves.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace jamlik {

// The values of one group. Update and Merge append; Finalize sorts, so a finalized sample is in
// ascending order. The values are never NaN (the CSV reader reads no NaN).
struct SortedSample {
  std::vector<double> values;
  bool sorted = true;  // false while values have been appended and not yet sorted in

  bool operator==(const SortedSample&) const = default;
};

struct SortedSampleKernel {
  using State = SortedSample;

  // Append values[i] to states[slots[i]]: sorting waits for Finalize, once per group.
  static void Update(const double* values, const std::uint32_t* slots, std::size_t rows,
                     State* states) {
    for (std::size_t i = 0; i < rows; ++i) {
      State& state = states[slots[i]];
      state.values.push_back(values[i]);
      state.sorted = false;
    }
  }
  // Add the values of `later` to `into` (the union of the two samples, exact in any order);
  // `later` is not modified. The values are appended and sorted once by Finalize: merging sorted
  // vectors pair by pair would cost O(K·N) when K cells merge into one of N values (the nation's
  // median from 290 municipalities').
  static void Merge(State& into, const State& later);
  // Return the values in ascending order.
  static const std::vector<double>& Finalize(State& state);
};

}  // namespace jamlik
