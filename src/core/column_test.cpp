#include "core/column.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace jamlik {
namespace {

TEST(ValidityTest, EmptyBitmapMeansEveryRowIsValid) {
  Validity validity;
  EXPECT_TRUE(validity.IsValid(0));
  EXPECT_TRUE(validity.IsValid(1'000'000));
  EXPECT_EQ(validity.CountNulls(10), 0U);
}

TEST(ValidityTest, ClearedRowsAreCountedAsNullsAcrossWordBoundaries) {
  Validity validity = Validity::AllValid(130);
  validity.Clear(0);
  validity.Clear(63);
  validity.ClearThreadSafe(64);
  validity.Clear(129);
  EXPECT_FALSE(validity.IsValid(63));
  EXPECT_TRUE(validity.IsValid(62));
  EXPECT_FALSE(validity.IsValid(64));
  EXPECT_EQ(validity.CountNulls(130), 4U);
  // Bits past the table's end do not count.
  EXPECT_EQ(validity.CountNulls(129), 3U);
}

TEST(CategoryCodesTest, CodesUseTheNarrowestUnsignedTypeThatFits) {
  EXPECT_TRUE(std::holds_alternative<std::vector<std::uint8_t>>(MakeCategoryCodes(256, 1)));
  EXPECT_TRUE(std::holds_alternative<std::vector<std::uint16_t>>(MakeCategoryCodes(257, 1)));
  EXPECT_TRUE(std::holds_alternative<std::vector<std::uint16_t>>(MakeCategoryCodes(65536, 1)));
  EXPECT_TRUE(std::holds_alternative<std::vector<std::uint32_t>>(MakeCategoryCodes(65537, 1)));
}

TEST(DictionaryTest, KeepsTheDeclaredOrderAndInternsNewCategoriesLast) {
  Dictionary education({"förgymnasial", "gymnasial", "eftergymnasial"}, /*ordered=*/true);
  EXPECT_TRUE(education.ordered());
  EXPECT_EQ(education.Find("gymnasial"), 1U);
  EXPECT_EQ(education.Intern("eftergymnasial"), 2U);
  EXPECT_EQ(education.Intern("okänd"), 3U);
  EXPECT_EQ(education.category(3), "okänd");
  EXPECT_FALSE(education.Find("forskarutbildning").has_value());
}

TEST(ColumnTest, CategoricalFromStringsEncodesValuesAndNulls) {
  const Column sex = Column::CategoricalFromStrings("kon", {"K", "M", std::nullopt, "K"});
  ASSERT_EQ(sex.type(), ColumnType::kCategorical);
  EXPECT_EQ(sex.size(), 4U);
  EXPECT_EQ(sex.NullCount(), 1U);
  EXPECT_EQ(sex.categorical().dictionary.categories(), (std::vector<std::string>{"K", "M"}));
  EXPECT_EQ(sex.categorical().CodeAt(3), 0U);
  EXPECT_EQ(sex.ValueToString(1), "M");
  EXPECT_EQ(sex.ValueToString(2), "");
  EXPECT_EQ(sex.categorical().CodeWidth(), 1U);
}

TEST(ColumnTest, NumericColumnsPrintTheirValuesExactly) {
  const Column age = Column::Int64("alder", {0, 105, -3});
  const Column income = Column::Double("inkomst", {0.1, 312.5, 1e21});
  EXPECT_EQ(age.ValueToString(1), "105");
  EXPECT_EQ(age.NumericAt(2), -3.0);
  EXPECT_EQ(income.ValueToString(0), "0.1");
  EXPECT_EQ(income.ValueToString(2), "1e+21");
  EXPECT_TRUE(income.IsNumeric());
  EXPECT_EQ(age.MemoryBytes(), 3 * sizeof(std::int64_t));
}

TEST(ColumnTest, AskingForTheWrongTypeNamesTheColumn) {
  const Column municipality = Column::String("kommun", {"0180"});
  try {
    (void)municipality.int64s();
    FAIL() << "expected a type mismatch";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kTypeMismatch);
    EXPECT_EQ(error.field(), "kommun");
  }
}

}  // namespace
}  // namespace jamlik
