#include "followup/follow_up.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "core/dimension_set.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/labelled_enum.hpp"
#include "followup/target_kind.hpp"
#include "indicators/result_table.hpp"
#include "inequality/result_inequality.hpp"
#include "pipeline/pipeline.hpp"

namespace jamlik::followup {
namespace {

const TrackPoint* PointAt(const Track& track, const Period& period) {
  for (const TrackPoint& point : track.points) {
    if (point.period == period) return &point;
  }
  return nullptr;
}

// A track's evaluation in one period, with its values as the doors show them.
struct TrackResult {
  const Track* track = nullptr;
  Evaluation evaluation{};
  std::optional<double> baseline{}, estimate{}, lower{}, upper{}, path_value{};
  double target_value = 0;
};

TrackResult EvaluateTrack(const Track& track, const Target& target, const Period& period) {
  TrackResult result{.track = &track, .target_value = target.target_value};
  const auto shown = [&](std::optional<double> value) -> std::optional<double> {
    if (!value || !track.gap) return value;
    return GapDisplay(*track.gap, *value);
  };
  double target_value = target.target_value;
  if (track.gap) {
    // The plan checks that a ratio's target is positive, so its distance exists.
    target_value = GapDistance(*track.gap, target.target_value).value_or(0.0);
    result.target_value = GapDisplay(*track.gap, target_value);
  }
  // The value of the period is shown even when there is no baseline to judge it against.
  const TrackPoint* current = PointAt(track, period);
  const Value value = current != nullptr ? current->value : Value{.reason = StatusReason::kMissing};
  result.estimate = shown(value.estimate);
  result.lower = shown(value.lower);
  result.upper = shown(value.upper);
  const TrackPoint* baseline = PointAt(track, target.baseline_period);
  if (baseline == nullptr || !baseline->value.estimate) {
    result.evaluation.reason = StatusReason::kBaselineMissing;
    if (baseline != nullptr) result.evaluation.detail = baseline->value.detail;
    return result;
  }
  const Course course{.direction = track.direction,
                      .baseline = *baseline->value.estimate,
                      .baseline_period = target.baseline_period,
                      .target = target_value,
                      .target_period = target.target_period};
  result.evaluation = Evaluate(course, period, value);
  result.baseline = shown(course.baseline);
  result.path_value = shown(result.evaluation.path_value);
  return result;
}

// The periods to evaluate: the one asked, else every period a track holds from the baseline on.
std::vector<Period> PeriodsOf(const std::vector<Track>& tracks, const Target& target,
                              const FollowUpOptions& options) {
  if (options.period) return {*options.period};
  std::vector<Period> periods;
  for (const Track& track : tracks) {
    for (const TrackPoint& point : track.points) {
      if (point.period.EndMonth() < target.baseline_period.EndMonth()) continue;
      if (std::find(periods.begin(), periods.end(), point.period) == periods.end()) {
        periods.push_back(point.period);
      }
    }
  }
  std::sort(periods.begin(), periods.end(), [](const Period& a, const Period& b) {
    return std::pair(a.EndMonth(), a.tertial) < std::pair(b.EndMonth(), b.tertial);
  });
  if (periods.empty()) periods.push_back(target.baseline_period);
  return periods;
}

TargetStatusRow RowOf(const Target& target, const Period& period) {
  return {.target = target.id,
          .kind = target.kind,
          .indicator = target.indicator,
          .area = target.area,
          .dimension = target.kind == "total" ? std::string(kTotalDimension) : target.dimension,
          .subgroup = target.subgroup,
          .measure = target.measure,
          .period = period,
          .target_value = target.target_value};
}

// The worst track decides (a floor); a track without data hides what it would say, so a floor
// without an off-track subgroup but with a subgroup without data has no status.
TargetStatusRow Combine(const Target& target, const Period& period,
                        const std::vector<TrackResult>& results) {
  TargetStatusRow row = RowOf(target, period);
  if (results.empty()) {
    row.reason = StatusReason::kMissing;
    return row;
  }
  const TrackResult* worst = &results.front();
  bool some_data = false;
  for (const TrackResult& result : results) {
    some_data = some_data || result.evaluation.status != TargetStatus::kNoData;
    if (Worse(worst->evaluation.status, result.evaluation.status) != worst->evaluation.status) {
      worst = &result;
    }
  }
  if (!worst->track->gap) row.subgroup = worst->track->subgroup;
  row.baseline = worst->baseline;
  row.estimate = worst->estimate;
  row.lower = worst->lower;
  row.upper = worst->upper;
  row.path_value = worst->path_value;
  row.target_value = worst->target_value;
  row.status = worst->evaluation.status;
  row.reason = worst->evaluation.reason;
  row.detail = worst->evaluation.detail;
  if (row.status == TargetStatus::kNoData && some_data && results.size() > 1) {
    row.reason = StatusReason::kSubgroupWithoutData;
    row.detail = fmt::format("{}: {}", worst->track->subgroup,
                             worst->evaluation.detail.empty()
                                 ? std::string(EnumLabel(worst->evaluation.reason))
                                 : worst->evaluation.detail);
  }
  return row;
}

}  // namespace

std::vector<TargetStatusRow> FollowUp(const std::vector<Target>& targets, const Table& results,
                                      const FollowUpOptions& options) {
  const std::vector<ResultRow> rows = ResultRowsFromTable(results);
  // Every gap measure of the plan at once, through the one inequality path.
  std::vector<std::string> measure_ids;
  for (const Target& target : targets) {
    if (!target.measure.empty() &&
        std::find(measure_ids.begin(), measure_ids.end(), target.measure) == measure_ids.end()) {
      measure_ids.push_back(target.measure);
    }
  }
  Table measures;
  if (!measure_ids.empty()) {
    // Only the settings a gap follows: a national result table holds thousands of others.
    std::vector<ResultRow> followed;
    for (const ResultRow& row : rows) {
      const bool gap_setting = std::any_of(targets.begin(), targets.end(), [&](const Target& t) {
        return !t.measure.empty() && t.indicator == row.indicator && t.area == row.area &&
               t.dimension == row.dimension;
      });
      if (gap_setting) followed.push_back(row);
    }
    measures = pipeline::Measures(ResultRowsToTable(followed),
                                  {.measures = measure_ids, .measure = options.measure});
  }
  const Observations data{.results = rows,
                          .measures = measure_ids.empty() ? nullptr : &measures,
                          .measure_ids = measure_ids};
  std::vector<TargetStatusRow> out;
  for (const Target& target : targets) {
    const TargetKind* kind = FindTargetKind(target.kind);
    if (kind == nullptr) {
      throw Error(ErrorCode::kInvalidArgument,
                  fmt::format("{} '{}': '{}'", Tr("okänd målsort", "unknown target kind"),
                              target.id, target.kind),
                  target.where);
    }
    const std::vector<Track> tracks = kind->tracks(target, data);
    for (const Period& period : PeriodsOf(tracks, target, options)) {
      std::vector<TrackResult> evaluated;
      for (const Track& track : tracks) evaluated.push_back(EvaluateTrack(track, target, period));
      out.push_back(Combine(target, period, evaluated));
    }
  }
  return out;
}

std::optional<std::string> StatusColumnLabel(std::string_view column) {
  static constexpr std::array<std::array<std::string_view, 3>, 11> kLabels = {{
      {"target", "Mål", "Target"},
      {"kind", "Målsort", "Kind"},
      {"measure", "Mått", "Measure"},
      {"baseline", "Utgångsvärde", "Baseline"},
      {"path_value", "Banans värde", "Path value"},
      {"target_value", "Målvärde", "Target value"},
      {"status", "Status (id)", "Status (id)"},
      {"status_label", "Status", "Status"},
      {"reason", "Skäl (id)", "Reason (id)"},
      {"reason_label", "Skäl", "Reason"},
      {"detail", "Förklaring", "Detail"},
  }};
  for (const auto& [name, swedish, english] : kLabels) {
    if (name == column) return std::string(Tr(swedish, english));
  }
  return std::nullopt;
}

Table StatusTable(const std::vector<TargetStatusRow>& rows) {
  std::vector<std::optional<std::string>> target, kind, indicator, area, dimension, subgroup,
      measure, period, status, status_label, reason, reason_label, detail;
  std::vector<std::optional<double>> baseline, estimate, lower, upper, path_value, target_value;
  const auto text = [](const std::string& value) {
    return value.empty() ? std::nullopt : std::optional(value);
  };
  for (const TargetStatusRow& row : rows) {
    target.push_back(text(row.target));
    kind.push_back(text(row.kind));
    indicator.push_back(text(row.indicator));
    area.push_back(text(row.area));
    dimension.push_back(text(row.dimension));
    subgroup.push_back(text(row.subgroup));
    measure.push_back(text(row.measure));
    period.push_back(row.period.Display());
    baseline.push_back(row.baseline);
    estimate.push_back(row.estimate);
    lower.push_back(row.lower);
    upper.push_back(row.upper);
    path_value.push_back(row.path_value);
    target_value.push_back(row.target_value);
    status.push_back(std::string(EnumId(row.status)));
    status_label.push_back(std::string(EnumLabel(row.status)));
    reason.push_back(text(std::string(EnumId(row.reason))));
    reason_label.push_back(text(std::string(EnumLabel(row.reason))));
    detail.push_back(text(row.detail));
  }
  const auto text_column = [](const char* name, std::vector<std::optional<std::string>>& values) {
    return Column::CategoricalFromStrings(name, values);
  };
  using inequality::NullableDoubleColumn;
  std::vector<Column> columns;
  columns.push_back(text_column("target", target));
  columns.push_back(text_column("kind", kind));
  columns.push_back(text_column("indicator", indicator));
  columns.push_back(text_column("area", area));
  columns.push_back(text_column("dimension", dimension));
  columns.push_back(text_column("subgroup", subgroup));
  columns.push_back(text_column("measure", measure));
  columns.push_back(text_column("period", period));
  columns.push_back(NullableDoubleColumn("baseline", baseline));
  columns.push_back(NullableDoubleColumn("estimate", estimate));
  columns.push_back(NullableDoubleColumn("lower", lower));
  columns.push_back(NullableDoubleColumn("upper", upper));
  columns.push_back(NullableDoubleColumn("path_value", path_value));
  columns.push_back(NullableDoubleColumn("target_value", target_value));
  columns.push_back(text_column("status", status));
  columns.push_back(text_column("status_label", status_label));
  columns.push_back(text_column("reason", reason));
  columns.push_back(text_column("reason_label", reason_label));
  columns.push_back(text_column("detail", detail));
  return Table(std::move(columns));
}

}  // namespace jamlik::followup
