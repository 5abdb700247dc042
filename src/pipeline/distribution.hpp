#pragma once
// Distribution measures on individual data (Gini, GE(α), Theil T, MLD, Atkinson(ε), Palma,
// S80/S20, P90/P10, CV, Hoover) per group, with bootstrap intervals, released through disclosure
// control: `jamlik distribution`, the API's distribution route and jamlik.distribution in Python.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/table.hpp"
#include "inequality/measure.hpp"
#include "privacy/summary_release.hpp"

namespace jamlik::pipeline {

// One requested measure: a registry id of a distribution measure and, for the families, its
// parameter (GE's α, Atkinson's ε), written "ge:2" or "atkinson:0.5".
struct DistributionMeasure {
  std::string id{};
  std::optional<double> parameter{};
  std::string name{};  // as written, the `measure` column's value
};

// Parse "gini,s80_s20,atkinson:0.5" (or "all": every distribution measure at its default
// parameter); throws kInvalidArgument naming an unknown id, a measure that is not a distribution
// measure (the concentration indices need a rank) or a bad parameter, listing the known ones.
std::vector<DistributionMeasure> ParseDistributionMeasures(const std::string& text);

// The measures when none are asked for.
inline constexpr const char* kDefaultDistributionMeasures = "gini,s80_s20,p90_p10,palma";

// At most this many grouping columns (every combination of them is a margin: 2^k groupings).
inline constexpr std::size_t kMaxDistributionGroupBy = 4;

struct DistributionRequest {
  std::string value{};                   // the outcome's numeric column, e.g. inkomst
  std::string weight{};                  // frequency weights; empty: each row is one person
  std::vector<std::string> by{};         // grouping columns, e.g. kommun, kon
  std::string filter{};                  // which persons, e.g. "alder >= 20"; empty: everyone
  std::string filter_name = "--filter";  // what names the filter in its error messages
  std::vector<DistributionMeasure> measures{};  // empty: kDefaultDistributionMeasures
  // Confidence, bootstrap draws and seed, and the percentile method of s80_s20, p90_p10, palma.
  inequality::MeasureOptions options{};
};

// The figures before release: one row per group × measure, the whole first and then every margin
// of the grouping columns (each column a group's value or "total" where it is not grouped), in
// the columns' category order: the grouping columns, measure, estimate, se, lower, upper, n (the
// rows with a value in the group: the persons its figures rest on, whatever the weights) and
// reason (the measure's reason id when a value or its interval is missing). A row's persons is
// its n; the reason is withheld with the figures. The measures are not additive, so no sums are
// declared.
SummaryFigures DistributionFigures(const Table& persons, const DistributionRequest& request);

// What the audit log names the computation: "distribution VALUE" (" by BY", " where FILTER").
std::string DistributionTableName(const DistributionRequest& request);

// Compute DistributionFigures and release them through disclosure control (ReleaseSummary: a
// group of fewer persons than the rules' minimum gets no value and the reason), or unsuppressed
// when the request says so. The request's table is DistributionTableName when empty.
ReleasedSummary DistributionAndRelease(const Table& persons, const DistributionRequest& request,
                                       ReleaseRequest release);

// The same for a server, which brings its own rules (the deployment's) and audit log (the store's):
// compute and PublishSummary under `context`.
ReleasedSummary DistributionAndPublish(const Table& persons, const DistributionRequest& request,
                                       const DisclosureRules& rules, const PublishContext& context);

}  // namespace jamlik::pipeline
