#include "io/xlsx_writer.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/table_writer.hpp"

namespace jamlik {
namespace {

void Check(lxw_error status, const std::string& path) {
  if (status == LXW_NO_ERROR) return;
  throw Error(ErrorCode::kIo,
              fmt::format(fmt::runtime(Tr("kunde inte skriva Excel-filen: {}",
                                          "could not write the Excel file: {}")),
                          lxw_strerror(status)),
              {path});
}

// Build the workbook at `scratch`; libxlsxwriter can only write to a named file.
void BuildWorkbook(const Table& table, const std::string& scratch, const std::string& sheet_name,
                   const std::function<std::string(const std::string&)>& header_label) {
  lxw_workbook* workbook = workbook_new(scratch.c_str());
  if (workbook == nullptr) Check(LXW_ERROR_CREATING_XLSX_FILE, scratch);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    const std::string& name = table.column(c).name();
    const auto column = static_cast<lxw_col_t>(c);
    worksheet_write_string(sheet, 0, column, (header_label ? header_label(name) : name).c_str(),
                           bold);
    const Column& values = table.column(c);
    for (std::size_t row = 0; row < table.num_rows(); ++row) {
      if (values.IsNull(row)) continue;
      const auto cell_row = static_cast<lxw_row_t>(row + 1);
      if (values.IsNumeric()) {
        worksheet_write_number(sheet, cell_row, column, values.NumericAt(row), nullptr);
      } else {
        worksheet_write_string(sheet, cell_row, column, values.ValueToString(row).c_str(), nullptr);
      }
    }
  }
  worksheet_freeze_panes(sheet, 1, 0);
  Check(workbook_close(workbook), scratch);
}

}  // namespace

void WriteXlsx(const Table& table, const std::string& path, const std::string& sheet_name,
               const std::function<std::string(const std::string&)>& header_label) {
  const std::string scratch = fmt::format("{}.build-{}.xlsx", path, getpid());
  try {
    BuildWorkbook(table, scratch, sheet_name, header_label);
    WriteFileAtomically(
        path, [&](std::ostream& out) { out << std::ifstream(scratch, std::ios::binary).rdbuf(); });
  } catch (...) {
    std::filesystem::remove(scratch);
    throw;
  }
  std::filesystem::remove(scratch);
}

}  // namespace jamlik
