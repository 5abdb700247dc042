#pragma once
// A table: named columns of equal length.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/column.hpp"

namespace jamlik {

class Table {
 public:
  Table() = default;
  explicit Table(std::vector<Column> columns);

  std::size_t num_rows() const { return num_rows_; }
  std::size_t num_columns() const { return columns_.size(); }
  const std::vector<Column>& columns() const { return columns_; }
  const Column& column(std::size_t index) const { return columns_[index]; }
  // Return the column called `name`, or nullptr.
  const Column* FindColumn(std::string_view name) const;
  // Return the column called `name`; throws kUnknownColumn listing the columns there are.
  const Column& GetColumn(std::string_view name) const;
  // Append a column; throws when its length differs or its name is taken.
  void AddColumn(Column column);
  std::size_t MemoryBytes() const;
  // Hand the columns over without copying them; the table is left empty.
  std::vector<Column> ReleaseColumns() &&;

 private:
  std::vector<Column> columns_;
  std::size_t num_rows_ = 0;
};

}  // namespace jamlik
