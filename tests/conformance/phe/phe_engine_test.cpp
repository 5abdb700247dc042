// The PHE conformance cases run through the same path `jamlik indicators` uses: the input CSV is
// read by the CSV reader, an indicator definition is written for the case, and ComputeIndicators
// aggregates and computes. phe_conformance_test.cpp checks the statistics functions themselves on
// every case; this file checks that nothing between the file and the result changes a value.
// Not routed here, and why: the non-independent DSR events (eventfreq: the engine counts each row
// as events of independent persons) and the ISR cases (their reference rates are given per row;
// the engine's reference is the whole data set) — both stay covered by phe_conformance_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "indicators/compute_indicators.hpp"
#include "io/csv_reader.hpp"

namespace jamlik {
namespace {

const std::filesystem::path kPheDir = std::filesystem::path(JAMLIK_SHARED_DIR) / "conformance/phe";

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Table ReadInput(const std::string& name) {
  // Every code-like column stays text; the numbers are numbers.
  return ReadCsvFile((kPheDir / name).string());
}

// The expected rows of a file, each as column → text.
std::vector<std::map<std::string, std::string>> ReadExpected(const std::string& name) {
  CsvOptions options;
  const Table table = ReadCsvFile((kPheDir / name).string(), options);
  std::vector<std::map<std::string, std::string>> rows(table.num_rows());
  for (const auto& column : table.columns()) {
    for (std::size_t row = 0; row < table.num_rows(); ++row) {
      rows[row][column.name()] = column.ValueToString(row);
    }
  }
  return rows;
}

const ResultRow* FindArea(const std::vector<ResultRow>& rows, const std::string& area) {
  for (const auto& row : rows) {
    if (row.area == area && row.dimension == kTotalDimension) return &row;
  }
  return nullptr;
}
// The row would dangle once the temporary is gone.
const ResultRow* FindArea(std::vector<ResultRow>&& rows, const std::string& area) = delete;

// Compare a computed value with an expected cell: empty means "undefined" (NA upstream).
void Expect(const std::optional<double>& got, const std::string& expected, double relative,
            double absolute, const char* what) {
  SCOPED_TRACE(what);
  if (expected.empty()) {
    EXPECT_FALSE(got.has_value()) << "expected NA, got " << got.value_or(0);
    return;
  }
  ASSERT_TRUE(got.has_value()) << "expected " << expected;
  const double want = std::stod(expected);
  EXPECT_NEAR(*got, want, std::max(absolute, relative * std::abs(want)));
}

IndicatorDefinition Definition(const std::string& type, const std::string& condition) {
  IndicatorDefinition definition;
  definition.id = type;
  definition.type = type;
  definition.filter = RowFilter::Parse(condition);
  definition.areas = {"area"};
  definition.confidence = {0.95, 0.998};
  return definition;
}

void CheckCounts(const std::string& file, const std::string& type) {
  const Table input = ReadInput(file);
  const auto expected = ReadExpected(file);
  std::map<std::string, std::vector<ResultRow>> results_by_group;
  for (const auto& row : expected) {
    const std::string& group = row.at("case_group");
    if (results_by_group.count(group) != 0) continue;
    IndicatorDefinition definition = Definition(type, "case_group == '" + group + "'");
    definition.numerator = "numerator";
    definition.denominator = "denominator";
    definition.multiplier = std::stod(row.at("multiplier"));
    results_by_group[group] = ComputeIndicators(input, {definition});
  }
  for (const auto& row : expected) {
    SCOPED_TRACE(row.at("source"));
    const ResultRow* result = FindArea(results_by_group[row.at("case_group")], row.at("area"));
    if (row.at("expected_value").empty()) {
      EXPECT_TRUE(result == nullptr || !result->estimate);
      continue;
    }
    ASSERT_NE(result, nullptr);
    Expect(result->estimate, row.at("expected_value"), 1e-12, 0, "value");
    Expect(result->lower, row.at("expected_lower_95"), 1e-12, 0, "lower 95");
    Expect(result->upper, row.at("expected_upper_95"), 1e-12, 0, "upper 95");
    if (!row.at("expected_lower_99_8").empty()) {
      Expect(result->lower_2, row.at("expected_lower_99_8"), 1e-12, 0, "lower 99.8");
      Expect(result->upper_2, row.at("expected_upper_99_8"), 1e-12, 0, "upper 99.8");
    }
  }
}

TEST(PheThroughTheEngine, ProportionsWithWilsonIntervals) {
  CheckCounts("proportion_wilson.csv", "proportion");
}

TEST(PheThroughTheEngine, CrudeRatesExactAndByars) { CheckCounts("rate_byars_exact.csv", "rate"); }

TEST(PheThroughTheEngine, MeansWithStudentT) {
  const Table input = ReadInput("mean_input.csv");
  IndicatorDefinition by_area = Definition("mean", "");
  by_area.value = "value";
  IndicatorDefinition ungrouped = by_area;
  ungrouped.areas = {};
  const auto grouped = ComputeIndicators(input, {by_area});
  const auto whole = ComputeIndicators(input, {ungrouped});
  for (const auto& row : ReadExpected("mean_expected.csv")) {
    SCOPED_TRACE(row.at("source"));
    const bool all = row.at("case_group") == "ungrouped";
    const ResultRow* result = all ? FindArea(whole, "alla") : FindArea(grouped, row.at("group"));
    ASSERT_NE(result, nullptr);
    Expect(result->numerator, row.at("expected_value_sum"), 1e-12, 0, "sum");
    Expect(result->denominator, row.at("expected_value_count"), 0, 0, "count");
    Expect(result->estimate, row.at("expected_value"), 1e-9, 0, "value");
    Expect(result->lower, row.at("expected_lower_95"), 1e-9, 0, "lower 95");
    Expect(result->upper, row.at("expected_upper_95"), 1e-9, 0, "upper 95");
    Expect(result->lower_2, row.at("expected_lower_99_8"), 1e-9, 0, "lower 99.8");
    Expect(result->upper_2, row.at("expected_upper_99_8"), 1e-9, 0, "upper 99.8");
  }
}

TEST(PheThroughTheEngine, DirectlyStandardisedRatesDobson) {
  // The upstream sheets label the 55–59 band "55-69" (README); the engine rightly refuses a band
  // the standard population does not have, so the label is corrected here, in memory only.
  std::string text = ReadText(kPheDir / "dsr_input.csv");
  for (std::size_t at; (at = text.find(",55-69,")) != std::string::npos;)
    text.replace(at, 7, ",55-59,");
  const Table input = ReadCsvText(text, "dsr_input.csv");

  // The 1976 case brings its own standard population, written out as a user would.
  const auto standard_1976 = std::filesystem::temp_directory_path() / "jamlik_esp1976.csv";
  {
    std::ofstream out(standard_1976);
    out << "aldersgrupp,befolkning\n";
    const Column& case_id = input.GetColumn("case_id");
    for (std::size_t row = 0; row < input.num_rows(); ++row) {
      if (case_id.ValueToString(row) != "esp1976_single") continue;
      out << input.GetColumn("ageband").ValueToString(row) << ','
          << input.GetColumn("stdpop").ValueToString(row) << '\n';
    }
  }
  std::size_t compared = 0;
  for (const auto& row : ReadExpected("dsr_expected.csv")) {
    if (row.at("case_id") == "nonindependent") continue;
    SCOPED_TRACE(row.at("source"));
    IndicatorDefinition definition = Definition("dsr", "case_id == '" + row.at("case_id") + "'");
    definition.numerator = "count";
    definition.denominator = "pop";
    definition.age_band = "ageband";
    definition.multiplier = std::stod(row.at("multiplier"));
    if (row.at("case_id") == "esp1976_single")
      definition.standard_population = standard_1976.string();
    const std::vector<ResultRow> results = ComputeIndicators(input, {definition});
    const ResultRow* result = FindArea(results, row.at("area"));
    ASSERT_NE(result, nullptr);
    Expect(result->estimate, row.at("expected_value"), 1e-12, 0, "value");
    Expect(result->lower, row.at("expected_lower_95"), 1e-12, 0, "lower 95");
    Expect(result->upper, row.at("expected_upper_95"), 1e-12, 0, "upper 95");
    if (!row.at("expected_lower_99_8").empty()) {
      Expect(result->lower_2, row.at("expected_lower_99_8"), 1e-12, 0, "lower 99.8");
      Expect(result->upper_2, row.at("expected_upper_99_8"), 1e-12, 0, "upper 99.8");
    }
    ++compared;
  }
  EXPECT_EQ(compared, 8U);
  std::filesystem::remove(standard_1976);
}

TEST(PheThroughTheEngine, LifeExpectancyAtBirth) {
  const Table input = ReadInput("life_expectancy_input.csv");
  std::size_t compared = 0;
  for (const auto& row : ReadExpected("life_expectancy_expected.csv")) {
    if (row.at("startage") != "0") continue;  // the engine reports life expectancy at birth
    SCOPED_TRACE(row.at("case_id") + " " + row.at("area"));
    IndicatorDefinition definition =
        Definition("life_expectancy", "case_id == '" + row.at("case_id") + "'");
    definition.numerator = "deaths";
    definition.denominator = "pops";
    definition.age_band = "startage";
    definition.confidence = {0.95};
    const auto results = ComputeIndicators(input, {definition});
    const ResultRow* result = FindArea(results, row.at("area"));
    ASSERT_NE(result, nullptr);
    Expect(result->estimate, row.at("expected_value"), 0, 1e-7, "value");
    Expect(result->lower, row.at("expected_lower_95"), 0, 1e-5, "lower 95");
    Expect(result->upper, row.at("expected_upper_95"), 0, 1e-5, "upper 95");
    ++compared;
  }
  EXPECT_GE(compared, 7U);
}

}  // namespace
}  // namespace jamlik
