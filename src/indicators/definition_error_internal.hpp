#pragma once
// The error of a definition that does not fit the data, shared by the steps that check it.
#include <fmt/format.h>

#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/indicator_definition.hpp"

namespace jamlik::internal {

// Throw kInvalidArgument naming the definition and where it was written.
[[noreturn]] inline void InvalidDefinition(const IndicatorDefinition& definition,
                                           const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("indikatorn '{}': {}", "indicator '{}': {}")),
                          definition.id, message),
              definition.where);
}

}  // namespace jamlik::internal
