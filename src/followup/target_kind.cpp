#include "followup/target_kind.hpp"

#include <algorithm>
#include <array>

#include "core/dimension_set.hpp"
#include "core/labelled_enum.hpp"
#include "inequality/result_inequality.hpp"

namespace jamlik::followup {
namespace {

constexpr std::array<std::string_view, 6> kGapMeasures = {"d", "r", "sii", "rii", "aci", "rci"};

// The published value of a result row, or why there is none.
Value ValueOf(const ResultRow& row) {
  Value value{.estimate = row.estimate, .lower = row.lower, .upper = row.upper};
  if (row.suppressed) {
    value.reason = StatusReason::kSuppressed;
    value.detail = std::string(EnumLabel(row.suppression_reason));
  } else if (!row.estimate) {
    value.reason = StatusReason::kUndefined;
    value.detail = std::string(EnumLabel(row.flag));
  }
  return value;
}

// One track per subgroup of `dimension` (every subgroup when `subgroup` is empty) of the target's
// indicator and area, in the order the results list them.
std::vector<Track> SubgroupTracks(const Target& target, const Observations& data,
                                  const std::string& dimension, const std::string& subgroup) {
  std::vector<Track> tracks;
  for (const ResultRow& row : data.results) {
    if (row.indicator != target.indicator || row.area != target.area ||
        row.dimension != dimension || (!subgroup.empty() && row.subgroup != subgroup)) {
      continue;
    }
    const std::optional<Period> period = ParsePeriod(row.period);
    if (!period) continue;  // not a year or tertial: nothing a plan can name
    auto track = std::find_if(tracks.begin(), tracks.end(),
                              [&](const Track& t) { return t.subgroup == row.subgroup; });
    if (track == tracks.end()) {
      tracks.push_back({.subgroup = row.subgroup,
                        .direction = row.favourable_indicator ? Direction::kHigherIsBetter
                                                              : Direction::kLowerIsBetter});
      track = tracks.end() - 1;
    }
    track->points.push_back({*period, ValueOf(row)});
  }
  return tracks;
}

std::vector<Track> LevelTracks(const Target& target, const Observations& data) {
  return SubgroupTracks(target, data, target.dimension, target.subgroup);
}

std::vector<Track> TotalTracks(const Target& target, const Observations& data) {
  return SubgroupTracks(target, data, kTotalDimension, kTotalSubgroup);
}

std::vector<Track> FloorTracks(const Target& target, const Observations& data) {
  return SubgroupTracks(target, data, target.dimension, {});
}

// The measure's distance from no inequality, per period; smaller is better whatever the
// indicator's polarity.
std::vector<Track> GapTracks(const Target& target, const Observations& data) {
  if (data.measures == nullptr || data.measure_ids.empty()) return {};
  const Table& m = *data.measures;
  const Column& indicator = m.GetColumn("indicator");
  const Column& area = m.GetColumn("area");
  const Column& period = m.GetColumn("period");
  const Column& dimension = m.GetColumn("dimension");
  const Column& measure = m.GetColumn(inequality::inequality_column::kMeasure);
  const Column& estimate = m.GetColumn("estimate");
  const Column& lower = m.GetColumn("lower");
  const Column& upper = m.GetColumn("upper");
  const Column& reason = m.GetColumn(inequality::inequality_column::kReason);
  const auto number = [](const Column& column, std::size_t row) {
    return column.IsNull(row) ? std::nullopt : std::optional(column.NumericAt(row));
  };
  Track track{.direction = Direction::kLowerIsBetter};
  for (std::size_t row = 0; row < m.num_rows(); ++row) {
    // Rows come per subgroup set in the order the measures were asked (ComputeInequality); the
    // row names the form computed (sii_linear for a rate), its position the one asked.
    if (data.measure_ids[row % data.measure_ids.size()] != target.measure ||
        indicator.ValueToString(row) != target.indicator ||
        area.ValueToString(row) != target.area ||
        dimension.ValueToString(row) != target.dimension) {
      continue;
    }
    const std::optional<Period> at = ParsePeriod(period.ValueToString(row));
    if (!at) continue;
    const GapScale scale = GapScaleOf(measure.ValueToString(row));
    track.gap = scale;
    Value value{.estimate = number(estimate, row),
                .lower = number(lower, row),
                .upper = number(upper, row)};
    if (!value.estimate) {
      value.reason = StatusReason::kUndefined;
      value.detail = reason.ValueToString(row);
    }
    track.points.push_back({*at, GapDistance(scale, value)});
  }
  if (track.points.empty()) return {};
  return {track};
}

constexpr TargetKind kKinds[] = {
    {.id = "gap",
     .label_sv = "Gap",
     .label_en = "Gap",
     .description_sv = "ett ojämlikhetsmått (d, r, sii, rii, aci, rci) över en dimension ska nå "
                       "målvärdet; avståndet från ingen ojämlikhet ska krympa",
     .description_en = "an inequality measure (d, r, sii, rii, aci, rci) across a dimension shall "
                       "reach the target; its distance from no inequality shall shrink",
     .needs_measure = true,
     .needs_dimension = true,
     .tracks = GapTracks},
    {.id = "floor",
     .label_sv = "Golv",
     .label_en = "Floor",
     .description_sv = "varje grupp i dimensionen ska nå målvärdet; sämsta gruppens status gäller",
     .description_en = "every subgroup of the dimension shall reach the target; the worst "
                       "subgroup's status holds",
     .needs_dimension = true,
     .tracks = FloorTracks},
    {.id = "level",
     .label_sv = "Nivå för en grupp",
     .label_en = "Level of one subgroup",
     .description_sv = "en grupp (dimension och grupp) ska nå målvärdet",
     .description_en = "one subgroup (dimension and subgroup) shall reach the target",
     .needs_dimension = true,
     .needs_subgroup = true,
     .tracks = LevelTracks},
    {.id = "total",
     .label_sv = "Totalt",
     .label_en = "Total",
     .description_sv = "hela befolkningen ska nå målvärdet",
     .description_en = "the whole population shall reach the target",
     .tracks = TotalTracks},
};

}  // namespace

std::span<const TargetKind> TargetKinds() { return kKinds; }

const TargetKind* FindTargetKind(std::string_view id) {
  for (const TargetKind& kind : kKinds) {
    if (kind.id == id) return &kind;
  }
  return nullptr;
}

std::span<const std::string_view> GapMeasures() { return kGapMeasures; }

}  // namespace jamlik::followup
