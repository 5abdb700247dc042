#include "core/sorted_sample.hpp"

#include <algorithm>
#include <iterator>

namespace jamlik {

void SortedSampleKernel::Merge(State& into, const State& later) {
  Finalize(into);
  if (later.values.empty()) return;
  const auto middle = static_cast<std::ptrdiff_t>(into.values.size());
  into.values.insert(into.values.end(), later.values.begin(), later.values.end());
  if (!later.sorted) std::sort(into.values.begin() + middle, into.values.end());
  std::inplace_merge(into.values.begin(), into.values.begin() + middle, into.values.end());
}

const std::vector<double>& SortedSampleKernel::Finalize(State& state) {
  if (!state.sorted) {
    std::sort(state.values.begin(), state.values.end());
    state.sorted = true;
  }
  return state.values;
}

}  // namespace jamlik
