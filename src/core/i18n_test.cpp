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

TEST(TrCountTest, OneIsSingular) {
  ScopedLanguage swedish(Language::kSwedish);
  EXPECT_EQ(TrCount(1, "kategori", "kategorier", "category", "categories"), "kategori");
  EXPECT_EQ(TrCount(0, "kategori", "kategorier", "category", "categories"), "kategorier");
  ScopedLanguage english(Language::kEnglish);
  EXPECT_EQ(TrCount(2, "kategori", "kategorier", "category", "categories"), "categories");
}

}  // namespace
}  // namespace jamlik
