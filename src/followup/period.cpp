#include "followup/period.hpp"

#include <fmt/format.h>

#include <charconv>

namespace jamlik::followup {

std::string Period::Display() const {
  return tertial == 0 ? fmt::format("{}", year) : fmt::format("{}-T{}", year, tertial);
}

std::optional<Period> ParsePeriod(std::string_view text) {
  Period period;
  const char* end = text.data() + text.size();
  const auto [rest, error] = std::from_chars(text.data(), end, period.year);
  if (error != std::errc() || rest - text.data() != 4 || period.year < 1900 || period.year > 2200) {
    return std::nullopt;
  }
  const std::string_view tail(rest, static_cast<std::size_t>(end - rest));
  if (tail.empty()) return period;
  // A tertial: "-T" and its digit.
  if (tail.size() == 3 && tail.substr(0, 2) == "-T" && tail[2] >= '1' && tail[2] <= '3') {
    period.tertial = tail[2] - '0';
    return period;
  }
  return std::nullopt;
}

}  // namespace jamlik::followup
