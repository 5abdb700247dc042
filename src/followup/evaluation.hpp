#pragma once
// The one evaluation rule of a target (issue 12 item 3), which every door calls: the CLI's
// `jamlik follow-up`, and later the API, the web app and the annual report. Plain data in, plain
// data out.
//
// With the good direction d (+1 when higher is better, −1 when lower is), the baseline value b in
// period t0, the target g in period t1 and the published estimate e with its interval [l, u] in
// period t, the path is
//     p(t) = b + (g − b)·(t − t0)/(t1 − t0)      (t on the axis of period.hpp; p = g from t1 on)
// and, writing x ⪰ y for "x is at or past y on the good side" (d·x ≥ d·y):
//     reached    the whole interval is at or past g: the interval's worse end ⪰ g;
//     on_track   not reached, and e ⪰ p(t);
//     at_risk    e is on the bad side of p(t), but the interval's better end ⪰ p(t);
//     off_track  the whole interval is on the bad side of p(t);
//     no_data    no published value (suppressed, missing, undefined) or no baseline, with the
//                reason.
// An estimate without an interval is judged as the interval [e, e] (so never at_risk), with the
// reason no_interval. Limits are taken as given; a reversed pair is put in order first.
#include <optional>
#include <string>

#include "followup/period.hpp"
#include "followup/status.hpp"

namespace jamlik::followup {

enum class Direction { kHigherIsBetter, kLowerIsBetter };

// A published value in one period, or why there is none.
struct Value {
  std::optional<double> estimate{};
  std::optional<double> lower{};
  std::optional<double> upper{};
  StatusReason reason = StatusReason::kNone;  // why the estimate is missing
  std::string detail{};  // the source's own words: the indicator's flag, the measure's reason
};

// A target's straight line from its baseline to its target.
struct Course {
  Direction direction = Direction::kHigherIsBetter;
  double baseline = 0;
  Period baseline_period{};
  double target = 0;
  Period target_period{};
};

struct Evaluation {
  TargetStatus status = TargetStatus::kNoData;
  std::optional<double> path_value{};  // p(t); none before the baseline
  StatusReason reason = StatusReason::kNone;
  std::string detail{};
};

// Return p(at): the baseline at t0, the target from t1 on, linear in between; nullopt before t0.
// A target period at or before its baseline period has no slope: the target applies at once.
std::optional<double> PathValue(const Course& course, const Period& at);

// Evaluate `current`, the value published for period `at`, against `course`.
Evaluation Evaluate(const Course& course, const Period& at, const Value& current);

}  // namespace jamlik::followup
