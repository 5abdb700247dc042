// `jamlik inspect FILE`: what the reader makes of a file — format, columns, inferred types,
// categories, row count and the problems it found.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/input_options.hpp"
#include "core/i18n.hpp"
#include "io/table_writer.hpp"

namespace jamlik::cli {
namespace {

std::string TypeLabel(ColumnType type) {
  switch (type) {
    case ColumnType::kInt64:
      return std::string(Tr("heltal", "integer"));
    case ColumnType::kDouble:
      return std::string(Tr("decimaltal", "decimal"));
    case ColumnType::kCategorical:
      return std::string(Tr("kategori", "categorical"));
    case ColumnType::kString:
      return std::string(Tr("text", "text"));
  }
  return {};
}

std::string Megabytes(std::size_t bytes) {
  return LocalNumbers(fmt::format("{:.1f} MB", bytes / 1e6));
}

// Describe a column's values: the range of numbers, or the categories (the first few).
std::string DescribeValues(const Column& column) {
  constexpr std::size_t kShownCategories = 6;
  switch (column.type()) {
    case ColumnType::kInt64:
    case ColumnType::kDouble: {
      double low = 0, high = 0;
      bool any = false;
      for (std::size_t row = 0; row < column.size(); ++row) {
        if (column.IsNull(row)) continue;
        const double value = column.NumericAt(row);
        low = any ? std::min(low, value) : value;
        high = any ? std::max(high, value) : value;
        any = true;
      }
      return any ? LocalNumbers(fmt::format("{:g} – {:g}", low, high)) : std::string("–");
    }
    case ColumnType::kCategorical: {
      const Dictionary& dictionary = column.categorical().dictionary;
      std::string text = fmt::format(
          "{} {}{}: ", dictionary.size(),
          TrCount(dictionary.size(), "kategori", "kategorier", "category", "categories"),
          dictionary.ordered() ? Tr(", ordnade", ", ordered") : "");
      for (std::uint32_t code = 0;
           code < std::min<std::size_t>(dictionary.size(), kShownCategories); ++code) {
        text += (code > 0 ? ", " : "") + dictionary.category(code);
      }
      return text + (dictionary.size() > kShownCategories ? ", …" : "");
    }
    case ColumnType::kString:
      return column.size() > 0 ? fmt::format(fmt::runtime(Tr("t.ex. '{}'", "e.g. '{}'")),
                                             column.strings().front())
                               : std::string("–");
  }
  return {};
}

Table ColumnSummary(const Table& table) {
  std::vector<std::optional<std::string>> names, types, values;
  std::vector<std::int64_t> nulls;
  for (const auto& column : table.columns()) {
    names.emplace_back(column.name());
    types.emplace_back(TypeLabel(column.type()));
    nulls.push_back(static_cast<std::int64_t>(column.NullCount()));
    values.emplace_back(DescribeValues(column));
  }
  std::vector<Column> columns;
  columns.push_back(Column::CategoricalFromStrings(std::string(Tr("kolumn", "column")), names));
  columns.push_back(Column::CategoricalFromStrings(std::string(Tr("typ", "type")), types));
  columns.push_back(Column::Int64(std::string(Tr("saknas", "missing")), std::move(nulls)));
  columns.push_back(Column::CategoricalFromStrings(std::string(Tr("värden", "values")), values));
  return Table(std::move(columns));
}

std::string DelimiterLabel(char delimiter) {
  return delimiter == '\t' ? std::string("tab") : fmt::format("'{}'", delimiter);
}

void Inspect(const InputOptions& options) {
  CsvFormat format;
  const Table table = ReadInput(options, &format);
  std::cout << fmt::format(
      fmt::runtime(Tr("Fil: {} ({}, {}{}, avgränsare {}, decimal{}{})\n",
                      "File: {} ({}, {}{}, delimiter {}, decimal {}{})\n")),
      options.path, Megabytes(format.bytes), TextEncodingName(format.encoding),
      format.had_bom ? " BOM" : "", DelimiterLabel(format.delimiter),
      format.decimal_mark == DecimalMark::kComma ? Tr("komma", "comma") : Tr("punkt", "point"),
      format.crlf ? ", CRLF" : "");
  std::cout << fmt::format(fmt::runtime(Tr("Rader: {}   Kolumner: {}   Minne i kolumnform: {}\n\n",
                                           "Rows: {}   Columns: {}   Columnar memory: {}\n\n")),
                           table.num_rows(), table.num_columns(), Megabytes(table.MemoryBytes()));
  WriteTextTable(ColumnSummary(table), std::cout);
  if (!format.notes.empty()) {
    std::cout << '\n' << Tr("Att notera:", "Notes:") << '\n';
    for (const auto& note : format.notes) std::cout << "  – " << note << '\n';
  }
}

}  // namespace

void AddInspectCommand(CLI::App& app) {
  auto options = std::make_shared<InputOptions>();
  CLI::App* command = app.add_subcommand(
      "inspect",
      std::string(Tr("Visa vad en CSV-fil innehåller: format, kolumner, typer, kategorier, "
                     "antal rader och problem.",
                     "Show what a CSV file holds: format, columns, types, categories, row "
                     "count and problems found.")));
  AddInputOptions(*command, *options);
  command->callback([options] { Inspect(*options); });
}

}  // namespace jamlik::cli
