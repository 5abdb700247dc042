#include "stats/check_internal.hpp"

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::stats_internal {

void ThrowInvalid(std::string_view field, double value, std::string_view message) {
  throw Error(ErrorCode::kInvalidArgument, fmt::format("{}: {} = {}", message, field, value), {},
              std::string(field), fmt::format("{}", value));
}

void RequireFinite(double value, std::string_view field) {
  if (!std::isfinite(value)) {
    ThrowInvalid(field, value, Tr("Värdet måste vara ett ändligt tal", "The value must be finite"));
  }
}

void RequireNonNegative(double value, std::string_view field) {
  RequireFinite(value, field);
  if (value < 0) {
    ThrowInvalid(field, value,
                 Tr("Värdet får inte vara negativt", "The value must not be negative"));
  }
}

void RequirePositive(double value, std::string_view field) {
  RequireFinite(value, field);
  if (value <= 0) {
    ThrowInvalid(field, value, Tr("Värdet måste vara positivt", "The value must be positive"));
  }
}

}  // namespace jamlik::stats_internal
