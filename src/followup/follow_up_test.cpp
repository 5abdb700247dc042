// The follow-up of a plan against a small hand-made result table: each kind's statuses, the
// subgroup that decides a floor, no data (suppressed, missing, no baseline), and a gap's D
// computed through the inequality pipeline.
#include "followup/follow_up.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "followup/target_kind.hpp"
#include "indicators/result_table.hpp"

namespace jamlik::followup {
namespace {

ResultRow Row(const std::string& period, const std::string& dimension, const std::string& subgroup,
              std::optional<double> estimate, double lower, double upper) {
  ResultRow row;
  row.indicator = "behorighet";
  row.indicator_type = "proportion";
  row.area_level = "kommun";
  row.area = "1880";
  row.period = period;
  row.dimension = dimension;
  row.subgroup = subgroup;
  row.favourable_indicator = true;
  row.indicator_scale = 100;
  row.population = 1000;
  row.estimate = estimate;
  if (estimate) {
    row.lower = lower;
    row.upper = upper;
  }
  return row;
}

Table Results() {
  std::vector<ResultRow> rows = {
      Row("2024", "utbildning", "förgymnasial", 60, 55, 65),
      Row("2024", "utbildning", "gymnasial", 75, 72, 78),
      Row("2024", "utbildning", "eftergymnasial", 90, 88, 92),
      Row("2024", "total", "T", 80, 79, 81),
      Row("2024", "kon", "K", 82, 80, 84),
      Row("2024", "kon", "M", 78, 76, 80),
      Row("2026", "utbildning", "förgymnasial", 66, 62, 70),
      Row("2026", "utbildning", "gymnasial", 76, 73, 79),
      Row("2026", "utbildning", "eftergymnasial", std::nullopt, 0, 0),
      Row("2026", "total", "T", 85, 84, 86),
      Row("2026", "kon", "K", 84, 82, 86),
      Row("2026", "kon", "M", 74, 72, 76),
  };
  rows[8].suppressed = true;
  rows[8].suppression_reason = SuppressionReason::kComplementary;
  return ResultRowsToTable(rows);
}

Target MakeTarget(std::string id, std::string kind, std::string dimension, std::string subgroup,
                  double value) {
  return {.id = std::move(id),
          .indicator = "behorighet",
          .area = "1880",
          .kind = std::move(kind),
          .dimension = std::move(dimension),
          .subgroup = std::move(subgroup),
          .baseline_period = {2024, 0},
          .target_value = value,
          .target_period = {2028, 0}};
}

const TargetStatusRow& In(const std::vector<TargetStatusRow>& rows, const std::string& target,
                          const std::string& period) {
  for (const TargetStatusRow& row : rows) {
    if (row.target == target && row.period.Display() == period) return row;
  }
  throw std::runtime_error("no row " + target + " " + period);
}

TEST(FollowUpTest, LevelTotalAndFloor) {
  const std::vector<Target> targets = {
      MakeTarget("level", "level", "utbildning", "förgymnasial", 80),
      MakeTarget("total", "total", "", "", 84),
      MakeTarget("floor_education", "floor", "utbildning", "", 78),
      MakeTarget("floor_sex", "floor", "kon", "", 85),
  };
  const std::vector<TargetStatusRow> rows = FollowUp(targets, Results());
  ASSERT_EQ(rows.size(), 8u);  // 2024 and 2026 for each

  // 60 → 80 by 2028: the path is 70 in 2026; 66 [62, 70] reaches it only with its upper limit.
  const TargetStatusRow& level = In(rows, "level", "2026");
  EXPECT_EQ(level.status, TargetStatus::kAtRisk);
  EXPECT_DOUBLE_EQ(*level.baseline, 60);
  EXPECT_DOUBLE_EQ(*level.path_value, 70);
  EXPECT_DOUBLE_EQ(*level.estimate, 66);
  EXPECT_EQ(level.subgroup, "förgymnasial");
  // In the baseline period the path is the baseline.
  EXPECT_EQ(In(rows, "level", "2024").status, TargetStatus::kOnTrack);

  // 85 [84, 86] against 84: the lower limit on the target.
  const TargetStatusRow& total = In(rows, "total", "2026");
  EXPECT_EQ(total.status, TargetStatus::kReached);
  EXPECT_DOUBLE_EQ(*total.path_value, 82);
  EXPECT_EQ(total.subgroup, "T");

  // Förgymnasial and gymnasial are at risk (paths 69 and 76.5), eftergymnasial is suppressed:
  // nothing is off track, so the floor cannot say more than "no data".
  const TargetStatusRow& education = In(rows, "floor_education", "2026");
  EXPECT_EQ(education.status, TargetStatus::kNoData);
  EXPECT_EQ(education.reason, StatusReason::kSubgroupWithoutData);
  EXPECT_EQ(education.subgroup, "eftergymnasial");

  // Women 84 against a path of 83.5 are on track; men 74 [72, 76] against 81.5 are off track.
  const TargetStatusRow& sex = In(rows, "floor_sex", "2026");
  EXPECT_EQ(sex.status, TargetStatus::kOffTrack);
  EXPECT_EQ(sex.subgroup, "M");
  EXPECT_DOUBLE_EQ(*sex.path_value, 81.5);
  EXPECT_DOUBLE_EQ(*sex.baseline, 78);
}

TEST(FollowUpTest, NoDataSaysWhy) {
  Target suppressed = MakeTarget("suppressed", "level", "utbildning", "eftergymnasial", 95);
  Target no_baseline = MakeTarget("no_baseline", "level", "utbildning", "eftergymnasial", 95);
  no_baseline.baseline_period = {2026, 0};
  Target unknown = MakeTarget("unknown", "level", "utbildning", "okänd", 95);
  const std::vector<TargetStatusRow> rows = FollowUp({suppressed, no_baseline, unknown}, Results());
  EXPECT_EQ(In(rows, "suppressed", "2026").status, TargetStatus::kNoData);
  EXPECT_EQ(In(rows, "suppressed", "2026").reason, StatusReason::kSuppressed);
  EXPECT_FALSE(In(rows, "suppressed", "2026").detail.empty());
  EXPECT_DOUBLE_EQ(*In(rows, "suppressed", "2026").path_value, 92.5);
  EXPECT_EQ(In(rows, "no_baseline", "2026").reason, StatusReason::kBaselineMissing);
  EXPECT_EQ(In(rows, "unknown", "2024").reason, StatusReason::kMissing);

  // One period asked: a period the results lack is missing.
  const std::vector<TargetStatusRow> asked =
      FollowUp({MakeTarget("level", "level", "utbildning", "förgymnasial", 80)}, Results(),
               {.period = Period{2025, 0}});
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].status, TargetStatus::kNoData);
  EXPECT_EQ(asked[0].reason, StatusReason::kMissing);
  EXPECT_DOUBLE_EQ(*asked[0].path_value, 65);
}

TEST(FollowUpTest, AGapFollowsTheMeasuresDistanceFromEquality) {
  // D by sex = highest − lowest (HEAT's pair for two unordered subgroups): 82 − 78 = 4 in 2024,
  // 84 − 74 = 10 in 2026. Each subgroup's se is 4/(2z), so D's interval is 10 ± z·√2·4/(2z) =
  // 10 ± 2√2. Target 2 by 2028: the path is 3 in 2026, below the whole interval.
  Target gap = MakeTarget("gap", "gap", "kon", "", 2);
  gap.measure = "d";
  const std::vector<TargetStatusRow> rows = FollowUp({gap}, Results());
  ASSERT_EQ(rows.size(), 2u);
  const TargetStatusRow& now = In(rows, "gap", "2026");
  EXPECT_NEAR(*now.estimate, 10, 1e-9);
  EXPECT_NEAR(*now.lower, 10 - 2 * std::sqrt(2.0), 1e-9);
  EXPECT_NEAR(*now.upper, 10 + 2 * std::sqrt(2.0), 1e-9);
  EXPECT_NEAR(*now.baseline, 4, 1e-9);
  EXPECT_NEAR(*now.path_value, 3, 1e-9);
  EXPECT_EQ(now.status, TargetStatus::kOffTrack);
  EXPECT_EQ(now.measure, "d");
}

TEST(TargetKindTest, EveryKindIsDocumentedAndFollowsSomething) {
  for (const TargetKind& kind : TargetKinds()) {
    EXPECT_FALSE(kind.id.empty());
    EXPECT_FALSE(kind.label_sv.empty()) << kind.id;
    EXPECT_FALSE(kind.label_en.empty()) << kind.id;
    EXPECT_FALSE(kind.description_sv.empty()) << kind.id;
    EXPECT_FALSE(kind.description_en.empty()) << kind.id;
    EXPECT_NE(kind.tracks, nullptr) << kind.id;
    EXPECT_EQ(FindTargetKind(kind.id), &kind);
  }
  EXPECT_EQ(FindTargetKind("no_such_kind"), nullptr);
}

TEST(FollowUpTest, TheTableCarriesIdsAndLabels) {
  const Table table = StatusTable(FollowUp({MakeTarget("total", "total", "", "", 84)}, Results()));
  ASSERT_EQ(table.num_rows(), 2u);
  EXPECT_EQ(table.GetColumn("status").ValueToString(1), "reached");
  EXPECT_EQ(table.GetColumn("status_label").ValueToString(1), "Reached");
  EXPECT_EQ(table.GetColumn("period").ValueToString(1), "2026");
  EXPECT_DOUBLE_EQ(table.GetColumn("path_value").NumericAt(1), 82);
  EXPECT_TRUE(table.GetColumn("reason").IsNull(1));
}

}  // namespace
}  // namespace jamlik::followup
