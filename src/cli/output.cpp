#include "cli/output.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/result_table.hpp"
#include "io/table_writer.hpp"
#include "io/xlsx_writer.hpp"
#include "pipeline/pipeline.hpp"

namespace jamlik::cli {
namespace {

// What the terminal shows people: codes as labels in the user's language (Kön, Kvinnor, Wilson,
// flags in words; WithResultLabels) and an area's name beside its code ("Örebro (1880)").
Table Labelled(const Table& table) {
  Table labelled = WithResultLabels(table);
  const Column* area = labelled.FindColumn(result_column::kArea);
  const Column* name = labelled.FindColumn(result_column::kAreaName);
  if (area == nullptr || name == nullptr) return labelled;
  std::vector<std::optional<std::string>> areas(labelled.num_rows());
  for (std::size_t row = 0; row < areas.size(); ++row) {
    if (area->IsNull(row)) continue;
    const std::string code = area->ValueToString(row);
    const std::string named = name->IsNull(row) ? code : name->ValueToString(row);
    areas[row] = named == code ? code : fmt::format("{} ({})", named, code);
  }
  std::vector<Column> columns = labelled.columns();
  for (Column& column : columns) {
    if (column.name() == result_column::kArea) {
      column = Column::CategoricalFromStrings(result_column::kArea, areas);
    }
  }
  return Table(std::move(columns));
}

// Headers in words: the columns a terminal view kept, renamed last (a view picks columns by
// name).
Table WithHeaderLabels(const Table& table) {
  std::vector<Column> columns = table.columns();
  for (Column& column : columns) column.set_name(pipeline::ColumnHeaderLabel(column.name()));
  return Table(std::move(columns));
}

}  // namespace

std::string OutputFormat(const std::string& format, const std::string& out) {
  if (!format.empty()) return format;
  const std::string extension = std::filesystem::path(out).extension().string();
  if (extension == ".json" || extension == ".xlsx") return extension.substr(1);
  return out.empty() ? "table" : "csv";
}

void EmitTable(const Table& table, const std::string& format, const std::string& out,
               const EmitOptions& options) {
  if (format == "xlsx") {
    if (out.empty()) {
      throw Error(ErrorCode::kUsage, std::string(Tr("xlsx kräver --out", "xlsx needs --out")));
    }
    const XlsxSheet sheet{options.sheet, &table, options.header_label, options.number_format};
    WriteXlsx(std::span(&sheet, 1), out);
    return;
  }
  auto write = [&](std::ostream& stream) {
    if (format == "json") {
      WriteJson(table, stream);
    } else if (format == "csv") {
      WriteCsv(table, stream);
    } else {
      const Table labelled = Labelled(table);
      WriteTextTable(
          WithHeaderLabels(options.terminal_view ? options.terminal_view(labelled) : labelled),
          stream, options.decimals);
    }
  };
  if (out.empty()) {
    write(std::cout);
  } else {
    WriteFileAtomically(out, write);
  }
}

}  // namespace jamlik::cli
