#include "core/error.hpp"

#include <fmt/format.h>

namespace jamlik {
namespace {

std::string WithLocation(const SourceLocation& location, const std::string& message) {
  if (location.file.empty()) return message;
  if (location.line == 0) return fmt::format("{}: {}", location.file, message);
  if (location.column == 0) return fmt::format("{}:{}: {}", location.file, location.line, message);
  return fmt::format("{}:{}:{}: {}", location.file, location.line, location.column, message);
}

}  // namespace

const char* ErrorCodeId(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUsage:
      return "usage";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kEmptyFile:
      return "empty_file";
    case ErrorCode::kNotCsv:
      return "not_csv";
    case ErrorCode::kRaggedRow:
      return "ragged_row";
    case ErrorCode::kUnterminatedQuote:
      return "unterminated_quote";
    case ErrorCode::kDuplicateHeader:
      return "duplicate_header";
    case ErrorCode::kBadValue:
      return "bad_value";
    case ErrorCode::kUnknownColumn:
      return "unknown_column";
    case ErrorCode::kTypeMismatch:
      return "type_mismatch";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kBusy:
      return "busy";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUsage:
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnknownColumn:
    case ErrorCode::kTypeMismatch:
    case ErrorCode::kEmptyFile:
    case ErrorCode::kNotCsv:
    case ErrorCode::kRaggedRow:
    case ErrorCode::kUnterminatedQuote:
    case ErrorCode::kDuplicateHeader:
    case ErrorCode::kBadValue:
      return 422;
    case ErrorCode::kBusy:
      return 503;
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

int ExitCode(ErrorCode code) { return code == ErrorCode::kUsage ? 2 : 1; }

Error::Error(ErrorCode code, std::string message, SourceLocation location, std::string field,
             std::string value)
    : std::runtime_error(WithLocation(location, message)),
      code_(code),
      message_(std::move(message)),
      location_(std::move(location)),
      field_(std::move(field)),
      value_(std::move(value)) {}

}  // namespace jamlik
