#pragma once
// Whether a gap narrows: the weighted least-squares slope of an inequality measure over periods,
// weights 1/se², with its normal test, marked at 95 % and 99.8 % as public-health trend markers do.
#include <optional>
#include <span>
#include <string>

#include "core/table.hpp"

namespace jamlik::inequality {

struct GapPoint {
  double period = 0.0;
  double estimate = 0.0;
  double se = 0.0;  // on the estimate's scale, or of its log when the trend is on the log scale
};

enum class TrendMarker { kNarrowing, kWidening, kNoSignificantChange };

// "narrowing", "widening", "no_significant_change".
const char* TrendMarkerId(TrendMarker marker);

struct GapTrend {
  std::optional<double> slope{};  // change per period unit (per year), on the fitted scale
  std::optional<double> se{};
  std::optional<double> z{};
  std::optional<double> p_value{};  // two-sided
  TrendMarker marker_95 = TrendMarker::kNoSignificantChange;
  TrendMarker marker_998 = TrendMarker::kNoSignificantChange;
  std::string reason{};  // why the slope is undefined
};

// Fit y = a + b·period by weighted least squares with weights 1/se² (y = log(estimate) when
// log_scale, for ratios), se(b) = 1/√Σw(x − x̄)², z = b/se(b). A significant slope towards
// `no_inequality` (on the side of the weighted mean) is narrowing, away from it widening.
// Undefined with a reason: fewer than two distinct periods, an se ≤ 0, a non-positive estimate on
// the log scale.
GapTrend TrendOfGap(std::span<const GapPoint> points, double no_inequality, bool log_scale);

// Return the trend of every series of a measure table (ComputeInequality's output) over its
// periods: one row per indicator × area level × area × dimension × measure with indicator,
// area_level, area, dimension, measure, periods, first_period, last_period, slope, se, z, p_value,
// trend_95, trend_998, reason. Periods must be numbers (years); rows without an estimate or se are
// left out. Throws kBadValue for a period that is not a number.
Table GapTrends(const Table& measures);

}  // namespace jamlik::inequality
