#include "core/i18n.hpp"

#include <gtest/gtest.h>

namespace jamlik {
namespace {

TEST(LocalNumbersTest, SwedishWritesADecimalCommaOnlyBetweenDigits) {
  {
    ScopedLanguage swedish(Language::kSwedish);
    EXPECT_EQ(LocalNumbers("0.9 – 39.4"), "0,9 – 39,4");
    EXPECT_EQ(LocalNumbers("-1.5 MB"), "-1,5 MB");
    EXPECT_EQ(LocalNumbers("fil.csv. Slut."), "fil.csv. Slut.");
    EXPECT_EQ(LocalNumbers("1e+06"), "1e+06");
  }
  ScopedLanguage english(Language::kEnglish);
  EXPECT_EQ(LocalNumbers("0.9 – 39.4"), "0.9 – 39.4");
}

TEST(LocalNumberTest, SwedishGroupsThousandsFromFiveDigitsWithANoBreakSpace) {
  {
    ScopedLanguage swedish(Language::kSwedish);
    EXPECT_EQ(LocalNumber("1234.5"), "1234,5");
    EXPECT_EQ(LocalNumber("12345.6"), "12\u00a0345,6");
    EXPECT_EQ(LocalNumber("-1234567"), "-1\u00a0234\u00a0567");
    EXPECT_EQ(LocalNumber("300000"), "300\u00a0000");
    EXPECT_EQ(LocalNumber("0.125"), "0,125");
    EXPECT_EQ(LocalCount(1), "1");
    EXPECT_EQ(LocalCount(261000), "261\u00a0000");
  }
  ScopedLanguage english(Language::kEnglish);
  EXPECT_EQ(LocalNumber("12345.6"), "12345.6");
  EXPECT_EQ(LocalCount(261000), "261000");
}

TEST(TrCountTest, OneIsSingular) {
  ScopedLanguage swedish(Language::kSwedish);
  EXPECT_EQ(TrCount(1, "kategori", "kategorier", "category", "categories"), "kategori");
  EXPECT_EQ(TrCount(0, "kategori", "kategorier", "category", "categories"), "kategorier");
  ScopedLanguage english(Language::kEnglish);
  EXPECT_EQ(TrCount(2, "kategori", "kategorier", "category", "categories"), "categories");
}

}  // namespace
}  // namespace jamlik
