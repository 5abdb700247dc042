#include "privacy/group_by_release.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace jamlik {
namespace {

// Only ReleaseGroupBy constructs a released table: output code cannot wrap a raw one.
static_assert(!std::is_default_constructible_v<ReleasedTable>);
static_assert(!std::is_constructible_v<ReleasedTable, Table, bool, PublicationSummary>);
static_assert(!std::is_constructible_v<ReleasedTable, Table>);

// Municipality 1814 has 3 persons, 1880 has 30.
Table Persons() {
  std::vector<std::optional<std::string>> kommun;
  std::vector<std::int64_t> hemtjanst;
  for (int i = 0; i < 33; ++i) {
    kommun.emplace_back(i < 3 ? "1814" : "1880");
    hemtjanst.push_back(i % 2);
  }
  return Table(
      {Column::CategoricalFromStrings("kommun", kommun), Column::Int64("hemtjanst", hemtjanst)});
}

TEST(GroupByRelease, ASmallGroupIsBlankAndALargeOneShown) {
  const GroupByResult grouped = GroupBy(Persons(), {{"kommun"}, {"hemtjanst"}, {}, false});
  ReleaseRequest request;
  request.dataset_label = "(test)";
  const ReleasedTable released = ReleaseGroupBy(grouped, {Statistic::kSum}, request);
  EXPECT_TRUE(released.disclosure_controlled());
  const Table& table = released.table();
  ASSERT_EQ(table.num_rows(), 2U);
  const std::size_t small = table.GetColumn("kommun").ValueToString(0) == "1814" ? 0 : 1;
  EXPECT_TRUE(table.GetColumn("n").IsNull(small));
  EXPECT_EQ(table.GetColumn("suppressed").ValueToString(small), "1");
  EXPECT_FALSE(table.GetColumn("n").IsNull(1 - small));
  EXPECT_EQ(table.GetColumn("n").int64s()[1 - small], 30);
  EXPECT_GE(released.summary().primary_rows, 1U);

  request.unsuppressed = true;
  const ReleasedTable raw = ReleaseGroupBy(grouped, {Statistic::kSum}, request);
  EXPECT_FALSE(raw.disclosure_controlled());
  EXPECT_EQ(raw.table().GetColumn("n").int64s()[small], 3);
  EXPECT_EQ(raw.table().FindColumn("suppressed"), nullptr);
}

}  // namespace
}  // namespace jamlik
