// Fuzz the Excel reader (src/io/xlsx_reader.hpp) as every door reads an upload: the workbook's
// first sheet as tab-separated text (ReadXlsxFirstSheet), then as a table (ReadTableFile, the CSV
// reader underneath). The reader takes a path, so each input is written to a temporary file first.
//
// The first byte picks how the rest becomes a workbook:
//  - even: the bytes are the file (a damaged ZIP, a ZIP of anything);
//  - odd: the bytes are the package's XML parts, separated by "\n====\n", in the order
//    xl/worksheets/sheet1.xml, xl/sharedStrings.xml, xl/workbook.xml, xl/_rels/workbook.xml.rels
//    (a part not given is a minimal valid one), zipped here with libzip. Mutations of a ZIP's
//    bytes mostly break its checksums; this way the XML reading is what gets fuzzed.
// Checks: every non-empty line of the sheet's text has as many fields as the widest (the reader's
// promise), and the table's columns are as long as the table. Any exception but jamlik::Error, a
// sanitizer report or a failed check is a finding.
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "fuzz_common.hpp"
#include "io/xlsx_reader.hpp"

namespace jamlik {
namespace {

[[noreturn]] void Finding(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "xlsx_reader_fuzzer: %s %s\n", what, detail.c_str());
  std::abort();
}

const std::string& TemporaryPath() {
  static const std::string path = "/tmp/jamlik_xlsx_fuzz_" + std::to_string(::getpid()) + ".xlsx";
  return path;
}

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// The parts given in `text`, the rest minimal and valid.
std::vector<std::pair<std::string, std::string>> Parts(std::string_view text) {
  std::vector<std::string> given;
  constexpr std::string_view kSeparator = "\n====\n";
  while (given.size() < 3) {
    const std::size_t at = text.find(kSeparator);
    if (at == std::string_view::npos) break;
    given.emplace_back(text.substr(0, at));
    text.remove_prefix(at + kSeparator.size());
  }
  given.emplace_back(text);
  const auto part = [&](std::size_t i, std::string fallback) {
    return i < given.size() ? given[i] : std::move(fallback);
  };
  const std::string main(kMain);
  return {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"xl/worksheets/sheet1.xml",
       part(0, "<worksheet xmlns=\"" + main + "\"><sheetData/></worksheet>")},
      {"xl/sharedStrings.xml", part(1, "<sst xmlns=\"" + main + "\"/>")},
      {"xl/workbook.xml",
       part(2, "<workbook xmlns=\"" + main +
                   "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                   "relationships\"><sheets><sheet name=\"Blad1\" sheetId=\"1\" "
                   "r:id=\"rId1\"/></sheets></workbook>")},
      {"xl/_rels/workbook.xml.rels",
       part(3,
            "<Relationships "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
            "Id=\"rId1\" Type=\"x\" Target=\"worksheets/sheet1.xml\"/></Relationships>")},
  };
}

void WriteZip(const std::vector<std::pair<std::string, std::string>>& parts) {
  int error = 0;
  zip_t* archive = zip_open(TemporaryPath().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) Finding("cannot create the temporary workbook");
  for (const auto& [name, bytes] : parts) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    if (source == nullptr) Finding("zip_source_buffer failed");
    const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      Finding("zip_file_add failed", name);
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) Finding("zip_close failed", zip_strerror(archive));
}

void WriteRaw(std::string_view bytes) {
  std::ofstream out(TemporaryPath(), std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) Finding("cannot write the temporary file");
}

// The field count of each line of tab-separated text with quoted fields (a quoted field may hold
// tabs, quotes doubled and line breaks); an empty line counts 0.
std::vector<std::size_t> FieldCounts(const std::string& tsv) {
  std::vector<std::size_t> counts;
  std::size_t fields = 0;
  bool line_empty = true, quoted = false, field_start = true;
  for (std::size_t i = 0; i < tsv.size(); ++i) {
    const char c = tsv[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < tsv.size() && tsv[i + 1] == '"') {
          ++i;
        } else {
          quoted = false;
        }
      }
      continue;
    }
    if (c == '\n') {
      counts.push_back(line_empty ? 0 : fields + 1);
      fields = 0;
      line_empty = true;
      field_start = true;
      continue;
    }
    line_empty = false;
    if (c == '\t') {
      ++fields;
      field_start = true;
      continue;
    }
    if (c == '"' && field_start) quoted = true;
    field_start = false;
  }
  if (quoted) Finding("a quoted field never closes");
  if (!line_empty) counts.push_back(fields + 1);
  return counts;
}

void CheckSheet(const ExcelSheetText& sheet) {
  std::size_t widest = 0;
  const std::vector<std::size_t> counts = FieldCounts(sheet.tsv);
  for (const std::size_t count : counts) widest = std::max(widest, count);
  for (std::size_t line = 0; line < counts.size(); ++line) {
    if (counts[line] != 0 && counts[line] != widest) {
      Finding("a row narrower than the widest, line", std::to_string(line + 1));
    }
  }
}

void CheckTable(const Table& table) {
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    if (column.size() != table.num_rows()) Finding("column length differs", column.name());
    for (std::size_t row = 0; row < column.size(); ++row) {
      if (!column.IsNull(row)) (void)column.ValueToString(row);
    }
  }
}

}  // namespace
}  // namespace jamlik

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  jamlik::fuzz::SetUpEnvironment();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jamlik;
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    WriteRaw(rest);
  } else {
    WriteZip(Parts(rest));
  }
  try {
    CheckSheet(ReadXlsxFirstSheet(TemporaryPath()));
  } catch (const Error&) {
  }
  try {
    CheckTable(ReadTableFile(TemporaryPath()));
  } catch (const Error&) {
  }
  std::remove(TemporaryPath().c_str());  // libFuzzer leaves without running atexit handlers
  return 0;
}
