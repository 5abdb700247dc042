#pragma once
// Typed columns: integer (stored narrow: int8/16/32/64), double, categorical (dictionary-encoded,
// codes in the smallest unsigned type that fits) and string, each with an optional validity bitmap
// for nulls.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace jamlik {

enum class ColumnType : std::uint8_t { kInt64, kDouble, kCategorical, kString };

// Return "int64", "double", "categorical" or "string".
const char* ColumnTypeName(ColumnType type);

// One bit per row, 1 = valid. Empty means every row is valid, so columns without nulls cost
// nothing. ClearThreadSafe lets parallel writers mark nulls in neighbouring rows.
class Validity {
 public:
  Validity() = default;
  // Return a bitmap of `size` rows, all valid.
  static Validity AllValid(std::size_t size);

  bool empty() const { return words_.empty(); }
  bool IsValid(std::size_t row) const {
    return words_.empty() || ((words_[row >> 6] >> (row & 63)) & 1U) != 0;
  }
  void Clear(std::size_t row) { words_[row >> 6] &= ~(std::uint64_t{1} << (row & 63)); }
  void ClearThreadSafe(std::size_t row);
  std::size_t CountNulls(std::size_t size) const;
  std::size_t MemoryBytes() const { return words_.size() * sizeof(std::uint64_t); }
  // The bits, row r in bit r % 64 of word r / 64; nullptr when empty. For kernels that test
  // many rows without the emptiness check per row.
  const std::uint64_t* words() const { return words_.empty() ? nullptr : words_.data(); }

 private:
  std::vector<std::uint64_t> words_;
};

// The categories of a categorical column, in the order a dimension declares (education short →
// long) or, when nothing is declared, in the order the reader chose.
class Dictionary {
 public:
  Dictionary() = default;
  explicit Dictionary(std::vector<std::string> categories, bool ordered = false);

  std::uint32_t size() const { return static_cast<std::uint32_t>(categories_.size()); }
  const std::string& category(std::uint32_t code) const { return categories_[code]; }
  const std::vector<std::string>& categories() const { return categories_; }
  bool ordered() const { return ordered_; }
  std::optional<std::uint32_t> Find(std::string_view category) const;
  // Add a category if absent and return its code.
  std::uint32_t Intern(std::string_view category);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> categories_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> index_;
  bool ordered_ = false;
};

// Integers in the narrowest signed type that holds the column's values: an age or a 0/1 outcome
// takes one byte, a year two. Kernels visit the variant and read the narrow values directly.
using IntegerValues = std::variant<std::vector<std::int8_t>, std::vector<std::int16_t>,
                                   std::vector<std::int32_t>, std::vector<std::int64_t>>;

// Return the narrowest width, 1, 2, 4 or 8 bytes, whose signed type holds [low, high].
std::size_t IntegerWidth(std::int64_t low, std::int64_t high);
// Return zero-filled integers of `rows` rows, `width` bytes each (1, 2, 4 or 8).
IntegerValues MakeIntegerValues(std::size_t width, std::size_t rows);
// Return `values` in the narrowest type that holds them.
IntegerValues NarrowIntegers(std::vector<std::int64_t> values);

using CategoryCodes =
    std::variant<std::vector<std::uint8_t>, std::vector<std::uint16_t>, std::vector<std::uint32_t>>;

// Return zero-filled codes of `rows` rows in the narrowest type that holds `num_categories`.
CategoryCodes MakeCategoryCodes(std::size_t num_categories, std::size_t rows);

struct CategoricalData {
  Dictionary dictionary;
  CategoryCodes codes;

  std::uint32_t CodeAt(std::size_t row) const {
    return std::visit([row](const auto& v) { return static_cast<std::uint32_t>(v[row]); }, codes);
  }
  std::size_t CodeWidth() const {
    return std::visit(
        [](const auto& v) { return sizeof(typename std::decay_t<decltype(v)>::value_type); },
        codes);
  }
};

class Column {
 public:
  // An integer column, stored in the narrowest type that holds `values`.
  static Column Int64(std::string name, std::vector<std::int64_t> values, Validity validity = {});
  static Column Integers(std::string name, IntegerValues values, Validity validity = {});
  static Column Double(std::string name, std::vector<double> values, Validity validity = {});
  static Column String(std::string name, std::vector<std::string> values, Validity validity = {});
  static Column Categorical(std::string name, Dictionary dictionary, CategoryCodes codes,
                            Validity validity = {});
  // Dictionary-encode strings; categories in the given order, any others appended as first seen.
  // Empty optionals are nulls.
  static Column CategoricalFromStrings(std::string name,
                                       const std::vector<std::optional<std::string>>& values,
                                       Dictionary dictionary = {});

  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }
  // Re-encode a categorical column in place under `dictionary`, of the same size: code c becomes
  // remap[c] (a dimension's declared order replacing the reader's). Nulls keep code 0.
  void Recode(Dictionary dictionary, const std::vector<std::uint32_t>& remap);
  ColumnType type() const { return type_; }
  std::size_t size() const;
  bool IsNull(std::size_t row) const { return !validity_.IsValid(row); }
  std::size_t NullCount() const { return validity_.CountNulls(size()); }
  const Validity& validity() const { return validity_; }
  bool IsNumeric() const { return type_ == ColumnType::kInt64 || type_ == ColumnType::kDouble; }

  // Typed access; each throws kTypeMismatch naming the column when the type differs.
  const IntegerValues& integers() const;
  // A copy of an integer column widened to int64 (tests, small result tables); kernels visit
  // integers() instead.
  std::vector<std::int64_t> int64s() const;
  // The value of an integer column; undefined for nulls.
  std::int64_t Int64At(std::size_t row) const;
  const std::vector<double>& doubles() const;
  const std::vector<std::string>& strings() const;
  const CategoricalData& categorical() const;

  // Return the value of a numeric column as a double (int64 or double); undefined for nulls.
  double NumericAt(std::size_t row) const;
  // Return the value as text ("" for null): integers as digits, doubles shortest round-trip.
  std::string ValueToString(std::size_t row) const;
  std::size_t MemoryBytes() const;

 private:
  using Storage =
      std::variant<IntegerValues, std::vector<double>, CategoricalData, std::vector<std::string>>;
  Column(std::string name, ColumnType type, Storage storage, Validity validity);
  void CheckType(ColumnType wanted) const;

  std::string name_;
  ColumnType type_;
  Storage storage_;
  Validity validity_;
};

}  // namespace jamlik
