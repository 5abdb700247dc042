#include "cli/input_options.hpp"

#include <fmt/format.h>

#include "cli/progress.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "pipeline/pipeline.hpp"

namespace jamlik::cli {
namespace {

std::pair<std::string, std::string> SplitAssignment(const std::string& text, const char* option) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw Error(ErrorCode::kUsage,
                fmt::format(fmt::runtime(Tr("{} väntar sig kolumn=värde, fick '{}'",
                                            "{} expects column=value, got '{}'")),
                            option, text));
  }
  return {text.substr(0, equals), text.substr(equals + 1)};
}

CsvColumnSpec& SpecFor(std::vector<CsvColumnSpec>& schema, const std::string& column) {
  for (auto& spec : schema) {
    if (spec.name == column) return spec;
  }
  schema.push_back({column, std::nullopt, {}, false});
  return schema.back();
}

CsvOptions ToCsvOptions(const InputOptions& options) {
  CsvOptions csv;
  csv.read_as_text = [](const std::string& column) {
    return fmt::format("--type {}=text", column);
  };
  if (options.delimiter == "tab" || options.delimiter == "\\t") {
    csv.delimiter = '\t';
  } else if (options.delimiter.size() == 1) {
    csv.delimiter = options.delimiter[0];
  }
  if (options.encoding == "utf-8") csv.encoding = TextEncoding::kUtf8;
  if (options.encoding == "windows-1252") csv.encoding = TextEncoding::kWindows1252;
  for (const auto& assignment : options.types) {
    auto [column, type] = SplitAssignment(assignment, "--type");
    SpecFor(csv.schema, column).type = ParseColumnTypeName(type);
  }
  for (const auto& assignment : options.orders) {
    auto [column, list] = SplitAssignment(assignment, "--order");
    CsvColumnSpec& spec = SpecFor(csv.schema, column);
    spec.type = ColumnType::kCategorical;
    spec.ordered = true;
    for (std::size_t start = 0; start <= list.size();) {
      const auto comma = std::min(list.find(',', start), list.size());
      spec.categories.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return csv;
}

}  // namespace

void AddInputOptions(CLI::App& command, InputOptions& options, const std::string& file_option) {
  command
      .add_option(file_option, options.path,
                  std::string(Tr("CSV-fil att läsa", "CSV file to read")))
      ->required()
      ->check(CLI::ExistingFile);
  command
      .add_option("--delimiter", options.delimiter,
                  std::string(Tr("avgränsare: , ; eller tab (annars gissas den)",
                                 "delimiter: , ; or tab (detected when not given)")))
      ->check(CLI::IsMember({",", ";", "tab", "\\t"}));
  command
      .add_option("--encoding", options.encoding,
                  std::string(Tr("teckenkodning (annars gissas den)",
                                 "encoding (detected when not given)")))
      ->check(CLI::IsMember({"utf-8", "windows-1252"}));
  command.add_option("--type", options.types,
                     std::string(Tr("ange en kolumns typ: kolumn=int|double|category|text",
                                    "set a column's type: column=int|double|category|text")));
  command.add_option(
      "--order", options.orders,
      std::string(Tr("ordnade kategorier: kolumn=a,b,c", "ordered categories: column=a,b,c")));
  command.add_flag("--raw", options.raw,
                   std::string(Tr("tillämpa inte de kända dimensionernas ordning och koder",
                                  "do not apply the known dimensions' orders and code rules")));
}

Table ReadInput(const InputOptions& options, CsvFormat* format) {
  ProgressBar progress(fmt::format(fmt::runtime(Tr("läser {}", "reading {}")), options.path));
  pipeline::ReadOptions read{.csv = ToCsvOptions(options), .raw = options.raw};
  read.csv.progress = progress.Callback();
  return pipeline::ReadData(options.path, read, format);
}

}  // namespace jamlik::cli
