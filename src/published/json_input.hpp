#pragma once
// Reading the published statistics' JSON files: the text parsed with nlohmann_json (a syntax error
// names the file's line:column), and the parsed document read through JsonAt, which knows where
// in the document it is (a JSON pointer, RFC 6901) so that every complaint about a missing key or
// a value of the wrong kind names the file, the pointer and what was expected.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace jamlik::published {

// Read and parse a JSON file. Throws kIo when it cannot be read, kEmptyFile when it holds nothing
// but white space, kBadValue with the line and column of a syntax error.
nlohmann::json ReadJsonFile(const std::string& path);

// Parse JSON text; `file` names it in errors.
nlohmann::json ParseJson(std::string_view text, const std::string& file);

// The kind of a JSON value in words: "text", "a number", "null" … (Swedish or English).
std::string JsonKind(const nlohmann::json& value);

// A value in a parsed document with its place in it.
class JsonAt {
 public:
  JsonAt(const nlohmann::json& value, const std::string& file, std::string pointer = {})
      : value_(&value), file_(&file), pointer_(std::move(pointer)) {}

  const nlohmann::json& value() const { return *value_; }
  const std::string& file() const { return *file_; }
  // The JSON pointer of this value ("/values/3/gender"); "" for the document itself.
  const std::string& pointer() const { return pointer_; }

  // The member `key` of this object, or nullopt when the object lacks it or it is null. Throws
  // when this value is not an object.
  std::optional<JsonAt> Find(std::string_view key) const;
  // The member `key`; throws when it is missing or null.
  JsonAt operator[](std::string_view key) const;
  // The member `key`, null included; throws when it is missing.
  JsonAt Child(std::string_view key) const;
  // The element `index` of this array.
  JsonAt At(std::size_t index) const;

  // This value as an object / array (throws naming the pointer otherwise); the number of members
  // or elements.
  std::size_t ObjectSize() const;
  std::size_t ArraySize() const;
  bool IsNull() const { return value_->is_null(); }

  std::string String() const;  // text; throws for anything else
  double Number() const;       // a JSON number; throws for anything else
  std::size_t Index() const;   // a non-negative integer
  // Text or an integer as text (Kolada's period, which v3 sends as a number): "2023".
  std::string Code() const;

  // Throw kBadValue: "FILE: POINTER: expected EXPECTED, got WHAT" in the user's language.
  [[noreturn]] void Fail(std::string_view expected_sv, std::string_view expected_en) const;

 private:
  const nlohmann::json* value_;
  const std::string* file_;
  std::string pointer_;
};

}  // namespace jamlik::published
