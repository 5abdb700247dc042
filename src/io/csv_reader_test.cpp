#include "io/csv_reader.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

Table Read(std::string_view text, const CsvOptions& options = {}, CsvFormat* format = nullptr) {
  return ReadCsvText(text, "test.csv", options, format);
}

Error ReadError(std::string_view text, const CsvOptions& options = {}) {
  try {
    Read(text, options);
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no error reading:\n" << text;
  return Error(ErrorCode::kInternal, "no error");
}

std::vector<std::string> Cells(const Column& column) {
  std::vector<std::string> cells;
  for (std::size_t row = 0; row < column.size(); ++row) {
    cells.push_back(column.IsNull(row) ? "<null>" : column.ValueToString(row));
  }
  return cells;
}

std::vector<std::string> Categories(const Column& column) {
  return column.categorical().dictionary.categories();
}

// Compare names, types, categories and every cell.
void ExpectSameTable(const Table& actual, const Table& expected) {
  ASSERT_EQ(actual.num_columns(), expected.num_columns());
  ASSERT_EQ(actual.num_rows(), expected.num_rows());
  for (std::size_t c = 0; c < expected.num_columns(); ++c) {
    const Column& a = actual.column(c);
    const Column& e = expected.column(c);
    SCOPED_TRACE(e.name());
    EXPECT_EQ(a.name(), e.name());
    ASSERT_EQ(a.type(), e.type());
    if (e.type() == ColumnType::kCategorical) {
      EXPECT_EQ(Categories(a), Categories(e));
      EXPECT_EQ(a.categorical().dictionary.ordered(), e.categorical().dictionary.ordered());
    }
    EXPECT_EQ(Cells(a), Cells(e));
  }
}

class CsvReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { SetLanguage(Language::kEnglish); }
};

TEST_F(CsvReaderTest, DetectsEachDelimiter) {
  for (const char delimiter : {',', ';', '\t'}) {
    std::string text = "a,b,c\n1,2,3\n4,5,6\n";
    std::replace(text.begin(), text.end(), ',', delimiter);
    CsvFormat format;
    const Table table = Read(text, {}, &format);
    EXPECT_EQ(format.delimiter, delimiter);
    ASSERT_EQ(table.num_columns(), 3U);
    EXPECT_EQ(table.GetColumn("c").int64s(), (std::vector<std::int64_t>{3, 6}));
  }
}

TEST_F(CsvReaderTest, PrefersTheDelimiterThatSplitsEveryRowAlike) {
  // Commas appear in the decimal numbers, semicolons split every row into two fields.
  CsvFormat format;
  const Table table = Read("kommun;andel\n0180;12,5\n1480;7,25\n", {}, &format);
  EXPECT_EQ(format.delimiter, ';');
  EXPECT_EQ(format.decimal_mark, DecimalMark::kComma);
  EXPECT_EQ(table.GetColumn("andel").doubles(), (std::vector<double>{12.5, 7.25}));
}

// Exports from other systems separate by ';' or tab and write decimal points: detected from the
// data, also when the first rows of the column are empty.
TEST_F(CsvReaderTest, SemicolonAndTabFilesWithDecimalPointsKeepTheirNumbers) {
  for (const char delimiter : {';', '\t'}) {
    std::string text = "kommun;timmar;kon\n";
    for (int i = 0; i < 20000; ++i) text += i < 15000 ? "0180;;K\n" : "1480;2.75;M\n";
    text += "1480;-0.5;K\n";
    std::replace(text.begin(), text.end(), ';', delimiter);
    CsvFormat format;
    const Table table = Read(text, {}, &format);
    EXPECT_EQ(format.decimal_mark, DecimalMark::kPoint);
    ASSERT_EQ(table.GetColumn("timmar").type(), ColumnType::kDouble);
    EXPECT_EQ(table.GetColumn("timmar").doubles().back(), -0.5);
    ASSERT_FALSE(format.notes.empty());
    EXPECT_NE(format.notes.front().find("decimal"), std::string::npos) << format.notes.front();
  }
  // A decimal comma anywhere keeps the Swedish reading.
  CsvFormat format;
  const Table mixed = Read("x;y\n1.5;2,5\n", {}, &format);
  EXPECT_EQ(format.decimal_mark, DecimalMark::kComma);
  EXPECT_EQ(mixed.GetColumn("y").doubles(), (std::vector<double>{2.5}));
}

TEST_F(CsvReaderTest, HonoursAGivenDelimiter) {
  CsvOptions options;
  options.delimiter = '|';
  const Table table = Read("a|b\nx,y|2\n", options);
  EXPECT_EQ(Cells(table.GetColumn("a")), (std::vector<std::string>{"x,y"}));
}

TEST_F(CsvReaderTest, SkipsTheByteOrderMark) {
  CsvFormat format;
  const Table table = Read("\xEF\xBB\xBFkommun,n\n0180,3\n", {}, &format);
  EXPECT_TRUE(format.had_bom);
  EXPECT_EQ(format.encoding, TextEncoding::kUtf8);
  EXPECT_EQ(table.column(0).name(), "kommun");
}

TEST_F(CsvReaderTest, ReadsCrlfAndAMissingFinalNewline) {
  CsvFormat format;
  const Table table = Read("a,b\r\nx,1\r\ny,2", {}, &format);
  EXPECT_TRUE(format.crlf);
  EXPECT_EQ(Cells(table.GetColumn("a")), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(table.GetColumn("b").int64s(), (std::vector<std::int64_t>{1, 2}));
}

TEST_F(CsvReaderTest, QuotedFieldsHoldDelimitersQuotesAndNewlines) {
  const Table table = Read(
      "namn,kommentar\n"
      "\"Andersson, Anna\",\"sa \"\"hej\"\"\"\n"
      "Bo,\"två\r\nrader\"\n"
      "\" Cia \",\"\"\n");
  EXPECT_EQ(Cells(table.GetColumn("namn")),
            (std::vector<std::string>{"Andersson, Anna", "Bo", " Cia "}));
  EXPECT_EQ(Cells(table.GetColumn("kommentar")),
            (std::vector<std::string>{"sa \"hej\"", "två\r\nrader", "<null>"}));
}

TEST_F(CsvReaderTest, KeepsStrayQuotesAsCharactersAndSaysSo) {
  CsvFormat format;
  const Table table = Read("tum,n\n12\" skärm,1\n\"a\"b,2\n", {}, &format);
  EXPECT_EQ(Cells(table.GetColumn("tum")), (std::vector<std::string>{"12\" skärm", "ab"}));
  EXPECT_EQ(table.GetColumn("n").int64s(), (std::vector<std::int64_t>{1, 2}));
  ASSERT_FALSE(format.notes.empty());
  EXPECT_EQ(format.notes[0],
            "quotes inside unquoted fields were read as ordinary characters: 1 (the first on "
            "line 2)");
}

TEST_F(CsvReaderTest, DecimalCommaWithSemicolonOrTab) {
  for (const char* text : {"x;y\n1,5;-2,25e1\n2;3\n", "x\ty\n1,5\t-2,25e1\n2\t3\n"}) {
    const Table table = Read(text);
    EXPECT_EQ(table.GetColumn("x").doubles(), (std::vector<double>{1.5, 2}));
    EXPECT_EQ(table.GetColumn("y").doubles(), (std::vector<double>{-22.5, 3}));
  }
}

TEST_F(CsvReaderTest, CommaDelimitedFilesUseThePointUnlessTold) {
  EXPECT_EQ(Read("x\n\"1,5\"\n").GetColumn("x").type(), ColumnType::kCategorical);
  EXPECT_EQ(Read("x\n1.5\n").GetColumn("x").doubles(), (std::vector<double>{1.5}));
  CsvOptions comma;
  comma.decimal_mark = DecimalMark::kComma;
  EXPECT_EQ(Read("x,y\n\"1,5\",2\n", comma).GetColumn("x").doubles(), (std::vector<double>{1.5}));
  CsvOptions point;
  point.decimal_mark = DecimalMark::kPoint;
  EXPECT_EQ(Read("x;y\n1.5;2\n", point).GetColumn("x").doubles(), (std::vector<double>{1.5}));
}

TEST_F(CsvReaderTest, RejectsThousandsSeparatorsInNumbers) {
  const Table table = Read("x;y\n1 234,5;1.234,5\n2;3\n");
  EXPECT_EQ(table.GetColumn("x").type(), ColumnType::kCategorical);
  EXPECT_EQ(table.GetColumn("y").type(), ColumnType::kCategorical);
}

TEST_F(CsvReaderTest, LeadingZeroCodesStayText) {
  CsvFormat format;
  const Table table = Read("kommun,deso,alder\n0180,0114A0010,7\n1480,1480C1234,0\n", {}, &format);
  EXPECT_EQ(Cells(table.GetColumn("kommun")), (std::vector<std::string>{"0180", "1480"}));
  EXPECT_EQ(Cells(table.GetColumn("deso")), (std::vector<std::string>{"0114A0010", "1480C1234"}));
  EXPECT_EQ(table.GetColumn("alder").int64s(), (std::vector<std::int64_t>{7, 0}));
  EXPECT_NE(
      std::find(format.notes.begin(), format.notes.end(),
                "column 'kommun': codes with leading zeros (such as '0180') are kept as text"),
      format.notes.end());
}

TEST_F(CsvReaderTest, InfersIntegersDoublesCategoriesAndStrings) {
  std::string text = "i,d,kon,id\n";
  for (int row = 0; row < 300; ++row) {
    text += std::to_string(row - 100) + "," + std::to_string(row) + ".5," +
            (row % 2 == 0 ? "K" : "M") + ",p" + std::to_string(row) + "\n";
  }
  CsvFormat format;
  const Table table = Read(text, {}, &format);
  EXPECT_EQ(table.GetColumn("i").type(), ColumnType::kInt64);
  EXPECT_EQ(table.GetColumn("i").int64s()[0], -100);
  EXPECT_EQ(table.GetColumn("d").type(), ColumnType::kDouble);
  EXPECT_EQ(table.GetColumn("d").doubles()[299], 299.5);
  EXPECT_EQ(table.GetColumn("kon").type(), ColumnType::kCategorical);
  EXPECT_EQ(Categories(table.GetColumn("kon")), (std::vector<std::string>{"K", "M"}));
  EXPECT_NE(std::find(format.notes.begin(), format.notes.end(),
                      "column 'kon': text with 2 distinct values, stored as categories"),
            format.notes.end());
  EXPECT_NE(std::find(format.notes.begin(), format.notes.end(),
                      "column 'id': text with many distinct values, stored as strings"),
            format.notes.end());
  // 300 distinct values in 300 rows: strings, not categories.
  EXPECT_EQ(table.GetColumn("id").type(), ColumnType::kString);
  EXPECT_EQ(table.GetColumn("id").strings()[7], "p7");
}

// Pass 1 learns each integer column's range, so pass 3 writes it in the narrowest type: the
// range spans every chunk (the extremes here sit in different chunks), signs included.
TEST_F(CsvReaderTest, IntegerColumnsAreReadIntoTheNarrowestTypeOfTheirRangeAcrossChunks) {
  std::string text = "alder,ar,saldo,id,utfall\n";
  for (int row = 0; row < 200; ++row) {
    text += std::to_string(row % 100) + "," + std::to_string(2000 + row % 26) + "," +
            (row == 150  ? "-40000"
             : row == 20 ? "+40000"
                         : std::to_string(row)) +
            "," + (row == 190 ? "9223372036854775807" : "1") + "," + (row % 7 == 0 ? "" : "1") +
            "\n";
  }
  CsvOptions options;
  options.chunk_bytes = 64;
  const Table table = Read(text, options);
  const auto width = [&](const char* name) {
    return std::visit([](const auto& values) { return sizeof(values[0]); },
                      table.GetColumn(name).integers());
  };
  EXPECT_EQ(width("alder"), 1U);
  EXPECT_EQ(width("ar"), 2U);
  EXPECT_EQ(width("saldo"), 4U);
  EXPECT_EQ(width("id"), 8U);
  EXPECT_EQ(width("utfall"), 1U);
  EXPECT_EQ(table.GetColumn("alder").Int64At(99), 99);
  EXPECT_EQ(table.GetColumn("ar").Int64At(25), 2025);
  EXPECT_EQ(table.GetColumn("saldo").Int64At(150), -40000);
  EXPECT_EQ(table.GetColumn("saldo").Int64At(20), 40000);
  EXPECT_EQ(table.GetColumn("saldo").Int64At(199), 199);
  EXPECT_EQ(table.GetColumn("id").Int64At(190), INT64_MAX);
  EXPECT_EQ(table.GetColumn("utfall").NullCount(), 29U);
  // A declared integer column is narrowed as an inferred one is.
  options.schema = {{"ar", ColumnType::kInt64, {}, false}};
  EXPECT_EQ(std::visit([](const auto& values) { return sizeof(values[0]); },
                       Read(text, options).GetColumn("ar").integers()),
            2U);
}

TEST_F(CsvReaderTest, IntegersAndDecimalsMakeADoubleColumn) {
  EXPECT_EQ(Read("x\n1\n2.5\n-3e2\n").GetColumn("x").doubles(),
            (std::vector<double>{1, 2.5, -300}));
}

TEST_F(CsvReaderTest, IntegersBeyondInt64StayText) {
  EXPECT_EQ(Read("x\n9223372036854775807\n").GetColumn("x").int64s()[0], INT64_MAX);
  EXPECT_EQ(Read("x\n-9223372036854775808\n").GetColumn("x").int64s()[0], INT64_MIN);
  EXPECT_EQ(Read("x\n9223372036854775808\n").GetColumn("x").type(), ColumnType::kCategorical);
}

TEST_F(CsvReaderTest, CategoriesAreSortedByBytes) {
  const Table table = Read("utb\ngymnasial\neftergymnasial\nförgymnasial\ngymnasial\n");
  EXPECT_EQ(Categories(table.GetColumn("utb")),
            (std::vector<std::string>{"eftergymnasial", "förgymnasial", "gymnasial"}));
  EXPECT_FALSE(table.GetColumn("utb").categorical().dictionary.ordered());
}

TEST_F(CsvReaderTest, EmptyFieldsAreNullsInEveryType) {
  CsvFormat format;
  const Table table = Read("i,d,c,s\n1,1.5,a,x\n,,,\n3,,b,\n", {}, &format);
  for (const char* name : {"i", "d", "c", "s"}) EXPECT_TRUE(table.GetColumn(name).IsNull(1));
  EXPECT_EQ(Cells(table.GetColumn("i")), (std::vector<std::string>{"1", "<null>", "3"}));
  EXPECT_EQ(table.GetColumn("d").NullCount(), 2U);
  EXPECT_EQ(Categories(table.GetColumn("c")), (std::vector<std::string>{"a", "b"}));
  EXPECT_NE(
      std::find(format.notes.begin(), format.notes.end(), "column 'd': empty values (missing): 2"),
      format.notes.end());
  // Columns without nulls carry no validity bitmap.
  EXPECT_TRUE(Read("x\n1\n").GetColumn("x").validity().empty());
}

TEST_F(CsvReaderTest, NotesAreInTheUsersLanguage) {
  SetLanguage(Language::kSwedish);
  CsvFormat format;
  Read("kommun;kon\n0180;K\n1480;\n0114;M\n", {}, &format);
  EXPECT_EQ(format.notes,
            (std::vector<std::string>{
                "kolumn 'kommun': koder med inledande nollor (som '0180') behålls som text",
                "kolumn 'kommun': text med 3 olika värden, lagras som kategorier",
                "kolumn 'kon': text med 2 olika värden, lagras som kategorier",
                "kolumn 'kon': tomma värden (saknas): 1"}));
}

TEST_F(CsvReaderTest, AColumnWithoutValuesIsAnEmptyCategorical) {
  const Table table = Read("a,b\n1,\n2,\n");
  const Column& b = table.GetColumn("b");
  EXPECT_EQ(b.type(), ColumnType::kCategorical);
  EXPECT_TRUE(Categories(b).empty());
  EXPECT_EQ(b.NullCount(), 2U);
}

// Issue 18: `jamlik inspect` died on these 25 bytes (a truncated export: the last row ends in a
// delimiter, with no final newline). The file is valid CSV; the fault was in giving the empty `kon`
// column its known dimension's order, which every door does after reading.
TEST_F(CsvReaderTest, ALastRowEndingInADelimiterWithoutANewlineEndsInANull) {
  const std::string text = "kommun;alder;kon\n0180;34;";
  ASSERT_EQ(text.size(), 25U);
  CsvFormat format;
  const Table table = Read(text, {}, &format);
  EXPECT_EQ(format.delimiter, ';');
  ASSERT_EQ(table.num_rows(), 1U);
  ASSERT_EQ(table.num_columns(), 3U);
  EXPECT_EQ(Cells(table.GetColumn("kommun")), (std::vector<std::string>{"0180"}));
  EXPECT_EQ(table.GetColumn("alder").int64s(), (std::vector<std::int64_t>{34}));
  const Column& kon = table.GetColumn("kon");
  EXPECT_EQ(kon.type(), ColumnType::kCategorical);
  EXPECT_TRUE(Categories(kon).empty());
  EXPECT_TRUE(kon.IsNull(0));

  const Table applied = ApplyKnownDimensions(table);
  EXPECT_EQ(Categories(applied.GetColumn("kommun")), (std::vector<std::string>{"0180"}));
  EXPECT_EQ(Cells(applied.GetColumn("kon")), (std::vector<std::string>{"<null>"}));
  EXPECT_TRUE(Categories(applied.GetColumn("kon")).empty());
  // With a final newline, and with more rows, the same.
  for (const char* longer :
       {"kommun;alder;kon\n0180;34;\n", "kommun;alder;kon\n0180;34;\n0114;35;"}) {
    SCOPED_TRACE(longer);
    const Table more = ApplyKnownDimensions(Read(longer));
    EXPECT_EQ(more.GetColumn("kon").NullCount(), more.num_rows());
  }
}

TEST_F(CsvReaderTest, HeaderOnlyGivesEmptyCategoricalColumns) {
  const Table table = Read("kommun;kon\n");
  EXPECT_EQ(table.num_rows(), 0U);
  ASSERT_EQ(table.num_columns(), 2U);
  EXPECT_EQ(table.column(1).name(), "kon");
  EXPECT_EQ(table.column(1).type(), ColumnType::kCategorical);
}

TEST_F(CsvReaderTest, SkipsBlankLines) {
  const Table table = Read("\na,b\n\n1,2\r\n\r\n3,4\n\n");
  EXPECT_EQ(table.GetColumn("a").int64s(), (std::vector<std::int64_t>{1, 3}));
}

TEST_F(CsvReaderTest, SchemaOverridesTypes) {
  CsvOptions options;
  options.schema = {{"kommun", ColumnType::kInt64, {}, false},
                    {"n", ColumnType::kDouble, {}, false},
                    {"kod", ColumnType::kString, {}, false},
                    {"x", ColumnType::kCategorical, {}, false}};
  const Table table = Read("kommun,n,kod,x\n0180,2,1,7\n1480,3,2,7\n", options);
  EXPECT_EQ(table.GetColumn("kommun").int64s(), (std::vector<std::int64_t>{180, 1480}));
  EXPECT_EQ(table.GetColumn("n").doubles(), (std::vector<double>{2, 3}));
  EXPECT_EQ(table.GetColumn("kod").strings(), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(Categories(table.GetColumn("x")), (std::vector<std::string>{"7"}));
}

TEST_F(CsvReaderTest, SchemaCategoriesKeepTheirDeclaredOrder) {
  CsvOptions options;
  options.schema = {
      {"utb", ColumnType::kCategorical, {"förgymnasial", "gymnasial", "eftergymnasial"}, true}};
  const Table table = Read("utb\ngymnasial\nokänd\neftergymnasial\nannan\nförgymnasial\n", options);
  const Column& utb = table.GetColumn("utb");
  EXPECT_EQ(Categories(utb), (std::vector<std::string>{"förgymnasial", "gymnasial",
                                                       "eftergymnasial", "annan", "okänd"}));
  EXPECT_TRUE(utb.categorical().dictionary.ordered());
  EXPECT_EQ(utb.categorical().CodeAt(0), 1U);
  EXPECT_EQ(utb.categorical().CodeAt(1), 4U);
}

TEST_F(CsvReaderTest, SchemaValuesThatDoNotParseAreErrors) {
  CsvOptions options;
  options.schema = {{"alder", ColumnType::kInt64, {}, false}};
  const Error error = ReadError("namn,alder\nAnna,12\nBo,tolv\n", options);
  EXPECT_EQ(error.code(), ErrorCode::kBadValue);
  EXPECT_STREQ(error.what(), "test.csv:3:4: line 3, column 'alder': 'tolv' is not an integer");
  EXPECT_EQ(error.field(), "alder");
  EXPECT_EQ(error.value(), "tolv");
  SetLanguage(Language::kSwedish);
  EXPECT_STREQ(ReadError("namn,alder\nAnna,12\nBo,tolv\n", options).what(),
               "test.csv:3:4: rad 3, kolumn 'alder': 'tolv' är inte ett heltal");
  options.schema = {{"alder", ColumnType::kDouble, {}, false}};
  EXPECT_STREQ(ReadError("namn,alder\nAnna,12\nBo,tolv\n", options).what(),
               "test.csv:3:4: rad 3, kolumn 'alder': 'tolv' är inte ett tal");
}

TEST_F(CsvReaderTest, SchemaNamingAMissingColumnIsAnError) {
  CsvOptions options;
  options.schema = {{"alder", ColumnType::kInt64, {}, false}};
  const Error error = ReadError("namn,kon\nAnna,K\n", options);
  EXPECT_EQ(error.code(), ErrorCode::kUnknownColumn);
  EXPECT_STREQ(error.what(),
               "test.csv: the schema names the column 'alder', which the file does not have "
               "(columns: namn, kon)");
}

TEST_F(CsvReaderTest, MaxCategoriesDecidesBetweenCategoricalAndString) {
  const std::string text = "x\na\nb\nc\na\nb\nc\n";
  CsvOptions options;
  options.max_categories = 3;
  EXPECT_EQ(Read(text, options).GetColumn("x").type(), ColumnType::kCategorical);
  options.max_categories = 2;
  EXPECT_EQ(Read(text, options).GetColumn("x").strings()[3], "a");
}

TEST_F(CsvReaderTest, ReadsWindows1252AsUtf8) {
  CsvFormat format;
  const Table table = Read("ort;bel\xF6pp\nG\xF6teborg;5\n\xC5m\xE5l;\x80\n", {}, &format);
  EXPECT_EQ(format.encoding, TextEncoding::kWindows1252);
  EXPECT_EQ(table.column(1).name(), "belöpp");
  EXPECT_EQ(Cells(table.GetColumn("ort")), (std::vector<std::string>{"Göteborg", "Åmål"}));
  EXPECT_EQ(Cells(table.column(1)), (std::vector<std::string>{"5", "€"}));
  EXPECT_EQ(format.notes.at(0), "the file was not valid UTF-8 and was read as Windows-1252");
}

TEST_F(CsvReaderTest, ForcedUtf8RejectsInvalidBytes) {
  CsvOptions options;
  options.encoding = TextEncoding::kUtf8;
  const Error error = ReadError("ort\nG\xF6teborg\n", options);
  EXPECT_EQ(error.code(), ErrorCode::kBadValue);
  EXPECT_STREQ(error.what(), "test.csv:2:2: line 2: invalid UTF-8 (byte 0xF6)");
}

TEST_F(CsvReaderTest, ErrorsNameLineAndColumn) {
  EXPECT_STREQ(ReadError("a,b\n1,2\n3\n").what(),
               "test.csv:3:2: line 3 has 1 fields, the header has 2");
  EXPECT_STREQ(ReadError("a,b\n1,2,3\n").what(),
               "test.csv:2:5: line 2 has 3 fields, the header has 2");
  EXPECT_STREQ(ReadError("a,b\n1,\"2\n3\n").what(),
               "test.csv:2:3: line 2, column 'b': the quote opened here is never closed");
  EXPECT_EQ(ReadError("a,a\n").code(), ErrorCode::kDuplicateHeader);
  EXPECT_EQ(ReadError("").code(), ErrorCode::kEmptyFile);
  EXPECT_EQ(ReadError("\xEF\xBB\xBF \r\n").code(), ErrorCode::kEmptyFile);
  EXPECT_EQ(ReadError(std::string("a,b\n1,\0\n", 8)).code(), ErrorCode::kNotCsv);
  EXPECT_STREQ(ReadError("a,b\r1,2\r3,4\r").what(),
               "test.csv: the lines end with a lone CR (old Mac format); save the file as CSV "
               "with CRLF or LF line ends");
}

// The reader reads a file that starts as UTF-8 without NUL in one pass over probing and tallying,
// and falls back to probing the whole file first when it meets a NUL byte or invalid UTF-8 later
// on: the errors and the decoding must be those of probing first.
TEST_F(CsvReaderTest, TroubleBeyondTheFirst64KbIsFoundAsIfTheWholeFileWereProbedFirst) {
  std::string rows;
  while (rows.size() < 200 * 1024) rows += "12,text\n";
  CsvOptions options;
  options.chunk_bytes = 4096;
  // A ragged row near the start, a NUL far after it: the NUL is what the file is refused for.
  const std::string ragged_then_nul = "a,b\n1,2,3\n" + rows + std::string("1,\0\n", 4);
  EXPECT_EQ(ReadError(ragged_then_nul, options).code(), ErrorCode::kNotCsv);
  // A duplicate header and a NUL: as before, the NUL.
  EXPECT_EQ(ReadError("a,a\n" + rows + std::string("1,\0\n", 4), options).code(),
            ErrorCode::kNotCsv);
  // A byte of Windows-1252 far in: the whole file is read as Windows-1252, the header too.
  const Table table = Read("a,b\u00f6\n" + rows + "7,K\xF6ping\n", options);
  EXPECT_EQ(table.column(1).name(), "b\u00c3\u00b6");
  EXPECT_EQ(Cells(table.column(1)).back(), "K\u00f6ping");
  // A ragged row far in, after a clean start: its line, found by the one-pass read.
  const std::size_t lines = 2 + std::count(rows.begin(), rows.end(), '\n');
  EXPECT_STREQ(
      ReadError("a,b\n" + rows + "1\n", options).what(),
      fmt::format("test.csv:{}:2: line {} has 1 fields, the header has 2", lines, lines).c_str());
}

// Many small chunks put boundaries inside quoted fields, between CR and LF and inside values.
std::string TrickyFile(int rows) {
  std::string text = "id;text;amount;code\r\n";
  for (int row = 0; row < rows; ++row) {
    text += std::to_string(row) + ";";
    switch (row % 5) {
      case 0:
        text += "\"multi\nline;with \"\"quotes\"\"\n\"";
        break;
      case 1:
        text += "plain";
        break;
      case 2:
        text += "";
        break;
      case 3:
        text += "\"\"\"\"";
        break;
      default:
        text += "\"\n\n\n\"";
        break;
    }
    text += fmt::format(";{},{};0{}\r\n", row % 7, row % 3, row % 11);
  }
  return text;
}

TEST_F(CsvReaderTest, ChunkBoundariesAnywhereGiveTheSameTable) {
  const std::string text = TrickyFile(500);
  const Table whole = Read(text);
  EXPECT_EQ(whole.num_rows(), 500U);
  EXPECT_EQ(whole.GetColumn("amount").type(), ColumnType::kDouble);
  EXPECT_EQ(Cells(whole.GetColumn("text"))[0], "multi\nline;with \"quotes\"\n");
  for (const std::size_t chunk_bytes : {1, 7, 64, 333, 4096}) {
    SCOPED_TRACE(chunk_bytes);
    CsvOptions options;
    options.chunk_bytes = chunk_bytes;
    ExpectSameTable(Read(text, options), whole);
  }
}

TEST_F(CsvReaderTest, StrayQuotesWithManyChunksGiveTheSameTable) {
  std::string text = "a,b\n";
  for (int row = 0; row < 200; ++row) {
    text += row % 17 == 0 ? "5\" screen,\"x\ny\"\n" : "plain,\"q,\"\"\"\n";
  }
  const Table whole = Read(text);
  CsvOptions options;
  options.chunk_bytes = 50;
  ExpectSameTable(Read(text, options), whole);
  EXPECT_EQ(Cells(whole.GetColumn("a"))[0], "5\" screen");
}

// An office's table of a few ages (66, 71, …) written with Swedish headers: "sjuttio" is still an
// error, since an age is a number by nature.
TEST_F(CsvReaderTest, ATypoAmongAFewAgesIsAnErrorToo) {
  std::string text = "Kön;Ålder;Hemtjänst\n";
  for (int row = 0; row < 40; ++row) text += fmt::format("K;{};0\n", 66 + 5 * (row % 5));
  text += "M;sjuttio;1\n";
  try {
    Read(text, CsvOptions{});
    FAIL() << "read as text";
  } catch (const Error& error) {
    EXPECT_EQ(error.location().line, 42U);
    EXPECT_EQ(error.field(), "Ålder");
    EXPECT_EQ(error.value(), "sjuttio");
  }
  // A code list of a few numbers and a total stays text where it is not the age.
  const Table codes = Read("kod;n\n1;5\n2;6\n1+2;11\n", CsvOptions{});
  EXPECT_EQ(codes.GetColumn("kod").type(), ColumnType::kCategorical);
}

// "sjuttio" among the ages: an error at its line and column, with the way to read it as text.
TEST_F(CsvReaderTest, ATypoInAColumnOfNumbersIsAnErrorAtItsLine) {
  std::string text = "kon;alder;dod\n";
  for (int row = 0; row < 200; ++row) text += fmt::format("K;{};0\n", row % 90);
  text += "M;sjuttio;1\n";
  for (int row = 0; row < 50; ++row) text += fmt::format("M;{};0\n", row);
  CsvOptions options;
  options.chunk_bytes = 256;
  try {
    Read(text, options);
    FAIL() << "read as text";
  } catch (const Error& error) {
    // Without a door's way to declare the type, the file is what to correct.
    EXPECT_NE(std::string(error.what()).find("(correct the value in the file)"), std::string::npos)
        << error.what();
  }
  options.read_as_text = [](const std::string& column) { return "--type " + column + "=text"; };
  try {
    Read(text, options);
    FAIL() << "read as text";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kBadValue);
    EXPECT_EQ(error.location().line, 202U);
    EXPECT_EQ(error.location().column, 3U);
    const std::string message = error.what();
    EXPECT_NE(message.find("sjuttio"), std::string::npos) << message;
    EXPECT_NE(message.find("--type alder=text"), std::string::npos) << message;
  }
  // Declared as text, it is read as text.
  CsvOptions declared = options;
  declared.schema.push_back({"alder", ColumnType::kCategorical, {}, false});
  EXPECT_EQ(Read(text, declared).GetColumn("alder").type(), ColumnType::kCategorical);
  // A known dimension is text by nature: "okänd" among municipality codes stays a code.
  std::string codes = "kommun;x\n";
  for (int row = 0; row < 100; ++row) codes += fmt::format("{};1\n", 1200 + row % 40);
  codes += "okänd;1\n";
  EXPECT_EQ(Read(codes).GetColumn("kommun").type(), ColumnType::kCategorical);
}

TEST_F(CsvReaderTest, ColumnsThatTurnTextLateKeepEveryValue) {
  // The column is numeric for most chunks; the dictionary must still hold the numbers' texts.
  // (Three texts: with one or two, the numbers' column would be rejected as holding typos.)
  std::string text = "x\n";
  for (int row = 0; row < 300; ++row) text += std::to_string(row % 40) + "\n";
  text += "okänd\nsaknas\nej svar\n";
  CsvOptions options;
  options.chunk_bytes = 100;
  const Table table = Read(text, options);
  const Column& x = table.GetColumn("x");
  ASSERT_EQ(x.type(), ColumnType::kCategorical);
  EXPECT_EQ(x.categorical().dictionary.size(), 43U);
  EXPECT_EQ(x.ValueToString(39), "39");
  EXPECT_EQ(x.ValueToString(300), "okänd");
}

TEST_F(CsvReaderTest, ColumnsThatTurnTextAfterLargeNumbersKeepEveryValue) {
  // Numbers too large to remember: the chunks that saw them are read again for their texts.
  std::string text = "x,y\n";
  for (int row = 0; row < 300; ++row) text += fmt::format("{},{}\n", 5000 + row % 30, row % 2);
  text += "x1,1\nx2,0\nx3,1\n";
  CsvOptions options;
  options.chunk_bytes = 100;
  const Table table = Read(text, options);
  const Column& x = table.GetColumn("x");
  ASSERT_EQ(x.type(), ColumnType::kCategorical);
  EXPECT_EQ(x.categorical().dictionary.size(), 33U);
  EXPECT_EQ(x.ValueToString(29), "5029");
  EXPECT_EQ(x.ValueToString(300), "x1");
  ExpectSameTable(table, Read(text));
}

TEST_F(CsvReaderTest, ThreadCountDoesNotChangeTheResult) {
  const std::string text = TrickyFile(2000);
  CsvOptions options;
  options.chunk_bytes = 256;
  const char* previous = std::getenv("JAMLIK_THREADS");
  const std::string saved = previous != nullptr ? previous : "";
  setenv("JAMLIK_THREADS", "1", 1);
  const Table one = Read(text, options);
  setenv("JAMLIK_THREADS", "4", 1);
  const Table four = Read(text, options);
  if (previous != nullptr) {
    setenv("JAMLIK_THREADS", saved.c_str(), 1);
  } else {
    unsetenv("JAMLIK_THREADS");
  }
  ExpectSameTable(four, one);
}

// Read `text` whole and in tiny chunks: the same table or the same error either way.
void ExpectChunkingInvariant(const std::string& text, CsvOptions options) {
  std::string whole_error;
  std::string chunked_error;
  std::optional<Table> whole;
  std::optional<Table> chunked;
  try {
    whole = Read(text, options);
  } catch (const Error& error) {
    whole_error = error.what();
  }
  options.chunk_bytes = 3;
  try {
    chunked = Read(text, options);
  } catch (const Error& error) {
    chunked_error = error.what();
  }
  ASSERT_EQ(chunked_error, whole_error);
  if (whole) ExpectSameTable(*chunked, *whole);
}

TEST_F(CsvReaderTest, RandomTextReadsTheSameInChunks) {
  // Random bytes from CSV's special characters and a few values: quotes in every position,
  // CRLF split anywhere, ragged rows, stray quotes, unterminated quotes.
  constexpr std::string_view kPieces[] = {"a",    "1",  "0",    "12,5", ",", ";",    "\"",
                                          "\"\"", "\n", "\r\n", " ",    "ö", "x\"y", "-3"};
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text = "a,b\n";
    const int pieces = static_cast<int>(random() % 60);
    for (int i = 0; i < pieces; ++i) text += kPieces[random() % std::size(kPieces)];
    SCOPED_TRACE(text);
    // Few categories allowed: chunks overflow, stop each other and collect again.
    CsvOptions options;
    options.max_categories = round % 2 == 0 ? CsvOptions{}.max_categories : 2;
    ExpectChunkingInvariant(text, options);
    if (HasFailure()) break;
  }
}

TEST_F(CsvReaderTest, ReportsTheFirstErrorInFileOrder) {
  std::string text = "a,b\n";
  for (int row = 0; row < 1000; ++row) text += row == 700 || row == 900 ? "1\n" : "1,2\n";
  CsvOptions options;
  options.schema = {{"b", ColumnType::kInt64, {}, false}};
  text += "1,x\n";
  options.chunk_bytes = 16;
  for (const char* threads : {"1", "3"}) {
    setenv("JAMLIK_THREADS", threads, 1);
    EXPECT_STREQ(ReadError(text, options).what(),
                 "test.csv:702:2: line 702 has 1 fields, the header has 2");
  }
  unsetenv("JAMLIK_THREADS");
}

TEST_F(CsvReaderTest, ReportsProgressUpToOne) {
  std::vector<double> seen;
  CsvOptions options;
  options.chunk_bytes = 64;
  options.progress = [&](double fraction) { seen.push_back(fraction); };
  Read(TrickyFile(100), options);
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.back(), 1.0);
}

TEST_F(CsvReaderTest, ReadsFilesAndNamesThemInErrors) {
  const std::string path = std::string(JAMLIK_TEST_DATA_DIR) + "/csv/personer_utf8.csv";
  CsvFormat format;
  const Table table = ReadCsvFile(path, {}, &format);
  EXPECT_GT(table.num_rows(), 0U);
  EXPECT_GT(format.bytes, 0U);
  try {
    ReadCsvFile("/nonexistent/file.csv");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kIo);
    EXPECT_STREQ(error.what(),
                 "/nonexistent/file.csv: cannot read the file: No such file or directory");
  }
}

// The same table written by a Swedish Excel (Windows-1252, ';', decimal comma, CRLF) and by a
// script (UTF-8, ',', decimal point, LF) reads the same.
TEST_F(CsvReaderTest, SwedishExcelAndUtf8FilesGiveTheSameTable) {
  const std::string dir = std::string(JAMLIK_TEST_DATA_DIR) + "/csv/";
  CsvFormat excel_format;
  CsvFormat utf8_format;
  const Table excel = ReadCsvFile(dir + "personer_cp1252.csv", {}, &excel_format);
  const Table utf8 = ReadCsvFile(dir + "personer_utf8.csv", {}, &utf8_format);
  EXPECT_EQ(excel_format.encoding, TextEncoding::kWindows1252);
  EXPECT_EQ(excel_format.delimiter, ';');
  EXPECT_EQ(excel_format.decimal_mark, DecimalMark::kComma);
  EXPECT_TRUE(excel_format.crlf);
  EXPECT_EQ(utf8_format.encoding, TextEncoding::kUtf8);
  EXPECT_EQ(utf8_format.delimiter, ',');
  EXPECT_FALSE(utf8_format.crlf);
  ExpectSameTable(excel, utf8);
  EXPECT_EQ(utf8.column(0).name(), "kommun");
  EXPECT_EQ(utf8.GetColumn("utbildningsnivå").type(), ColumnType::kCategorical);
  EXPECT_EQ(utf8.GetColumn("inkomst").type(), ColumnType::kDouble);
}

}  // namespace
}  // namespace jamlik
