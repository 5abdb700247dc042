#include "cli/result_output.hpp"

#include <filesystem>

#include "cli/output.hpp"
#include "core/i18n.hpp"
#include "indicators/result_table.hpp"
#include "published/heat_plus.hpp"

namespace jamlik::cli {
namespace {

// The columns worth a terminal's width, flags and reasons in words; files get them all.
Table TerminalView(const Table& ids) {
  const Table results = WithResultLabels(ids);
  std::vector<Column> columns;
  for (const char* name :
       {result_column::kIndicator, result_column::kArea, result_column::kPeriod,
        result_column::kDimension, result_column::kSubgroup, result_column::kEstimate,
        result_column::kLower, result_column::kUpper, result_column::kNumerator,
        result_column::kDenominator, result_column::kFlag, result_column::kSuppressionReason}) {
    // The suppression reason shows once the result table carries it.
    if (results.FindColumn(name) == nullptr) continue;
    Column column = results.GetColumn(name);
    column.set_name(ResultColumnLabel(name));
    columns.push_back(std::move(column));
  }
  return Table(std::move(columns));
}

}  // namespace

void AddResultOutputOptions(CLI::App& command, std::string& out, std::string& format) {
  command.add_option("--out", out,
                     std::string(Tr("resultatfil (.csv, .json eller .xlsx)",
                                    "result file (.csv, .json or .xlsx)")));
  command
      .add_option("--format", format,
                  std::string(Tr("csv, json, xlsx, table eller heat: WHO HEAT Plus-mallen, som "
                                 ".csv eller .xlsx efter filändelsen (standard: efter filändelsen)",
                                 "csv, json, xlsx, table or heat: the WHO HEAT Plus template, as "
                                 ".csv or .xlsx by the file extension (default: by the file "
                                 "extension)")))
      ->check(CLI::IsMember({"csv", "json", "xlsx", "table", "heat"}));
}

void EmitResults(const Table& results, const std::string& format, const std::string& out) {
  if (format == "heat") {
    // HEAT Plus reads its template's own column names, so the headers stay as they are.
    const bool excel = std::filesystem::path(out).extension() == ".xlsx";
    EmitTable(published::ResultsToHeatPlus(ResultRowsFromTable(results)), excel ? "xlsx" : "csv",
              out, {.sheet = "data"});
    return;
  }
  // People read Excel and the terminal: labels in words there (Excel beside the codes), codes and
  // ids in files for programs (CSV, JSON, the inequality input).
  EmitTable(format == "xlsx" ? WithResultLabelColumns(results, CurrentLanguage()) : results, format,
            out,
            {.terminal_view = TerminalView,
             .decimals = 1,
             .sheet = std::string(Tr("Indikatorer", "Indicators")),
             .header_label = ResultColumnLabel,
             .number_format = [](const std::string& column) {
               return std::string(ResultColumnNumberFormat(column));
             }});
}

}  // namespace jamlik::cli
