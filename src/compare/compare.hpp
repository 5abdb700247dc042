#pragma once
// Benchmarking and recent trends of a long result table (issue 11, items 3 and 4), as OHID
// Fingertips marks them: each row's interval against a comparator's value (its county, the
// nation, a comparison group, or a named area) at 95 % and 99.8 %, funnel-plot control limits
// around the comparator for proportions and rates, rank and quartile among the areas of its
// level, and the recent-trend marker over the last five periods — of the indicator, and of the
// gap between the area and its comparator ("is the gap narrowing?"). See README.md for the
// methods and their sources.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"
#include "indicators/result_table.hpp"

namespace jamlik::compare {

// Which way is good. Fingertips' polarities: "RAG – high is good", "RAG – low is good", and
// "BOB – no judgement" (blue/orange/blue: higher or lower, neither better nor worse).
enum class Polarity { kHighIsGood, kLowIsGood, kNoJudgement };

// "high", "low", "none".
const char* PolarityId(Polarity polarity);
// Parse "high", "low" or "none"; throws kInvalidArgument naming `field` otherwise.
Polarity ParsePolarity(std::string_view text, std::string_view field = "polarity");

// What each row is compared with.
struct Comparator {
  enum class Kind { kCounty, kNation, kGroup, kArea };
  Kind kind = Kind::kNation;
  std::string code;  // the group's id or title (kGroup), the area's code (kArea)
};

// Parse "lan", "riket", "group:NAME" or an area code ("1880", "18", "00"). Throws kInvalidArgument
// naming `field` for an empty text or an empty group name.
Comparator ParseComparator(std::string_view text, std::string_view field = "against");

// A comparison group: Kolada's municipality groups or a user's own.
struct ComparisonGroup {
  std::string id;
  std::string title;
  std::vector<std::string> members;  // area codes in the project's form ("1814")
};

// Read comparison groups: Kolada's municipality_groups JSON (.json), or a table (.csv, .xlsx…)
// with the columns `group` and `area` (optionally `group_title`), one row per member, as
// `jamlik import kolada --groups-out` writes it. Throws kBadValue naming the file.
std::vector<ComparisonGroup> ReadGroups(const std::string& path);
// The same from a table with the columns group, area (and optionally group_title).
std::vector<ComparisonGroup> GroupsFromTable(const Table& table, const std::string& file);

struct CompareOptions {
  Comparator against;
  std::vector<ComparisonGroup> groups{};
  // An indicator's polarity by its id; "" applies to every indicator not named. Without either,
  // a computed row's favourable_indicator decides (high or low is good) and a published figure
  // (indicator_type "published": the source states none) gets no judgement.
  std::map<std::string, Polarity> polarity{};
};

// The comparison of one result row. Marks are stable ids:
//   comparison: better, similar, worse (a judgement), higher, similar, lower (no judgement), or
//               not_compared;
//   trend: increasing, decreasing, no_significant_change, could_not_be_calculated;
//   gap_trend: narrowing, widening, no_significant_change, could_not_be_calculated.
struct Comparison {
  std::string comparator_area;  // "" when the row has none (a county against its county)
  std::string comparator_name;
  std::optional<double> comparator_value;
  Polarity polarity = Polarity::kNoJudgement;
  std::string comparison = "not_compared";    // at 95 %
  std::string comparison_2 = "not_compared";  // at 99.8 %
  std::optional<double> difference;           // estimate − comparator value
  // Funnel-plot control limits around the comparator's value for the row's denominator.
  std::optional<double> funnel_lower, funnel_upper, funnel_lower_2, funnel_upper_2;
  std::optional<std::int64_t> rank, rank_of;  // 1 = best (highest without a judgement)
  std::optional<std::int64_t> quartile;       // 1 = the lowest values … 4 = the highest
  std::string trend = "could_not_be_calculated";
  std::string trend_reason;  // an id, when the trend could not be calculated
  std::optional<double> trend_chi_squared;
  std::string gap_trend = "could_not_be_calculated";
  std::string gap_trend_reason;
  std::optional<double> gap_trend_chi_squared;
};

// Compare every row; the result is in the rows' order. Throws kInvalidArgument naming `against`
// when a group comparator names no group of options.groups, or an area comparator an area no row
// has.
std::vector<Comparison> Compare(std::span<const ResultRow> rows, const CompareOptions& options);

// The result table (ResultRowsToTable) with the comparison's columns after it: comparator_area,
// comparator_name, comparator_value, polarity, comparison, comparison_2, difference,
// funnel_lower, funnel_upper, funnel_lower_2, funnel_upper_2, rank, rank_of, quartile, trend,
// trend_reason, trend_chi_squared, gap_trend, gap_trend_reason, gap_trend_chi_squared.
Table ComparisonTable(std::span<const ResultRow> rows, std::span<const Comparison> comparisons);

// The names of the comparison's columns, in table order.
std::span<const char* const> ComparisonColumns();

// ---- The methods, for the tests and other doors ----

// Fingertips' comparison of an interval with a value: "higher" when the interval lies wholly
// above it, "lower" when wholly below, else "similar"; then "better"/"worse" by the polarity.
std::string CompareInterval(double lower, double upper, double comparator, Polarity polarity);

struct Limits {
  double lower;
  double upper;
};

// Funnel-plot control limits for a proportion (0…1) around `target` with `trials` n, at
// `confidence` (0.95, 0.998): exact binomial quantiles with Spiegelhalter's interpolation —
// r_p the smallest r with P(X ≤ r) ≥ p for X ~ Bin(n, target),
// α = (P(X ≤ r_p) − p) / P(X = r_p), limit = (r_p − α) / n; p = (1 − confidence)/2 and its
// complement; a limit below 0 (tiny expected counts) is 0. nullopt unless n ≥ 1 and 0 < target < 1.
std::optional<Limits> BinomialFunnel(double trials, double target, double confidence);
// The same for a rate (events per unit of `exposure`) around `target` per unit, with
// X ~ Poisson(exposure · target), limit = (r_p − α) / exposure. nullopt unless exposure > 0 and
// target > 0.
std::optional<Limits> PoissonFunnel(double exposure, double target, double confidence);

struct Trend {
  std::string marker = "could_not_be_calculated";
  std::string reason;  // why it could not be calculated
  std::optional<double> chi_squared;
  std::optional<double> slope;  // the direction: sign of the trend statistic
};

// The χ² test for linear trend in proportions (Armitage's test; Fingertips' recent trend) over
// consecutive periods scored 1…k: with r_i events of n_i, N = Σn, R = Σr, p = R/N,
// x̄ = Σn_i·x_i/N, T = Σr_i·x_i − R·x̄, V = p(1 − p)(Σn_i·x_i² − N·x̄²), χ² = T²/V on 1 degree of
// freedom; significant at 99.8 % when χ² > χ²₁(0.998) = 9.5495 (= 3.0902², the two-sided
// normal value); increasing when T > 0. Needs five points (Fingertips' rule); reasons:
// fewer_than_five_periods, no_variation (p = 0 or 1).
Trend ProportionTrend(std::span<const double> numerators, std::span<const double> denominators);

// The weighted least-squares slope over periods scored 1…k, weights 1/se², z = b/se(b), tested
// as χ² = z² at 99.8 % (inequality::TrendOfGap). For indicators without counts and for gaps.
// Reasons: fewer_than_five_periods, no_standard_error.
Trend WeightedTrend(std::span<const double> estimates, std::span<const double> standard_errors);

// Is a gap narrowing? WeightedTrend of the gaps; a significant slope towards zero from the side
// the gap lies on (its weighted mean, weights 1/se²) is "narrowing", away from it "widening",
// else "no_significant_change" (the reasons of WeightedTrend). The gap trend of Compare and of
// the effect assessment (src/effect).
Trend GapTrend(std::span<const double> gaps, std::span<const double> standard_errors);

}  // namespace jamlik::compare
