#pragma once
// One list of error codes, each with its HTTP status and CLI exit code, and the error that carries
// what failed and where (file:line:column, field, value).
#include <cstddef>
#include <stdexcept>
#include <string>

namespace jamlik {

enum class ErrorCode {
  kUsage,              // the command or request itself is malformed
  kIo,                 // a file could not be opened, read or written
  kEmptyFile,          // an input file has no content
  kNotCsv,             // binary or otherwise not a delimited text file
  kRaggedRow,          // a row with more or fewer fields than the header
  kUnterminatedQuote,  // a quoted field that never closes
  kDuplicateHeader,    // two columns with the same name
  kBadValue,           // a field that does not parse as its column's type
  kUnknownColumn,      // a column named in a request is not in the table
  kTypeMismatch,       // a column has the wrong type for the operation
  kInvalidArgument,    // a parameter outside its allowed range
  kBusy,               // the server is at a limit it keeps on purpose; try again shortly
  kInternal,           // a bug: an invariant did not hold
};

// Return the stable snake_case id of a code, e.g. "ragged_row" (used in JSON and tests).
const char* ErrorCodeId(ErrorCode code);
int HttpStatus(ErrorCode code);
// 2 for usage errors, 1 for bad input and everything else.
int ExitCode(ErrorCode code);

struct SourceLocation {
  std::string file;
  std::size_t line = 0;    // 1-based physical line; 0 when unknown
  std::size_t column = 0;  // 1-based byte column within the line; 0 when unknown
};

class Error : public std::runtime_error {
 public:
  // `message` is already in the user's language; what() prefixes the location as file:line:column.
  Error(ErrorCode code, std::string message, SourceLocation location = {}, std::string field = {},
        std::string value = {});

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const SourceLocation& location() const { return location_; }
  const std::string& field() const { return field_; }
  const std::string& value() const { return value_; }

 private:
  ErrorCode code_;
  std::string message_;
  SourceLocation location_;
  std::string field_;
  std::string value_;
};

}  // namespace jamlik
