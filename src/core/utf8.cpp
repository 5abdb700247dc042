#include "core/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
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

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

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

std::size_t Utf8Length(std::string_view text) {
  std::size_t characters = 0;
  for (const char c : text) characters += IsContinuation(static_cast<unsigned char>(c)) ? 0 : 1;
  return characters;
}

std::string TruncateUtf8(std::string_view text, std::size_t max_characters) {
  std::size_t characters = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (IsContinuation(static_cast<unsigned char>(text[pos]))) continue;
    if (characters++ == max_characters) return std::string(text.substr(0, pos));
  }
  return std::string(text);
}

std::string RepairUtf8(std::string_view text) {
  std::string repaired;
  repaired.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t length =
        static_cast<unsigned char>(text[pos]) < 0x80 ? 1 : ValidSequenceLength(text, pos);
    if (length == 0) {
      repaired.append(kReplacement);
      ++pos;
    } else {
      repaired.append(text.substr(pos, length));
      pos += length;
    }
  }
  return repaired;
}

void RequireUtf8Text(std::string_view text, const std::string& display_name) {
  const std::size_t bad = FindInvalidUtf8(text, 0, text.size());
  if (bad == std::string_view::npos) return;
  const std::size_t newline = bad == 0 ? std::string_view::npos : text.rfind('\n', bad - 1);
  const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  const std::size_t line = 1 + std::count(text.begin(), text.begin() + bad, '\n');
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(
                              Tr("rad {}: ogiltig UTF-8 (byte 0x{:02X}); spara filen som UTF-8",
                                 "line {}: invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8")),
                          line, static_cast<unsigned char>(text[bad])),
              {display_name, line, bad - line_start + 1});
}

}  // namespace jamlik
