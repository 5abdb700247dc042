#include "core/table.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace jamlik {
namespace {

TEST(TableTest, FindsColumnsByNameAndCountsRows) {
  Table table({Column::Int64("alder", {34, 71}), Column::String("kommun", {"0180", "1880"})});
  EXPECT_EQ(table.num_rows(), 2U);
  EXPECT_EQ(table.num_columns(), 2U);
  EXPECT_EQ(table.GetColumn("kommun").strings()[0], "0180");
  EXPECT_EQ(table.FindColumn("kon"), nullptr);
}

TEST(TableTest, UnknownColumnErrorListsTheColumnsThereAre) {
  Table table({Column::Int64("alder", {34})});
  try {
    table.GetColumn("kon");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kUnknownColumn);
    EXPECT_EQ(error.field(), "kon");
    EXPECT_NE(std::string(error.what()).find("alder"), std::string::npos);
  }
}

TEST(TableTest, RejectsDuplicateNamesAndColumnsOfAnotherLength) {
  Table table({Column::Int64("alder", {34, 71})});
  EXPECT_THROW(table.AddColumn(Column::Int64("alder", {1, 2})), Error);
  EXPECT_THROW(table.AddColumn(Column::Int64("dod", {1})), Error);
  EXPECT_EQ(table.num_columns(), 1U);
}

}  // namespace
}  // namespace jamlik
