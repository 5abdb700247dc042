#include "indicators/indicator_definition.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <toml.hpp>

#include "core/i18n.hpp"
#include "core/utf8.hpp"

namespace jamlik {
namespace {

using TomlValue = toml::value;

SourceLocation LocationOf(const TomlValue& value, const std::string& file) {
  const auto location = value.location();
  return {file, location.line(), location.column()};
}

[[noreturn]] void Invalid(const TomlValue& at, const std::string& file, const std::string& key,
                          std::string_view expected_sv, std::string_view expected_en) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("nyckeln '{}': {}", "key '{}': {}")), key,
                          Tr(expected_sv, expected_en)),
              LocationOf(at, file), key);
}

// Reads keys from an indicator table, falling back to [defaults]; remembers which keys were
// read so that unknown (misspelt) keys can be reported.
class KeyReader {
 public:
  KeyReader(const TomlValue& table, const TomlValue* defaults, const std::string& file)
      : table_(table), defaults_(defaults), file_(file) {}

  const TomlValue* Find(const std::string& key) {
    used_.insert(key);
    if (table_.contains(key)) return &table_.at(key);
    if (defaults_ != nullptr && defaults_->contains(key)) return &defaults_->at(key);
    return nullptr;
  }
  std::string String(const std::string& key, bool required = false) {
    const TomlValue* value = Find(key);
    if (value == nullptr) {
      if (required) Invalid(table_, file_, key, "saknas men krävs", "is missing but required");
      return {};
    }
    if (!value->is_string()) Invalid(*value, file_, key, "ska vara en text", "must be a string");
    return value->as_string().str;
  }
  std::optional<double> Number(const std::string& key) {
    const TomlValue* value = Find(key);
    if (value == nullptr) return std::nullopt;
    if (value->is_integer()) return static_cast<double>(value->as_integer());
    if (!value->is_floating()) Invalid(*value, file_, key, "ska vara ett tal", "must be a number");
    return value->as_floating();
  }
  std::vector<double> Numbers(const std::string& key, std::vector<double> fallback) {
    const TomlValue* value = Find(key);
    if (value == nullptr) return fallback;
    std::vector<double> numbers;
    const auto& items = value->is_array() ? value->as_array() : toml::array{*value};
    for (const auto& item : items) {
      if (!item.is_floating() && !item.is_integer()) {
        Invalid(item, file_, key, "ska vara ett tal eller en lista av tal",
                "must be a number or a list of numbers");
      }
      numbers.push_back(item.is_integer() ? static_cast<double>(item.as_integer())
                                          : item.as_floating());
    }
    return numbers;
  }
  std::vector<std::string> Strings(const std::string& key) {
    const TomlValue* value = Find(key);
    if (value == nullptr) return {};
    if (!value->is_array())
      Invalid(*value, file_, key, "ska vara en lista av texter", "must be a list of strings");
    std::vector<std::string> strings;
    for (const auto& item : value->as_array()) {
      if (!item.is_string())
        Invalid(item, file_, key, "ska vara en lista av texter", "must be a list of strings");
      strings.push_back(item.as_string().str);
    }
    return strings;
  }
  // A list whose items are a column name or a list of column names to cross.
  std::vector<std::vector<std::string>> DimensionSets(const std::string& key) {
    const TomlValue* value = Find(key);
    if (value == nullptr) return {};
    if (!value->is_array()) Invalid(*value, file_, key, "ska vara en lista", "must be a list");
    std::vector<std::vector<std::string>> sets;
    for (const auto& item : value->as_array()) {
      if (item.is_string()) {
        sets.push_back({item.as_string().str});
        continue;
      }
      if (!item.is_array()) {
        Invalid(item, file_, key, "varje del ska vara ett kolumnnamn eller en lista av kolumnnamn",
                "each item must be a column name or a list of column names");
      }
      std::vector<std::string> set;
      for (const auto& name : item.as_array()) {
        if (!name.is_string())
          Invalid(name, file_, key, "kolumnnamn ska vara texter", "column names must be strings");
        set.push_back(name.as_string().str);
      }
      sets.push_back(std::move(set));
    }
    return sets;
  }
  bool Favourable(const std::string& key) {
    const std::string direction = String(key, true);
    if (direction == "hog" || direction == "hög" || direction == "high") return true;
    if (direction == "lag" || direction == "låg" || direction == "low") return false;
    Invalid(*Find(key), file_, key, "ska vara \"hög\" eller \"låg\"",
            "must be \"high\" or \"low\"");
  }
  RowFilter Filter(const std::string& key) {
    const TomlValue* value = Find(key);
    if (value == nullptr) return {};
    const std::string text = String(key);
    const SourceLocation at = LocationOf(*value, file_);
    return RowFilter::Parse(text, fmt::format("{}:{}:{}", at.file, at.line, at.column));
  }
  void RejectUnknownKeys() const {
    for (const auto& [key, value] : table_.as_table()) {
      if (used_.count(key) == 0) {
        Invalid(value, file_, key, "okänd nyckel (felstavad?)", "unknown key (misspelt?)");
      }
    }
  }

 private:
  const TomlValue& table_;
  const TomlValue* defaults_;
  const std::string& file_;
  std::set<std::string> used_;
};

IndicatorDefinition ReadOne(const TomlValue& table, const TomlValue* defaults,
                            const std::string& file) {
  KeyReader keys(table, defaults, file);
  IndicatorDefinition definition;
  definition.where = LocationOf(table, file);
  definition.id = keys.String("id", true);
  definition.name_sv = keys.String("namn", true);
  definition.name_en = keys.String("name");
  if (definition.name_en.empty()) definition.name_en = definition.name_sv;
  definition.type = keys.String("typ", true);
  definition.method = keys.String("metod");
  definition.numerator = keys.String("taljare");
  definition.numerator_where = keys.Filter("taljare_villkor");
  definition.denominator = keys.String("namnare");
  definition.value = keys.String("varde");
  definition.filter = keys.Filter("urval");
  definition.age = keys.String("alder");
  definition.age_band = keys.String("aldersgrupp");
  if (const std::string standard = keys.String("standardbefolkning"); !standard.empty()) {
    definition.standard_population = standard;
  }
  definition.multiplier = keys.Number("multiplikator");
  definition.unit_sv = keys.String("enhet");
  definition.unit_en = keys.String("unit");
  if (definition.unit_en.empty()) definition.unit_en = definition.unit_sv;
  definition.higher_is_favourable = keys.Favourable("gynnsamt");
  definition.period = keys.String("period");
  definition.areas = keys.Strings("omraden");
  definition.dimensions = keys.DimensionSets("dimensioner");
  definition.confidence = keys.Numbers("konfidens", {0.95});
  for (double level : definition.confidence) {
    if (!(level > 0.5 && level < 1)) {
      Invalid(*keys.Find("konfidens"), file, "konfidens", "ska ligga mellan 0,5 och 1, t.ex. 0.95",
              "must lie between 0.5 and 1, e.g. 0.95");
    }
  }
  if (definition.numerator.empty() == definition.numerator_where.empty() &&
      definition.value.empty()) {
    Invalid(table, file, "taljare",
            "ange antingen 'taljare' (kolumn) eller 'taljare_villkor' (villkor)",
            "give either 'taljare' (a column) or 'taljare_villkor' (a condition)");
  }
  keys.RejectUnknownKeys();
  return definition;
}

}  // namespace

std::vector<IndicatorDefinition> ParseIndicatorDefinitions(const std::string& text,
                                                           const std::string& display_name) {
  // TOML is UTF-8. toml11 (3.7, Debian 12) also reads past the end of the text when it ends inside
  // a UTF-8 sequence (fuzz/indicator_toml_fuzzer found the three bytes 'E5'), so check first.
  RequireUtf8Text(text, display_name);
  TomlValue document;
  try {
    std::istringstream stream(text);
    document = toml::parse(stream, display_name);
  } catch (const toml::exception& error) {
    const std::string what = error.what();
    // toml11 explains over several lines; the first line says what, the location says where.
    throw Error(ErrorCode::kInvalidArgument, what.substr(0, what.find('\n')),
                {display_name, error.location().line(), error.location().column()});
  }
  const TomlValue* defaults = document.contains("defaults") ? &document.at("defaults") : nullptr;
  if (!document.contains("indicator") || !document.at("indicator").is_array()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("filen har inga [[indicator]]-tabeller",
                               "the file has no [[indicator]] tables")),
                {display_name});
  }
  std::vector<IndicatorDefinition> definitions;
  std::set<std::string> ids;
  for (const auto& table : document.at("indicator").as_array()) {
    definitions.push_back(ReadOne(table, defaults, display_name));
    if (!ids.insert(definitions.back().id).second) {
      Invalid(table, display_name, "id", "finns redan i filen", "is already used in the file");
    }
  }
  return definitions;
}

std::vector<IndicatorDefinition> ReadIndicatorDefinitions(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ErrorCode::kIo, std::string(Tr("kan inte öppna filen", "cannot open the file")),
                {path});
  std::ostringstream text;
  text << in.rdbuf();
  return ParseIndicatorDefinitions(text.str(), path);
}

}  // namespace jamlik
