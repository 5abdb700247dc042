#pragma once
// Recognise and parse the numbers of CSV fields without allocating: integers with an optional
// sign, and decimals with the file's decimal mark and an optional exponent. Spaces around the
// number are allowed; thousands separators, "inf" and "nan" are not, so such columns stay text.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace jamlik::csv_internal {

// What a field's text says about the column it is in.
enum class ValueClass : std::uint8_t {
  kInteger,  // fits int64 and has no leading zero
  kDecimal,  // any other number
  kCode,     // begins with a zero followed by a digit, like 0180 or 0114A0010: an identifier
  kText,
};

// Longer digit strings are identifiers or errors, not measurements; the bound keeps the parse
// buffer on the stack.
inline constexpr std::size_t kMaxNumberLength = 64;

inline bool IsDigit(char c) { return static_cast<unsigned char>(c - '0') < 10; }

inline std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// The lexical shape of a number: [+-] digits [mark digits] [(e|E) [+-] digits], at least one
// mantissa digit.
struct NumberShape {
  bool valid = false;
  bool negative = false;
  bool integer = false;       // neither a decimal mark nor an exponent
  bool leading_zero = false;  // the integer part has two or more digits and begins with 0
  bool exponent = false;
  std::uint32_t int_digits = 0;
  std::uint32_t digits = 0;  // integer and fraction digits
  std::uint32_t fraction_digits = 0;
  std::uint64_t mantissa = 0;  // the digits as an integer; exact while digits <= 19
};

inline NumberShape ScanNumber(std::string_view text, char decimal_mark) {
  NumberShape shape;
  const std::size_t n = text.size();
  if (n == 0 || n > kMaxNumberLength) return shape;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    shape.negative = text[0] == '-';
    i = 1;
  }
  std::uint64_t mantissa = 0;
  const std::size_t int_begin = i;
  for (; i < n && IsDigit(text[i]); ++i) mantissa = mantissa * 10 + (text[i] - '0');
  shape.int_digits = static_cast<std::uint32_t>(i - int_begin);
  shape.leading_zero = shape.int_digits >= 2 && text[int_begin] == '0';
  shape.integer = true;
  if (i < n && text[i] == decimal_mark) {
    shape.integer = false;
    const std::size_t fraction_begin = ++i;
    for (; i < n && IsDigit(text[i]); ++i) mantissa = mantissa * 10 + (text[i] - '0');
    shape.fraction_digits = static_cast<std::uint32_t>(i - fraction_begin);
  }
  shape.digits = shape.int_digits + shape.fraction_digits;
  shape.mantissa = mantissa;
  if (shape.digits == 0) return shape;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    shape.integer = false;
    shape.exponent = true;
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t exponent_begin = i;
    while (i < n && IsDigit(text[i])) ++i;
    if (i == exponent_begin) return shape;
  }
  shape.valid = i == n;
  return shape;
}

// Longest run of plain digits that always fits int64.
inline constexpr std::size_t kSafeDigits = 18;

// Parse a field of 1 to kSafeDigits plain digits (no sign, no spaces): the usual integer, read
// without the general grammar. False for anything else.
inline bool ParsePlainDigits(std::string_view field, std::uint64_t* out) {
  if (field.empty() || field.size() > kSafeDigits) return false;
  std::uint64_t value = 0;
  for (const char c : field) {
    const auto digit = static_cast<unsigned char>(c - '0');
    if (digit > 9) return false;
    value = value * 10 + digit;
  }
  *out = value;
  return true;
}

// Parse an integer (leading zeros allowed); false when it is not one or does not fit int64.
inline bool ParseInt64(std::string_view field, std::int64_t* out) {
  std::uint64_t plain;
  if (ParsePlainDigits(field, &plain)) {
    *out = static_cast<std::int64_t>(plain);
    return true;
  }
  const std::string_view text = TrimSpaces(field);
  const NumberShape shape = ScanNumber(text, '\0');
  if (!shape.valid || !shape.integer) return false;
  std::uint64_t magnitude = shape.mantissa;
  if (shape.digits > kSafeDigits) {
    // Redo the digits with overflow checks; 19 digits may or may not fit.
    magnitude = 0;
    for (const char c : text.substr(text.size() - shape.digits)) {
      if (__builtin_mul_overflow(magnitude, std::uint64_t{10}, &magnitude) ||
          __builtin_add_overflow(magnitude, static_cast<std::uint64_t>(c - '0'), &magnitude)) {
        return false;
      }
    }
  }
  constexpr std::uint64_t kMaxPositive = static_cast<std::uint64_t>(INT64_MAX);
  if (magnitude > kMaxPositive + (shape.negative ? 1 : 0)) return false;
  *out = shape.negative ? static_cast<std::int64_t>(0 - magnitude)
                        : static_cast<std::int64_t>(magnitude);
  return true;
}

// Parse the decimal number of `shape`/`text` the slow, always correctly rounded way.
bool ParseDoubleSlow(std::string_view text, char decimal_mark, double* out);

// Parse a number written with `decimal_mark`; false when it is not one or is out of range.
inline bool ParseDouble(std::string_view field, char decimal_mark, double* out) {
  const std::string_view text = TrimSpaces(field);
  const NumberShape shape = ScanNumber(text, decimal_mark);
  if (!shape.valid) return false;
  // Clinger's fast path: an integer below 2^53 divided by an exact power of ten is correctly
  // rounded by one IEEE division, so it equals what from_chars returns.
  static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  if (!shape.exponent && shape.digits <= 15) {
    const double value = static_cast<double>(shape.mantissa) / kPowersOfTen[shape.fraction_digits];
    *out = shape.negative ? -value : value;
    return true;
  }
  return ParseDoubleSlow(text, decimal_mark, out);
}

// Classify a non-empty field of a column whose type is being inferred. `plain` receives the value
// of a field of plain digits (see ParsePlainDigits), and kNotPlain otherwise.
inline constexpr std::uint64_t kNotPlain = ~std::uint64_t{0};
inline ValueClass ClassifyValue(std::string_view field, char decimal_mark, std::uint64_t* plain) {
  if (ParsePlainDigits(field, plain)) {
    return field.size() >= 2 && field[0] == '0' ? ValueClass::kCode : ValueClass::kInteger;
  }
  *plain = kNotPlain;
  const std::string_view text = TrimSpaces(field);
  const NumberShape shape = ScanNumber(text, decimal_mark);
  if (shape.leading_zero) return ValueClass::kCode;
  if (!shape.valid) return ValueClass::kText;
  if (shape.integer) {
    std::int64_t value;
    // Integers beyond int64 are identifiers; a double would round them.
    if (shape.digits <= kSafeDigits || ParseInt64(text, &value)) return ValueClass::kInteger;
    return ValueClass::kText;
  }
  double value;
  // A number out of double's range (1e999) is not a measurement either.
  if (shape.exponent && !ParseDoubleSlow(text, decimal_mark, &value)) return ValueClass::kText;
  return ValueClass::kDecimal;
}

}  // namespace jamlik::csv_internal
