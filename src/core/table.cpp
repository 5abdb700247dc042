#include "core/table.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {

Table::Table(std::vector<Column> columns) {
  for (auto& column : columns) AddColumn(std::move(column));
}

const Column* Table::FindColumn(std::string_view name) const {
  for (const auto& column : columns_) {
    if (column.name() == name) return &column;
  }
  return nullptr;
}

const Column& Table::GetColumn(std::string_view name) const {
  if (const Column* column = FindColumn(name)) return *column;
  std::string names;
  for (const auto& column : columns_) names += (names.empty() ? "" : ", ") + column.name();
  throw Error(ErrorCode::kUnknownColumn,
              fmt::format(fmt::runtime(Tr("kolumnen '{}' finns inte (kolumner: {})",
                                          "no column '{}' (columns: {})")),
                          name, names),
              {}, std::string(name));
}

void Table::AddColumn(Column column) {
  if (FindColumn(column.name()) != nullptr) {
    throw Error(
        ErrorCode::kDuplicateHeader,
        fmt::format(fmt::runtime(Tr("kolumnen '{}' finns redan", "column '{}' already exists")),
                    column.name()),
        {}, column.name());
  }
  if (!columns_.empty() && column.size() != num_rows_) {
    throw Error(ErrorCode::kInternal,
                fmt::format("column '{}' has {} rows, the table {}", column.name(), column.size(),
                            num_rows_),
                {}, column.name());
  }
  num_rows_ = column.size();
  columns_.push_back(std::move(column));
}

std::vector<Column> Table::ReleaseColumns() && {
  num_rows_ = 0;
  return std::move(columns_);
}

std::size_t Table::MemoryBytes() const {
  std::size_t bytes = 0;
  for (const auto& column : columns_) bytes += column.MemoryBytes();
  return bytes;
}

}  // namespace jamlik
