#include "io/csv_encoding_internal.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

namespace jamlik::csv_internal {
namespace {

// The code points of bytes 0x80-0x9F; the five bytes Windows-1252 leaves undefined keep their C1
// control code point, as the WHATWG encoding standard maps them.
constexpr char16_t kHighControls[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

char32_t CodePoint(unsigned char byte) {
  return byte >= 0x80 && byte <= 0x9F ? kHighControls[byte - 0x80] : byte;
}

std::size_t Utf8Length(char32_t code_point) {
  return code_point < 0x80 ? 1 : code_point < 0x800 ? 2 : 3;
}

}  // namespace

std::size_t Windows1252Utf8Size(std::string_view text) {
  std::size_t size = 0;
  for (const char c : text) size += Utf8Length(CodePoint(static_cast<unsigned char>(c)));
  return size;
}

char* Windows1252ToUtf8(std::string_view text, char* out) {
  for (const char c : text) {
    const char32_t code_point = CodePoint(static_cast<unsigned char>(c));
    if (code_point < 0x80) {
      *out++ = c;
    } else if (code_point < 0x800) {
      *out++ = static_cast<char>(0xC0 | (code_point >> 6));
      *out++ = static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
      *out++ = static_cast<char>(0xE0 | (code_point >> 12));
      *out++ = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
      *out++ = static_cast<char>(0x80 | (code_point & 0x3F));
    }
  }
  return out;
}

}  // namespace jamlik::csv_internal
