#pragma once
// The plan as a document: a TOML file of [[target]] tables an analyst or planner edits (and later
// `jamlik plan export|import`). Keys (issue 12 item 10):
//   id               unique name of the target
//   indicator        the indicator's id in the results (jamlik indicators)
//   area             the area's code: "1880" Örebro, "18" Örebro län, "00" Sverige
//   kind             gap, floor, level or total (target_kind.hpp)
//   measure          gap: d, r, sii, rii, aci or rci
//   dimension        gap, floor, level: the dimension, e.g. "utbildning"
//   subgroup         level: the subgroup, e.g. "förgymnasial"
//   baseline_period  the period whose published value is the baseline: "2024" or "2024-T2"
//   target_value     the value to reach, on the indicator's scale (a gap: the measure's)
//   target_period    the period by which: "2028" or "2028-T3"
// The baseline value is never typed: it comes from the results. Mistakes are reported like the
// indicator definitions' (the same reader and message form): file:line:column, the key and the
// value, in the user's language.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "followup/target.hpp"

namespace jamlik::followup {

// One key of a [[target]] table, with what it means (for the example plan and --help).
struct PlanKey {
  std::string_view key;
  std::string_view description_sv;
  std::string_view description_en;
};

// Every key, in the order documented.
std::span<const PlanKey> PlanKeys();

// Read and validate the targets of a plan file. Throws kIo for a file that cannot be read and
// kInvalidArgument at the place of a mistake.
std::vector<Target> ReadPlan(const std::string& path);

// The same for plan text; `display_name` stands for the file in error messages.
std::vector<Target> ParsePlan(const std::string& text, const std::string& display_name);

}  // namespace jamlik::followup
