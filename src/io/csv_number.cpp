#include <charconv>
#include <system_error>

#include "io/csv_number_internal.hpp"

namespace jamlik::csv_internal {

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

}  // namespace jamlik::csv_internal
