#pragma once
// Write a table as an Excel workbook (libxlsxwriter): one sheet, a bold header row of readable
// labels, numbers as numbers, nulls as empty cells. Written atomically like every other output.
#include <functional>
#include <string>

#include "core/table.hpp"

namespace jamlik {

// `header_label` turns a column name into the header people read (e.g. "estimate" → "Skattning");
// by default the names are used as they are.
void WriteXlsx(const Table& table, const std::string& path, const std::string& sheet_name,
               const std::function<std::string(const std::string&)>& header_label = {});

}  // namespace jamlik
