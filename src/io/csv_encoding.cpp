#include "io/csv_encoding_internal.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

namespace jamlik::csv_internal {
namespace {

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Return the length of the valid UTF-8 sequence at text[pos] (whose lead byte is not ASCII), or 0.
// The ranges are those of the Unicode standard's table 3-7: no overlong forms, no surrogates.
std::size_t ValidSequenceLength(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  std::size_t length;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (!IsContinuation(byte(i))) return 0;
  }
  return length;
}

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

std::size_t FindInvalidUtf8(std::string_view text, std::size_t begin, std::size_t end) {
  if (begin >= end) return std::string_view::npos;
  std::size_t pos = begin;
  // Step back to the lead byte of a sequence that starts before `begin`.
  while (pos > 0 && pos + 3 > begin && IsContinuation(static_cast<unsigned char>(text[pos]))) --pos;
  while (pos < end) {
    if (pos + 16 <= end) {
      // ASCII sixteen bytes at a time, the common case by far; else on to the first other byte.
      std::uint64_t words[2];
      std::memcpy(words, text.data() + pos, sizeof words);
      const std::uint64_t high[2] = {words[0] & 0x8080808080808080ULL,
                                     words[1] & 0x8080808080808080ULL};
      if ((high[0] | high[1]) == 0) {
        pos += 16;
        continue;
      }
      pos += static_cast<std::size_t>(high[0] != 0 ? std::countr_zero(high[0])
                                                   : 64 + std::countr_zero(high[1])) /
             8;
    } else if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t length = ValidSequenceLength(text, pos);
    if (length == 0) return pos;
    pos += length;
  }
  return std::string_view::npos;
}

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
