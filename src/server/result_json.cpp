// The API's JSON of a result row and its OpenAPI schema, both derived from the one declaration of
// the result's fields (indicators/result_table.hpp).
#include <type_traits>
#include <variant>

#include "core/labelled_enum.hpp"
#include "indicators/result_table.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {

using nlohmann::json;

json ResultRowJson(const ResultRow& row) {
  json out = json::object();
  for (const ResultField& field : ResultFields()) {
    std::visit(
        [&](auto member) {
          const auto& value = row.*member;
          using Value = std::remove_cvref_t<decltype(value)>;
          if constexpr (std::is_same_v<Value, BilingualText>) {
            out[field.name] = value.InCurrentLanguage();
          } else if constexpr (std::is_same_v<Value, std::optional<double>>) {
            out[field.name] = value ? json(*value) : json(nullptr);
          } else if constexpr (LabelledEnum<Value>) {
            out[field.name] = std::string(EnumId(value));  // the id; the web app shows its label
          } else {
            out[field.name] = value;
          }
        },
        field.member);
  }
  // Labels beside the codes, in the request's language (ScopedLanguage).
  const Language language = CurrentLanguage();
  for (const ResultLabelField& field : ResultLabelFields()) {
    out[field.name] = ResultLabel(field, row, language);
  }
  return out;
}

nlohmann::ordered_json ResultRowSchema() {
  nlohmann::ordered_json properties = nlohmann::ordered_json::object();
  nlohmann::ordered_json required = nlohmann::ordered_json::array();
  for (const ResultField& field : ResultFields()) {
    nlohmann::ordered_json type = std::visit(
        [](auto member) -> nlohmann::ordered_json {
          using Value = std::remove_cvref_t<decltype(std::declval<ResultRow>().*member)>;
          if constexpr (std::is_same_v<Value, std::optional<double>>) {
            return nlohmann::ordered_json::array({"number", "null"});
          } else if constexpr (std::is_same_v<Value, double>) {
            return "number";
          } else if constexpr (std::is_same_v<Value, std::int64_t>) {
            return "integer";
          } else if constexpr (std::is_same_v<Value, bool>) {
            return "boolean";
          } else {
            return "string";
          }
        },
        field.member);
    properties[field.name] = {{"type", std::move(type)}, {"description", field.description}};
    // An enumerated field lists its ids ("" for none), so the web app's types know every one.
    if (const std::vector<std::string> ids = ResultFieldIds(field); !ids.empty()) {
      properties[field.name]["enum"] = ids;
    }
    required.push_back(field.name);
  }
  for (const ResultLabelField& field : ResultLabelFields()) {
    properties[field.name] = {{"type", "string"}, {"description", field.description}};
    required.push_back(field.name);
  }
  return {{"type", "object"},
          {"description",
           "One row per indicator × area × period × dimension × subgroup (DESIGN.md §4); "
           "undefined values are null and `flag` says why; codes and ids with their labels in the "
           "request's language beside them (`*_label`). Generated from the result fields' "
           "declarations (src/indicators/result_table.cpp)."},
          {"properties", std::move(properties)},
          {"required", std::move(required)},
          {"additionalProperties", false}};
}

const std::string& OpenApiDocument() {
  static const std::string document = [] {
    // Ordered: the document keeps the source's order of paths and fields.
    auto parsed = nlohmann::ordered_json::parse(OpenApiSource());
    parsed["components"]["schemas"]["ResultRow"] = ResultRowSchema();
    return parsed.dump(2);
  }();
  return document;
}

}  // namespace jamlik::server
