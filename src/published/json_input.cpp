#include "published/json_input.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/i18n.hpp"

namespace jamlik::published {
namespace {

// RFC 6901: "~" and "/" in a key are written "~0" and "~1".
std::string PointerToken(std::string_view key) {
  std::string token;
  for (char c : key) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token += c;
    }
  }
  return token;
}

// The 1-based line and column (bytes) of a byte offset.
SourceLocation LocationOf(std::string_view text, std::size_t offset, const std::string& file) {
  SourceLocation location{file, 1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++location.line;
      location.column = 1;
    } else {
      ++location.column;
    }
  }
  return location;
}

}  // namespace

nlohmann::json ParseJson(std::string_view text, const std::string& file) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw Error(ErrorCode::kEmptyFile, std::string(Tr("filen är tom", "the file is empty")),
                {file});
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // nlohmann counts the byte that failed from 1; point at it.
    const std::size_t offset = error.byte == 0 ? 0 : error.byte - 1;
    throw Error(ErrorCode::kBadValue,
                std::string(Tr("inte giltig JSON här", "not valid JSON here")),
                LocationOf(text, offset, file));
  } catch (const nlohmann::json::out_of_range&) {
    // A number beyond double's range ("1e999"); nlohmann_json does not say where.
    throw Error(ErrorCode::kBadValue,
                std::string(Tr("ett tal i filen är för stort (utanför flyttalens område)",
                               "a number in the file is too large (beyond floating point)")),
                {file});
  }
}

nlohmann::json ReadJsonFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorCode::kIo, std::string(Tr("kan inte öppna filen", "cannot open the file")),
                {path});
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    throw Error(ErrorCode::kIo, std::string(Tr("kan inte läsa filen", "cannot read the file")),
                {path});
  }
  return ParseJson(text.str(), path);
}

std::string JsonKind(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return std::string(Tr("ett objekt", "an object"));
    case nlohmann::json::value_t::array:
      return std::string(Tr("en lista", "an array"));
    case nlohmann::json::value_t::string:
      return fmt::format("{} \"{}\"", Tr("texten", "the text"), value.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return fmt::format("{} {}", Tr("talet", "the number"), value.dump());
    default:
      return value.dump();
  }
}

void JsonAt::Fail(std::string_view expected_sv, std::string_view expected_en) const {
  const std::string where = pointer_.empty() ? "/" : pointer_;
  throw Error(ErrorCode::kBadValue,
              fmt::format("{}: {} {}, {} {}", where, Tr("väntade", "expected"),
                          Tr(expected_sv, expected_en), Tr("fick", "got"), JsonKind(*value_)),
              {*file_}, where, value_->is_string() ? value_->get<std::string>() : value_->dump());
}

std::optional<JsonAt> JsonAt::Find(std::string_view key) const {
  if (!value_->is_object()) Fail("ett objekt", "an object");
  const auto found = value_->find(key);
  if (found == value_->end() || found->is_null()) return std::nullopt;
  return JsonAt(*found, *file_, pointer_ + "/" + PointerToken(key));
}

JsonAt JsonAt::operator[](std::string_view key) const {
  if (std::optional<JsonAt> member = Find(key)) return *member;
  const std::string where = pointer_.empty() ? "/" : pointer_;
  throw Error(
      ErrorCode::kBadValue,
      fmt::format("{}: {} \"{}\"", where, Tr("nyckeln saknas:", "the key is missing:"), key),
      {*file_}, where + (pointer_.empty() ? "" : "/") + PointerToken(key));
}

JsonAt JsonAt::Child(std::string_view key) const {
  if (!value_->is_object()) Fail("ett objekt", "an object");
  const auto found = value_->find(key);
  if (found == value_->end()) return (*this)[key];  // throws: the key is missing
  return JsonAt(*found, *file_, pointer_ + "/" + PointerToken(key));
}

JsonAt JsonAt::At(std::size_t index) const {
  if (!value_->is_array()) Fail("en lista", "an array");
  return JsonAt((*value_)[index], *file_, fmt::format("{}/{}", pointer_, index));
}

std::size_t JsonAt::ObjectSize() const {
  if (!value_->is_object()) Fail("ett objekt", "an object");
  return value_->size();
}

std::size_t JsonAt::ArraySize() const {
  if (!value_->is_array()) Fail("en lista", "an array");
  return value_->size();
}

std::string JsonAt::String() const {
  if (!value_->is_string()) Fail("text", "text");
  return value_->get<std::string>();
}

double JsonAt::Number() const {
  if (!value_->is_number()) Fail("ett tal", "a number");
  return value_->get<double>();
}

std::size_t JsonAt::Index() const {
  if (!value_->is_number_unsigned() &&
      !(value_->is_number_integer() && value_->get<std::int64_t>() >= 0)) {
    Fail("ett heltal ≥ 0", "an integer ≥ 0");
  }
  return value_->get<std::size_t>();
}

std::string JsonAt::Code() const {
  if (value_->is_string()) return value_->get<std::string>();
  if (value_->is_number_integer() || value_->is_number_unsigned()) return value_->dump();
  Fail("text eller ett heltal", "text or an integer");
}

}  // namespace jamlik::published
