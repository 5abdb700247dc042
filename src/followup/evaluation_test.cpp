// The rule of evaluation.hpp on hand-computed cases: the path on the time axis of years and
// tertials, each status on either side of its boundaries for both polarities, no interval, no data.
#include "followup/evaluation.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "followup/gap_scale.hpp"

namespace jamlik::followup {
namespace {

Period P(const char* text) { return *ParsePeriod(text); }

// Higher is better: 60 in 2024 shall be 80 by 2028, so the path is 70 in 2026.
const Course kRise{.direction = Direction::kHigherIsBetter,
                   .baseline = 60,
                   .baseline_period = {2024, 0},
                   .target = 80,
                   .target_period = {2028, 0}};
// Lower is better: 30 in 2024 shall be 20 by 2028, so the path is 25 in 2026.
const Course kFall{.direction = Direction::kLowerIsBetter,
                   .baseline = 30,
                   .baseline_period = {2024, 0},
                   .target = 20,
                   .target_period = {2028, 0}};

TargetStatus StatusOf(const Course& course, const char* period, double estimate, double lower,
                      double upper) {
  return Evaluate(course, P(period), {.estimate = estimate, .lower = lower, .upper = upper}).status;
}

TEST(EvaluationTest, ThePathIsLinearInTimeFromBaselineToTarget) {
  EXPECT_DOUBLE_EQ(*PathValue(kRise, P("2024")), 60);
  EXPECT_DOUBLE_EQ(*PathValue(kRise, P("2025")), 65);  // 12 of 48 months
  EXPECT_DOUBLE_EQ(*PathValue(kRise, P("2025-T3")), 65);
  EXPECT_DOUBLE_EQ(*PathValue(kRise, P("2026")), 70);
  EXPECT_DOUBLE_EQ(*PathValue(kRise, P("2026-T1")), 60 + 20.0 * 16 / 48);
  EXPECT_DOUBLE_EQ(*PathValue(kRise, P("2027-T2")), 60 + 20.0 * 32 / 48);
  EXPECT_DOUBLE_EQ(*PathValue(kRise, P("2028")), 80);
  EXPECT_DOUBLE_EQ(*PathValue(kRise, P("2030")), 80);  // the target holds after its period
  EXPECT_FALSE(PathValue(kRise, P("2024-T2")).has_value());
  EXPECT_DOUBLE_EQ(*PathValue(kFall, P("2026")), 25);
}

TEST(EvaluationTest, TertialBaselinesAndTargets) {
  // 2025-T1 → 2026-T1 is 12 months; 2025-T3 is 8 of them.
  const Course course{
      .baseline = 10, .baseline_period = P("2025-T1"), .target = 22, .target_period = P("2026-T1")};
  EXPECT_DOUBLE_EQ(*PathValue(course, P("2025-T3")), 18);
  EXPECT_DOUBLE_EQ(*PathValue(course, P("2025")), 18);
  EXPECT_DOUBLE_EQ(*PathValue(course, P("2025-T2")), 14);
}

TEST(EvaluationTest, HigherIsBetterAtEachBoundary) {
  using S = TargetStatus;
  EXPECT_EQ(StatusOf(kRise, "2026", 82, 80.5, 83.5), S::kReached);
  EXPECT_EQ(StatusOf(kRise, "2026", 82, 80, 84), S::kReached);  // the lower limit on the target
  EXPECT_EQ(StatusOf(kRise, "2026", 82, 79.9, 84), S::kOnTrack);
  EXPECT_EQ(StatusOf(kRise, "2026", 70, 68, 72), S::kOnTrack);  // the estimate on the path
  EXPECT_EQ(StatusOf(kRise, "2026", 69.9, 68, 72), S::kAtRisk);
  EXPECT_EQ(StatusOf(kRise, "2026", 69, 67, 70), S::kAtRisk);  // the upper limit on the path
  EXPECT_EQ(StatusOf(kRise, "2026", 65, 63, 69.9), S::kOffTrack);
  // In 2030 the path is the target: what was on track in 2026 is late now.
  EXPECT_EQ(StatusOf(kRise, "2030", 75, 73, 77), S::kOffTrack);
}

TEST(EvaluationTest, LowerIsBetterAtEachBoundary) {
  using S = TargetStatus;
  EXPECT_EQ(StatusOf(kFall, "2026", 19, 18, 20), S::kReached);  // the upper limit on the target
  EXPECT_EQ(StatusOf(kFall, "2026", 19, 18, 20.1), S::kOnTrack);
  EXPECT_EQ(StatusOf(kFall, "2026", 25, 23, 27), S::kOnTrack);
  EXPECT_EQ(StatusOf(kFall, "2026", 26, 24.5, 27), S::kAtRisk);
  EXPECT_EQ(StatusOf(kFall, "2026", 26, 25, 27), S::kAtRisk);  // the lower limit on the path
  EXPECT_EQ(StatusOf(kFall, "2026", 27, 25.1, 29), S::kOffTrack);
}

TEST(EvaluationTest, ReversedLimitsAreTakenInOrder) {
  EXPECT_EQ(StatusOf(kRise, "2026", 69, 70, 67), TargetStatus::kAtRisk);
}

TEST(EvaluationTest, WithoutAnIntervalTheEstimateDecides) {
  const Evaluation on = Evaluate(kRise, P("2026"), {.estimate = 71});
  EXPECT_EQ(on.status, TargetStatus::kOnTrack);
  EXPECT_EQ(on.reason, StatusReason::kNoInterval);
  EXPECT_EQ(Evaluate(kRise, P("2026"), {.estimate = 69}).status, TargetStatus::kOffTrack);
  EXPECT_EQ(Evaluate(kRise, P("2026"), {.estimate = 80, .lower = 78}).status,
            TargetStatus::kReached);
}

TEST(EvaluationTest, NoPublishedValueIsNoDataWithItsReason) {
  const Evaluation suppressed = Evaluate(
      kRise, P("2026"), {.reason = StatusReason::kSuppressed, .detail = "täljaren är 1–4"});
  EXPECT_EQ(suppressed.status, TargetStatus::kNoData);
  EXPECT_EQ(suppressed.reason, StatusReason::kSuppressed);
  EXPECT_EQ(suppressed.detail, "täljaren är 1–4");
  EXPECT_DOUBLE_EQ(*suppressed.path_value, 70);  // the path is known without the value
  const Evaluation missing = Evaluate(kRise, P("2026"), {});
  EXPECT_EQ(missing.status, TargetStatus::kNoData);
  EXPECT_EQ(missing.reason, StatusReason::kMissing);
  const Evaluation early = Evaluate(kRise, P("2023"), {.estimate = 50, .lower = 48, .upper = 52});
  EXPECT_EQ(early.status, TargetStatus::kNoData);
  EXPECT_EQ(early.reason, StatusReason::kBeforeBaseline);
}

TEST(GapScaleTest, DifferencesAndIndicesAreDistancesFromZero) {
  const GapScale d = GapScaleOf("d");
  EXPECT_EQ(d.no_inequality, 0);
  EXPECT_FALSE(d.log_scale);
  const Value negative = GapDistance(d, Value{.estimate = -12, .lower = -15, .upper = -9});
  EXPECT_DOUBLE_EQ(*negative.estimate, 12);
  EXPECT_DOUBLE_EQ(*negative.lower, 9);
  EXPECT_DOUBLE_EQ(*negative.upper, 15);
  // An interval that holds equality reaches distance 0.
  const Value across = GapDistance(d, Value{.estimate = 2, .lower = -1, .upper = 5});
  EXPECT_DOUBLE_EQ(*across.estimate, 2);
  EXPECT_DOUBLE_EQ(*across.lower, 0);
  EXPECT_DOUBLE_EQ(*across.upper, 5);
  EXPECT_FALSE(GapScaleOf("rci").log_scale);
  EXPECT_EQ(GapScaleOf("sii_linear").no_inequality, 0);
}

TEST(GapScaleTest, RatiosAreDistancesOnTheLogScale) {
  const GapScale r = GapScaleOf("r");
  EXPECT_EQ(r.no_inequality, 1);
  EXPECT_TRUE(r.log_scale);
  EXPECT_TRUE(GapScaleOf("rii").log_scale);
  // R = 0.5 is as far from equality as R = 2.
  EXPECT_DOUBLE_EQ(*GapDistance(r, 0.5), std::log(2.0));
  const Value below = GapDistance(r, Value{.estimate = 0.5, .lower = 0.4, .upper = 0.625});
  EXPECT_DOUBLE_EQ(*below.estimate, std::log(2.0));
  EXPECT_DOUBLE_EQ(*below.lower, std::log(1.6));
  EXPECT_DOUBLE_EQ(*below.upper, std::log(2.5));
  const Value across = GapDistance(r, Value{.estimate = 1.2, .lower = 0.9, .upper = 1.6});
  EXPECT_DOUBLE_EQ(*across.lower, 0);
  EXPECT_DOUBLE_EQ(*across.upper, std::log(1.6));
  EXPECT_DOUBLE_EQ(GapDisplay(r, std::log(2.0)), 2.0);
  EXPECT_FALSE(GapDistance(r, 0.0).has_value());
  EXPECT_THROW(GapScaleOf("no_such_measure"), Error);
}

TEST(GapScaleTest, ARatiosPathIsGeometric) {
  // RII 2 in 2024 shall be 1.5 by 2028: halfway on the log scale is √(2 · 1.5) = √3.
  const GapScale rii = GapScaleOf("rii");
  const Course course{.direction = Direction::kLowerIsBetter,
                      .baseline = *GapDistance(rii, 2.0),
                      .baseline_period = {2024, 0},
                      .target = *GapDistance(rii, 1.5),
                      .target_period = {2028, 0}};
  EXPECT_NEAR(GapDisplay(rii, *PathValue(course, P("2026"))), std::sqrt(3.0), 1e-12);
  // RII 1.70 [1.60, 1.80] is nearer equality than the path, √3 ≈ 1.732, but not yet at 1.5.
  const Value now = GapDistance(rii, Value{.estimate = 1.70, .lower = 1.60, .upper = 1.80});
  EXPECT_EQ(Evaluate(course, P("2026"), now).status, TargetStatus::kOnTrack);
  const Value worse = GapDistance(rii, Value{.estimate = 1.75, .lower = 1.65, .upper = 1.85});
  EXPECT_EQ(Evaluate(course, P("2026"), worse).status, TargetStatus::kAtRisk);
  const Value far = GapDistance(rii, Value{.estimate = 1.9, .lower = 1.8, .upper = 2.0});
  EXPECT_EQ(Evaluate(course, P("2026"), far).status, TargetStatus::kOffTrack);
  const Value done = GapDistance(rii, Value{.estimate = 1.3, .lower = 1.1, .upper = 1.5});
  EXPECT_EQ(Evaluate(course, P("2026"), done).status, TargetStatus::kReached);
}

}  // namespace
}  // namespace jamlik::followup
