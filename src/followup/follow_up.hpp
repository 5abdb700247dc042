#pragma once
// The follow-up of a plan's targets against a result table: every target evaluated by the one
// rule (evaluation.hpp) in every period the results hold from its baseline period on, or in one
// period. Plain data in and out, so the CLI (`jamlik follow-up`) and later the API and the web app
// call the same function and show the same numbers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"
#include "followup/evaluation.hpp"
#include "followup/target.hpp"
#include "inequality/measure.hpp"

namespace jamlik::followup {

struct FollowUpOptions {
  std::optional<Period> period{};  // only this period; otherwise every one from the baseline on
  inequality::MeasureOptions measure{};  // a gap measure's confidence, draws and seed
};

// One target in one period. A gap's values are its distance from no inequality (gap_scale.hpp);
// a floor's are those of the subgroup that decides its status.
struct TargetStatusRow {
  std::string target{};
  std::string kind{};
  std::string indicator{};
  std::string area{};
  std::string dimension{};
  std::string subgroup{};  // level and floor: the subgroup shown; total: T; gap: empty
  std::string measure{};   // gap: the measure asked
  Period period{};
  std::optional<double> baseline{};
  std::optional<double> estimate{};
  std::optional<double> lower{};
  std::optional<double> upper{};
  std::optional<double> path_value{};
  double target_value = 0;
  TargetStatus status = TargetStatus::kNoData;
  StatusReason reason = StatusReason::kNone;
  std::string detail{};  // the source's words: a flag, a suppression rule, a measure's reason
};

// Evaluate `targets` against `results` (the long result table of `jamlik indicators`, released);
// a gap's measure is computed from the results by pipeline::Measures. Rows per target in plan
// order, periods in time order.
std::vector<TargetStatusRow> FollowUp(const std::vector<Target>& targets, const Table& results,
                                      const FollowUpOptions& options = {});

// The rows as a table: target, kind, indicator, area, dimension, subgroup, measure, period,
// baseline, estimate, lower, upper, path_value, target_value, status, status_label, reason,
// reason_label, detail (ids for status and reason, labels in the user's language).
Table StatusTable(const std::vector<TargetStatusRow>& rows);

// Return the header people read for a status table's own column in the user's language
// ("path_value" → "Banans värde" / "Path value"), or nullopt for the columns it shares with the
// result table (indicator, area, estimate, …), whose headers the result fields declare.
std::optional<std::string> StatusColumnLabel(std::string_view column);

}  // namespace jamlik::followup
