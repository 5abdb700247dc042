#pragma once
// A target of the plan (issue 12 item 2): an indicator in an area shall reach a value by a
// period. Its baseline value is never typed: it is the published value of the baseline period.
#include <string>

#include "core/error.hpp"
#include "followup/period.hpp"

namespace jamlik::followup {

struct Target {
  std::string id{};
  std::string indicator{};  // the indicator's id in the results
  std::string area{};       // the area's code ("1880", "18", "00")
  std::string kind{};       // a registered TargetKind: gap, floor, level, total
  std::string measure{};    // a gap's measure: d, r, sii, rii, aci, rci
  std::string dimension{};  // gap, floor, level: the dimension ("utbildning")
  std::string subgroup{};   // level: the subgroup ("förgymnasial")
  Period baseline_period{};
  double target_value = 0;  // on the indicator's scale; a gap's on the measure's
  Period target_period{};
  SourceLocation where{};  // the plan's file:line:column of the target
};

}  // namespace jamlik::followup
