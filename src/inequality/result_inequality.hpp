#pragma once
// From the long result table of `jamlik indicators` (or a WHO HEAT Plus template) to the subgroup
// data of every indicator × area × period × dimension, and from the measures back to a long
// table. This is the one path every front door (CLI, API, `indicators --measures`) takes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"
#include "inequality/measure.hpp"

namespace jamlik::inequality {

// The subgroups of one indicator in one area, period and dimension: one "setting" in HEAT's words.
struct SubgroupSet {
  std::string indicator{};
  std::string indicator_name{};
  std::string area_level{};
  std::string area{};
  std::string area_name{};  // empty when the results do not name their areas
  std::string period{};
  std::string dimension{};
  std::string indicator_type{};  // "proportion", "rate" …; empty when the table has no such column
  SubgroupData data{};
};

// Whether the set's indicator is a proportion (its SII is logistic by default): by its type when
// the table gives one, else by HEAT's range rule (a percentage, scale 100, is bounded).
bool IsProportion(const SubgroupSet& set);

struct ResultReadOptions {
  // The "total" dimension has one subgroup and measures nothing; crossed dimensions
  // ("kon × utbildning") have no single order or reference. Both are skipped unless asked for.
  bool include_total = false;
  bool include_crossed = false;
};

// Return the subgroup sets of a result table, sorted by (indicator, area level, area, period,
// dimension); subgroups keep their input order, stably sorted by subgroup_order.
// Reads either layout:
// - the long result table (ResultRowsToTable, or its CSV read back): indicator, area_level, area,
//   period, dimension, subgroup, subgroup_order, ordered_dimension, reference_subgroup,
//   favourable_indicator, indicator_scale, estimate, lower, upper, confidence, population,
//   suppressed;
// - the HEAT Plus template: setting (→ area), date (→ period), indicator_abbr (→ indicator),
//   dimension, subgroup, subgroup_order, estimate, se, ci_lb, ci_ub (95 %), population,
//   favourable_indicator, indicator_scale, ordered_dimension, reference_subgroup.
// The se is taken from an `se` column when given, else (upper − lower)/(2·z) at the row's
// confidence, on the estimate's scale. A suppressed subgroup (suppressed = 1) is kept as a
// subgroup without estimate, se or population, so HEAT's minimum-data rules apply and none of its
// values reaches a measure. Throws kUnknownColumn for a missing required column, kBadValue for a
// non-numeric number, kInvalidArgument for a subgroup listed twice or a setting whose rows
// disagree on scale, direction or order.
std::vector<SubgroupSet> ReadSubgroupSets(const Table& results,
                                          const ResultReadOptions& options = {});

// Return the subgroup measure ids of "all" (every subgroup measure, by id) or of a comma list
// ("d,r,sii"), in the order given; throws kInvalidArgument naming an unknown id.
std::vector<std::string> ParseMeasureList(std::string_view text);

// Which form `sii` and `rii` take. By default the logistic form (HEAT's, for a proportion bounded
// by 0 and its scale) is for proportions only; a rate per 100 000, a mean or a count gets the
// linear form (PHE's). The rows name the form computed (sii or sii_linear).
enum class SlopeForm { kByIndicatorType, kLogistic, kLinear };

// Parse "auto", "logistic" or "linear"; throws kInvalidArgument naming the option otherwise.
SlopeForm ParseSlopeForm(std::string_view text);

// Return the measure computed for an asked id on a set: `sii`/`rii` become `sii_linear`/
// `rii_linear` when the form says linear (or, by indicator type, the set is not a proportion);
// every other id is itself.
std::string_view ResolvedMeasure(std::string_view id, const SubgroupSet& set, SlopeForm form);

struct InequalityOptions {
  std::vector<std::string> measures{};  // subgroup measure ids (ParseMeasureList)
  SlopeForm slope_form = SlopeForm::kByIndicatorType;
  MeasureOptions measure{};  // confidence, simulation draws and seed, force
  ResultReadOptions read{};
};

// Output columns, in table order.
namespace inequality_column {
inline constexpr const char* kMeasure = "measure";
inline constexpr const char* kMeasureLabel = "measure_label";
inline constexpr const char* kSe = "se";
inline constexpr const char* kSeScale = "se_scale";  // "log" for ratios, else "estimate"
inline constexpr const char* kReason = "reason";
inline constexpr const char* kReading = "reading";
}  // namespace inequality_column

// Return the header people read for a measure table's own column in the user's language
// ("measure_label" → "Mått" / "Measure"), or nullopt for the columns it shares with the result
// table (indicator, area, estimate, …), whose headers the result fields declare.
std::optional<std::string> InequalityColumnLabel(std::string_view column);

// Return the Excel number format of a measure table's column: three decimals for the measures and
// their limits (ratios near 1 and indices near 0 need them), per cent for the confidence level; ""
// for the rest.
std::string_view InequalityColumnNumberFormat(std::string_view column);

// Compute the measures for every subgroup set of a result table: one row per indicator × area
// level × area × period × dimension × measure (in the order of ReadSubgroupSets, measures in the
// order asked), with the columns indicator, indicator_name, area_level, area, area_name, period,
// dimension, measure (the one computed: ResolvedMeasure), measure_label (the user's language),
// estimate, se, se_scale, lower, upper, confidence, reason (why the estimate or interval is
// missing, the label of the measure's MeasureReason in the user's language; null when both exist)
// and reading (what the value says for the indicator's polarity, MeasureReading; null without an
// estimate). Sets run
// in parallel; the result is the same for any thread count. This is what `jamlik inequality` and
// `jamlik indicators --measures` call.
Table ComputeInequality(const Table& results, const InequalityOptions& options);

// Return a double column with a null wherever the value is missing (the output tables' numbers).
Column NullableDoubleColumn(std::string name, const std::vector<std::optional<double>>& values);

}  // namespace jamlik::inequality
