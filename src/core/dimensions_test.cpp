#include "core/dimensions.hpp"

#include <gtest/gtest.h>

#include <set>

namespace jamlik {
namespace {

std::vector<std::string> Categories(const Table& table, std::string_view column) {
  return table.GetColumn(column).categorical().dictionary.categories();
}

TEST(KnownDimensionsTest, EducationIsOrderedShortToLongWithLongAdvantaged) {
  const DimensionInfo* education = FindDimension("utbildning");
  ASSERT_NE(education, nullptr);
  EXPECT_TRUE(education->ordered);
  EXPECT_EQ(education->advantaged, AdvantagedEnd::kLast);
  EXPECT_EQ(education->categories.front().code, "förgymnasial");
  EXPECT_EQ(FindDimension("inkomst"), nullptr);
}

TEST(KnownDimensionsTest, HeadersAsSwedishOfficesWriteThemAreTheKnownNames) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"År", "ar"},
      {"Kommun", "kommun"},
      {"LÄN", "lan"},
      {"Län", "lan"},
      {"Kön", "kon"},
      {"KON", "kon"},
      {"Ålder", "alder"},
      {"Utbildning", "utbildning"},
      {"Födelseregion", "fodelseregion"},
      {"Inkomstkvintil", "inkomstkvintil"},
      {"Funktionsnedsättning", "funktionsnedsattning"},
      {"DeSO", "deso"},
      {"RegSO", "regso"},
  };
  for (const auto& [header, name] : cases) EXPECT_EQ(CanonicalColumnName(header), name) << header;
  // Other names stay exactly as written.
  EXPECT_EQ(CanonicalColumnName("Inkomst"), "Inkomst");
  EXPECT_EQ(CanonicalColumnName("Hemtjänst"), "Hemtjänst");
}

TEST(KnownDimensionsTest, ADimensionAndItsCategoriesAreFoundByTheirLabelsInEitherLanguage) {
  for (std::string_view written : {"kon", "Kön", "KÖN", "Sex", "sex"}) {
    const DimensionInfo* found = FindDimensionByName(written);
    ASSERT_NE(found, nullptr) << written;
    EXPECT_EQ(found->column, "kon") << written;
  }
  EXPECT_EQ(FindDimensionByName("Economic status"), nullptr);
  const DimensionInfo& sex = *FindDimension("kon");
  EXPECT_EQ(DeclaredCategoryCode(sex, "Kvinnor"), "K");
  EXPECT_EQ(DeclaredCategoryCode(sex, "women"), "K");
  EXPECT_EQ(DeclaredCategoryCode(sex, "M"), "M");
  EXPECT_EQ(DeclaredCategoryCode(sex, "Female"), "");
}

TEST(ApplyKnownDimensionsTest, SwedishHeadersBecomeTheKnownDimensions) {
  Table table({Column::Int64("Kommun", {180, 1880}), Column::Int64("År", {2023, 2024}),
               Column::CategoricalFromStrings("Utbildning", {"gymnasial", "förgymnasial"}),
               Column::Int64("Ålder", {40, 81})});
  const Table applied = ApplyKnownDimensions(table);
  EXPECT_EQ(Categories(applied, "kommun"), (std::vector<std::string>{"0180", "1880"}));
  EXPECT_EQ(applied.GetColumn("ar").type(), ColumnType::kInt64);  // a period, not categories
  EXPECT_EQ(Categories(applied, "utbildning"),
            (std::vector<std::string>{"förgymnasial", "gymnasial"}));
  EXPECT_TRUE(applied.GetColumn("utbildning").categorical().dictionary.ordered());
  EXPECT_EQ(applied.GetColumn("alder").int64s()[1], 81);
}

TEST(ApplyKnownDimensionsTest, TwoSpellingsOfOneNameKeepTheSecondAsWritten) {
  Table table(
      {Column::CategoricalFromStrings("kon", {"K"}), Column::CategoricalFromStrings("Kön", {"M"})});
  const Table applied = ApplyKnownDimensions(table);
  EXPECT_EQ(applied.GetColumn("kon").ValueToString(0), "K");
  EXPECT_EQ(applied.GetColumn("Kön").ValueToString(0), "M");
}

TEST(ApplyKnownDimensionsTest, PutsCategoriesInTheDeclaredOrder) {
  Table table({Column::CategoricalFromStrings(
      "utbildning", {"gymnasial", "eftergymnasial", "förgymnasial", std::nullopt, "okänd"})});
  const Table applied = ApplyKnownDimensions(table);
  EXPECT_EQ(Categories(applied, "utbildning"),
            (std::vector<std::string>{"förgymnasial", "gymnasial", "eftergymnasial", "okänd"}));
  EXPECT_TRUE(applied.GetColumn("utbildning").categorical().dictionary.ordered());
  // Values are unchanged, only their codes move.
  EXPECT_EQ(applied.GetColumn("utbildning").ValueToString(0), "gymnasial");
  EXPECT_EQ(applied.GetColumn("utbildning").ValueToString(1), "eftergymnasial");
  EXPECT_TRUE(applied.GetColumn("utbildning").IsNull(3));
}

// Offices write categories capitalised or as their labels: the order and labels still hold.
TEST(ApplyKnownDimensionsTest, CategoriesAsOfficesWriteThemKeepTheDeclaredOrder) {
  Table table({Column::CategoricalFromStrings(
                   "Utbildning", {"Gymnasial", "Eftergymnasial", "FÖRGYMNASIAL", "Okänd"}),
               Column::CategoricalFromStrings("Kön", {"Män", "Kvinnor", "Män", "Kvinnor"})});
  const Table applied = ApplyKnownDimensions(table);
  EXPECT_EQ(Categories(applied, "utbildning"),
            (std::vector<std::string>{"FÖRGYMNASIAL", "Gymnasial", "Eftergymnasial", "Okänd"}));
  EXPECT_EQ(Categories(applied, "kon"), (std::vector<std::string>{"Kvinnor", "Män"}));
  EXPECT_EQ(CategoryLabel("utbildning", "FÖRGYMNASIAL", Language::kEnglish), "Primary");
  EXPECT_EQ(CategoryLabel("kon", "kvinnor", Language::kEnglish), "Women");
  EXPECT_EQ(CategoryLabel("kon", "Män", Language::kSwedish), "Män");
  EXPECT_EQ(CategoryLabel("utbildning", "Okänd", Language::kEnglish), "Okänd");
  const DimensionInfo& birth = *FindDimension("fodelseregion");
  EXPECT_EQ(WrittenCategory(birth, "Sverige", {"Europa", "SVERIGE"}), "SVERIGE");
  EXPECT_EQ(WrittenCategory(birth, "Sverige", {"Europa"}), "Sverige");
}

TEST(ApplyKnownDimensionsTest, LeavesColumnsTheUserDeclaredAlone) {
  Table table({Column::CategoricalFromStrings("utbildning", {"gymnasial", "förgymnasial"})});
  const Table applied = ApplyKnownDimensions(table, {"utbildning"});
  EXPECT_EQ(Categories(applied, "utbildning"),
            (std::vector<std::string>{"gymnasial", "förgymnasial"}));
}

TEST(ApplyKnownDimensionsTest, RestoresLeadingZerosThatExcelDropped) {
  Table table({Column::Int64("kommun", {180, 1880, 180}), Column::Int64("lan", {1, 18, 1})});
  const Table applied = ApplyKnownDimensions(table);
  EXPECT_EQ(Categories(applied, "kommun"), (std::vector<std::string>{"0180", "1880"}));
  EXPECT_EQ(applied.GetColumn("lan").ValueToString(0), "01");
}

TEST(ApplyKnownDimensionsTest, IncomeQuintilesBecomeOrderedCategories) {
  Table table({Column::Int64("inkomstkvintil", {5, 1, 3}), Column::Int64("ar", {2025, 2025, 2024}),
               Column::Double("inkomst", {1.5, 2.5, 3.5})});
  const Table applied = ApplyKnownDimensions(table);
  EXPECT_EQ(Categories(applied, "inkomstkvintil"), (std::vector<std::string>{"1", "3", "5"}));
  EXPECT_EQ(applied.GetColumn("inkomstkvintil").ValueToString(0), "5");
  // Periods stay numbers and unknown columns stay as they are.
  EXPECT_EQ(applied.GetColumn("ar").type(), ColumnType::kInt64);
  EXPECT_EQ(applied.GetColumn("inkomst").type(), ColumnType::kDouble);
}

TEST(ApplyKnownDimensionsTest, TextCodesBecomeCategoricalAndKeepTheirZeros) {
  Table table({Column::String("deso", {"0180C1010", "0114A0010"})});
  const Table applied = ApplyKnownDimensions(table);
  EXPECT_EQ(applied.GetColumn("deso").type(), ColumnType::kCategorical);
  EXPECT_EQ(applied.GetColumn("deso").ValueToString(1), "0114A0010");
}

// Issue 18: a known dimension without a single value (the reader makes it a categorical column with
// no categories, its nulls coded 0) once made Reorder read past an empty remapping.
TEST(ApplyKnownDimensionsTest, ColumnsWithoutAnyValueStayAllNull) {
  Validity missing = Validity::AllValid(2);
  missing.Clear(0);
  missing.Clear(1);
  Table table({Column::CategoricalFromStrings("kon", {std::nullopt, std::nullopt}),
               Column::Int64("kommun", {0, 0}, missing)});
  const Table applied = ApplyKnownDimensions(table);
  for (const char* name : {"kon", "kommun"}) {
    SCOPED_TRACE(name);
    const Column& column = applied.GetColumn(name);
    EXPECT_EQ(column.type(), ColumnType::kCategorical);
    EXPECT_TRUE(Categories(applied, name).empty());
    EXPECT_EQ(column.NullCount(), 2U);
  }
  // Nulls among values keep their place too.
  Table some({Column::CategoricalFromStrings("kon", {std::nullopt, "M", "K", std::nullopt})});
  const Table some_applied = ApplyKnownDimensions(some);
  const Column& kon = some_applied.GetColumn("kon");
  EXPECT_TRUE(kon.IsNull(0));
  EXPECT_EQ(kon.ValueToString(1), "M");
  EXPECT_EQ(kon.ValueToString(2), "K");
  EXPECT_TRUE(kon.IsNull(3));
}

// Codes are re-encoded in place, by a table for narrow ranges and a search for wide ones; a
// null keeps its row and code 0 whichever way.
TEST(ApplyKnownDimensionsTest, IntegerCodesOfAnyRangeAndNullsKeepTheirRows) {
  Validity third_missing = Validity::AllValid(5);
  third_missing.Clear(2);
  Table table({Column::Int64("kommun", {3'000'000'000, 180, 0, 1880, 180}, third_missing),
               Column::Int64("inkomstkvintil", {5, 2, 0, 2, 5}, third_missing),
               Column::CategoricalFromStrings("funktionsnedsattning",
                                              {"ja", "nej", std::nullopt, "ja", "nej"})});
  const Table applied = ApplyKnownDimensions(table);
  EXPECT_EQ(Categories(applied, "kommun"),
            (std::vector<std::string>{"0180", "1880", "3000000000"}));
  EXPECT_EQ(Categories(applied, "inkomstkvintil"), (std::vector<std::string>{"2", "5"}));
  EXPECT_EQ(Categories(applied, "funktionsnedsattning"), (std::vector<std::string>{"nej", "ja"}));
  const std::vector<std::vector<std::string>> expected = {
      {"3000000000", "0180", "", "1880", "0180"},
      {"5", "2", "", "2", "5"},
      {"ja", "nej", "", "ja", "nej"}};
  const char* names[] = {"kommun", "inkomstkvintil", "funktionsnedsattning"};
  for (std::size_t c = 0; c < 3; ++c) {
    SCOPED_TRACE(names[c]);
    const Column& column = applied.GetColumn(names[c]);
    for (std::size_t row = 0; row < 5; ++row) {
      EXPECT_EQ(column.ValueToString(row), expected[c][row]);
    }
    EXPECT_TRUE(column.IsNull(2));
    EXPECT_EQ(column.categorical().CodeAt(2), 0U);
  }
}

}  // namespace
}  // namespace jamlik

namespace jamlik {
namespace {

// Every known dimension and each of its categories reads in both languages: a category added
// without its labels fails here.
TEST(KnownDimensionsTest, EveryDimensionAndCategoryHasSwedishAndEnglishLabels) {
  for (const DimensionInfo& dimension : KnownDimensions()) {
    EXPECT_FALSE(dimension.label_sv.empty()) << dimension.column;
    EXPECT_FALSE(dimension.label_en.empty()) << dimension.column;
    std::set<std::string_view> codes;
    for (const DimensionCategory& category : dimension.categories) {
      EXPECT_FALSE(category.code.empty()) << dimension.column;
      EXPECT_TRUE(codes.insert(category.code).second) << dimension.column << " " << category.code;
      EXPECT_FALSE(category.label_sv.empty()) << dimension.column << " " << category.code;
      EXPECT_FALSE(category.label_en.empty()) << dimension.column << " " << category.code;
    }
  }
}

TEST(KnownDimensionsTest, LabelsOfDimensionsAndCategoriesInEachLanguage) {
  EXPECT_EQ(DimensionLabel("kon", Language::kSwedish), "Kön");
  EXPECT_EQ(DimensionLabel("kon", Language::kEnglish), "Sex");
  EXPECT_EQ(CategoryLabel("kon", "K", Language::kSwedish), "Kvinnor");
  EXPECT_EQ(CategoryLabel("kon", "K", Language::kEnglish), "Women");
  EXPECT_EQ(CategoryLabel("utbildning", "eftergymnasial", Language::kSwedish), "Eftergymnasial");
  EXPECT_EQ(CategoryLabel("utbildning", "eftergymnasial", Language::kEnglish), "Post-secondary");
  // A dataset's own column and an undeclared category keep their codes.
  EXPECT_EQ(DimensionLabel("skola", Language::kSwedish), "skola");
  EXPECT_EQ(CategoryLabel("skola", "K", Language::kEnglish), "K");
  EXPECT_EQ(CategoryLabel("kon", "X", Language::kEnglish), "X");
}

}  // namespace
}  // namespace jamlik
