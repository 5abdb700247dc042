#pragma once
// Read CSV as Swedish offices write it: delimiter `,` `;` or tab detected, UTF-8 (with or without
// BOM) or Windows-1252 converted to UTF-8, decimal comma, RFC 4180 quoting, CRLF. Types are
// inferred from every value (or set by a schema); codes with leading zeros stay text. Parsing runs
// in parallel over chunks of a memory-mapped file. Every problem is an Error naming
// file:line:column, the column and the offending text; nothing is half-loaded.
//
// The rules, where CSV readers differ:
// - Delimiter: the one of ';' tab ',' that splits the first rows into the same number of fields,
//   the most; ties go in that order. Decimal mark (DecimalMark::kAuto): '.' with ','; with ';'
//   or tab, ',' unless the data's numbers have decimal points and none has a decimal comma
//   (sampled at the start and three more places); only that one mark is a number's decimal mark.
// - Quotes: RFC 4180. Leniently, like Python's csv and pandas, a quote inside an unquoted field
//   or text after a closing quote is an ordinary character (`12" skärm`); CsvFormat::notes says
//   how many there were. Each chunk after such a quote is read twice.
// - An empty field, quoted ("") or not, is null, in every type. Blank lines are skipped.
// - Spaces are kept in text. Numbers may have spaces around them; a header name is trimmed.
// - int64 when every value is an integer without a leading zero; double when every value is a
//   number; otherwise text. `0180` or `0114A0010` make the column text, and so do integers beyond
//   int64 (identifiers a double would round), "inf", "nan" and thousands separators.
// - Text becomes categorical when it has at most max_categories distinct values and at most half
//   as many as there are values (any count up to max_categories in tables of up to 100 rows);
//   categories are sorted by bytes unless the schema declares them. Otherwise string.
// - A column without any value (all empty, or a header-only file) is categorical with no
//   categories.
// - Errors in several places: the first in the file is reported, whatever the thread count.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/column.hpp"
#include "core/table.hpp"

namespace jamlik {

enum class TextEncoding { kAuto, kUtf8, kWindows1252 };
enum class DecimalMark { kAuto, kPoint, kComma };

// Declares what a column is, overriding inference: its type and, for categorical columns, the
// category order (e.g. förgymnasial, gymnasial, eftergymnasial) and whether it is ordered.
struct CsvColumnSpec {
  std::string name;
  std::optional<ColumnType> type;
  std::vector<std::string> categories;  // declared order; values not listed are appended
  bool ordered = false;
};

struct CsvOptions {
  std::optional<char> delimiter;  // detected from the header and first lines when unset
  TextEncoding encoding = TextEncoding::kAuto;
  DecimalMark decimal_mark = DecimalMark::kAuto;
  std::vector<CsvColumnSpec> schema;  // by column name; columns not named are inferred
  // How the calling door lets its user read `column` as text ("--type Ålder=text"), named in the
  // error about a typo among numbers; without it the error asks to correct the file.
  std::string (*read_as_text)(const std::string& column) = nullptr;
  // Text columns with at most this many distinct values become categorical, others strings.
  std::size_t max_categories = 1 << 16;
  // Called now and then with the fraction done (0..1), never concurrently, from whichever
  // thread finished a piece of work.
  std::function<void(double)> progress;
  // Bytes per parallel work unit; 0 picks a few MB. Tests set it small to put chunk boundaries
  // inside quoted fields.
  std::size_t chunk_bytes = 0;
};

// What the reader found out about a file, for `jamlik inspect` and the upload page.
struct CsvFormat {
  char delimiter = ',';
  TextEncoding encoding = TextEncoding::kUtf8;  // of the file as it was on disk
  bool had_bom = false;
  DecimalMark decimal_mark = DecimalMark::kPoint;
  bool crlf = false;
  std::size_t bytes = 0;
  // The sheet read when the file was an Excel workbook (io/xlsx_reader.hpp); empty for CSV.
  std::string excel_sheet;
  // Observations an analyst should know about, in the user's language (e.g. "kolumn 'kommun':
  // koder med inledande nollor behålls som text").
  std::vector<std::string> notes;
};

// Read the file at `path`. Throws Error (codes kIo, kEmptyFile, kNotCsv, kRaggedRow,
// kUnterminatedQuote, kDuplicateHeader, kBadValue) with location; returns the whole table or
// nothing.
Table ReadCsvFile(const std::string& path, const CsvOptions& options = {},
                  CsvFormat* format = nullptr);

// Read CSV held in memory; `display_name` stands for the file name in error messages.
Table ReadCsvText(std::string_view text, const std::string& display_name,
                  const CsvOptions& options = {}, CsvFormat* format = nullptr);

const char* TextEncodingName(TextEncoding encoding);  // "UTF-8", "Windows-1252"

// A column type as users name it (the CLI's --type, Python's types=): int, double, category or
// text (also int64, number, categorical, string). Throws kUsage naming the choices.
ColumnType ParseColumnTypeName(std::string_view name);

}  // namespace jamlik
