#include "core/column.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <variant>

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
  EXPECT_EQ(age.MemoryBytes(), 3 * sizeof(std::int8_t));  // -3…105: one byte each
}

// An age or a 0/1 outcome takes one byte, a year two; each width's edges stay exact.
TEST(ColumnTest, IntegersAreStoredInTheNarrowestSignedTypeThatHoldsThem) {
  EXPECT_EQ(IntegerWidth(0, 1), 1U);
  EXPECT_EQ(IntegerWidth(-128, 127), 1U);
  EXPECT_EQ(IntegerWidth(-129, 0), 2U);
  EXPECT_EQ(IntegerWidth(0, 128), 2U);
  EXPECT_EQ(IntegerWidth(0, 2025), 2U);
  EXPECT_EQ(IntegerWidth(-32768, 32767), 2U);
  EXPECT_EQ(IntegerWidth(0, 32768), 4U);
  EXPECT_EQ(IntegerWidth(INT32_MIN, INT32_MAX), 4U);
  EXPECT_EQ(IntegerWidth(0, std::int64_t{INT32_MAX} + 1), 8U);
  EXPECT_EQ(IntegerWidth(INT64_MIN, 0), 8U);

  const std::vector<std::int64_t> years = {2021, -32768, 32767};
  const Column year = Column::Int64("ar", years);
  EXPECT_TRUE(std::holds_alternative<std::vector<std::int16_t>>(year.integers()));
  EXPECT_EQ(year.int64s(), years);
  EXPECT_EQ(year.Int64At(1), -32768);
  EXPECT_EQ(year.MemoryBytes(), 3 * sizeof(std::int16_t));

  const std::vector<std::int64_t> ids = {INT64_MIN, 0, INT64_MAX};
  const Column id = Column::Int64("id", ids);
  EXPECT_TRUE(std::holds_alternative<std::vector<std::int64_t>>(id.integers()));
  EXPECT_EQ(id.int64s(), ids);
  EXPECT_EQ(id.ValueToString(0), "-9223372036854775808");

  const Column empty = Column::Int64("tom", {});
  EXPECT_EQ(empty.size(), 0U);
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
