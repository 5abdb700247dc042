#include "io/csv_tokenizer_internal.hpp"

#include "io/csv_string_map_internal.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jamlik::csv_internal {
namespace {

// Collects rows of values as the tokenizer hands them over.
struct RowCollector {
  std::vector<std::vector<std::string>> rows{{}};
  std::string scratch;

  bool Field(std::size_t, const FieldView& field) {
    rows.back().emplace_back(FieldValue(field, &scratch));
    return true;
  }
  void RowEnd() { rows.emplace_back(); }
};

std::vector<std::vector<std::string>> Tokenize(std::string_view text, ScanResult* result = nullptr,
                                               std::size_t num_fields = 0) {
  RowCollector collector;
  const ScanResult scan = ScanRows(text, 0, text.size(), ',', num_fields, collector);
  if (result != nullptr) *result = scan;
  collector.rows.pop_back();
  return collector.rows;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvTokenizerTest, SplitsRfc4180Fields) {
  EXPECT_EQ(Tokenize("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n,\"\"\n\"two\nlines\",z"),
            (Rows{{"a", "b"}, {"x,1", "say \"hi\""}, {"", ""}, {"two\nlines", "z"}}));
}

TEST(CsvTokenizerTest, KeepsStrayQuotesAndCountsThem) {
  ScanResult result;
  EXPECT_EQ(Tokenize("12\" screen,\"a\"b\n", &result), (Rows{{"12\" screen", "ab"}}));
  EXPECT_EQ(result.stray_quotes, 1U);
  EXPECT_EQ(result.first_stray_quote, 2U);
}

TEST(CsvTokenizerTest, StopsAtRaggedRowsAndOpenQuotes) {
  ScanResult result;
  Tokenize("a,b\n1,2,3\n", &result, 2);
  EXPECT_EQ(result.stop, ScanStop::kRaggedRow);
  EXPECT_EQ(result.error_fields, 3U);
  EXPECT_EQ(result.error_offset, 8U);  // the surplus field
  Tokenize("a,\"b\n", &result, 2);
  EXPECT_EQ(result.stop, ScanStop::kUnterminatedQuote);
  EXPECT_EQ(result.error_offset, 2U);  // the opening quote
}

TEST(CsvTokenizerTest, ReadsOnlyRowsStartingBeforeTheStop) {
  // A row that starts before the stop is read to its end; the next starts the next chunk.
  const std::string text = "1,\"a\nb\"\n2,c\n3,d\n";
  RowCollector collector;
  const ScanResult result = ScanRows(text, 0, 3, ',', 2, collector);
  EXPECT_EQ(result.rows, 1U);
  EXPECT_EQ(result.end, 8U);
}

TEST(CsvTokenizerTest, ScannerFindsEverySpecialByte) {
  std::string text(200, 'x');
  for (const std::size_t at : {0, 63, 64, 130, 199}) text[at] = ";\n\"\n;"[at % 5];
  SpecialScanner scanner(text.data(), text.size(), ';');
  std::vector<std::size_t> found;
  for (std::size_t pos = scanner.Next(0); pos < text.size(); pos = scanner.Next(pos + 1)) {
    found.push_back(pos);
  }
  EXPECT_EQ(found, (std::vector<std::size_t>{0, 63, 64, 130, 199}));
}

TEST(CsvTokenizerTest, CountsBytes) {
  std::string text(10000, 'a');
  for (std::size_t i = 0; i < text.size(); i += 7) text[i] = '"';
  EXPECT_EQ(CountByte(text.data(), text.size(), '"'), 1429U);
  EXPECT_EQ(CountByte(text.data() + 1, 5, '"'), 0U);
}

// SameText compares texts of every length with any one byte changed, and texts of other lengths.
TEST(CsvTokenizerTest, SameTextFindsAnyDifferingByte) {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a;
    for (std::size_t i = 0; i < n; ++i) a.push_back(static_cast<char>('a' + i % 26));
    const std::string b = a;
    EXPECT_TRUE(SameText(a, b)) << n;
    EXPECT_FALSE(SameText(a, b + "x")) << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string c = b;
      c[i] = 'Z';
      EXPECT_FALSE(SameText(a, c)) << n << " at " << i;
    }
  }
}

#if defined(JAMLIK_CSV_AVX2)
// The AVX2 block mask marks exactly the delimiters, newlines and quotes, bit i for byte i, for
// every byte value in every position.
TEST(CsvTokenizerTest, Avx2MaskMarksTheSameBytesAsABytewiseScan) {
  if (!__builtin_cpu_supports("avx2")) GTEST_SKIP() << "no AVX2 on this processor";
  std::string block(64, 'a');
  for (int value = 0; value < 256; ++value) {
    for (std::size_t at = 0; at < 64; at += 7) {
      block.assign(64, 'x');
      block[at] = static_cast<char>(value);
      block[63 - at] = ';';
      std::uint64_t expected = 0;
      for (std::size_t i = 0; i < 64; ++i) {
        const char c = block[i];
        if (c == ';' || c == '\n' || c == '"') expected |= std::uint64_t{1} << i;
      }
      ASSERT_EQ(SpecialMaskAvx2(block.data(), ';'), expected) << "byte " << value << " at " << at;
    }
  }
}

// The SSE2 path (machines without AVX2) splits a text with fields across 64-byte blocks exactly
// as the AVX2 path does.
TEST(CsvTokenizerTest, Sse2AndAvx2PathsTokenizeAlike) {
  std::string text;
  for (int row = 0; row < 300; ++row) {
    text += std::to_string(row * 7919 % 1000) + ",\"q," + std::string(row % 70, 'x') + "\"\"\"," +
            std::string(row % 13 + 1, 'y') + "\"z,,\r\n";
  }
  const bool saved = use_avx2;
  use_avx2 = false;
  ScanResult sse2_result;
  const Rows sse2 = Tokenize(text, &sse2_result, 5);
  use_avx2 = saved && __builtin_cpu_supports("avx2");
  ScanResult avx2_result;
  const Rows avx2 = Tokenize(text, &avx2_result, 5);
  use_avx2 = saved;
  ASSERT_EQ(sse2.size(), 300U);
  EXPECT_EQ(sse2[5], (std::vector<std::string>{"595", "q,xxxxx\"", "yyyyyy\"z", "", ""}));
  EXPECT_EQ(sse2, avx2);
  EXPECT_EQ(sse2_result.stray_quotes, avx2_result.stray_quotes);
  EXPECT_EQ(sse2_result.stray_quotes, 300U);
}
#endif

}  // namespace
}  // namespace jamlik::csv_internal
