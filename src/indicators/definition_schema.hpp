#pragma once
// The one declaration of an indicator definition's keys and the one routine that validates them.
// The TOML reader (indicators/indicator_definition.hpp, Swedish keys an analyst writes) and the
// JSON reader (app/indicator_json.hpp, the API's snake_case keys) each turn their document into a
// DefinitionNode tree and call ReadDefinitions, so both accept the same keys, apply the same
// rules and give the same messages; only where an error points differs: file:line:column in TOML,
// the request's field path ("indicators[2].typ") in JSON.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "indicators/indicator_definition.hpp"

namespace jamlik {

// A value of a definitions document with its format stripped.
struct DefinitionNode {
  enum class Kind { kText, kNumber, kBoolean, kList, kTable, kOther };
  Kind kind = Kind::kOther;
  std::string text;                     // kText
  double number = 0;                    // kNumber (TOML integers and floats, JSON numbers)
  bool boolean = false;                 // kBoolean
  std::vector<DefinitionNode> items;    // kList
  std::vector<DefinitionNode> members;  // kTable, in document order, each with its key
  std::string key;                      // a table member's key; empty otherwise
  // Where the value stands. TOML gives `location` (file:line:column); JSON gives `field`, the path
  // an API client maps to its control ("indicators[2].type"; a list's items name the list).
  SourceLocation location;
  std::string field;

  // Return the member `wanted` of a table, or nullptr.
  const DefinitionNode* Find(std::string_view wanted) const;

  // Return this node as the member `member_key` of a table.
  DefinitionNode WithKey(std::string member_key) &&;
};

// Return the TOML document `text` as a DefinitionNode tree, each node with its file:line:column
// (`display_name` stands for the file). Throws kInvalidArgument at the place of a TOML syntax
// error, or for text that is not UTF-8. Other documents of the analyst's (the follow-up plan) are
// read through it too.
DefinitionNode ParseTomlDocument(const std::string& text, const std::string& display_name);

// Read a file's text; throws kIo naming the file when it cannot be opened.
std::string ReadDocumentFile(const std::string& path);

// Throw kInvalidArgument "key 'K': explanation" where `value` stands (file:line:column in TOML,
// the field path in JSON): the one form of a document's key errors.
[[noreturn]] void FailAtKey(const DefinitionNode& value, std::string_view key,
                            std::string_view explanation);
// The same for a key missing from `table`.
[[noreturn]] void FailMissingKey(const DefinitionNode& table, std::string_view key,
                                 std::string_view explanation);

// The member of IndicatorDefinition a key fills; its type says how the value is read:
//   std::string                         a text
//   RowFilter                           a text parsed as a row condition ("alder >= 65")
//   std::optional<double>               a number
//   bool                                "hög"/"låg" ("high"/"low") or true/false
//   std::vector<std::string>            a list of texts
//   std::vector<std::vector<std::string>> a list of column names or lists of column names to cross
//   std::vector<double>                 a number or a list of numbers
using DefinitionMember =
    std::variant<std::string IndicatorDefinition::*, RowFilter IndicatorDefinition::*,
                 std::optional<double> IndicatorDefinition::*, bool IndicatorDefinition::*,
                 std::vector<std::string> IndicatorDefinition::*,
                 std::vector<std::vector<std::string>> IndicatorDefinition::*,
                 std::vector<double> IndicatorDefinition::*>;

// Numbers must lie strictly between `above` and `below`; `rule_*` says so to the analyst.
struct OpenRange {
  double above = 0;
  double below = 0;
  std::string_view rule_sv;
  std::string_view rule_en;
};

struct DefinitionField {
  std::string_view toml_key = {};  // "typ": the Swedish key of a definitions file
  std::string_view json_key = {};  // "type": the API's key
  DefinitionMember member = {};
  bool required = false;
  std::string_view description_sv = {};
  std::string_view description_en = {};
  std::optional<OpenRange> range = std::nullopt;  // for numbers
  // For a text naming a standard population: one of the built-in names, or a file where the
  // reader allows files.
  bool standard_population = false;
  // For texts naming columns: a known dimension written as offices write it ("Kön", "Kommun") is
  // read as its canonical name (CanonicalColumnName), as the data's header is.
  bool names_columns = false;
};

// Return every key of a definition, in the order a definition is read and documented.
std::span<const DefinitionField> DefinitionFields();

// The standard populations built into the engine; other names are CSV files.
std::span<const std::string_view> BuiltInStandardPopulations();

enum class DefinitionSyntax {
  kToml,  // toml_key, a file of [[indicator]] tables and a [defaults] table
  kJson,  // json_key, a request's "indicators" list
};

// A web request must never make the server read a file of its choosing.
enum class StandardPopulationFiles { kAllowed, kRefused };

struct DefinitionReadOptions {
  DefinitionSyntax syntax = DefinitionSyntax::kToml;
  StandardPopulationFiles standard_population_files = StandardPopulationFiles::kAllowed;
};

// Return the key of `field` in `syntax`.
std::string_view KeyOf(const DefinitionField& field, DefinitionSyntax syntax);
// Return the key of the list of definitions in `syntax`: "indicator" or "indicators".
std::string_view IndicatorListKey(DefinitionSyntax syntax);

// Read and validate the definitions of `document`, a table holding the list of definitions
// (IndicatorListKey) and optionally "defaults", a table of keys applying to every definition that
// does not set them. Throws kInvalidArgument naming the key, what was expected and where.
std::vector<IndicatorDefinition> ReadDefinitions(const DefinitionNode& document,
                                                 const DefinitionReadOptions& options);

}  // namespace jamlik
