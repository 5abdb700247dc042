#include "app/analyses/indicator_json.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <type_traits>
#include <variant>

#include "indicators/definition_schema.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

// Convert a JSON value to the format-neutral tree that ReadDefinitions validates; each node keeps
// the field path an error names. An object's members add ".key"; an object in a list adds "[i]";
// other list items name the list, the control an API client shows the error at.
DefinitionNode ToNode(const json& value, const std::string& field) {
  DefinitionNode node;
  node.field = field;
  switch (value.type()) {
    case json::value_t::string:
      node.kind = DefinitionNode::Kind::kText;
      node.text = value.get<std::string>();
      break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      node.kind = DefinitionNode::Kind::kNumber;
      node.number = value.get<double>();
      break;
    case json::value_t::boolean:
      node.kind = DefinitionNode::Kind::kBoolean;
      node.boolean = value.get<bool>();
      break;
    case json::value_t::array:
      node.kind = DefinitionNode::Kind::kList;
      for (std::size_t i = 0; i < value.size(); ++i) {
        node.items.push_back(
            ToNode(value[i], value[i].is_object() ? fmt::format("{}[{}]", field, i) : field));
      }
      break;
    case json::value_t::object:
      node.kind = DefinitionNode::Kind::kTable;
      for (const auto& [key, member] : value.items()) {
        node.members.push_back(
            ToNode(member, field.empty() ? key : field + "." + key).WithKey(key));
      }
      break;
    default:  // null, binary, discarded
      break;
  }
  return node;
}

constexpr std::string_view kIndicators = "indicators";

DefinitionNode Document(const json& indicators, const json& defaults) {
  DefinitionNode document;
  document.kind = DefinitionNode::Kind::kTable;
  document.members.push_back(
      ToNode(indicators, std::string(kIndicators)).WithKey(std::string(kIndicators)));
  if (!defaults.empty()) document.members.push_back(ToNode(defaults, "").WithKey("defaults"));
  return document;
}

std::vector<IndicatorDefinition> Read(const DefinitionNode& document,
                                      StandardPopulationFiles standard_population_files) {
  return ReadDefinitions(document, {.syntax = DefinitionSyntax::kJson,
                                    .standard_population_files = standard_population_files});
}

}  // namespace

std::vector<IndicatorDefinition> IndicatorDefinitionsFromJson(
    const json& indicators, StandardPopulationFiles standard_population_files) {
  return Read(Document(indicators, json::object()), standard_population_files);
}

std::vector<IndicatorDefinition> IndicatorDefinitionsFromRequest(
    const json& body, StandardPopulationFiles standard_population_files) {
  DefinitionNode document;
  document.kind = DefinitionNode::Kind::kTable;
  if (!body.is_object() || !body.contains(kIndicators)) {
    return Read(document, standard_population_files);  // names the missing list
  }
  // The request's top-level "areas", "period" and "dimensions" act as [defaults] does in a file.
  json defaults = json::object();
  for (const char* key : {"areas", "period", "dimensions"}) {
    if (body.contains(key)) defaults[key] = body.at(key);
  }
  return Read(Document(body.at(kIndicators), defaults), standard_population_files);
}

json IndicatorDefinitionsToJson(const std::vector<IndicatorDefinition>& definitions) {
  json array = json::array();
  for (const auto& definition : definitions) {
    json object = json::object();
    for (const DefinitionField& field : DefinitionFields()) {
      const std::string key(field.json_key);
      std::visit(
          [&](auto member) {
            const auto& value = definition.*member;
            using Value = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<Value, std::string>) {
              // A standard population means nothing without ages to standardise by.
              if (field.standard_population && definition.age.empty() &&
                  definition.age_band.empty()) {
                return;
              }
              if (!value.empty() || field.required) object[key] = value;
            } else if constexpr (std::is_same_v<Value, RowFilter>) {
              if (!value.empty()) object[key] = value.text();
            } else if constexpr (std::is_same_v<Value, std::optional<double>>) {
              if (value) object[key] = *value;
            } else {
              object[key] = value;
            }
          },
          field.member);
    }
    array.push_back(std::move(object));
  }
  return array;
}

}  // namespace jamlik::app
