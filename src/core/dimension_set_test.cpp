#include "core/dimension_set.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace jamlik {
namespace {

TEST(DimensionSetTest, TheTotalIsTheEmptySetShownAsTotal) {
  EXPECT_EQ(DimensionSet().Display(), "total");
  EXPECT_TRUE(DimensionSet::Parse("total").IsTotal());
  EXPECT_EQ(DimensionSet::Parse("total"), DimensionSet());
  EXPECT_FALSE(DimensionSet().IsCrossed());
}

TEST(DimensionSetTest, ColumnsAreJoinedAndSplitAtTheCrossSign) {
  const DimensionSet crossed({"kon", "utbildning"});
  EXPECT_EQ(crossed.Display(), "kon × utbildning");
  EXPECT_EQ(DimensionSet::Parse("kon × utbildning"), crossed);
  EXPECT_TRUE(crossed.IsCrossed());
  const DimensionSet one = DimensionSet::Parse("kon");
  EXPECT_EQ(one.columns(), std::vector<std::string>{"kon"});
  EXPECT_FALSE(one.IsCrossed());
  EXPECT_FALSE(one.IsTotal());
  // A multiplication sign without the spaces is part of a name.
  EXPECT_EQ(DimensionSet::Parse("a×b").size(), 1u);
}

TEST(DimensionSetTest, SortedColumnsIgnoreTheOrder) {
  EXPECT_EQ(DimensionSet::Parse("utbildning × kon").SortedColumns(),
            DimensionSet::Parse("kon × utbildning").SortedColumns());
  EXPECT_NE(DimensionSet::Parse("utbildning × kon"), DimensionSet::Parse("kon × utbildning"));
}

TEST(SubgroupTest, TheWholePopulationIsShownAsT) {
  EXPECT_EQ(Subgroup().Display(), "T");
  EXPECT_TRUE(Subgroup::Parse("T", DimensionSet()).IsTotal());
  // On a real dimension "T" is a category like any other.
  EXPECT_EQ(Subgroup::Parse("T", DimensionSet::Parse("kon")).categories(),
            std::vector<std::string>{"T"});
}

TEST(SubgroupTest, RoundTripsThroughItsDisplayForm) {
  const DimensionSet set({"kon", "utbildning"});
  const Subgroup subgroup({"K", "förgymnasial"});
  EXPECT_EQ(subgroup.Display(), "K × förgymnasial");
  EXPECT_EQ(Subgroup::Parse(subgroup.Display(), set), subgroup);
  // A missing category (a null key) is an empty part.
  EXPECT_EQ(Subgroup::Parse(" × förgymnasial", set).categories(),
            (std::vector<std::string>{"", "förgymnasial"}));
}

TEST(SubgroupTest, ASingleDimensionsCategoryMayHoldTheCrossSign) {
  EXPECT_EQ(Subgroup::Parse("a × b", DimensionSet::Parse("grupp")).categories(),
            std::vector<std::string>{"a × b"});
}

TEST(SubgroupTest, ACrossedSubgroupNeedsOnePartPerColumn) {
  try {
    Subgroup::Parse("K", DimensionSet::Parse("kon × utbildning"));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kBadValue);
  }
}

TEST(SubgroupTest, ProjectsOntoACoarserSetInItsOrder) {
  const DimensionSet fine({"kon", "utbildning", "lan"});
  const Subgroup cell({"K", "gymnasial", "18"});
  EXPECT_EQ(cell.Project(fine, DimensionSet({"lan", "kon"})), Subgroup({"18", "K"}));
  EXPECT_EQ(cell.Project(fine, DimensionSet()).Display(), "T");
  EXPECT_THROW(cell.Project(fine, DimensionSet({"alder"})), Error);
}

}  // namespace
}  // namespace jamlik

namespace jamlik {
namespace {

TEST(DimensionSetLabelTest, CrossedSetsAndSubgroupsReadAsTheirPartsLabels) {
  const DimensionSet crossed = DimensionSet::Parse("kon × utbildning");
  EXPECT_EQ(crossed.Label(Language::kSwedish), "Kön × Utbildningsnivå");
  EXPECT_EQ(crossed.Label(Language::kEnglish), "Sex × Education");
  const Subgroup group = Subgroup::Parse("K × förgymnasial", crossed);
  EXPECT_EQ(group.Label(crossed, Language::kSwedish), "Kvinnor × Förgymnasial");
  EXPECT_EQ(group.Label(crossed, Language::kEnglish), "Women × Primary");
  EXPECT_EQ(DimensionSet().Label(Language::kSwedish), "Totalt");
  EXPECT_EQ(Subgroup().Label(DimensionSet(), Language::kEnglish), "Total");
  // A dataset's own column: its name and categories as they are.
  const DimensionSet own = DimensionSet::Parse("skola × kon");
  EXPECT_EQ(own.Label(Language::kEnglish), "skola × Sex");
  EXPECT_EQ(Subgroup::Parse("Norra × M", own).Label(own, Language::kEnglish), "Norra × Men");
}

}  // namespace
}  // namespace jamlik
