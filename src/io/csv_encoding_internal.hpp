#pragma once
// Text encodings of CSV files from Swedish offices: UTF-8 (checked) and Windows-1252, the
// superset of Latin-1 that Excel and older systems write, converted to UTF-8.
#include <cstddef>
#include <string_view>

#include "core/utf8.hpp"

namespace jamlik::csv_internal {

// UTF-8 is checked by core's FindInvalidUtf8 (core/utf8.hpp).
using jamlik::FindInvalidUtf8;

// Return the number of bytes Windows-1252 `text` takes in UTF-8.
std::size_t Windows1252Utf8Size(std::string_view text);

// Write Windows-1252 `text` as UTF-8 to `out` (Windows1252Utf8Size bytes); return the end.
char* Windows1252ToUtf8(std::string_view text, char* out);

}  // namespace jamlik::csv_internal
