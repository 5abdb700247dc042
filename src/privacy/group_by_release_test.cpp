#include "privacy/group_by_release.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

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

// Persons() with an income: in 1880 one person earns nearly all of it.
Table PersonsWithIncome() {
  Table table = Persons();
  std::vector<double> inkomst(33, 100.0);
  inkomst[10] = 1e9;
  table.AddColumn(Column::Double("inkomst", std::move(inkomst)));
  return table;
}

std::vector<std::string> Row(const Table& table, std::size_t row) {
  std::vector<std::string> cells;
  for (const Column& column : table.columns()) cells.push_back(column.ValueToString(row));
  return cells;
}

TEST(GroupByRelease, CountsAndSumsWithTheTopTwoReleaseAsTheFullMoments) {
  GroupByRequest group_by{{"kommun"}, {"hemtjanst", "inkomst"}, {}, true};
  const GroupByResult moments = GroupBy(PersonsWithIncome(), group_by);
  group_by.detail = StateDetail::kSumsAndTop;
  const GroupByResult sums = GroupBy(PersonsWithIncome(), group_by);
  EXPECT_EQ(sums.zero_one, (std::vector<bool>{true, false}));
  EXPECT_EQ(moments.zero_one, sums.zero_one);
  ReleaseRequest request;
  request.dataset_label = "(test)";
  const Table expected = ReleaseGroupBy(moments, {Statistic::kSum}, request).table();
  const Table actual = ReleaseGroupBy(sums, {Statistic::kSum}, request).table();
  ASSERT_EQ(actual.num_rows(), expected.num_rows());
  for (std::size_t row = 0; row < expected.num_rows(); ++row) {
    EXPECT_EQ(Row(actual, row), Row(expected, row)) << row;
  }
  // The dominant income is withheld in 1880 (rows: 1814, 1880, the total).
  ASSERT_EQ(actual.GetColumn("kommun").ValueToString(1), "1880");
  EXPECT_TRUE(actual.GetColumn("inkomst").IsNull(1));
}

TEST(GroupByRelease, ADisclosureControlledReleaseRefusesSumsWithoutTheTopTwo) {
  GroupByRequest group_by{{"kommun"}, {"hemtjanst", "inkomst"}, {}, false};
  group_by.detail = StateDetail::kSums;
  const GroupByResult sums = GroupBy(PersonsWithIncome(), group_by);
  ReleaseRequest request;
  request.dataset_label = "(test)";
  try {
    ReleaseGroupBy(sums, {Statistic::kSum}, request);
    ADD_FAILURE() << "released without the dominance rule";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInternal);
  }
  // Counts of 0/1 outcomes need no top two; an unsuppressed release needs none at all.
  group_by.values = {"hemtjanst"};
  EXPECT_NO_THROW(
      ReleaseGroupBy(GroupBy(PersonsWithIncome(), group_by), {Statistic::kSum}, request));
  request.unsuppressed = true;
  EXPECT_NO_THROW(ReleaseGroupBy(sums, {Statistic::kSum}, request));
}

}  // namespace
}  // namespace jamlik
