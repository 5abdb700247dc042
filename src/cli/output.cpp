#include "cli/output.hpp"

#include <filesystem>
#include <iostream>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/table_writer.hpp"
#include "io/xlsx_writer.hpp"

namespace jamlik::cli {

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
    WriteXlsx(table, out, options.sheet, options.header_label);
    return;
  }
  auto write = [&](std::ostream& stream) {
    if (format == "json") {
      WriteJson(table, stream);
    } else if (format == "csv") {
      WriteCsv(table, stream);
    } else {
      WriteTextTable(options.terminal_view ? options.terminal_view(table) : table, stream,
                     options.decimals);
    }
  };
  if (out.empty()) {
    write(std::cout);
  } else {
    WriteFileAtomically(out, write);
  }
}

}  // namespace jamlik::cli
