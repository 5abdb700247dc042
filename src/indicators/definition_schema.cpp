#include "indicators/definition_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "core/dimensions.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

using Kind = DefinitionNode::Kind;
using D = IndicatorDefinition;

constexpr OpenRange kConfidenceRange{0.5, 1, "ska ligga mellan 0,5 och 1, t.ex. 0.95",
                                     "must lie between 0.5 and 1, e.g. 0.95"};

const std::array<DefinitionField, 21> kFields = {{
    {.toml_key = "id",
     .json_key = "id",
     .member = &D::id,
     .required = true,
     .description_sv = "unikt namn utan mellanslag (används i resultatfilen)",
     .description_en = "unique name without spaces (used in the results)"},
    {.toml_key = "namn",
     .json_key = "name_sv",
     .member = &D::name_sv,
     .required = true,
     .description_sv = "indikatorns namn på svenska",
     .description_en = "the indicator's name in Swedish"},
    {.toml_key = "name",
     .json_key = "name_en",
     .member = &D::name_en,
     .description_sv = "indikatorns namn på engelska (standard: det svenska)",
     .description_en = "the indicator's name in English (default: the Swedish one)"},
    {.toml_key = "typ",
     .json_key = "type",
     .member = &D::type,
     .required = true,
     .description_sv = "indikatortyp: count, proportion, rate, mean, dsr, isr, …",
     .description_en = "indicator type: count, proportion, rate, mean, dsr, isr, …"},
    {.toml_key = "metod",
     .json_key = "method",
     .member = &D::method,
     .description_sv = "intervallmetod om inte typens standard",
     .description_en = "interval method, if not the type's default"},
    {.toml_key = "taljare",
     .json_key = "numerator",
     .member = &D::numerator,
     .description_sv = "kolumn som summeras i täljaren",
     .description_en = "column summed as the numerator",
     .names_columns = true},
    {.toml_key = "taljare_villkor",
     .json_key = "numerator_where",
     .member = &D::numerator_where,
     .description_sv = "eller: villkor för de rader som räknas, t.ex. \"dod == 1\"",
     .description_en = "or: the condition of the rows counted, e.g. \"dod == 1\""},
    {.toml_key = "namnare",
     .json_key = "denominator",
     .member = &D::denominator,
     .description_sv = "kolumn som summeras i nämnaren; utan den räknas raderna",
     .description_en = "column summed as the denominator; without it the rows are counted",
     .names_columns = true},
    {.toml_key = "varde",
     .json_key = "value",
     .member = &D::value,
     .description_sv = "för mean: kolumnen vars medelvärde tas",
     .description_en = "for means: the column averaged",
     .names_columns = true},
    {.toml_key = "urval",
     .json_key = "filter",
     .member = &D::filter,
     .description_sv = "vilka som ingår i befolkningen, t.ex. \"alder >= 65\"",
     .description_en = "who belongs to the population, e.g. \"alder >= 65\""},
    {.toml_key = "alder",
     .json_key = "age",
     .member = &D::age,
     .description_sv = "ålderskolumn i år",
     .description_en = "column of age in years",
     .names_columns = true},
    {.toml_key = "aldersgrupp",
     .json_key = "age_band",
     .member = &D::age_band,
     .description_sv = "eller: kolumn med åldersgrupper (\"0\", \"1-4\", \"90+\")",
     .description_en = "or: column of age bands (\"0\", \"1-4\", \"90+\")",
     .names_columns = true},
    {.toml_key = "standardbefolkning",
     .json_key = "standard_population",
     .member = &D::standard_population,
     .description_sv = "\"esp2013\" (standard) eller en CSV-fil med åldersgrupp och befolkning",
     .description_en = "\"esp2013\" (default) or a CSV file of age band and population",
     .standard_population = true},
    {.toml_key = "multiplikator",
     .json_key = "multiplier",
     .member = &D::multiplier,
     .description_sv = "100 för procent, 1000 eller 100000 för kvoter (standard: typens)",
     .description_en = "100 for per cent, 1000 or 100000 for rates (default: the type's)"},
    {.toml_key = "enhet",
     .json_key = "unit_sv",
     .member = &D::unit_sv,
     .description_sv = "enhet att visa, på svenska",
     .description_en = "unit shown, in Swedish"},
    {.toml_key = "unit",
     .json_key = "unit_en",
     .member = &D::unit_en,
     .description_sv = "enhet att visa, på engelska (standard: den svenska)",
     .description_en = "unit shown, in English (default: the Swedish one)"},
    {.toml_key = "gynnsamt",
     .json_key = "higher_is_favourable",
     .member = &D::higher_is_favourable,
     .required = true,
     .description_sv = "\"hög\" eller \"låg\": är ett högt värde bra?",
     .description_en = "\"high\" or \"low\": is a high value good?"},
    {.toml_key = "period",
     .json_key = "period",
     .member = &D::period,
     .description_sv = "periodkolumn, t.ex. \"ar\"",
     .description_en = "column of the period, e.g. \"ar\"",
     .names_columns = true},
    {.toml_key = "omraden",
     .json_key = "areas",
     .member = &D::areas,
     .description_sv = "områdesnivåer, finast först: kolumner som kommun, lan, och \"riket\"",
     .description_en = "area levels, finest first: columns such as kommun, lan, and \"riket\"",
     .names_columns = true},
    {.toml_key = "dimensioner",
     .json_key = "dimensions",
     .member = &D::dimensions,
     .description_sv = "grupper att dela upp på; en lista i listan korsar dimensioner",
     .description_en = "groups to break down by; a list in the list crosses dimensions",
     .names_columns = true},
    {.toml_key = "konfidens",
     .json_key = "confidence",
     .member = &D::confidence,
     .description_sv = "en eller två nivåer, t.ex. [0.95, 0.998]",
     .description_en = "one or two levels, e.g. [0.95, 0.998]",
     .range = kConfidenceRange},
}};

constexpr std::array<std::string_view, 1> kBuiltInStandardPopulations = {"esp2013"};

constexpr std::string_view kDefaultsKey = "defaults";

// Where an error points: TOML names the key and its file:line:column, JSON the field path.
struct Place {
  SourceLocation location;
  std::string field;
};

Place PlaceOf(const DefinitionNode& value, std::string_view key) {
  return {value.location, value.field.empty() ? std::string(key) : value.field};
}

// The place of a key missing from `table`.
Place PlaceIn(const DefinitionNode& table, std::string_view key) {
  return {table.location,
          table.field.empty() ? std::string(key) : table.field + "." + std::string(key)};
}

[[noreturn]] void Fail(const Place& place, std::string_view key, std::string_view explanation) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("nyckeln '{}': {}", "key '{}': {}")), key, explanation),
              place.location, place.field);
}

[[noreturn]] void Fail(const Place& place, std::string_view key, std::string_view swedish,
                       std::string_view english) {
  Fail(place, key, Tr(swedish, english));
}

const DefinitionField& FieldFor(DefinitionMember member) {
  return *std::find_if(kFields.begin(), kFields.end(),
                       [&](const DefinitionField& field) { return field.member == member; });
}

// Read one key's value into the definition; `value` is the definition's own or the default's.
class ValueReader {
 public:
  ValueReader(const DefinitionField& field, std::string_view key, const DefinitionNode& value,
              const DefinitionReadOptions& options)
      : field_(field), key_(key), value_(value), options_(options) {}

  void operator()(std::string D::*member, D& definition) const {
    std::string text = Text(value_, "ska vara en text", "must be a string");
    if (field_.standard_population) {
      if (text.empty()) return;  // the default
      RequireStandardPopulation(text);
    }
    definition.*member = ColumnName(std::move(text));
  }
  void operator()(RowFilter D::*member, D& definition) const {
    const std::string text = Text(value_, "ska vara en text", "must be a string");
    if (text.empty()) return;
    definition.*member = RowFilter::Parse(text, Where(value_), PlaceOf(value_, key_).field);
  }
  void operator()(std::optional<double> D::*member, D& definition) const {
    definition.*member = Number(value_, "ska vara ett tal", "must be a number");
  }
  void operator()(bool D::*member, D& definition) const {
    if (value_.kind == Kind::kBoolean) {
      definition.*member = value_.boolean;
      return;
    }
    const std::string& word = value_.kind == Kind::kText ? value_.text : std::string();
    if (word == "hög" || word == "hog" || word == "high") {
      definition.*member = true;
    } else if (word == "låg" || word == "lag" || word == "low") {
      definition.*member = false;
    } else {
      Fail(PlaceOf(value_, key_), key_, "ska vara \"hög\" eller \"låg\" (eller true/false)",
           "must be \"high\" or \"low\" (or true/false)");
    }
  }
  void operator()(std::vector<std::string> D::*member, D& definition) const {
    constexpr std::string_view kSv = "ska vara en lista av texter";
    constexpr std::string_view kEn = "must be a list of strings";
    std::vector<std::string> texts;
    for (const DefinitionNode& item : List(value_, kSv, kEn)) {
      texts.push_back(ColumnName(Text(item, kSv, kEn)));
    }
    definition.*member = std::move(texts);
  }
  void operator()(std::vector<std::vector<std::string>> D::*member, D& definition) const {
    std::vector<std::vector<std::string>> sets;
    for (const DefinitionNode& item : List(value_, "ska vara en lista", "must be a list")) {
      if (item.kind == Kind::kText) {
        sets.push_back({ColumnName(item.text)});
        continue;
      }
      std::vector<std::string> set;
      for (const DefinitionNode& name :
           List(item, "varje del ska vara ett kolumnnamn eller en lista av kolumnnamn",
                "each item must be a column name or a list of column names")) {
        set.push_back(
            ColumnName(Text(name, "kolumnnamn ska vara texter", "column names must be strings")));
      }
      sets.push_back(std::move(set));
    }
    definition.*member = std::move(sets);
  }
  void operator()(std::vector<double> D::*member, D& definition) const {
    constexpr std::string_view kSv = "ska vara ett tal eller en lista av tal";
    constexpr std::string_view kEn = "must be a number or a list of numbers";
    std::vector<double> numbers;
    if (value_.kind == Kind::kList) {
      for (const DefinitionNode& item : value_.items) numbers.push_back(Number(item, kSv, kEn));
    } else {
      numbers.push_back(Number(value_, kSv, kEn));
    }
    definition.*member = std::move(numbers);
  }

 private:
  // A text naming a column, in its canonical spelling when the field names columns.
  std::string ColumnName(std::string text) const {
    return field_.names_columns ? CanonicalColumnName(text) : text;
  }
  std::string Text(const DefinitionNode& node, std::string_view sv, std::string_view en) const {
    if (node.kind != Kind::kText) Fail(PlaceOf(node, key_), key_, sv, en);
    return node.text;
  }
  double Number(const DefinitionNode& node, std::string_view sv, std::string_view en) const {
    if (node.kind != Kind::kNumber) Fail(PlaceOf(node, key_), key_, sv, en);
    if (field_.range && !(node.number > field_.range->above && node.number < field_.range->below)) {
      Fail(PlaceOf(node, key_), key_, field_.range->rule_sv, field_.range->rule_en);
    }
    return node.number;
  }
  const std::vector<DefinitionNode>& List(const DefinitionNode& node, std::string_view sv,
                                          std::string_view en) const {
    if (node.kind != Kind::kList) Fail(PlaceOf(node, key_), key_, sv, en);
    return node.items;
  }
  void RequireStandardPopulation(const std::string& name) const {
    const auto built_in = BuiltInStandardPopulations();
    if (options_.standard_population_files == StandardPopulationFiles::kAllowed ||
        std::find(built_in.begin(), built_in.end(), name) != built_in.end()) {
      return;
    }
    Fail(PlaceOf(value_, key_), key_,
         "ska vara en inbyggd standardbefolkning (\"esp2013\"); filer läses inte här",
         "must be a built-in standard population (\"esp2013\"); files are not read here");
  }
  // Name the value's place for a row condition's own errors.
  std::string Where(const DefinitionNode& node) const {
    if (node.location.file.empty()) return node.field;
    return fmt::format("{}:{}:{}", node.location.file, node.location.line, node.location.column);
  }

  const DefinitionField& field_;
  std::string_view key_;
  const DefinitionNode& value_;
  const DefinitionReadOptions& options_;
};

void RejectUnknownKeys(const DefinitionNode& table, const DefinitionReadOptions& options) {
  for (const DefinitionNode& member : table.members) {
    const bool known = std::any_of(kFields.begin(), kFields.end(), [&](const DefinitionField& f) {
      return KeyOf(f, options.syntax) == member.key;
    });
    if (!known) {
      Fail(PlaceOf(member, member.key), member.key, "okänd nyckel (felstavad?)",
           "unknown key (misspelt?)");
    }
  }
}

void RequireTable(const DefinitionNode& node, std::string_view key) {
  if (node.kind != Kind::kTable) {
    Fail(PlaceOf(node, key), key, "ska vara en tabell med nycklar (ett objekt i JSON)",
         "must be a table of keys (an object in JSON)");
  }
}

IndicatorDefinition ReadOne(const DefinitionNode& table, const DefinitionNode* defaults,
                            const DefinitionReadOptions& options) {
  const std::string_view list_key = IndicatorListKey(options.syntax);
  RequireTable(table, list_key);
  // Unknown keys first: a misspelt required key is reported as misspelt, not as missing.
  RejectUnknownKeys(table, options);
  IndicatorDefinition definition;
  definition.where = table.location;
  if (definition.where.file.empty()) definition.where.file = table.field;
  for (const DefinitionField& field : kFields) {
    const std::string_view key = KeyOf(field, options.syntax);
    const DefinitionNode* value = table.Find(key);
    if (value == nullptr && defaults != nullptr) value = defaults->Find(key);
    if (value == nullptr) {
      if (field.required) {
        Fail(PlaceIn(table, key), key, "saknas men krävs", "is missing but required");
      }
      continue;
    }
    std::visit([&](auto member) { ValueReader(field, key, *value, options)(member, definition); },
               field.member);
  }
  // An English name or unit falls back to the Swedish one.
  if (definition.name_en.empty()) definition.name_en = definition.name_sv;
  if (definition.unit_en.empty()) definition.unit_en = definition.unit_sv;
  if (definition.numerator.empty() == definition.numerator_where.empty() &&
      definition.value.empty()) {
    const std::string_view numerator = KeyOf(FieldFor(&D::numerator), options.syntax);
    const std::string_view condition = KeyOf(FieldFor(&D::numerator_where), options.syntax);
    Fail(PlaceIn(table, numerator), numerator,
         fmt::format(fmt::runtime(Tr("ange antingen '{}' (kolumn) eller '{}' (villkor)",
                                     "give either '{}' (a column) or '{}' (a condition)")),
                     numerator, condition));
  }
  return definition;
}

}  // namespace

void FailAtKey(const DefinitionNode& value, std::string_view key, std::string_view explanation) {
  Fail(PlaceOf(value, key), key, explanation);
}

void FailMissingKey(const DefinitionNode& table, std::string_view key,
                    std::string_view explanation) {
  Fail(PlaceIn(table, key), key, explanation);
}

DefinitionNode DefinitionNode::WithKey(std::string member_key) && {
  key = std::move(member_key);
  return std::move(*this);
}

const DefinitionNode* DefinitionNode::Find(std::string_view wanted) const {
  for (const DefinitionNode& member : members) {
    if (member.key == wanted) return &member;
  }
  return nullptr;
}

std::span<const DefinitionField> DefinitionFields() { return kFields; }

std::span<const std::string_view> BuiltInStandardPopulations() {
  return kBuiltInStandardPopulations;
}

std::string_view KeyOf(const DefinitionField& field, DefinitionSyntax syntax) {
  return syntax == DefinitionSyntax::kToml ? field.toml_key : field.json_key;
}

std::string_view IndicatorListKey(DefinitionSyntax syntax) {
  return syntax == DefinitionSyntax::kToml ? "indicator" : "indicators";
}

std::vector<IndicatorDefinition> ReadDefinitions(const DefinitionNode& document,
                                                 const DefinitionReadOptions& options) {
  const std::string_view list_key = IndicatorListKey(options.syntax);
  for (const DefinitionNode& member : document.members) {
    if (member.key != list_key && member.key != kDefaultsKey) {
      Fail(PlaceOf(member, member.key), member.key, "okänd nyckel (felstavad?)",
           "unknown key (misspelt?)");
    }
  }
  const DefinitionNode* defaults = document.Find(kDefaultsKey);
  if (defaults != nullptr) {
    RequireTable(*defaults, kDefaultsKey);
    RejectUnknownKeys(*defaults, options);
  }
  const DefinitionNode* list = document.Find(list_key);
  if (list == nullptr || list->kind != Kind::kList || list->items.empty()) {
    Fail(list == nullptr ? PlaceIn(document, list_key) : PlaceOf(*list, list_key), list_key,
         "ska vara en lista med minst en indikator ([[indicator]] i en TOML-fil)",
         "must be a list of at least one indicator ([[indicator]] in a TOML file)");
  }
  std::vector<IndicatorDefinition> definitions;
  std::set<std::string> ids;
  for (const DefinitionNode& table : list->items) {
    definitions.push_back(ReadOne(table, defaults, options));
    if (!ids.insert(definitions.back().id).second) {
      const std::string_view id_key = KeyOf(FieldFor(&D::id), options.syntax);
      const DefinitionNode* id = table.Find(id_key);
      Fail(id != nullptr ? PlaceOf(*id, id_key) : PlaceIn(table, id_key), id_key, "finns redan",
           "is already used");
    }
  }
  return definitions;
}

}  // namespace jamlik
