#pragma once
// How every command writes its table: CSV, JSON, Excel or an aligned terminal table, to a file
// (atomically) or to stdout.
#include <functional>
#include <string>

#include "core/table.hpp"

namespace jamlik::cli {

struct EmitOptions {
  // The columns worth a terminal's width; by default all of them.
  std::function<Table(const Table&)> terminal_view{};
  int decimals = 2;
  std::string sheet = "Jämlik";                                    // Excel sheet name
  std::function<std::string(const std::string&)> header_label{};   // Excel headers
  std::function<std::string(const std::string&)> number_format{};  // Excel number formats
};

// Return `format` when given, else the one `out`'s extension implies (.json, .xlsx, otherwise
// csv), or "table" for the terminal.
std::string OutputFormat(const std::string& format, const std::string& out);

// Write `table` in `format` to `out`, or to stdout when `out` is empty (xlsx needs a file).
void EmitTable(const Table& table, const std::string& format, const std::string& out,
               const EmitOptions& options = {});

}  // namespace jamlik::cli
