#include "core/sorted_sample.hpp"

#include <algorithm>

namespace jamlik {

void SortedSampleKernel::Merge(State& into, const State& later) {
  if (later.values.empty()) return;
  if (into.values.empty()) {
    into = later;
    return;
  }
  into.values.insert(into.values.end(), later.values.begin(), later.values.end());
  into.sorted = false;
}

const std::vector<double>& SortedSampleKernel::Finalize(State& state) {
  if (!state.sorted) {
    std::sort(state.values.begin(), state.values.end());
    state.sorted = true;
  }
  return state.values;
}

}  // namespace jamlik
