// Fuzz the CSV reader (src/io/csv_reader.hpp): any bytes give a table or a jamlik::Error, nothing
// else. Three reads of each input:
//  1. as every door reads an upload: everything detected, then ApplyKnownDimensions;
//  2. the same split into a few small chunks, which must give the same table or the same error (the
//     reader promises that chunk boundaries and thread counts change nothing);
//  3. with fixed options picked from the input's last byte: delimiter, encoding, decimal mark, a
//     small max_categories and a declared type for the first column.
// Every table is checked against the reader's promises: columns as long as the table, validity
// bitmaps covering every row, categorical codes of non-null rows inside the dictionary.
// Any other exception, a sanitizer report or a failed check is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "fuzz_common.hpp"

namespace jamlik {
namespace {

[[noreturn]] void Finding(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "csv_reader_fuzzer: %s %s\n", what, detail.c_str());
  std::abort();
}

void CheckTable(const Table& table) {
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    if (column.size() != table.num_rows()) Finding("column length differs", column.name());
    if (column.type() != ColumnType::kCategorical) {
      for (std::size_t row = 0; row < column.size(); ++row) (void)column.IsNull(row);
      continue;
    }
    const CategoricalData& data = column.categorical();
    for (std::size_t row = 0; row < column.size(); ++row) {
      if (column.IsNull(row)) continue;
      if (data.CodeAt(row) >= data.dictionary.size())
        Finding("code outside dictionary", column.name());
      (void)column.ValueToString(row);
    }
  }
}

// Compare names, types, categories and every cell.
bool SameTable(const Table& a, const Table& b) {
  if (a.num_columns() != b.num_columns() || a.num_rows() != b.num_rows()) return false;
  for (std::size_t c = 0; c < a.num_columns(); ++c) {
    const Column& x = a.column(c);
    const Column& y = b.column(c);
    if (x.name() != y.name() || x.type() != y.type()) return false;
    if (x.type() == ColumnType::kCategorical &&
        x.categorical().dictionary.categories() != y.categorical().dictionary.categories()) {
      return false;
    }
    for (std::size_t row = 0; row < x.size(); ++row) {
      if (x.IsNull(row) != y.IsNull(row)) return false;
      if (!x.IsNull(row) && x.ValueToString(row) != y.ValueToString(row)) return false;
    }
  }
  return true;
}

struct Outcome {
  std::optional<Table> table;
  std::optional<ErrorCode> code;
  std::string message;
};

Outcome Read(std::string_view text, const CsvOptions& options) {
  Outcome outcome;
  try {
    outcome.table = ReadCsvText(text, "fuzz.csv", options);
    CheckTable(*outcome.table);
  } catch (const Error& error) {
    outcome.code = error.code();
    outcome.message = error.what();
  }
  return outcome;
}

}  // namespace
}  // namespace jamlik

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  jamlik::fuzz::SetUpEnvironment();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jamlik;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // 1. As an upload is read.
  const Outcome detected = Read(text, {});
  if (detected.table) {
    try {
      CheckTable(ApplyKnownDimensions(*detected.table));
    } catch (const Error&) {
    }
  }

  // 2. The same in chunks of a few bytes.
  const std::uint8_t pick = size == 0 ? 0 : data[size - 1] ^ static_cast<std::uint8_t>(size);
  // Two to seven chunks whose boundaries move with the input: many more would cost each chunk's
  // tally (a few hundred bytes per column) and leave fewer runs for everything else.
  const std::size_t chunk_bytes = 1 + size / (2 + pick % 6) + pick % 5;
  CsvOptions chunked;
  chunked.chunk_bytes = chunk_bytes;
  const Outcome in_chunks = Read(text, chunked);
  if (detected.table.has_value() != in_chunks.table.has_value()) {
    Finding("chunked read disagrees about success", detected.message + " | " + in_chunks.message);
  }
  if (detected.table && !SameTable(*detected.table, *in_chunks.table)) {
    Finding("chunked read gives another table");
  }
  if (!detected.table &&
      (detected.code != in_chunks.code || detected.message != in_chunks.message)) {
    Finding("chunked read gives another error", detected.message + " | " + in_chunks.message);
  }

  // 3. Fixed options.
  CsvOptions fixed;
  constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  fixed.delimiter = kDelimiters[pick & 3];
  fixed.encoding = (pick & 4) != 0 ? TextEncoding::kWindows1252 : TextEncoding::kUtf8;
  fixed.decimal_mark = (pick & 8) != 0 ? DecimalMark::kComma : DecimalMark::kPoint;
  fixed.max_categories = 1 + (pick >> 4);
  if (detected.table && detected.table->num_columns() > 0) {
    constexpr ColumnType kTypes[] = {ColumnType::kInt64, ColumnType::kDouble,
                                     ColumnType::kCategorical, ColumnType::kString};
    CsvColumnSpec spec;
    spec.name = detected.table->column(0).name();
    spec.type = kTypes[(pick >> 2) & 3];
    if (spec.type == ColumnType::kCategorical) spec.categories = {"b", "a", ""};
    spec.ordered = (pick & 1) != 0;
    fixed.schema.push_back(spec);
  }
  fixed.chunk_bytes = (pick & 2) != 0 ? chunk_bytes : 0;
  (void)Read(text, fixed);
  return 0;
}
