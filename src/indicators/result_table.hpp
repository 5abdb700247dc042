#pragma once
// The long-format result table every indicator run produces and every later step (inequality
// measures, disclosure control, exports, charts) reads: one row per indicator × area × period ×
// dimension × subgroup. A superset of the WHO HEAT Plus columns (DESIGN.md §4).
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/dimension_set.hpp"  // kTotalDimension, kTotalSubgroup
#include "core/i18n.hpp"           // BilingualText
#include "core/labelled_enum.hpp"
#include "core/table.hpp"
#include "indicators/result_flags.hpp"

namespace jamlik {

// Column names, in table order.
namespace result_column {
inline constexpr const char* kIndicator = "indicator";
inline constexpr const char* kIndicatorName = "indicator_name";
inline constexpr const char* kIndicatorType = "indicator_type";
inline constexpr const char* kAreaLevel = "area_level";
inline constexpr const char* kArea = "area";
inline constexpr const char* kAreaName = "area_name";
inline constexpr const char* kPeriod = "period";
inline constexpr const char* kDimension = "dimension";
inline constexpr const char* kSubgroup = "subgroup";
inline constexpr const char* kSubgroupOrder = "subgroup_order";
inline constexpr const char* kOrderedDimension = "ordered_dimension";
inline constexpr const char* kReferenceSubgroup = "reference_subgroup";
inline constexpr const char* kFavourableIndicator = "favourable_indicator";
inline constexpr const char* kIndicatorScale = "indicator_scale";
inline constexpr const char* kEstimate = "estimate";
inline constexpr const char* kLower = "lower";
inline constexpr const char* kUpper = "upper";
inline constexpr const char* kConfidence = "confidence";
inline constexpr const char* kLower2 = "lower_2";
inline constexpr const char* kUpper2 = "upper_2";
inline constexpr const char* kConfidence2 = "confidence_2";
inline constexpr const char* kNumerator = "numerator";
inline constexpr const char* kDenominator = "denominator";
inline constexpr const char* kPopulation = "population";
inline constexpr const char* kMethod = "method";
inline constexpr const char* kFlag = "flag";
inline constexpr const char* kSuppressed = "suppressed";
inline constexpr const char* kSuppressionReason = "suppression_reason";
}  // namespace result_column

// The two largest contributions (absolute values) to a cell's sum, for the dominance rule of
// disclosure control.
struct TopContributions {
  double largest = 0;
  double second = 0;
};

struct ResultRow {
  std::string indicator;
  BilingualText indicator_name;
  std::string indicator_type;
  std::string area_level;   // a column name such as "kommun", or "riket"
  std::string area;         // the area's code; "00" for the nation
  BilingualText area_name;  // "Lekeberg"; "Sverige" / "Sweden" for the nation
  std::string period;       // empty when the data has one period
  // The display forms of a DimensionSet and its Subgroup (core/dimension_set.hpp), which make and
  // read them: "kon", "kon × utbildning" or "total"; "K", "K × förgymnasial" or "T".
  std::string dimension;
  std::string subgroup;
  std::int64_t subgroup_order = 0;  // 1 = most disadvantaged on an ordered dimension, else 0
  bool ordered_dimension = false;
  bool reference_subgroup = false;
  bool favourable_indicator = false;  // high values are good
  double indicator_scale = 1;         // the multiplier: 100 for per cent, 100 000 for rates
  std::optional<double> estimate;
  std::optional<double> lower, upper;
  double confidence = 0.95;
  std::optional<double> lower_2, upper_2, confidence_2;
  std::optional<double> numerator;
  std::optional<double> denominator;
  std::optional<double> population;
  std::string method;
  // Why the estimate or interval is undefined or unreliable; kNone when neither.
  ResultFlag flag = ResultFlag::kNone;
  // Disclosure control (src/privacy): a suppressed row has no estimate, interval, numerator or
  // denominator, and says why (kNumeratorBelowMinimum, kComplementary, …).
  bool suppressed = false;
  SuppressionReason suppression_reason = SuppressionReason::kNone;
  // The two largest values behind the numerator's sum (means of a column, sums in group-by
  // tables), for Publish's dominance rule. They are single persons' values: no output writes them
  // (ResultRowsToTable has no column for them) and Publish clears them from every row it returns.
  std::optional<TopContributions> top_contributions;
};

// ---- The declaration of the result's fields ----
// Every door derives its form of a result row from this one list: the result table (CLI CSV,
// Excel, the inequality input), the store's analysis_results columns, the API's JSON and its
// OpenAPI schema (and through that the web app's TypeScript types). A new field is one entry here
// and one migration.

// A field's value in the row: text, integer, yes/no, number, optional number, a name in both
// languages (one column per language in the store, the user's language everywhere else), or a
// labelled enumerator (its id in files, the store and the API; its label only where people read
// it, see ResultFieldText).
using ResultFieldMember =
    std::variant<std::string ResultRow::*, std::int64_t ResultRow::*, bool ResultRow::*,
                 double ResultRow::*, std::optional<double> ResultRow::*,
                 BilingualText ResultRow::*, ResultFlag ResultRow::*,
                 SuppressionReason ResultRow::*>;

struct ResultField {
  const char* name;
  ResultFieldMember member;
  const char* header_sv;
  const char* header_en;
  const char* description;  // for the API document, in English like the rest of it
  // Text where "" means "none" (a single period, no flag): null in the result table.
  bool empty_is_null = false;
};

// Return the stable ids of an enumerated field's values, in declaration order ("" for none), or
// an empty list for a field that is not enumerated: the API document's `enum`.
std::vector<std::string> ResultFieldIds(const ResultField& field);

// The fields in table order.
std::span<const ResultField> ResultFields();

// The store's column names of a field: its name, and "<name>_en" for the English of a bilingual
// one (the Swedish keeps the plain name).
std::vector<std::string> StoredColumnNames(const ResultField& field);

// Return the result table: one column per field, enumerators as their ids (files, the inequality
// input).
Table ResultRowsToTable(const std::vector<ResultRow>& rows);

// Return the rows of a result table read back from a file (the inverse of ResultRowsToTable):
// each field from its column, a column the table lacks leaving the field's default; numbers from
// numeric or numeric-text columns, yes/no from 1/0 or true/false, enumerators from their ids, a
// name in both languages from its one column. Throws kBadValue naming the row (1-based, after the
// header), the column and the value.
std::vector<ResultRow> ResultRowsFromTable(const Table& results);

[[noreturn]] void ThrowUnknownResultId(const ResultField& field, std::string_view id);

// Return the enumerator of an enumerated field's stored id; throws kBadValue naming the field and
// the id when the field has no such id.
template <LabelledEnum E>
E ResultFieldEnum(const ResultField& field, std::string_view id) {
  if (const std::optional<E> value = EnumFromId<E>(id)) return *value;
  ThrowUnknownResultId(field, id);
}

// Check a result table read back from a file (the inequality input): every value of an
// enumerated column it has (flag, suppression_reason) must be one of the field's ids. Throws
// kBadValue naming the row (1-based, after the header), the column and the value, with `file` as
// the location. Tables without an `indicator` column (HEAT Plus templates, whose `flag` is free
// text) are not checked.
void CheckResultIds(const Table& results, const std::string& file = {});

// Return the enumerated field of a result table's column `name` (flag, suppression_reason), or
// nullptr; for the doors that show labels instead of ids.
const ResultField* EnumeratedResultField(std::string_view name);

// Return the label in the user's language of an enumerated field's id ("complementary" →
// "annars kunde en dold uppgift räknas fram"); "" stays "", and an id the field does not know is
// returned as it is.
std::string ResultFieldLabel(const ResultField& field, std::string_view id);

// Return `table` with its labelled result columns (dimension, subgroup, method, flag,
// suppression_reason) and the categories of known dimensions' columns (an aggregate's "kon")
// showing labels in the user's language instead of codes: what the terminal shows.
Table WithResultLabels(const Table& table);

// Return the header people read for a result column, in the user's language ("estimate" →
// "Skattning" / "Estimate"; a label column's; a known dimension's, "kon" → "Kön"); other names are
// returned as they are.
std::string ResultColumnLabel(const std::string& column);

// ---- Labels beside the codes ----
// Results are stored and exchanged as codes ("kon", "K", "wilson", "count_below_minimum"); people
// read labels ("Kön", "Kvinnor", "Wilson", "för få händelser för metoden"), made per request in
// its language from the engine's declarations (core/dimensions, core/dimension_set,
// indicators/interval_methods, the labelled enums). The API's JSON and its OpenAPI schema, the
// exports' label columns and the terminal's table derive from this one list.

// A row's text of a result field by name: its code or id ("" when none).
using ResultFieldTextOf = std::function<std::string(std::string_view field)>;

struct ResultLabelField {
  const char* name;    // "dimension_label"
  const char* labels;  // the field it labels: "dimension"
  const char* header_sv;
  const char* header_en;
  const char* description;  // for the API document
  std::string (*label)(const ResultFieldTextOf& text_of, Language language);
};

std::span<const ResultLabelField> ResultLabelFields();

// Return the label field's text for `row` in `language`.
std::string ResultLabel(const ResultLabelField& field, const ResultRow& row, Language language);

// Return `table` with each label column in `language` right after the column it labels (when the
// table has that column): what exports people open carry beside the codes.
Table WithResultLabelColumns(const Table& table, Language language);

// Return the Excel number format of a result or label column: one decimal for estimates and
// limits, whole numbers with a thousands separator for counts, per cent for confidence levels;
// "" for text and the rest.
std::string_view ResultColumnNumberFormat(std::string_view column);

}  // namespace jamlik
