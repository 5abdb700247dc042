#pragma once
// How the commands that produce the long result table (indicators, import) write it: codes and
// ids in CSV and JSON for programs, labels beside the codes in Excel and words on the terminal
// for people.
#include <CLI/CLI.hpp>
#include <string>

#include "core/table.hpp"

namespace jamlik::cli {

// Add --out (.csv, .json or .xlsx) and --format.
void AddResultOutputOptions(CLI::App& command, std::string& out, std::string& format);

// Write a result table (ResultRowsToTable) in `format` to `out` (stdout when empty).
void EmitResults(const Table& results, const std::string& format, const std::string& out);

}  // namespace jamlik::cli
