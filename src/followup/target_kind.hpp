#pragma once
// The kinds of target, registered by name (gap, floor, level, total). A kind says which keys a
// target of it needs and which quantities it follows — its tracks: one subgroup's estimate
// (level, total), every subgroup's (floor), or a measure's distance from no inequality (gap). The
// follow-up evaluates every track by the one rule (evaluation.hpp) and takes the worst, so a new
// kind is one entry here and its track reader.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"
#include "followup/evaluation.hpp"
#include "followup/gap_scale.hpp"
#include "followup/target.hpp"
#include "indicators/result_table.hpp"

namespace jamlik::followup {

struct TrackPoint {
  Period period{};
  Value value{};
};

// One quantity followed over the periods the results hold.
struct Track {
  std::string subgroup{};  // the subgroup followed; empty for a gap (the whole dimension)
  Direction direction = Direction::kHigherIsBetter;
  std::vector<TrackPoint> points{};
  // A gap's values are distances from no inequality, shown through GapDisplay.
  std::optional<GapScale> gap{};
};

// What the track readers read: the released result rows and, when the plan has gap targets, the
// inequality measures computed from them (pipeline::Measures), whose rows come per subgroup set
// in the order of `measure_ids`.
struct Observations {
  const std::vector<ResultRow>& results;
  const Table* measures = nullptr;
  std::span<const std::string> measure_ids{};
};

using TrackReader = std::vector<Track> (*)(const Target& target, const Observations& data);

struct TargetKind {
  std::string_view id;
  std::string_view label_sv;
  std::string_view label_en;
  std::string_view description_sv;
  std::string_view description_en;
  bool needs_measure = false;
  bool needs_dimension = false;
  bool needs_subgroup = false;
  TrackReader tracks = nullptr;
};

// Every kind, in the order they are documented.
std::span<const TargetKind> TargetKinds();

// Return the kind `id` names, or nullptr.
const TargetKind* FindTargetKind(std::string_view id);

// The measures a gap target may follow: d, r, sii, rii, aci, rci.
std::span<const std::string_view> GapMeasures();

}  // namespace jamlik::followup
