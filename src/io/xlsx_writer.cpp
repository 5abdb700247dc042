#include "io/xlsx_writer.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <map>

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
void BuildWorkbook(std::span<const XlsxSheet> sheets, const std::string& scratch) {
  lxw_workbook* workbook = workbook_new(scratch.c_str());
  if (workbook == nullptr) Check(LXW_ERROR_CREATING_XLSX_FILE, scratch);
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  std::map<std::string, lxw_format*> number_formats;  // one format per distinct number format
  for (const XlsxSheet& spec : sheets) {
    const Table& table = *spec.table;
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, spec.name.c_str());
    if (sheet == nullptr) Check(LXW_ERROR_SHEETNAME_ALREADY_USED, scratch);
    for (std::size_t c = 0; c < table.num_columns(); ++c) {
      const std::string& name = table.column(c).name();
      const auto column = static_cast<lxw_col_t>(c);
      worksheet_write_string(sheet, 0, column,
                             (spec.header_label ? spec.header_label(name) : name).c_str(), bold);
      const Column& values = table.column(c);
      lxw_format* number = nullptr;
      if (values.IsNumeric() && spec.number_format) {
        if (const std::string format = spec.number_format(name); !format.empty()) {
          auto [at, added] = number_formats.emplace(format, nullptr);
          if (added) {
            at->second = workbook_add_format(workbook);
            format_set_num_format(at->second, format.c_str());
          }
          number = at->second;
        }
      }
      for (std::size_t row = 0; row < table.num_rows(); ++row) {
        if (values.IsNull(row)) continue;
        const auto cell_row = static_cast<lxw_row_t>(row + 1);
        if (values.IsNumeric()) {
          worksheet_write_number(sheet, cell_row, column, values.NumericAt(row), number);
        } else {
          worksheet_write_string(sheet, cell_row, column, values.ValueToString(row).c_str(),
                                 nullptr);
        }
      }
    }
    worksheet_freeze_panes(sheet, 1, 0);
  }
  Check(workbook_close(workbook), scratch);
}

}  // namespace

void WriteXlsx(const Table& table, const std::string& path, const std::string& sheet_name,
               const std::function<std::string(const std::string&)>& header_label) {
  const XlsxSheet sheet{sheet_name, &table, header_label, {}};
  WriteXlsx(std::span(&sheet, 1), path);
}

void WriteXlsx(std::span<const XlsxSheet> sheets, const std::string& path) {
  const std::string scratch = fmt::format("{}.build-{}.xlsx", path, getpid());
  try {
    BuildWorkbook(sheets, scratch);
    WriteFileAtomically(
        path, [&](std::ostream& out) { out << std::ifstream(scratch, std::ios::binary).rdbuf(); });
  } catch (...) {
    std::filesystem::remove(scratch);
    throw;
  }
  std::filesystem::remove(scratch);
}

}  // namespace jamlik
