#include <fmt/format.h>

#include <algorithm>

#include "core/embedded_csv_internal.hpp"
#include "core/error.hpp"

namespace jamlik::internal {

void EmbeddedResourceDefect(std::string_view file, std::string_view what) {
  throw Error(ErrorCode::kInternal, fmt::format("embedded resources/{}: {}", file, what),
              SourceLocation{});
}

std::vector<std::vector<std::string_view>> ParseEmbeddedCsv(std::string_view file,
                                                            std::string_view text,
                                                            std::string_view header) {
  std::vector<std::vector<std::string_view>> rows;
  const auto expected = static_cast<std::size_t>(std::count(header.begin(), header.end(), ',')) + 1;
  bool first = true;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (first) {
      if (line != header) {
        EmbeddedResourceDefect(file, fmt::format("header '{}', expected '{}'", line, header));
      }
      first = false;
      continue;
    }
    std::vector<std::string_view> fields;
    for (std::size_t start = 0;;) {
      const std::size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (fields.size() != expected) {
      EmbeddedResourceDefect(file, fmt::format("row '{}' has the wrong field count", line));
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

}  // namespace jamlik::internal
