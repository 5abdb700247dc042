// Excel workbooks in: a handmade package (tests/data/xlsx/make_handmade.py, written part by part)
// and workbooks written by libxlsxwriter read back to the same table.
#include "io/xlsx_reader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/xlsx_writer.hpp"

namespace jamlik {
namespace {

const std::string kHandmade = JAMLIK_TEST_DATA_DIR "/xlsx/handmade.xlsx";

class XlsxReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("jamlik_xlsx_reader_" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::string Path(const std::string& name) const { return (folder_ / name).string(); }

  std::filesystem::path folder_;
};

TEST_F(XlsxReaderTest, TheFirstSheetsCellsAsExcelStoresThem) {
  const ExcelSheetText sheet = ReadXlsxFirstSheet(kHandmade);
  EXPECT_EQ(sheet.name, "Blad1");
  // Shared, rich-text (without its phonetic guide) and inline strings; a number; a boolean as
  // 1/0; a formula's cached value; a cell without a reference after B; the blank row 3 as an
  // empty line; an error value as Excel shows it; a tab and quotes quoted.
  EXPECT_EQ(sheet.tsv,
            "Kommun\tKön\tÅlder\tNot\tSvar\n"
            "Lekeberg\tKvinnor\t67\t\"med\ttabb och \"\"citat\"\"\"\t1\n"
            "\n"
            "Lekeberg\tMän\t70\t\t0\n"
            "Lekeberg\tKvinnor\t#N/A\t\t1\n");
}

TEST_F(XlsxReaderTest, AnErrorValueAmongNumbersIsRefusedAtItsSheetRow) {
  const ScopedLanguage english(Language::kEnglish);
  try {
    ReadTableFile(kHandmade);
    FAIL() << "read";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kBadValue);
    EXPECT_EQ(error.location().line, 5U);  // the sheet's row 5, past the blank row 3
    EXPECT_EQ(error.location().column, 0U);
    EXPECT_EQ(error.field(), "Ålder");
    EXPECT_EQ(error.value(), "#N/A");
    EXPECT_NE(std::string(error.what()).find("(correct the value in the file)"), std::string::npos)
        << error.what();
  }
}

TEST_F(XlsxReaderTest, AWorkbookWrittenByLibxlsxwriterReadsBackToTheSameTable) {
  Validity some_missing = Validity::AllValid(3);
  some_missing.Clear(1);
  const Table written({
      Column::CategoricalFromStrings("kommun", {"0180", "1814", "1880"}),
      Column::Int64("ar", {2022, 2023, 2024}),
      Column::Double("andel", {18.4, 0, 1.0 / 3.0}, some_missing),
      Column::String("not", {"Åsa; \"citat\"", "", "tre\trader"}),
  });
  const std::string path = Path("skrivet.xlsx");
  WriteXlsx(written, path, "Data");
  CsvFormat format;
  const Table read = ReadTableFile(path, {}, &format);
  EXPECT_EQ(format.excel_sheet, "Data");
  ASSERT_FALSE(format.notes.empty());
  EXPECT_NE(format.notes[0].find("'Data'"), std::string::npos) << format.notes[0];
  ASSERT_EQ(read.num_rows(), 3U);
  ASSERT_EQ(read.num_columns(), 4U);
  // Codes with leading zeros stay text; numbers are numbers, to the last bit.
  EXPECT_EQ(read.GetColumn("kommun").ValueToString(0), "0180");
  EXPECT_EQ(read.GetColumn("ar").type(), ColumnType::kInt64);
  EXPECT_EQ(read.GetColumn("ar").int64s(), (std::vector<std::int64_t>{2022, 2023, 2024}));
  const Column& share = read.GetColumn("andel");
  EXPECT_EQ(share.type(), ColumnType::kDouble);
  EXPECT_EQ(share.doubles()[0], 18.4);
  EXPECT_TRUE(share.IsNull(1));
  EXPECT_EQ(share.doubles()[2], 1.0 / 3.0);
  EXPECT_EQ(read.GetColumn("not").ValueToString(0), "Åsa; \"citat\"");
  EXPECT_EQ(read.GetColumn("not").ValueToString(2), "tre\trader");
}

TEST_F(XlsxReaderTest, AZipThatIsNoWorkbookAndACsvFile) {
  const std::string zip = Path("trasig.xlsx");
  std::ofstream(zip, std::ios::binary) << std::string("PK\x03\x04 inget arkiv", 17);
  try {
    ReadTableFile(zip);
    FAIL() << "read";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kNotCsv);
    EXPECT_EQ(error.location().file, zip);
  }
  const std::string csv = Path("data.csv");
  std::ofstream(csv) << "kommun;x\n1814;1,5\n";
  const Table table = ReadTableFile(csv);
  EXPECT_EQ(table.GetColumn("x").doubles(), (std::vector<double>{1.5}));
}

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// A workbook of one sheet whose <sheetData> is `rows`, written part by part as a damaged or unusual
// package would be.
void WriteOneSheetWorkbook(const std::string& path, const std::string& rows) {
  const std::string main(kMain);
  const std::vector<std::pair<std::string, std::string>> parts = {
      {"xl/workbook.xml",
       "<workbook xmlns=\"" + main +
           "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
           "<sheets><sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"x\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml",
       "<worksheet xmlns=\"" + main + "\"><sheetData>" + rows + "</sheetData></worksheet>"},
  };
  int status = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &status);
  ASSERT_NE(archive, nullptr);
  for (const auto& [name, text] : parts) {
    zip_source_t* source = zip_source_buffer(archive, text.data(), text.size(), 0);
    ASSERT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(archive), 0);
}

// The error ReadXlsxFirstSheet(path) throws, or an empty message when it reads.
std::string ReadError(const std::string& path) {
  try {
    ReadXlsxFirstSheet(path);
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kBadValue) << error.what();
    return error.what();
  }
  return {};
}

// Found by fuzz/xlsx_reader_fuzzer: a cell left of the one before it in its row ("JI7" then "K7")
// made the row wider than the sheet's other rows. Excel writes cells in column order; a package
// that does not is damaged, and the error names the cell.
TEST_F(XlsxReaderTest, ACellLeftOfThePreviousOneInItsRowIsAnError) {
  const std::string path = Path("ordning.xlsx");
  WriteOneSheetWorkbook(path,
                        "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"
                        "<row r=\"2\"><c r=\"A2\"><v>3</v></c><c r=\"C2\"><v>4</v></c>"
                        "<c r=\"B2\"><v>5</v></c></row>");
  EXPECT_NE(ReadError(path).find("c r=\"B2\""), std::string::npos) << ReadError(path);
}

// Found by fuzz/xlsx_reader_fuzzer (out of memory): a row numbered past Excel's last row, 1 048
// 576, was given room for every row before it. Such a row is an error naming it; the last row
// itself reads, at its line, without room for the empty rows before it.
TEST_F(XlsxReaderTest, RowsPastExcelsLastRowAreAnErrorAndEmptyRowsCostNothing) {
  const std::string far = Path("langt.xlsx");
  WriteOneSheetWorkbook(far, "<row r=\"90000000\"><c r=\"A90000000\"><v>1</v></c></row>");
  EXPECT_NE(ReadError(far).find("row r=\"90000000\""), std::string::npos) << ReadError(far);

  const std::string last = Path("sista.xlsx");
  WriteOneSheetWorkbook(last,
                        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c>"
                        "<c r=\"B1\" t=\"inlineStr\"><is><t>y</t></is></c></row>"
                        "<row r=\"3\"/>"
                        "<row r=\"1048576\"><c r=\"B1048576\"><v>7</v></c></row>");
  const ExcelSheetText sheet = ReadXlsxFirstSheet(last);
  EXPECT_EQ(sheet.tsv, "x\ty\n" + std::string(1048574, '\n') + "\t7\n");
}

}  // namespace
}  // namespace jamlik
