// The TOML reader (analysts' files) and the JSON reader (the API) share one schema and one
// validation routine (indicators/definition_schema.hpp): these tests hold them to the same
// definitions for equivalent input and the same messages for the same mistakes.
#include "app/analyses/indicator_json.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <type_traits>
#include <variant>

#include "core/i18n.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

std::vector<IndicatorDefinition> FromToml(const std::string& text) {
  return ParseIndicatorDefinitions(text, "indicators.toml");
}

template <typename Read>
Error ErrorOf(Read read) {
  try {
    read();
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "expected an error";
  return Error(ErrorCode::kInternal, "");
}

Error TomlError(const std::string& text) {
  return ErrorOf([&] { FromToml(text); });
}
Error JsonError(const json& body) {
  return ErrorOf([&] { IndicatorDefinitionsFromRequest(body); });
}

// Compare every member the schema declares, so that a key added later is compared too.
void ExpectSameDefinition(const IndicatorDefinition& toml, const IndicatorDefinition& json) {
  for (const DefinitionField& field : DefinitionFields()) {
    std::visit(
        [&](auto member) {
          using Value = std::decay_t<decltype(toml.*member)>;
          if constexpr (std::is_same_v<Value, RowFilter>) {
            EXPECT_EQ((toml.*member).text(), (json.*member).text()) << field.json_key;
          } else {
            EXPECT_EQ(toml.*member, json.*member) << field.json_key;
          }
        },
        field.member);
  }
}

struct EquivalentCase {
  const char* name;
  const char* toml;
  json request;  // a POST …/analyses body
};

// One row per way of writing a definition: the same definitions in both formats.
const std::vector<EquivalentCase>& EquivalentCases() {
  static const std::vector<EquivalentCase> cases = {
      {"the required keys only",
       R"([[indicator]]
id = "dod"
namn = "Döda"
typ = "count"
taljare = "dod"
gynnsamt = "låg"
)",
       json::parse(R"({"indicators": [{"id": "dod", "name_sv": "Döda", "type": "count",
                                       "numerator": "dod", "higher_is_favourable": false}]})")},
      {"every key",
       R"([[indicator]]
id = "dsr"
namn = "Dödlighet"
name = "Mortality"
typ = "dsr"
metod = "dobson"
taljare = "dod"
namnare = "personer"
urval = "alder >= 20 and kon == 'K'"
alder = "alder"
standardbefolkning = "esp2013"
multiplikator = 100000
enhet = "per 100 000"
unit = "per 100,000"
gynnsamt = "high"
period = "ar"
omraden = ["kommun", "riket"]
dimensioner = ["kon", ["kon", "utbildning"]]
konfidens = [0.95, 0.998]
)",
       json::parse(R"({"indicators": [{
         "id": "dsr", "name_sv": "Dödlighet", "name_en": "Mortality", "type": "dsr",
         "method": "dobson", "numerator": "dod", "denominator": "personer",
         "filter": "alder >= 20 and kon == 'K'", "age": "alder",
         "standard_population": "esp2013", "multiplier": 100000, "unit_sv": "per 100 000",
         "unit_en": "per 100,000", "higher_is_favourable": true, "period": "ar",
         "areas": ["kommun", "riket"], "dimensions": ["kon", ["kon", "utbildning"]],
         "confidence": [0.95, 0.998]}]})")},
      {"a condition, an age band, one level and true",
       R"([[indicator]]
id = "fn"
namn = "Funktionsnedsättning"
typ = "proportion"
taljare_villkor = "fn == 'ja'"
aldersgrupp = "band"
konfidens = 0.9
multiplikator = 100.5
gynnsamt = true
)",
       json::parse(R"({"indicators": [{
         "id": "fn", "name_sv": "Funktionsnedsättning", "type": "proportion",
         "numerator_where": "fn == 'ja'", "age_band": "band", "confidence": 0.9,
         "multiplier": 100.5, "higher_is_favourable": true}]})")},
      {"defaults and a definition that overrides one",
       R"([defaults]
period = "ar"
omraden = ["kommun", "riket"]
dimensioner = ["kon"]

[[indicator]]
id = "a"
namn = "A"
typ = "mean"
varde = "inkomst"
gynnsamt = "hög"

[[indicator]]
id = "b"
namn = "B"
typ = "rate"
taljare = "dod"
gynnsamt = "låg"
omraden = ["lan"]
)",
       json::parse(R"({"name": "Analys", "dataset_id": 1, "period": "ar",
         "areas": ["kommun", "riket"], "dimensions": ["kon"],
         "indicators": [
           {"id": "a", "name_sv": "A", "type": "mean", "value": "inkomst",
            "higher_is_favourable": true},
           {"id": "b", "name_sv": "B", "type": "rate", "numerator": "dod",
            "higher_is_favourable": false, "areas": ["lan"]}]})")},
  };
  return cases;
}

TEST(DefinitionSchemaTest, EquivalentTomlAndJsonGiveTheSameDefinitions) {
  for (const EquivalentCase& c : EquivalentCases()) {
    SCOPED_TRACE(c.name);
    const auto from_toml = FromToml(c.toml);
    const auto from_json = IndicatorDefinitionsFromRequest(c.request);
    ASSERT_EQ(from_toml.size(), from_json.size());
    for (std::size_t i = 0; i < from_toml.size(); ++i) {
      ExpectSameDefinition(from_toml[i], from_json[i]);
    }
    // Written as JSON and read again, a definition is unchanged.
    const auto again = IndicatorDefinitionsFromJson(IndicatorDefinitionsToJson(from_json));
    ASSERT_EQ(again.size(), from_json.size());
    for (std::size_t i = 0; i < again.size(); ++i) ExpectSameDefinition(again[i], from_json[i]);
  }
}

TEST(DefinitionSchemaTest, BothReadersRejectAnUnknownKeyWithTheSameMessage) {
  for (const Language language : {Language::kSwedish, Language::kEnglish}) {
    const ScopedLanguage scoped(language);
    const Error toml = TomlError(
        "[[indicator]]\nid = \"x\"\nnamn = \"X\"\ntyp = \"count\"\ntaljare = \"dod\"\n"
        "gynnsamt = \"låg\"\nfarg = \"röd\"\n");
    const Error json = JsonError(json::parse(R"({"indicators": [{
        "id": "x", "name_sv": "X", "type": "count", "numerator": "dod",
        "higher_is_favourable": false, "farg": "röd"}]})"));
    EXPECT_EQ(toml.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(json.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(toml.message(), json.message());
    EXPECT_EQ(toml.field(), "farg");
    EXPECT_EQ(toml.location().line, 7U);
    EXPECT_EQ(toml.location().column, 8U);
    EXPECT_EQ(json.field(), "indicators[0].farg");
  }
  const ScopedLanguage english(Language::kEnglish);
  EXPECT_EQ(JsonError(json::parse(R"({"indicators": [{"farg": "röd"}]})")).message(),
            "key 'farg': unknown key (misspelt?)");
}

// Replace each quoted TOML key of a message by its JSON key: what is left must be the same text.
std::string WithJsonKeys(std::string message) {
  for (const DefinitionField& field : DefinitionFields()) {
    const std::string toml = fmt::format("'{}'", field.toml_key);
    const std::string json = fmt::format("'{}'", field.json_key);
    for (auto at = message.find(toml); at != std::string::npos; at = message.find(toml, at)) {
      message.replace(at, toml.size(), json);
      at += json.size();
    }
  }
  return message;
}

struct MistakeCase {
  const char* name;
  const char* toml;  // after the id and name
  json indicators;   // the request's "indicators"
  const char* toml_field;
  const char* json_field;
};

TEST(DefinitionSchemaTest, TheSameMistakeGivesTheSameMessageInBothFormats) {
  // Each row: one definition "X" with one mistake, as an analyst's TOML and as a request's JSON.
  const std::string toml_head = "[[indicator]]\nid = \"x\"\nnamn = \"X\"\n";
  auto json_with = [](const char* members) {
    return json::parse(fmt::format(R"([{{"id": "x", "name_sv": "X", {}}}])", members));
  };
  const std::vector<MistakeCase> cases = {
      {"a missing type", "taljare = \"d\"\ngynnsamt = 1\n",
       json_with(R"("numerator": "d", "higher_is_favourable": 1)"), "typ", "indicators[0].type"},
      {"a multiplier that is text",
       "typ = \"rate\"\ntaljare = \"d\"\ngynnsamt = \"låg\"\nmultiplikator = \"100\"\n",
       json_with(R"("type": "rate", "numerator": "d", "higher_is_favourable": false,
                    "multiplier": "100")"),
       "multiplikator", "indicators[0].multiplier"},
      {"a confidence level of 95",
       "typ = \"rate\"\ntaljare = \"d\"\ngynnsamt = \"låg\"\nkonfidens = [0.9, 95]\n",
       json_with(R"("type": "rate", "numerator": "d", "higher_is_favourable": false,
                    "confidence": [0.9, 95])"),
       "konfidens", "indicators[0].confidence"},
      {"a direction that is neither", "typ = \"rate\"\ntaljare = \"d\"\ngynnsamt = \"kanske\"\n",
       json_with(R"("type": "rate", "numerator": "d", "higher_is_favourable": "kanske")"),
       "gynnsamt", "indicators[0].higher_is_favourable"},
      {"neither numerator nor condition", "typ = \"rate\"\ngynnsamt = \"låg\"\n",
       json_with(R"("type": "rate", "higher_is_favourable": false)"), "taljare",
       "indicators[0].numerator"},
      {"a crossing with a number",
       "typ = \"rate\"\ntaljare = \"d\"\ngynnsamt = \"låg\"\ndimensioner = [[\"kon\", 1]]\n",
       json_with(R"("type": "rate", "numerator": "d", "higher_is_favourable": false,
                    "dimensions": [["kon", 1]])"),
       "dimensioner", "indicators[0].dimensions"},
      {"a bad condition",
       "typ = \"rate\"\ntaljare = \"d\"\ngynnsamt = \"låg\"\nurval = \"alder\"\n",
       json_with(R"("type": "rate", "numerator": "d", "higher_is_favourable": false,
                    "filter": "alder")"),
       "urval", "indicators[0].filter"},
  };
  const ScopedLanguage english(Language::kEnglish);
  auto expect_same = [](const Error& toml, const Error& json, const std::string& toml_field,
                        const std::string& json_field) {
    EXPECT_EQ(toml.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(json.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(toml.field(), toml_field);
    EXPECT_EQ(json.field(), json_field);
    EXPECT_FALSE(toml.location().file.empty());  // file:line:column
    // The list is called "indicator" in TOML ([[indicator]]) and "indicators" in JSON.
    std::string toml_message = WithJsonKeys(toml.message());
    const std::string list_key = "key 'indicator'";
    if (toml_message.starts_with(list_key)) {
      toml_message = fmt::format("key 'indicators'{}", toml_message.substr(list_key.size()));
    }
    EXPECT_EQ(toml_message, json.message());
  };
  for (const MistakeCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Error toml = TomlError(toml_head + c.toml);
    const Error json = JsonError({{"indicators", c.indicators}});
    if (std::string(c.toml_field) == "urval") {
      // A condition's own error names the condition and where it stands, and its key.
      EXPECT_EQ(toml.message(), json.message());
      EXPECT_EQ(toml.field(), c.toml_field);
      EXPECT_EQ(json.field(), c.json_field);
      EXPECT_EQ(toml.location().file, "indicators.toml:7:9");
      EXPECT_EQ(json.location().file, "indicators[0].filter");
      continue;
    }
    expect_same(toml, json, c.toml_field, c.json_field);
  }
  const std::string counted = "typ = \"count\"\ntaljare = \"d\"\ngynnsamt = \"låg\"\n";
  const json counted_json =
      json_with(R"("type": "count", "numerator": "d", "higher_is_favourable": false)")[0];
  {
    SCOPED_TRACE("an id used twice");
    expect_same(TomlError(toml_head + counted + toml_head + counted),
                JsonError({{"indicators", {counted_json, counted_json}}}), "id",
                "indicators[1].id");
  }
  {
    SCOPED_TRACE("no indicators");
    expect_same(TomlError("[defaults]\nperiod = \"ar\"\n"),
                JsonError({{"indicators", json::array()}}), "indicator", "indicators");
  }
  {
    SCOPED_TRACE("a definition that is not a table");
    expect_same(TomlError("indicator = [1]\n"), JsonError({{"indicators", {1}}}), "indicator",
                "indicators");
  }
}

TEST(DefinitionSchemaTest, TheRequestsDefaultsAreCheckedWhereTheyStand) {
  const json indicator = {{"id", "x"},
                          {"name_sv", "X"},
                          {"type", "count"},
                          {"numerator", "d"},
                          {"higher_is_favourable", false}};
  EXPECT_EQ(JsonError({{"areas", "kommun"}, {"indicators", {indicator}}}).field(), "areas");
  EXPECT_EQ(JsonError({{"name", "a"}}).field(), "indicators");
  EXPECT_EQ(TomlError("[defaults]\nperiodd = \"ar\"\n[[indicator]]\nid = \"x\"\nnamn = \"X\"\n"
                      "typ = \"count\"\ntaljare = \"d\"\ngynnsamt = \"låg\"\n")
                .field(),
            "periodd");
  EXPECT_EQ(TomlError("[default]\nperiod = \"ar\"\n[[indicator]]\nid = \"x\"\nnamn = \"X\"\n"
                      "typ = \"count\"\ntaljare = \"d\"\ngynnsamt = \"låg\"\n")
                .field(),
            "default");
}

// A request must not make the server read a file; an analyst's own file may name one.
TEST(DefinitionSchemaTest, StandardPopulationFilesAreAReadersOption) {
  const json indicators = json::parse(R"([{"id": "x", "name_sv": "X", "type": "dsr",
    "numerator": "d", "age": "alder", "standard_population": "/etc/passwd",
    "higher_is_favourable": false}])");
  const Error refused = ErrorOf([&] { IndicatorDefinitionsFromJson(indicators); });
  EXPECT_EQ(refused.field(), "indicators[0].standard_population");
  EXPECT_EQ(IndicatorDefinitionsFromJson(indicators, StandardPopulationFiles::kAllowed)[0]
                .standard_population,
            "/etc/passwd");
  EXPECT_EQ(FromToml("[[indicator]]\nid = \"x\"\nnamn = \"X\"\ntyp = \"dsr\"\ntaljare = \"d\"\n"
                     "alder = \"alder\"\nstandardbefolkning = \"svensk_2020.csv\"\n"
                     "gynnsamt = \"låg\"\n")[0]
                .standard_population,
            "svensk_2020.csv");
}

TEST(DefinitionSchemaTest, EveryKeyIsDeclaredOnceWithItsDescription) {
  std::set<std::string_view> toml_keys;
  std::set<std::string_view> json_keys;
  for (const DefinitionField& field : DefinitionFields()) {
    EXPECT_TRUE(toml_keys.insert(field.toml_key).second) << field.toml_key;
    EXPECT_TRUE(json_keys.insert(field.json_key).second) << field.json_key;
    EXPECT_FALSE(field.description_sv.empty()) << field.json_key;
    EXPECT_FALSE(field.description_en.empty()) << field.json_key;
  }
}

}  // namespace
}  // namespace jamlik::app
