#include <charconv>
#include <system_error>

#include "io/csv_number_internal.hpp"

namespace jamlik::csv_internal {
namespace {

// Parse `text` of a valid shape the slow, always correctly rounded way.
bool ParseDoubleSlow(std::string_view text, char decimal_mark, double* out) {
  // from_chars wants '.', no '+' and no spaces; ScanNumber has bounded the length.
  char buffer[kMaxNumberLength];
  std::size_t length = 0;
  for (const char c : text) {
    if (c == '+' && length == 0) continue;
    buffer[length++] = c == decimal_mark ? '.' : c;
  }
  const auto [end, error] = std::from_chars(buffer, buffer + length, *out);
  return error == std::errc() && end == buffer + length;
}

}  // namespace

NumberShape ScanNumber(std::string_view text, char decimal_mark) {
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

bool ParseInt64General(std::string_view field, std::int64_t* out) {
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

bool ParseDoubleGeneral(std::string_view field, char decimal_mark, double* out) {
  const std::string_view text = TrimSpaces(field);
  const NumberShape shape = ScanNumber(text, decimal_mark);
  if (!shape.valid) return false;
  if (!shape.exponent && shape.digits <= kExactDigits) {
    const double value = static_cast<double>(shape.mantissa) / kPowersOfTen[shape.fraction_digits];
    *out = shape.negative ? -value : value;
    return true;
  }
  return ParseDoubleSlow(text, decimal_mark, out);
}

ValueClass ClassifyValueGeneral(std::string_view field, char decimal_mark) {
  const std::string_view text = TrimSpaces(field);
  const NumberShape shape = ScanNumber(text, decimal_mark);
  if (shape.leading_zero) return ValueClass::kCode;
  if (!shape.valid) return ValueClass::kText;
  if (shape.integer) {
    std::int64_t value;
    // Integers beyond int64 are identifiers; a double would round them.
    if (shape.digits <= kSafeDigits || ParseInt64General(text, &value)) {
      return ValueClass::kInteger;
    }
    return ValueClass::kText;
  }
  double value;
  // A number out of double's range (1e999) is not a measurement either.
  if (shape.exponent && !ParseDoubleSlow(text, decimal_mark, &value)) return ValueClass::kText;
  return ValueClass::kDecimal;
}

}  // namespace jamlik::csv_internal
