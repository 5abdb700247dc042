#pragma once
// The small reference files of resources/ that are compiled into the libraries: comma-separated,
// without quoting, checked once when first read. Not for users' files (src/io reads those).
#include <string>
#include <string_view>
#include <vector>

namespace jamlik::internal {

// Return the data rows of `text` (the embedded resources/`file`) after checking its header and
// each row's field count; throws kInternal (a build defect) naming the file otherwise.
std::vector<std::vector<std::string_view>> ParseEmbeddedCsv(std::string_view file,
                                                            std::string_view text,
                                                            std::string_view header);

// Throw kInternal: the embedded resources/`file` is not as the code expects.
[[noreturn]] void EmbeddedResourceDefect(std::string_view file, std::string_view what);

// resources/kommuner.csv: kommun,kommunnamn,lan,lannamn.
std::string_view KommunerCsv();

}  // namespace jamlik::internal
