#include "core/column.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <charconv>
#include <limits>

#include <sys/mman.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {

const char* ColumnTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kInt64:
      return "int64";
    case ColumnType::kDouble:
      return "double";
    case ColumnType::kCategorical:
      return "categorical";
    case ColumnType::kString:
      return "string";
  }
  return "unknown";
}

Validity Validity::AllValid(std::size_t size) {
  Validity validity;
  validity.words_.assign((size + 63) / 64, ~std::uint64_t{0});
  return validity;
}

void Validity::ClearThreadSafe(std::size_t row) {
  std::atomic_ref<std::uint64_t> word(words_[row >> 6]);
  word.fetch_and(~(std::uint64_t{1} << (row & 63)), std::memory_order_relaxed);
}

std::size_t Validity::CountNulls(std::size_t size) const {
  if (words_.empty()) return 0;
  std::size_t valid = 0;
  const std::size_t full_words = size / 64;
  for (std::size_t w = 0; w < full_words; ++w) valid += std::popcount(words_[w]);
  if (size % 64 != 0) {
    valid += std::popcount(words_[full_words] & ((std::uint64_t{1} << (size % 64)) - 1));
  }
  return size - valid;
}

Dictionary::Dictionary(std::vector<std::string> categories, bool ordered) : ordered_(ordered) {
  for (auto& category : categories) Intern(category);
}

std::optional<std::uint32_t> Dictionary::Find(std::string_view category) const {
  auto it = index_.find(category);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::uint32_t Dictionary::Intern(std::string_view category) {
  if (auto found = Find(category)) return *found;
  const auto code = static_cast<std::uint32_t>(categories_.size());
  categories_.emplace_back(category);
  index_.emplace(categories_.back(), code);
  return code;
}

namespace {

// Zero-filled storage of `rows` values, on transparent huge pages where it spans some: a large
// column then costs a few hundred page faults instead of hundreds of thousands.
template <class T>
std::vector<T> ZeroFilled(std::size_t rows) {
  std::vector<T> values;
  values.reserve(rows);
  constexpr std::uintptr_t kHugePage = 2 << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(values.data());
  const std::uintptr_t first = (begin + kHugePage - 1) / kHugePage * kHugePage;
  const std::uintptr_t last = (begin + rows * sizeof(T)) / kHugePage * kHugePage;
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  values.resize(rows);
  return values;
}

}  // namespace

std::size_t IntegerWidth(std::int64_t low, std::int64_t high) {
  const auto fits = [&]<class T>(T) {
    return low >= std::numeric_limits<T>::min() && high <= std::numeric_limits<T>::max();
  };
  if (fits(std::int8_t{})) return 1;
  if (fits(std::int16_t{})) return 2;
  if (fits(std::int32_t{})) return 4;
  return 8;
}

IntegerValues MakeIntegerValues(std::size_t width, std::size_t rows) {
  switch (width) {
    case 1:
      return ZeroFilled<std::int8_t>(rows);
    case 2:
      return ZeroFilled<std::int16_t>(rows);
    case 4:
      return ZeroFilled<std::int32_t>(rows);
    default:
      return ZeroFilled<std::int64_t>(rows);
  }
}

IntegerValues NarrowIntegers(std::vector<std::int64_t> values) {
  if (values.empty()) return MakeIntegerValues(1, 0);
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  const std::size_t width = IntegerWidth(*low, *high);
  if (width == sizeof(std::int64_t)) return values;
  IntegerValues narrow = MakeIntegerValues(width, values.size());
  std::visit(
      [&values](auto& out) {
        using Value = typename std::decay_t<decltype(out)>::value_type;
        for (std::size_t row = 0; row < values.size(); ++row) {
          out[row] = static_cast<Value>(values[row]);
        }
      },
      narrow);
  return narrow;
}

CategoryCodes MakeCategoryCodes(std::size_t num_categories, std::size_t rows) {
  if (num_categories <= std::numeric_limits<std::uint8_t>::max() + std::size_t{1}) {
    return ZeroFilled<std::uint8_t>(rows);
  }
  if (num_categories <= std::numeric_limits<std::uint16_t>::max() + std::size_t{1}) {
    return ZeroFilled<std::uint16_t>(rows);
  }
  return ZeroFilled<std::uint32_t>(rows);
}

Column::Column(std::string name, ColumnType type, Storage storage, Validity validity)
    : name_(std::move(name)),
      type_(type),
      storage_(std::move(storage)),
      validity_(std::move(validity)) {}

Column Column::Int64(std::string name, std::vector<std::int64_t> values, Validity validity) {
  return Integers(std::move(name), NarrowIntegers(std::move(values)), std::move(validity));
}

Column Column::Integers(std::string name, IntegerValues values, Validity validity) {
  return Column(std::move(name), ColumnType::kInt64, std::move(values), std::move(validity));
}

Column Column::Double(std::string name, std::vector<double> values, Validity validity) {
  return Column(std::move(name), ColumnType::kDouble, std::move(values), std::move(validity));
}

Column Column::String(std::string name, std::vector<std::string> values, Validity validity) {
  return Column(std::move(name), ColumnType::kString, std::move(values), std::move(validity));
}

Column Column::Categorical(std::string name, Dictionary dictionary, CategoryCodes codes,
                           Validity validity) {
  return Column(std::move(name), ColumnType::kCategorical,
                CategoricalData{std::move(dictionary), std::move(codes)}, std::move(validity));
}

Column Column::CategoricalFromStrings(std::string name,
                                      const std::vector<std::optional<std::string>>& values,
                                      Dictionary dictionary) {
  std::vector<std::uint32_t> wide(values.size());
  Validity validity;
  for (std::size_t row = 0; row < values.size(); ++row) {
    if (values[row]) {
      wide[row] = dictionary.Intern(*values[row]);
    } else {
      if (validity.empty()) validity = Validity::AllValid(values.size());
      validity.Clear(row);
    }
  }
  CategoryCodes codes = MakeCategoryCodes(dictionary.size(), values.size());
  std::visit(
      [&wide](auto& narrow) {
        using Code = typename std::decay_t<decltype(narrow)>::value_type;
        for (std::size_t row = 0; row < wide.size(); ++row)
          narrow[row] = static_cast<Code>(wide[row]);
      },
      codes);
  return Categorical(std::move(name), std::move(dictionary), std::move(codes), std::move(validity));
}

void Column::Recode(Dictionary dictionary, const std::vector<std::uint32_t>& remap) {
  CheckType(ColumnType::kCategorical);
  auto& data = std::get<CategoricalData>(storage_);
  if (dictionary.size() != data.dictionary.size() || remap.size() != data.dictionary.size()) {
    throw Error(ErrorCode::kInternal,
                fmt::format("recoding column '{}' from {} to {} categories", name_,
                            data.dictionary.size(), dictionary.size()));
  }
  bool identity = true;
  for (std::uint32_t code = 0; code < remap.size(); ++code)
    identity = identity && remap[code] == code;
  data.dictionary = std::move(dictionary);
  if (identity) return;
  std::visit(
      [&](auto& codes) {
        using Code = typename std::decay_t<decltype(codes)>::value_type;
        for (std::size_t row = 0; row < codes.size(); ++row) {
          codes[row] = validity_.IsValid(row) ? static_cast<Code>(remap[codes[row]]) : Code{0};
        }
      },
      data.codes);
}

std::size_t Column::size() const {
  return std::visit(
      [](const auto& storage) -> std::size_t {
        if constexpr (std::is_same_v<std::decay_t<decltype(storage)>, CategoricalData>) {
          return std::visit([](const auto& codes) { return codes.size(); }, storage.codes);
        } else if constexpr (std::is_same_v<std::decay_t<decltype(storage)>, IntegerValues>) {
          return std::visit([](const auto& values) { return values.size(); }, storage);
        } else {
          return storage.size();
        }
      },
      storage_);
}

void Column::CheckType(ColumnType wanted) const {
  if (type_ == wanted) return;
  throw Error(ErrorCode::kTypeMismatch,
              fmt::format(fmt::runtime(Tr("kolumn '{}' är av typen {}, inte {}",
                                          "column '{}' has type {}, not {}")),
                          name_, ColumnTypeName(type_), ColumnTypeName(wanted)),
              {}, name_);
}

const IntegerValues& Column::integers() const {
  CheckType(ColumnType::kInt64);
  return std::get<IntegerValues>(storage_);
}

std::vector<std::int64_t> Column::int64s() const {
  return std::visit(
      [](const auto& values) { return std::vector<std::int64_t>(values.begin(), values.end()); },
      integers());
}

std::int64_t Column::Int64At(std::size_t row) const {
  return std::visit([row](const auto& values) { return static_cast<std::int64_t>(values[row]); },
                    integers());
}

const std::vector<double>& Column::doubles() const {
  CheckType(ColumnType::kDouble);
  return std::get<std::vector<double>>(storage_);
}

const std::vector<std::string>& Column::strings() const {
  CheckType(ColumnType::kString);
  return std::get<std::vector<std::string>>(storage_);
}

const CategoricalData& Column::categorical() const {
  CheckType(ColumnType::kCategorical);
  return std::get<CategoricalData>(storage_);
}

double Column::NumericAt(std::size_t row) const {
  if (type_ == ColumnType::kInt64) return static_cast<double>(Int64At(row));
  if (type_ == ColumnType::kDouble) return std::get<1>(storage_)[row];
  CheckType(ColumnType::kDouble);
  return 0;
}

std::string Column::ValueToString(std::size_t row) const {
  if (IsNull(row)) return {};
  switch (type_) {
    case ColumnType::kInt64:
      return std::to_string(Int64At(row));
    case ColumnType::kDouble: {
      char buffer[32];
      auto result = std::to_chars(buffer, buffer + sizeof buffer, std::get<1>(storage_)[row]);
      return std::string(buffer, result.ptr);
    }
    case ColumnType::kCategorical: {
      const auto& data = std::get<CategoricalData>(storage_);
      return data.dictionary.category(data.CodeAt(row));
    }
    case ColumnType::kString:
      return std::get<3>(storage_)[row];
  }
  return {};
}

std::size_t Column::MemoryBytes() const {
  std::size_t bytes = validity_.MemoryBytes();
  switch (type_) {
    case ColumnType::kInt64:
      return bytes +
             std::visit([](const auto& values) { return values.size() * sizeof(values[0]); },
                        integers());
    case ColumnType::kDouble:
      return bytes + size() * sizeof(double);
    case ColumnType::kCategorical: {
      const auto& data = std::get<CategoricalData>(storage_);
      bytes += size() * data.CodeWidth();
      for (const auto& category : data.dictionary.categories()) bytes += category.size();
      return bytes;
    }
    case ColumnType::kString:
      for (const auto& value : std::get<3>(storage_)) {
        bytes += sizeof(std::string) + (value.size() > 15 ? value.size() : 0);
      }
      return bytes;
  }
  return bytes;
}

}  // namespace jamlik
