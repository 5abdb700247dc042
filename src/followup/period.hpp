#pragma once
// The periods of a follow-up: a year ("2025") or a tertial ("2025-T1" … "2025-T3", the four-month
// reports of municipal planning systems), placed on one time axis so that a target's path is
// linear in time.
//
// Each period stands at its END, counted in months: a year Y at 12·Y + 12, its tertial k at
// 12·Y + 4·k. So "2025-T3" and "2025" are the same moment (the year's figure is known when its
// last tertial closes), a tertial lies a third of a year after the previous one, and a target "by
// 2028" is due when 2028 ends. Months leave room for half-years (12·Y + 6·h) without changing the
// axis.
#include <optional>
#include <string>
#include <string_view>

namespace jamlik::followup {

struct Period {
  int year = 0;
  int tertial = 0;  // 1–3; 0 for the whole year

  // Return the period's end on the time axis, in months.
  int EndMonth() const { return 12 * year + (tertial == 0 ? 12 : 4 * tertial); }
  // Return "2025" or "2025-T2".
  std::string Display() const;

  bool operator==(const Period&) const = default;
};

// Return the period `text` names ("2025", "2025-T2"; a year between 1900 and 2200), or nullopt.
std::optional<Period> ParsePeriod(std::string_view text);

}  // namespace jamlik::followup
