#include "followup/evaluation.hpp"

#include <algorithm>
#include <utility>

namespace jamlik::followup {
namespace {

// The value as seen from the good side: larger is better.
double Good(Direction direction, double value) {
  return direction == Direction::kHigherIsBetter ? value : -value;
}

}  // namespace

std::optional<double> PathValue(const Course& course, const Period& at) {
  const int t = at.EndMonth();
  const int t0 = course.baseline_period.EndMonth();
  const int t1 = course.target_period.EndMonth();
  if (t < t0) return std::nullopt;
  if (t >= t1) return course.target;
  const double share = static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
  return course.baseline + (course.target - course.baseline) * share;
}

Evaluation Evaluate(const Course& course, const Period& at, const Value& current) {
  Evaluation result;
  result.path_value = PathValue(course, at);
  if (!result.path_value) {
    result.reason = StatusReason::kBeforeBaseline;
    return result;
  }
  if (!current.estimate) {
    result.reason = current.reason == StatusReason::kNone ? StatusReason::kMissing : current.reason;
    result.detail = current.detail;
    return result;
  }
  const Direction d = course.direction;
  const double estimate = Good(d, *current.estimate);
  double worse_end = estimate;
  double better_end = estimate;
  if (current.lower && current.upper) {
    worse_end = std::min(Good(d, *current.lower), Good(d, *current.upper));
    better_end = std::max(Good(d, *current.lower), Good(d, *current.upper));
  } else {
    result.reason = StatusReason::kNoInterval;
  }
  const double target = Good(d, course.target);
  const double path = Good(d, *result.path_value);
  if (worse_end >= target) {
    result.status = TargetStatus::kReached;
  } else if (estimate >= path) {
    result.status = TargetStatus::kOnTrack;
  } else if (better_end >= path) {
    result.status = TargetStatus::kAtRisk;
  } else {
    result.status = TargetStatus::kOffTrack;
  }
  return result;
}

}  // namespace jamlik::followup
