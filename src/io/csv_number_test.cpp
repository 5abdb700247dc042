#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <charconv>
#include <cstdint>
#include <random>
#include <string>

#include "io/csv_number_internal.hpp"

namespace jamlik::csv_internal {
namespace {

ValueClass Classify(std::string_view text, char mark = '.') {
  std::uint64_t plain;
  return ClassifyValue(text, mark, &plain);
}

TEST(CsvNumberTest, ClassifiesIntegersDecimalsCodesAndText) {
  EXPECT_EQ(Classify("0"), ValueClass::kInteger);
  EXPECT_EQ(Classify("-17"), ValueClass::kInteger);
  EXPECT_EQ(Classify("+17"), ValueClass::kInteger);
  EXPECT_EQ(Classify(" 17 "), ValueClass::kInteger);
  EXPECT_EQ(Classify("0180"), ValueClass::kCode);
  EXPECT_EQ(Classify("0114A0010"), ValueClass::kCode);
  EXPECT_EQ(Classify("00"), ValueClass::kCode);
  EXPECT_EQ(Classify("0.5"), ValueClass::kDecimal);
  EXPECT_EQ(Classify(".5"), ValueClass::kDecimal);
  EXPECT_EQ(Classify("5."), ValueClass::kDecimal);
  EXPECT_EQ(Classify("-1.5e-3"), ValueClass::kDecimal);
  EXPECT_EQ(Classify("12,5", ','), ValueClass::kDecimal);
  EXPECT_EQ(Classify("12.5", ','), ValueClass::kText);
  EXPECT_EQ(Classify("1 234"), ValueClass::kText);
  EXPECT_EQ(Classify("1,234"), ValueClass::kText);
  EXPECT_EQ(Classify("inf"), ValueClass::kText);
  EXPECT_EQ(Classify("nan"), ValueClass::kText);
  EXPECT_EQ(Classify("1e"), ValueClass::kText);
  EXPECT_EQ(Classify("1e999"), ValueClass::kText);
  EXPECT_EQ(Classify("-"), ValueClass::kText);
  EXPECT_EQ(Classify("9223372036854775807"), ValueClass::kInteger);
  EXPECT_EQ(Classify("9223372036854775808"), ValueClass::kText);
}

TEST(CsvNumberTest, ReportsPlainDigitsForRememberingSmallIntegers) {
  std::uint64_t plain = 0;
  ClassifyValue("4095", '.', &plain);
  EXPECT_EQ(plain, 4095U);
  ClassifyValue("+4", '.', &plain);
  EXPECT_EQ(plain, kNotPlain);
}

TEST(CsvNumberTest, ParsesIntegersToTheLimits) {
  std::int64_t value = 0;
  EXPECT_TRUE(ParseInt64("0180", &value));
  EXPECT_EQ(value, 180);
  EXPECT_TRUE(ParseInt64(" -42", &value));
  EXPECT_EQ(value, -42);
  EXPECT_TRUE(ParseInt64("-9223372036854775808", &value));
  EXPECT_EQ(value, INT64_MIN);
  EXPECT_TRUE(ParseInt64("9223372036854775807", &value));
  EXPECT_EQ(value, INT64_MAX);
  EXPECT_FALSE(ParseInt64("9223372036854775808", &value));
  EXPECT_FALSE(ParseInt64("99999999999999999999", &value));
  EXPECT_FALSE(ParseInt64("1.0", &value));
  EXPECT_FALSE(ParseInt64("tolv", &value));
  EXPECT_FALSE(ParseInt64("", &value));
}

TEST(CsvNumberTest, DecimalsRoundLikeFromChars) {
  // The fast path divides by a power of ten; it must give the correctly rounded double.
  std::mt19937_64 random(2024);
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t digits = random() % 1000000000000000ULL;
    const int fraction = static_cast<int>(random() % 16);
    std::uint64_t scale = 1;
    for (int f = 0; f < fraction; ++f) scale *= 10;
    const std::string text =
        fraction == 0 ? fmt::format("{}", digits)
                      : fmt::format("{}.{:0{}}", digits / scale, digits % scale, fraction);
    double expected = 0;
    std::from_chars(text.data(), text.data() + text.size(), expected);
    double actual = -1;
    ASSERT_TRUE(ParseDouble(text, '.', &actual)) << text;
    ASSERT_EQ(actual, expected) << text;
    std::string comma = text;
    std::replace(comma.begin(), comma.end(), '.', ',');
    ASSERT_TRUE(ParseDouble(comma, ',', &actual)) << comma;
    ASSERT_EQ(actual, expected) << comma;
  }
}

TEST(CsvNumberTest, ParsesLongAndExponentDecimalsTheSlowWay) {
  double value = 0;
  EXPECT_TRUE(ParseDouble("0.1000000000000000055511151231257827", '.', &value));
  EXPECT_EQ(value, 0.1);
  EXPECT_TRUE(ParseDouble("+2,5E+2", ',', &value));
  EXPECT_EQ(value, 250.0);
  EXPECT_TRUE(ParseDouble("-0", '.', &value));
  EXPECT_TRUE(std::signbit(value));
  EXPECT_FALSE(ParseDouble("1e999", '.', &value));
  EXPECT_FALSE(ParseDouble("12,5", '.', &value));
  EXPECT_FALSE(ParseDouble(std::string(kMaxNumberLength + 1, '1'), '.', &value));
}

}  // namespace
}  // namespace jamlik::csv_internal
