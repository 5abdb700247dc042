#pragma once
// Recognise and parse the numbers of CSV fields without allocating: integers with an optional
// sign, and decimals with the file's decimal mark and an optional exponent. Spaces around the
// number are allowed; thousands separators, "inf" and "nan" are not, so such columns stay text.
// The usual shapes ("42", "12.5") take an inline fast path; the rest goes out of line.
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
// Longest run of plain digits that always fits int64.
inline constexpr std::size_t kSafeDigits = 18;
// Most digits of a decimal that the fast path reads exactly (below 2^53).
inline constexpr std::size_t kExactDigits = 15;
inline constexpr double kPowersOfTen[kExactDigits + 1] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
// ClassifyValue's `plain` when the field is not plain digits.
inline constexpr std::uint64_t kNotPlain = ~std::uint64_t{0};

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

NumberShape ScanNumber(std::string_view text, char decimal_mark);

// Parse a field of 1 to kSafeDigits plain digits (no sign, no spaces): the usual integer.
// False for anything else.
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

// Parse a field of digits with at most one decimal mark after the first of them ("12.5", "12",
// "12."), at most kExactDigits digits: the usual decimal. Dividing an integer below 2^53 by an
// exact power of ten is correctly rounded (Clinger's fast path), so the result equals
// from_chars'. False for anything else.
inline bool ParsePlainDecimal(std::string_view field, char decimal_mark, double* out) {
  const std::size_t n = field.size();
  if (n == 0 || n > kExactDigits + 1) return false;
  std::uint64_t mantissa = 0;
  std::size_t i = 0;
  for (; i < n && IsDigit(field[i]); ++i) mantissa = mantissa * 10 + (field[i] - '0');
  const std::size_t int_digits = i;
  if (int_digits == 0) return false;
  std::size_t fraction_digits = 0;
  if (i < n && field[i] == decimal_mark) {
    const std::size_t fraction_begin = ++i;
    for (; i < n && IsDigit(field[i]); ++i) mantissa = mantissa * 10 + (field[i] - '0');
    fraction_digits = i - fraction_begin;
  }
  if (i != n || int_digits + fraction_digits > kExactDigits) return false;
  *out = static_cast<double>(mantissa) / kPowersOfTen[fraction_digits];
  return true;
}

bool ParseInt64General(std::string_view field, std::int64_t* out);
bool ParseDoubleGeneral(std::string_view field, char decimal_mark, double* out);
ValueClass ClassifyValueGeneral(std::string_view field, char decimal_mark);

// Parse an integer (leading zeros allowed); false when it is not one or does not fit int64.
inline bool ParseInt64(std::string_view field, std::int64_t* out) {
  std::uint64_t plain;
  if (ParsePlainDigits(field, &plain)) {
    *out = static_cast<std::int64_t>(plain);
    return true;
  }
  return ParseInt64General(field, out);
}

// Parse a number written with `decimal_mark`; false when it is not one or is out of range.
inline bool ParseDouble(std::string_view field, char decimal_mark, double* out) {
  return ParsePlainDecimal(field, decimal_mark, out) ||
         ParseDoubleGeneral(field, decimal_mark, out);
}

// Classify a non-empty field of a column whose type is being inferred. `plain` receives the value
// of a field of plain digits (see ParsePlainDigits), and kNotPlain otherwise.
inline ValueClass ClassifyValue(std::string_view field, char decimal_mark, std::uint64_t* plain) {
  const bool leading_zero = field.size() >= 2 && field[0] == '0' && IsDigit(field[1]);
  if (ParsePlainDigits(field, plain)) {
    return leading_zero ? ValueClass::kCode : ValueClass::kInteger;
  }
  *plain = kNotPlain;
  double value;
  if (!leading_zero && ParsePlainDecimal(field, decimal_mark, &value)) return ValueClass::kDecimal;
  return ClassifyValueGeneral(field, decimal_mark);
}

}  // namespace jamlik::csv_internal
