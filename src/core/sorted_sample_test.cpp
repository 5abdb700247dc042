#include "core/sorted_sample.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <vector>

#include "core/aggregation.hpp"

namespace jamlik {
namespace {

SortedSample Sample(const std::vector<double>& values, const std::vector<std::uint32_t>& slots,
                    std::size_t begin, std::size_t end) {
  SortedSample state;
  SortedSampleKernel::Update(values.data() + begin, slots.data() + begin, end - begin, &state);
  return state;
}

TEST(SortedSampleTest, EdgeCases) {
  SortedSample empty;
  EXPECT_TRUE(SortedSampleKernel::Finalize(empty).empty());
  const std::vector<double> one{4.5};
  const std::vector<std::uint32_t> slots(8, 0);
  SortedSample single = Sample(one, slots, 0, 1);
  SortedSampleKernel::Merge(single, empty);
  EXPECT_EQ(SortedSampleKernel::Finalize(single), one);
  const std::vector<double> equal{2, 2, 2, 0, -1, 0};
  SortedSample ties = Sample(equal, slots, 0, equal.size());
  EXPECT_EQ(SortedSampleKernel::Finalize(ties), (std::vector<double>{-1, 0, 0, 2, 2, 2}));
}

// Any split of the rows, merged in any order, gives the sorted values of all rows, and Merge
// leaves its source as it was.
TEST(SortedSampleTest, ChunksMergeToTheWhole) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> value(-50, 50);  // many ties
  std::vector<double> values(1000);
  for (double& v : values) v = value(rng) / 4.0;
  const std::vector<std::uint32_t> slots(values.size(), 0);
  std::vector<double> expected = values;
  std::sort(expected.begin(), expected.end());
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{333}, values.size()}) {
    SortedSample first = Sample(values, slots, 0, cut);
    const SortedSample second = Sample(values, slots, cut, values.size());
    const SortedSample second_before = second;
    SortedSampleKernel::Merge(first, second);
    EXPECT_EQ(second, second_before);
    EXPECT_EQ(SortedSampleKernel::Finalize(first), expected) << "cut at " << cut;
    SortedSample reversed = Sample(values, slots, cut, values.size());
    SortedSampleKernel::Merge(reversed, Sample(values, slots, 0, cut));
    EXPECT_EQ(SortedSampleKernel::Finalize(reversed), expected) << "cut at " << cut;
  }
}

// Through the engine: three groups over many small partitions on the worker threads.
TEST(SortedSampleTest, ThroughTheEngineAcrossPartitions) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> value(10, 3);
  const std::size_t rows = 10'000;
  std::vector<double> values(rows);
  std::vector<std::uint64_t> keys(rows);
  std::vector<std::vector<double>> expected(3);
  for (std::size_t row = 0; row < rows; ++row) {
    values[row] = value(rng);
    keys[row] = rng() % 3;
    expected[keys[row]].push_back(values[row]);
  }
  for (auto& group : expected) std::sort(group.begin(), group.end());
  struct Partial {
    GroupedStates<SortedSampleKernel> groups{1, 1, 3};
    std::vector<std::uint32_t> slots;
    void Reset() { groups.Reset(); }
    void Merge(const Partial& later) { groups.Merge(later.groups); }
  };
  const auto total = AggregatePartitions(
      rows, 97, [] { return std::make_unique<Partial>(); },
      [&](Partial& partial, std::size_t begin, std::size_t end) {
        partial.slots.resize(end - begin);
        partial.groups.AssignSlots(keys.data() + begin, end - begin, 1, partial.slots.data());
        SortedSampleKernel::Update(values.data() + begin, partial.slots.data(), end - begin,
                                   partial.groups.states(0));
      });
  for (std::size_t group = 0; group < 3; ++group) {
    EXPECT_EQ(total->groups.count(group), static_cast<std::int64_t>(expected[group].size()));
    EXPECT_EQ(SortedSampleKernel::Finalize(total->groups.state(0, group)), expected[group]);
  }
}

}  // namespace
}  // namespace jamlik
