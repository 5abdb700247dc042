#include "indicators/row_filter.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace jamlik {
namespace {

Table Persons() {
  Validity home_care = Validity::AllValid(5);
  home_care.Clear(0);  // under 65: not asked
  return Table({
      Column::Int64("alder", {34, 71, 80, 16, 65}),
      Column::CategoricalFromStrings("kon", {"K", "M", "K", "M", "K"}),
      Column::CategoricalFromStrings("fodelseregion",
                                     {"Sverige", "utanför Europa", "Europa", "Sverige", "Norden"}),
      Column::Int64("hemtjanst", {0, 1, 1, 0, 0}, std::move(home_care)),
      Column::String("kommun", {"0180", "0180", "1880", "1880", "0114"}),
  });
}

std::vector<std::uint8_t> Rows(std::string_view condition) {
  return RowFilter::Parse(condition).Evaluate(Persons());
}

TEST(RowFilterTest, ColumnsMayBeNamedAsOfficesWriteThem) {
  EXPECT_EQ(Rows("Ålder >= 80"), Rows("alder >= 80"));
  EXPECT_EQ(Rows("Ålder >= 80 and Kön == \"K\""), (std::vector<std::uint8_t>{0, 0, 1, 0, 0}));
}

TEST(RowFilterTest, EmptyConditionKeepsEveryRow) {
  EXPECT_TRUE(RowFilter::Parse("  ").empty());
  EXPECT_EQ(Rows(""), (std::vector<std::uint8_t>{1, 1, 1, 1, 1}));
}

TEST(RowFilterTest, ComparesNumbers) {
  EXPECT_EQ(Rows("alder >= 65"), (std::vector<std::uint8_t>{0, 1, 1, 0, 1}));
  EXPECT_EQ(Rows("alder<18"), (std::vector<std::uint8_t>{0, 0, 0, 1, 0}));
  EXPECT_EQ(Rows("alder != 80"), (std::vector<std::uint8_t>{1, 1, 0, 1, 1}));
}

TEST(RowFilterTest, TermsJoinedByAndMustAllHold) {
  EXPECT_EQ(Rows("kon == 'K' and alder >= 65"), (std::vector<std::uint8_t>{0, 0, 1, 0, 1}));
}

TEST(RowFilterTest, InMatchesAnyListedCategory) {
  EXPECT_EQ(Rows("fodelseregion in ['Europa', \"utanför Europa\"]"),
            (std::vector<std::uint8_t>{0, 1, 1, 0, 0}));
}

TEST(RowFilterTest, NullNeverMatches) {
  EXPECT_EQ(Rows("hemtjanst == 0"), (std::vector<std::uint8_t>{0, 0, 0, 1, 1}));
  EXPECT_EQ(Rows("hemtjanst != 1"), (std::vector<std::uint8_t>{0, 0, 0, 1, 1}));
}

TEST(RowFilterTest, TextCodesCompareAsTextKeepingLeadingZeros) {
  EXPECT_EQ(Rows("kommun == '0180'"), (std::vector<std::uint8_t>{1, 1, 0, 0, 0}));
}

TEST(RowFilterTest, SyntaxErrorsSayWhatWasExpectedWhere) {
  try {
    RowFilter::Parse("alder => 65", "indicators.toml:12");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.location().file, "indicators.toml:12");
    EXPECT_NE(std::string(error.what()).find("character 7"), std::string::npos) << error.what();
  }
  EXPECT_THROW(RowFilter::Parse("alder >= 65 or kon == 'K'"), Error);
  EXPECT_THROW(RowFilter::Parse("kon == 'K"), Error);
  EXPECT_THROW(RowFilter::Parse("fodelseregion in ['Europa'"), Error);
}

// An age column that a typo made text ("sjuttio") must not be ordered as text.
TEST(RowFilterTest, OrderingATextColumnByANumberIsAnError) {
  const Table typo({Column::CategoricalFromStrings("alder", {"9", "sjuttio", "80"})});
  try {
    RowFilter::Parse("alder >= 10").Evaluate(typo);
    FAIL() << "a text comparison";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kTypeMismatch);
    EXPECT_NE(std::string(error.what()).find("alder"), std::string::npos) << error.what();
  }
  // A number may still name a code by equality.
  EXPECT_EQ(RowFilter::Parse("alder == 80").Evaluate(typo), (std::vector<std::uint8_t>{0, 0, 1}));
}

TEST(RowFilterTest, ComparingANumericColumnWithTextIsAnError) {
  EXPECT_THROW(Rows("alder == 'tolv'"), Error);
  EXPECT_THROW(Rows("langd > 180"), Error);
}

}  // namespace
}  // namespace jamlik
