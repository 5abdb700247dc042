#include "indicators/indicator_definition.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <toml.hpp>
#include <utility>

#include "core/i18n.hpp"
#include "core/utf8.hpp"
#include "indicators/definition_schema.hpp"

namespace jamlik {
namespace {

// Convert a TOML value to the format-neutral tree that ReadDefinitions validates; each node keeps
// its file:line:column.
DefinitionNode ToNode(const toml::value& value, const std::string& file) {
  DefinitionNode node;
  const auto location = value.location();
  node.location = {file, location.line(), location.column()};
  switch (value.type()) {
    case toml::value_t::string:
      node.kind = DefinitionNode::Kind::kText;
      node.text = value.as_string().str;
      break;
    case toml::value_t::integer:
      node.kind = DefinitionNode::Kind::kNumber;
      node.number = static_cast<double>(value.as_integer());
      break;
    case toml::value_t::floating:
      node.kind = DefinitionNode::Kind::kNumber;
      node.number = value.as_floating();
      break;
    case toml::value_t::boolean:
      node.kind = DefinitionNode::Kind::kBoolean;
      node.boolean = value.as_boolean();
      break;
    case toml::value_t::array:
      node.kind = DefinitionNode::Kind::kList;
      for (const auto& item : value.as_array()) node.items.push_back(ToNode(item, file));
      break;
    case toml::value_t::table:
      node.kind = DefinitionNode::Kind::kTable;
      for (const auto& [key, member] : value.as_table()) {
        node.members.push_back(ToNode(member, file).WithKey(key));
      }
      // toml11 keeps a table in a hash map: restore the file's order, so that of two mistakes the
      // first in the file is reported.
      std::sort(node.members.begin(), node.members.end(), [](const auto& a, const auto& b) {
        return std::pair(a.location.line, a.location.column) <
               std::pair(b.location.line, b.location.column);
      });
      break;
    default:  // dates and times
      break;
  }
  return node;
}

}  // namespace

DefinitionNode ParseTomlDocument(const std::string& text, const std::string& display_name) {
  // TOML is UTF-8. toml11 (3.7, Debian 12) also reads past the end of the text when it ends inside
  // a UTF-8 sequence (fuzz/indicator_toml_fuzzer found the three bytes 'E5'), so check first.
  RequireUtf8Text(text, display_name);
  toml::value document;
  try {
    std::istringstream stream(text);
    document = toml::parse(stream, display_name);
  } catch (const toml::exception& error) {
    const std::string what = error.what();
    // toml11 explains over several lines; the first line says what, the location says where.
    throw Error(ErrorCode::kInvalidArgument, what.substr(0, what.find('\n')),
                {display_name, error.location().line(), error.location().column()});
  }
  DefinitionNode root = ToNode(document, display_name);
  root.location = {display_name};  // a missing list is the file's, not its first line's
  return root;
}

std::string ReadDocumentFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ErrorCode::kIo, std::string(Tr("kan inte öppna filen", "cannot open the file")),
                {path});
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<IndicatorDefinition> ParseIndicatorDefinitions(const std::string& text,
                                                           const std::string& display_name) {
  return ReadDefinitions(ParseTomlDocument(text, display_name),
                         {.syntax = DefinitionSyntax::kToml});
}

std::vector<IndicatorDefinition> ReadIndicatorDefinitions(const std::string& path) {
  return ParseIndicatorDefinitions(ReadDocumentFile(path), path);
}

}  // namespace jamlik
