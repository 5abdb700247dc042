#pragma once
// Write a table for people and programs: CSV (Swedish or international conventions), JSON (an
// array of row objects keyed by column name) and an aligned text table for the terminal.
#include <functional>
#include <iosfwd>
#include <string>

#include "core/table.hpp"

namespace jamlik {

struct CsvWriteOptions {
  char delimiter = ',';
  bool decimal_comma = false;  // Swedish convention; needs a delimiter other than ','
  // Begin with the UTF-8 byte order mark, by which Excel knows the file is UTF-8 (å ä ö).
  bool byte_order_mark = false;
};

// What Swedish Excel opens as columns: ';' between fields, a decimal comma, a byte order mark.
inline constexpr CsvWriteOptions kSwedishExcelCsv{
    .delimiter = ';', .decimal_comma = true, .byte_order_mark = true};

void WriteCsv(const Table& table, std::ostream& out, const CsvWriteOptions& options = {});
// Nulls are JSON null; numbers are numbers; categories and strings are strings.
void WriteJson(const Table& table, std::ostream& out);
// Columns padded to their widest value (counted in characters, so å ä ö align); numbers right-
// aligned; doubles with at most `max_decimals` decimals, with a decimal comma in Swedish.
void WriteTextTable(const Table& table, std::ostream& out, int max_decimals = 2);

// Write `contents(stream)` to `path` through a temporary file renamed into place, so a failure
// never leaves a half-written file behind. Throws kIo naming the path.
void WriteFileAtomically(const std::string& path,
                         const std::function<void(std::ostream&)>& contents);

}  // namespace jamlik
