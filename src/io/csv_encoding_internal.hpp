#pragma once
// Text encodings of CSV files from Swedish offices: UTF-8 (checked) and Windows-1252, the
// superset of Latin-1 that Excel and older systems write, converted to UTF-8.
#include <cstddef>
#include <string_view>

namespace jamlik::csv_internal {

// Return the offset of the first byte in [begin, end) of `text` that is not part of a valid UTF-8
// sequence, or npos. A sequence cut by `begin` is checked from its lead byte and one cut by `end`
// to its last byte, so adjacent ranges can be checked by different threads.
std::size_t FindInvalidUtf8(std::string_view text, std::size_t begin, std::size_t end);

// Return the number of bytes Windows-1252 `text` takes in UTF-8.
std::size_t Windows1252Utf8Size(std::string_view text);

// Write Windows-1252 `text` as UTF-8 to `out` (Windows1252Utf8Size bytes); return the end.
char* Windows1252ToUtf8(std::string_view text, char* out);

}  // namespace jamlik::csv_internal
