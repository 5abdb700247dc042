// The follow-up against the cases make_followup_cases.py computes with the rule written out
// independently in Python (followup_cases.csv, from the result rows in followup_results.csv):
// each kind (gap by D and R, floor, level, total) in each status, with the interval edges, no
// interval, and no data (suppressed, missing, no baseline, undefined measure, a floor's subgroup).
// Status, reason and the subgroup shown must match exactly; path, estimate and limits to 1e-9.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "followup/follow_up.hpp"
#include "followup/target_kind.hpp"
#include "indicators/result_table.hpp"

namespace jamlik::followup {
namespace {

const std::string kDir = std::string(JAMLIK_FOLLOWUP_CASES_DIR) + "/";

using Row = std::map<std::string, std::string>;

// The files quote nothing: split each line on commas.
std::vector<Row> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::vector<std::string> header;
  std::vector<Row> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    if (header.empty()) {
      header = fields;
      continue;
    }
    Row row;
    for (std::size_t i = 0; i < header.size(); ++i)
      row[header[i]] = i < fields.size() ? fields[i] : "";
    rows.push_back(row);
  }
  return rows;
}

std::optional<double> Number(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional(std::stod(text));
}

void ExpectNear(const std::optional<double>& actual, const std::string& expected,
                const char* what) {
  if (expected.empty()) {
    EXPECT_FALSE(actual.has_value()) << what << " should be missing";
    return;
  }
  ASSERT_TRUE(actual.has_value()) << what << " is missing";
  EXPECT_NEAR(*actual, std::stod(expected), 1e-9) << what;
}

TEST(FollowUpConformanceTest, EveryKindInEveryStatus) {
  const std::vector<Row> cases = ReadCsv(kDir + "followup_cases.csv");
  const std::vector<Row> results = ReadCsv(kDir + "followup_results.csv");
  ASSERT_GE(cases.size(), 30u);
  for (const Row& c : cases) {
    SCOPED_TRACE(c.at("case"));
    std::vector<ResultRow> rows;
    for (const Row& r : results) {
      if (r.at("case") != c.at("case")) continue;
      ResultRow row;
      row.indicator = c.at("case");
      row.indicator_type = "proportion";
      row.area_level = "kommun";
      row.area = "1880";
      row.period = r.at("period");
      row.dimension = r.at("dimension");
      row.subgroup = r.at("subgroup");
      row.favourable_indicator = r.at("higher_is_better") == "1";
      row.indicator_scale = 100;
      row.population = 1000;
      row.estimate = Number(r.at("estimate"));
      row.lower = Number(r.at("lower"));
      row.upper = Number(r.at("upper"));
      row.suppressed = r.at("suppressed") == "1";
      if (row.suppressed) row.suppression_reason = SuppressionReason::kNumeratorBelowMinimum;
      rows.push_back(row);
    }
    const Target target{.id = c.at("case"),
                        .indicator = c.at("case"),
                        .area = "1880",
                        .kind = c.at("kind"),
                        .measure = c.at("measure"),
                        .dimension = c.at("dimension"),
                        .subgroup = c.at("subgroup"),
                        .baseline_period = *ParsePeriod(c.at("baseline_period")),
                        .target_value = std::stod(c.at("target_value")),
                        .target_period = *ParsePeriod(c.at("target_period"))};
    const std::vector<TargetStatusRow> status =
        FollowUp({target}, ResultRowsToTable(rows), {.period = ParsePeriod(c.at("period"))});
    ASSERT_EQ(status.size(), 1u);
    EXPECT_EQ(EnumId(status[0].status), c.at("status"));
    EXPECT_EQ(EnumId(status[0].reason), c.at("reason"));
    EXPECT_EQ(status[0].subgroup, c.at("shown_subgroup"));
    ExpectNear(status[0].path_value, c.at("path_value"), "path");
    ExpectNear(status[0].estimate, c.at("estimate"), "estimate");
    ExpectNear(status[0].lower, c.at("lower"), "lower");
    ExpectNear(status[0].upper, c.at("upper"), "upper");
  }
}

// A kind without a case for every status fails: a new kind comes with its cases.
TEST(FollowUpConformanceTest, EveryKindHasACaseForEveryStatus) {
  std::set<std::pair<std::string, std::string>> covered;
  for (const Row& c : ReadCsv(kDir + "followup_cases.csv"))
    covered.emplace(c.at("kind"), c.at("status"));
  for (const TargetKind& kind : TargetKinds()) {
    for (const EnumEntry<TargetStatus>& status : EnumTable<TargetStatus>::Entries()) {
      EXPECT_TRUE(covered.count({std::string(kind.id), std::string(status.id)}))
          << kind.id << " × " << status.id;
    }
  }
}

}  // namespace
}  // namespace jamlik::followup
