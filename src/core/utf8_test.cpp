#include "core/utf8.hpp"

#include <gtest/gtest.h>

namespace jamlik {
namespace {

TEST(Utf8Test, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(Utf8Length(""), 0U);
  EXPECT_EQ(Utf8Length("Välfärd"), 7U);  // 9 bytes
  EXPECT_EQ(Utf8Length("\xF0\x9F\x98\x80"), 1U);
}

// "Välfärd 1" + 150 × "ä" is 159 characters and 311 bytes: cut at 200 bytes it split an "ä".
TEST(Utf8Test, TruncateCutsBetweenCharacters) {
  std::string name = "Välfärd 1";
  for (int i = 0; i < 150; ++i) name += "ä";
  EXPECT_EQ(TruncateUtf8(name, 200), name);
  const std::string cut = TruncateUtf8(name, 100);
  EXPECT_EQ(Utf8Length(cut), 100U);
  EXPECT_TRUE(IsValidUtf8(cut));
  EXPECT_EQ(TruncateUtf8("åäö", 2), "åä");
  EXPECT_EQ(TruncateUtf8("abc", 0), "");
}

TEST(Utf8Test, InvalidBytesAreFoundAndRepairedOneForOne) {
  EXPECT_TRUE(IsValidUtf8("Örebro län"));
  EXPECT_FALSE(IsValidUtf8("\xFF\xFE"));
  EXPECT_FALSE(IsValidUtf8("V\xE4lf\xE4rd"));  // Windows-1252
  EXPECT_FALSE(IsValidUtf8("\xC3"));           // cut sequence
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));   // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));       // overlong
  EXPECT_EQ(RepairUtf8("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(RepairUtf8("V\xE4lf\xC3\xA4rd\x80"), "V\xEF\xBF\xBDlfärd\xEF\xBF\xBD");
  EXPECT_EQ(RepairUtf8("Örebro"), "Örebro");
  EXPECT_TRUE(IsValidUtf8(RepairUtf8("\xC3\xC3\xA4\xF0\x9F\x98")));
}

}  // namespace
}  // namespace jamlik
