#include "io/csv_tokenizer_internal.hpp"

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

}  // namespace
}  // namespace jamlik::csv_internal
