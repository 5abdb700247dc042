#include <gtest/gtest.h>

#include <string>

#include "io/csv_encoding_internal.hpp"

namespace jamlik::csv_internal {
namespace {

constexpr std::size_t kValid = std::string_view::npos;

std::size_t Check(std::string_view text) { return FindInvalidUtf8(text, 0, text.size()); }

TEST(CsvEncodingTest, AcceptsValidUtf8) {
  EXPECT_EQ(Check("kommun;Göteborg;Åmål;€;𝄞"), kValid);
  EXPECT_EQ(Check(""), kValid);
}

TEST(CsvEncodingTest, FindsInvalidUtf8) {
  EXPECT_EQ(Check("G\xF6teborg"), 1U);       // Windows-1252 ö
  EXPECT_EQ(Check("ab\xC3"), 2U);            // cut short
  EXPECT_EQ(Check("\xC0\xAF"), 0U);          // overlong
  EXPECT_EQ(Check("x\xED\xA0\x80"), 1U);     // surrogate
  EXPECT_EQ(Check("\xF4\x90\x80\x80"), 0U);  // beyond U+10FFFF
  EXPECT_EQ(Check("abc\x80"), 3U);           // lone continuation byte
}

TEST(CsvEncodingTest, RangesSplitInsideASequenceAgreeWithTheWhole) {
  const std::string text =
      "ab\xC3\xA5\xE2\x82\xAC"
      "cd\xF0\x9D\x84\x9E"
      "e";
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    SCOPED_TRACE(cut);
    EXPECT_EQ(FindInvalidUtf8(text, 0, cut), kValid);
    EXPECT_EQ(FindInvalidUtf8(text, cut, text.size()), kValid);
  }
  // A run of continuation bytes with no lead byte is caught whichever side of a cut it is.
  const std::string orphans = "abcdef\x80\x80\x80\x80gh";
  for (std::size_t cut = 0; cut <= orphans.size(); ++cut) {
    const bool left = FindInvalidUtf8(orphans, 0, cut) != kValid;
    const bool right = FindInvalidUtf8(orphans, cut, orphans.size()) != kValid;
    EXPECT_TRUE(left || right) << cut;
  }
}

TEST(CsvEncodingTest, ConvertsWindows1252ToUtf8) {
  const std::string cp1252 = "\xC5m\xE5l;G\xF6teborg;\x80;\x96;\x81";
  std::string utf8(Windows1252Utf8Size(cp1252), '\0');
  char* end = Windows1252ToUtf8(cp1252, utf8.data());
  EXPECT_EQ(end, utf8.data() + utf8.size());
  // The undefined byte 0x81 keeps its C1 control code point, as WHATWG maps it.
  EXPECT_EQ(utf8, "Åmål;Göteborg;€;–;\xC2\x81");
}

}  // namespace
}  // namespace jamlik::csv_internal
