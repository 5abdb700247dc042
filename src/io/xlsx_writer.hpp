#pragma once
// Write tables as an Excel workbook (libxlsxwriter): a sheet per table, a bold header row of
// readable labels, numbers as numbers with their number format, nulls as empty cells. Written
// atomically like every other output.
#include <functional>
#include <span>
#include <string>

#include "core/table.hpp"

namespace jamlik {

// `header_label` turns a column name into the header people read (e.g. "estimate" → "Skattning");
// by default the names are used as they are.
void WriteXlsx(const Table& table, const std::string& path, const std::string& sheet_name,
               const std::function<std::string(const std::string&)>& header_label = {});

struct XlsxSheet {
  std::string name;  // at most 31 characters, none of []:*?/ nor a backslash
  const Table* table = nullptr;
  // The header people read of a column name; by default the name.
  std::function<std::string(const std::string&)> header_label{};
  // The Excel number format of a numeric column ("#,##0.0"); "" or none for Excel's General.
  std::function<std::string(const std::string&)> number_format{};
};

void WriteXlsx(std::span<const XlsxSheet> sheets, const std::string& path);

}  // namespace jamlik
