#pragma once
// UTF-8 as the Unicode standard defines it (table 3-7: no overlong forms, no surrogates): checked
// at every door text comes in, counted and cut by characters, never by bytes.
#include <cstddef>
#include <string>
#include <string_view>

namespace jamlik {

// Return the offset of the first byte in [begin, end) of `text` that is not part of a valid UTF-8
// sequence, or npos. A sequence cut by `begin` is checked from its lead byte and one cut by `end`
// to its last byte, so adjacent ranges can be checked by different threads.
std::size_t FindInvalidUtf8(std::string_view text, std::size_t begin, std::size_t end);

inline bool IsValidUtf8(std::string_view text) {
  return FindInvalidUtf8(text, 0, text.size()) == std::string_view::npos;
}

// Return the number of characters (code points) of valid UTF-8 `text`.
std::size_t Utf8Length(std::string_view text);

// Return valid UTF-8 `text` cut to at most `max_characters` characters, never inside one.
std::string TruncateUtf8(std::string_view text, std::size_t max_characters);

// Return `text` with every byte that is not part of a valid sequence replaced by U+FFFD, the
// replacement character: text stored before it was checked, made safe to show.
std::string RepairUtf8(std::string_view text);

// Throw kInvalidArgument naming `display_name`, the line and the column of the first byte of
// `text` (a file's content) that is not valid UTF-8, saying to save the file as UTF-8.
void RequireUtf8Text(std::string_view text, const std::string& display_name);

}  // namespace jamlik
