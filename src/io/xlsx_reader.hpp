#pragma once
// Excel workbooks (.xlsx, Office Open XML) in: the first worksheet becomes CSV text that the CSV
// reader reads, so an Excel file gets the same type inference, known-dimension rules, limits and
// errors (file:line, column, value) as a CSV file. libzip opens the package and libxml2 parses
// its XML; only the cell values are read (shared strings, inline strings, numbers, booleans,
// formulas' cached values), never formulas, styles or other sheets.
#include <string>
#include <string_view>

#include "core/table.hpp"
#include "io/csv_reader.hpp"

namespace jamlik {

// Whether the bytes begin like a ZIP package (an .xlsx file), whatever the file's name.
bool LooksLikeZip(std::string_view first_bytes);

struct ExcelSheetText {
  std::string name;  // "Blad1"
  // Tab-separated, one line per sheet row from row 1 (an empty line for an empty row, which the
  // CSV reader skips, so that its line numbers are the sheet's row numbers), every row as wide as
  // the widest; fields quoted where they hold a tab, a quote or a line break. Numbers as Excel
  // stores them ("18.4", "2023"), booleans as 1/0, error values as Excel shows them ("#N/A").
  std::string tsv;
};

// Read the workbook's first worksheet. Throws Error (kIo, kNotCsv when it is no workbook, kBadValue
// for a damaged part) naming the file and the part.
ExcelSheetText ReadXlsxFirstSheet(const std::string& path);

// Read a data file: an Excel workbook's first sheet when the file is one (by its first bytes),
// CSV otherwise. Errors in a sheet name its rows as Excel numbers them (unless a cell above holds
// a line break, which the CSV reader counts as a line).
Table ReadTableFile(const std::string& path, const CsvOptions& options = {},
                    CsvFormat* format = nullptr);

}  // namespace jamlik
