#include "published/pxweb_v1_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "core/i18n.hpp"
#include "published/json_input.hpp"

namespace jamlik::published {
namespace {

// The content columns' variable: SCB's name for it in the other formats.
constexpr const char* kContentsCode = "ContentsCode";

// A value string: a number, or a symbol for a missing value. Text with a digit that does not
// parse as a number is an error, not a symbol: nothing is silently read as missing.
std::optional<double> ParseValue(const JsonAt& at, std::string& status) {
  const std::string text = at.String();
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error == std::errc() && end == text.data() + text.size() && std::isfinite(number)) {
    return number;
  }
  if (std::none_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    status = text;
    return std::nullopt;
  }
  at.Fail("ett tal som text (\"50937\") eller en symbol (\"..\")",
          "a number as text (\"50937\") or a symbol (\"..\")");
}

}  // namespace

bool IsPxWebV1Json(const nlohmann::json& document) {
  return document.is_object() && document.contains("columns") && document.contains("data") &&
         document["columns"].is_array() && document["data"].is_array();
}

ScbTable ParsePxWebV1Json(const nlohmann::json& document, const std::string& file) {
  const JsonAt root(document, file);
  ScbTable table;
  table.file = file;
  if (const auto metadata = root.Find("metadata"); metadata && metadata->ArraySize() > 0) {
    if (const auto infofile = metadata->At(0).Find("infofile")) table.table_id = infofile->String();
  }
  // Key columns become variables in column order; content columns the categories of one more.
  ScbVariable contents{kContentsCode, kContentsCode, ScbRole::kContent, {}, {}};
  const JsonAt columns = root["columns"];
  for (std::size_t c = 0; c < columns.ArraySize(); ++c) {
    const JsonAt column = columns.At(c);
    const std::string code = column["code"].String();
    const std::optional<JsonAt> text = column.Find("text");
    const std::string label = text ? text->String() : code;
    const JsonAt type = column["type"];
    const std::string kind = type.String();
    if (kind == "c") {
      contents.codes.push_back(code);
      contents.labels.push_back(label);
    } else if (kind == "d" || kind == "t") {
      table.variables.push_back(
          {code, label, kind == "t" ? ScbRole::kTime : ScbRoleOfId(code), {}, {}});
    } else {
      type.Fail("\"d\", \"t\" eller \"c\"", "\"d\", \"t\" or \"c\"");
    }
  }
  if (contents.codes.empty()) {
    columns.Fail("minst en kolumn av typen \"c\" (ett mått)",
                 "at least one column of type \"c\" (a measure)");
  }
  const std::size_t keys = table.variables.size();
  table.variables.push_back(std::move(contents));
  ScbVariable& content = table.variables.back();

  // Codes get positions as they first appear; labels are the codes (the json format sends no
  // category texts).
  std::vector<std::map<std::string, std::uint32_t>> positions(keys);
  const JsonAt data = root["data"];
  for (std::size_t r = 0; r < data.ArraySize(); ++r) {
    const JsonAt row = data.At(r);
    const JsonAt key = row["key"];
    if (key.ArraySize() != keys) {
      key.Fail(fmt::format("{} {}", keys,
                           Tr("koder (en per d- och t-kolumn)", "codes (one per d and t column)")),
               fmt::format("{} codes (one per d and t column)", keys));
    }
    std::vector<std::uint32_t> at(keys + 1);
    for (std::size_t k = 0; k < keys; ++k) {
      const std::string code = key.At(k).String();
      ScbVariable& variable = table.variables[k];
      const auto [found, inserted] =
          positions[k].emplace(code, static_cast<std::uint32_t>(variable.codes.size()));
      if (inserted) {
        variable.codes.push_back(code);
        variable.labels.push_back(code);
      }
      at[k] = found->second;
    }
    const JsonAt values = row["values"];
    if (values.ArraySize() != content.codes.size()) {
      values.Fail(fmt::format("{} {}", content.codes.size(),
                              Tr("värden (ett per c-kolumn)", "values (one per c column)")),
                  fmt::format("{} values (one per c column)", content.codes.size()));
    }
    for (std::size_t m = 0; m < content.codes.size(); ++m) {
      ScbObservation observation;
      observation.positions = at;
      observation.positions[keys] = static_cast<std::uint32_t>(m);
      observation.value = ParseValue(values.At(m), observation.status);
      table.observations.push_back(std::move(observation));
    }
  }
  return table;
}

}  // namespace jamlik::published
