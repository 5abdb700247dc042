#pragma once
// The effect assessment of a measure (issue 12 item 7): has the target group's indicator moved
// differently from a comparison's since the measure started? Before/after in the target group
// (subgroups of one dimension in an area, or the area's total) against a comparison (the
// dimension's other subgroups in the same area, or the same group in other areas), the
// difference-in-differences with its interval, the gap's trend before and after the start (the χ²
// test of src/compare), and a verdict in words that say when the data cannot tell. See README.md
// for the methods and their sources.
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "compare/compare.hpp"
#include "core/labelled_enum.hpp"
#include "followup/period.hpp"
#include "indicators/result_table.hpp"

namespace jamlik::effect {

// What the target group is compared with.
enum class ComparisonKind : std::uint8_t {
  kOtherSubgroups,  // the dimension's other subgroups in the same area
  kOtherAreas,      // the same subgroups (or the total) in other areas
};

// What an assessment concludes; ids for files and the API, labels for people.
enum class Verdict : std::uint8_t {
  kImprovedMore,  // the interval of the difference in differences lies wholly on the good side
  kWorsenedMore,  // … wholly on the bad side
  kRoseMore,      // no polarity (published figures): wholly above 0
  kFellMore,      // … wholly below 0
  kCannotTell,    // the interval reaches 0
  kNoData,        // no estimate: the reason says why
};

// Why the data cannot tell, or what an estimate rests on less firmly than it might.
enum class EffectReason : std::uint8_t {
  kNone,
  kIntervalSpansZero,    // the difference in differences' interval holds 0
  kNoPeriods,            // the results have no period of the indicator on the time axis
  kNoPeriodBeforeStart,  // no period ended before the measure started
  kNotStartedYet,        // no period lies wholly after the start
  kSuppressed,           // disclosure control blanked a value the assessment needs
  kMissing,              // a value the assessment needs has no row
  kUndefined,            // a row without an estimate (its flag says why)
  kNoStandardError,      // no counts or interval to give a standard error
  kNoComparisonGroup,    // no other subgroup or area to compare with
};

// A caution beside an estimate: what the difference in differences assumes and could not check.
enum class Caveat : std::uint8_t {
  kPreTrendNotTested,       // fewer than five periods before the start: parallel trends untested
  kGapChangingBeforeStart,  // the gap already narrowed or widened before the start
  kEarlierPeriodUsed,       // the latest period before or after had no value; an earlier was used
};

struct EffectQuery {
  std::string indicator;
  std::string area;
  // The target group: subgroups of `dimension`. An empty dimension (or "total") is the area's
  // whole population, which only other areas can be compared with.
  std::string dimension;
  std::vector<std::string> subgroups;
  // The measure's start, YYYY-MM-DD: a period that ended by then is before, one that began on or
  // after it is after, one it falls within is neither (the transition).
  std::string start;
  ComparisonKind comparison = ComparisonKind::kOtherSubgroups;
  // kOtherAreas: the areas; empty for every other area of the target area's level.
  std::vector<std::string> comparison_areas;
  // The periods compared; by default the latest before and after the start with both values.
  std::optional<followup::Period> before, after;
  double confidence = 0.95;
  // Which way is good; by default the rows' favourable_indicator, and none for published figures.
  std::optional<compare::Polarity> polarity;
};

// A group's value in one period: one row, or several pooled (README.md, "Pooling").
struct GroupValue {
  std::optional<double> estimate;
  std::optional<double> standard_error;
  // estimate ∓ z·se at the query's confidence: the normal interval the differences use (for a
  // single proportion it is the Wald interval, not the result row's Wilson interval).
  std::optional<double> lower, upper;
  std::string method;  // counts (a proportion's numerators and denominators) or interval
  EffectReason reason = EffectReason::kNone;  // why there is no estimate or standard error
  std::string detail;                         // the subgroup or area at fault, the row's flag
};

// An estimate with its standard error and interval at the query's confidence.
struct Estimate {
  std::optional<double> estimate, standard_error, lower, upper;
};

enum class Phase : std::uint8_t { kBefore, kTransition, kAfter };

// One period of the series: both groups and the gap between them (target − comparison).
struct PeriodValues {
  followup::Period period;
  Phase phase = Phase::kBefore;
  GroupValue target, comparison;
  Estimate gap;
};

struct EffectAssessment {
  EffectQuery query;
  std::vector<std::string> target_members;      // the subgroups (or "T") pooled as the target
  std::vector<std::string> comparison_members;  // the subgroups or areas pooled as comparison
  compare::Polarity polarity = compare::Polarity::kNoJudgement;
  std::string indicator_type;
  std::optional<followup::Period> before_period, after_period;
  GroupValue target_before, target_after, comparison_before, comparison_after;
  Estimate target_change, comparison_change;  // after − before
  Estimate gap_before, gap_after;             // target − comparison
  Estimate difference_in_differences;         // target_change − comparison_change
  Verdict verdict = Verdict::kNoData;
  EffectReason reason = EffectReason::kNone;
  std::string detail;
  std::vector<Caveat> caveats;
  // The gap's trend over the last five periods before the start, and the last five after it
  // (compare::GapTrend): narrowing, widening, no_significant_change, could_not_be_calculated.
  compare::Trend gap_trend_before, gap_trend_after;
  std::vector<PeriodValues> series;  // every period of the indicator, in time order
};

// Assess the effect in `rows` (a released long result table). Throws kInvalidArgument naming the
// query's field for a start that is not a date, a before or after period on the wrong side of the
// start, or a target group without subgroups.
EffectAssessment AssessEffect(std::span<const ResultRow> rows, const EffectQuery& query);

// The assessment in one paragraph, in the user's language: the changes, the difference in
// differences with its interval, the verdict and the caveats, or why there is none.
std::string EffectSummary(const EffectAssessment& assessment);

// The method's name for the record: how the interval was made.
inline constexpr const char* kEffectMethod = "difference_in_differences_delta_method";

// Return the position of a date (YYYY-MM-DD) on the follow-up time axis (followup::Period, in
// months: the start of month M of year Y is 12·Y + M − 1), or nullopt for another text; `day` is
// set to its day of the month.
std::optional<int> DateMonth(const std::string& date, int* day = nullptr);

}  // namespace jamlik::effect

namespace jamlik {

template <>
struct EnumTable<effect::Verdict> {
  static std::span<const EnumEntry<effect::Verdict>> Entries();
};
template <>
struct EnumTable<effect::EffectReason> {
  static std::span<const EnumEntry<effect::EffectReason>> Entries();
};
template <>
struct EnumTable<effect::Caveat> {
  static std::span<const EnumEntry<effect::Caveat>> Entries();
};
template <>
struct EnumTable<effect::ComparisonKind> {
  static std::span<const EnumEntry<effect::ComparisonKind>> Entries();
};
template <>
struct EnumTable<effect::Phase> {
  static std::span<const EnumEntry<effect::Phase>> Entries();
};

namespace effect {
inline std::ostream& operator<<(std::ostream& out, Verdict value) { return out << EnumId(value); }
inline std::ostream& operator<<(std::ostream& out, EffectReason value) {
  return out << EnumId(value);
}
}  // namespace effect

}  // namespace jamlik
