#include "app/indicator_json.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

constexpr const char* kKeys[] = {"id",
                                 "name_sv",
                                 "name_en",
                                 "type",
                                 "method",
                                 "numerator",
                                 "numerator_where",
                                 "denominator",
                                 "value",
                                 "filter",
                                 "age",
                                 "age_band",
                                 "standard_population",
                                 "multiplier",
                                 "unit_sv",
                                 "unit_en",
                                 "higher_is_favourable",
                                 "period",
                                 "areas",
                                 "dimensions",
                                 "confidence"};

class Reader {
 public:
  Reader(const json& object, std::string where) : object_(object), where_(std::move(where)) {
    if (!object.is_object()) Fail("", "ska vara ett objekt", "must be an object");
    for (const auto& [key, value] : object.items()) {
      if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) {
        Fail(key, "okänd nyckel (felstavad?)", "unknown key (misspelt?)");
      }
    }
  }

  [[noreturn]] void Fail(const std::string& key, std::string_view swedish,
                         std::string_view english) const {
    const std::string field = key.empty() ? where_ : where_ + "." + key;
    throw Error(ErrorCode::kInvalidArgument, fmt::format("{}: {}", field, Tr(swedish, english)), {},
                field);
  }

  std::string String(const std::string& key, bool required = false) const {
    if (!object_.contains(key)) {
      if (required) Fail(key, "saknas men krävs", "is missing but required");
      return {};
    }
    const json& value = object_.at(key);
    if (!value.is_string()) Fail(key, "ska vara en text", "must be a string");
    return value.get<std::string>();
  }

  std::vector<std::string> Strings(const std::string& key) const {
    std::vector<std::string> strings;
    if (!object_.contains(key)) return strings;
    const json& value = object_.at(key);
    if (!value.is_array()) Fail(key, "ska vara en lista av texter", "must be a list of strings");
    for (const auto& item : value) {
      if (!item.is_string()) Fail(key, "ska vara en lista av texter", "must be a list of strings");
      strings.push_back(item.get<std::string>());
    }
    return strings;
  }

  std::vector<std::vector<std::string>> DimensionSets(const std::string& key) const {
    std::vector<std::vector<std::string>> sets;
    if (!object_.contains(key)) return sets;
    const json& value = object_.at(key);
    if (!value.is_array()) Fail(key, "ska vara en lista", "must be a list");
    for (const auto& item : value) {
      if (item.is_string()) {
        sets.push_back({item.get<std::string>()});
      } else if (item.is_array() && std::all_of(item.begin(), item.end(),
                                                [](const json& v) { return v.is_string(); })) {
        sets.push_back(item.get<std::vector<std::string>>());
      } else {
        Fail(key, "varje del ska vara ett kolumnnamn eller en lista av kolumnnamn",
             "each item must be a column name or a list of column names");
      }
    }
    return sets;
  }

  std::optional<double> Number(const std::string& key) const {
    if (!object_.contains(key)) return std::nullopt;
    const json& value = object_.at(key);
    if (!value.is_number()) Fail(key, "ska vara ett tal", "must be a number");
    return value.get<double>();
  }

  RowFilter Filter(const std::string& key) const {
    const std::string text = String(key);
    return text.empty() ? RowFilter() : RowFilter::Parse(text, where_ + "." + key);
  }

  const json& object() const { return object_; }

 private:
  const json& object_;
  std::string where_;
};

IndicatorDefinition ReadOne(const json& object, const std::string& where) {
  const Reader keys(object, where);
  IndicatorDefinition definition;
  definition.where = {where};
  definition.id = keys.String("id", true);
  definition.name_sv = keys.String("name_sv", true);
  definition.name_en = keys.String("name_en");
  if (definition.name_en.empty()) definition.name_en = definition.name_sv;
  definition.type = keys.String("type", true);
  definition.method = keys.String("method");
  definition.numerator = keys.String("numerator");
  definition.numerator_where = keys.Filter("numerator_where");
  definition.denominator = keys.String("denominator");
  definition.value = keys.String("value");
  definition.filter = keys.Filter("filter");
  definition.age = keys.String("age");
  definition.age_band = keys.String("age_band");
  if (const std::string standard = keys.String("standard_population"); !standard.empty()) {
    if (standard != "esp2013") {
      keys.Fail("standard_population", "bara \"esp2013\" finns i webbtjänsten",
                "only \"esp2013\" is available in the web service");
    }
    definition.standard_population = standard;
  }
  definition.multiplier = keys.Number("multiplier");
  definition.unit_sv = keys.String("unit_sv");
  definition.unit_en = keys.String("unit_en");
  if (definition.unit_en.empty()) definition.unit_en = definition.unit_sv;
  if (!object.contains("higher_is_favourable") || !object.at("higher_is_favourable").is_boolean()) {
    keys.Fail("higher_is_favourable", "krävs och ska vara true eller false",
              "is required and must be true or false");
  }
  definition.higher_is_favourable = object.at("higher_is_favourable").get<bool>();
  definition.period = keys.String("period");
  definition.areas = keys.Strings("areas");
  definition.dimensions = keys.DimensionSets("dimensions");
  if (object.contains("confidence")) {
    const json& confidence = object.at("confidence");
    definition.confidence.clear();
    for (const auto& level : confidence.is_array() ? confidence : json::array({confidence})) {
      if (!level.is_number() || !(level.get<double>() > 0.5 && level.get<double>() < 1)) {
        keys.Fail("confidence", "ska ligga mellan 0,5 och 1, t.ex. 0.95",
                  "must lie between 0.5 and 1, e.g. 0.95");
      }
      definition.confidence.push_back(level.get<double>());
    }
  }
  if (definition.numerator.empty() == definition.numerator_where.empty() &&
      definition.value.empty()) {
    keys.Fail("numerator", "ange antingen 'numerator' (kolumn) eller 'numerator_where' (villkor)",
              "give either 'numerator' (a column) or 'numerator_where' (a condition)");
  }
  return definition;
}

void PutIfSet(json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

}  // namespace

std::vector<IndicatorDefinition> IndicatorDefinitionsFromJson(const json& indicators) {
  if (!indicators.is_array() || indicators.empty()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("indicators: ska vara en lista med minst en indikator",
                               "indicators: must be a list of at least one indicator")),
                {}, "indicators");
  }
  std::vector<IndicatorDefinition> definitions;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const std::string where = fmt::format("indicators[{}]", i);
    definitions.push_back(ReadOne(indicators[i], where));
    if (!ids.insert(definitions.back().id).second) {
      Reader(indicators[i], where).Fail("id", "finns redan", "is already used");
    }
  }
  return definitions;
}

json IndicatorDefinitionsToJson(const std::vector<IndicatorDefinition>& definitions) {
  json array = json::array();
  for (const auto& d : definitions) {
    json object = {{"id", d.id},
                   {"name_sv", d.name_sv},
                   {"name_en", d.name_en},
                   {"type", d.type},
                   {"higher_is_favourable", d.higher_is_favourable},
                   {"areas", d.areas},
                   {"dimensions", d.dimensions},
                   {"confidence", d.confidence}};
    PutIfSet(object, "method", d.method);
    PutIfSet(object, "numerator", d.numerator);
    PutIfSet(object, "numerator_where", d.numerator_where.text());
    PutIfSet(object, "denominator", d.denominator);
    PutIfSet(object, "value", d.value);
    PutIfSet(object, "filter", d.filter.text());
    PutIfSet(object, "age", d.age);
    PutIfSet(object, "age_band", d.age_band);
    PutIfSet(object, "unit_sv", d.unit_sv);
    PutIfSet(object, "unit_en", d.unit_en);
    PutIfSet(object, "period", d.period);
    if (!d.age.empty() || !d.age_band.empty())
      object["standard_population"] = d.standard_population;
    if (d.multiplier) object["multiplier"] = *d.multiplier;
    array.push_back(std::move(object));
  }
  return array;
}

namespace {

json WithRequestDefaults(const json& body) {
  if (!body.contains("indicators") || !body.at("indicators").is_array()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("indicators krävs och ska vara en lista",
                               "indicators is required and must be a list")),
                {}, "indicators");
  }
  json indicators = body.at("indicators");
  for (auto& indicator : indicators) {
    for (const char* key : {"areas", "period", "dimensions"}) {
      if (indicator.is_object() && body.contains(key) && !indicator.contains(key)) {
        indicator[key] = body.at(key);
      }
    }
  }
  return indicators;
}

}  // namespace

std::vector<IndicatorDefinition> IndicatorDefinitionsFromRequest(const json& body) {
  return IndicatorDefinitionsFromJson(WithRequestDefaults(body));
}

}  // namespace jamlik::app
