#include "core/key_encoding.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {

namespace {

// EncodeInt64Key on the column's storage, whatever its width.
template <class Value>
EncodedKey EncodeIntegers(const Column& column, const std::vector<Value>& values) {
  std::vector<std::int64_t> distinct;
  std::int64_t low = std::numeric_limits<std::int64_t>::max();
  std::int64_t high = std::numeric_limits<std::int64_t>::min();
  for (std::size_t row = 0; row < values.size(); ++row) {
    if (column.IsNull(row)) continue;
    low = std::min<std::int64_t>(low, values[row]);
    high = std::max<std::int64_t>(high, values[row]);
  }
  constexpr std::uint64_t kMaxTabulatedRange = std::uint64_t{1} << 20;
  const bool tabulated =
      low <= high &&
      static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) < kMaxTabulatedRange;
  std::vector<std::uint32_t> rank;
  if (tabulated) {
    rank.assign(static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) + 1, 0);
    for (std::size_t row = 0; row < values.size(); ++row) {
      if (!column.IsNull(row)) rank[static_cast<std::size_t>(values[row] - low)] = 1;
    }
    for (std::size_t offset = 0; offset < rank.size(); ++offset) {
      if (rank[offset] == 0) continue;
      rank[offset] = static_cast<std::uint32_t>(distinct.size());
      distinct.push_back(low + static_cast<std::int64_t>(offset));
    }
  } else {
    for (std::size_t row = 0; row < values.size(); ++row) {
      if (!column.IsNull(row)) distinct.push_back(values[row]);
    }
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  }
  auto code_of = [&](std::int64_t value) {
    if (tabulated) return rank[static_cast<std::size_t>(value - low)];
    return static_cast<std::uint32_t>(std::lower_bound(distinct.begin(), distinct.end(), value) -
                                      distinct.begin());
  };
  std::vector<std::string> categories;
  categories.reserve(distinct.size());
  for (std::int64_t value : distinct) categories.push_back(std::to_string(value));
  EncodedKey encoded{Dictionary(std::move(categories)),
                     MakeCategoryCodes(distinct.size(), values.size())};
  std::visit(
      [&](auto& codes) {
        using Code = typename std::decay_t<decltype(codes)>::value_type;
        for (std::size_t row = 0; row < values.size(); ++row) {
          if (!column.IsNull(row)) codes[row] = static_cast<Code>(code_of(values[row]));
        }
      },
      encoded.codes);
  return encoded;
}

}  // namespace

EncodedKey EncodeInt64Key(const Column& column) {
  return std::visit([&](const auto& values) { return EncodeIntegers(column, values); },
                    column.integers());
}

void CheckKeyColumnType(const Column& column) {
  if (column.type() == ColumnType::kCategorical || column.type() == ColumnType::kInt64) return;
  throw Error(ErrorCode::kTypeMismatch,
              fmt::format(fmt::runtime(Tr("nyckelkolumnen '{}' är av typen {}; gruppera efter "
                                          "kategoriska kolumner eller heltal",
                                          "key column '{}' has type {}; group by categorical "
                                          "or int64 columns")),
                          column.name(), ColumnTypeName(column.type())),
              {}, column.name());
}

}  // namespace jamlik
