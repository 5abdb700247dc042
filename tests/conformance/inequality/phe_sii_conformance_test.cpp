// PHE's SII/RII (PHEindicatormethods::phe_sii) against ../shared/conformance/phe/sii_*.csv: every
// upstream call's point values (sii, rii, intercept) to 1e-12 relative, and the simulated limits by
// the README's per-value rule |got − expected| ≤ 0.05 × the expected interval's width, with the
// call's repetitions (≥ 10 000) and a fixed seed. Only the columns upstream asserts
// (compared_upstream) are checked. The registered sii_linear / rii_linear must give the same
// point values on the natural scale.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "inequality/phe_sii.hpp"
#include "inequality/registry.hpp"
#include "io/csv_reader.hpp"

namespace jamlik::inequality {
namespace {

constexpr double kPointTolerance = 1e-12;
constexpr double kLimitShareOfWidth = 0.05;

const std::string kPheDir = std::string(JAMLIK_SHARED_DIR) + "/conformance/phe/";

using Row = std::map<std::string, std::string>;

std::vector<Row> ReadRows(const std::string& file) {
  const Table table = ReadCsvFile(kPheDir + file);
  std::vector<Row> rows(table.num_rows());
  for (const Column& column : table.columns()) {
    for (std::size_t i = 0; i < table.num_rows(); ++i)
      rows[i][column.name()] = column.ValueToString(i);
  }
  return rows;
}

std::optional<double> Number(const Row& row, const std::string& column) {
  const auto it = row.find(column);
  if (it == row.end() || it->second.empty()) return std::nullopt;
  return std::stod(it->second);
}

std::vector<std::string> SplitOn(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

struct SiiCase {
  Row expected;
  std::string name;
};

void PrintTo(const SiiCase& c, std::ostream* out) { *out << c.name; }

std::vector<SiiCase> LoadCases() {
  std::vector<SiiCase> cases;
  std::map<std::string, int> seen;
  for (Row& row : ReadRows("sii_expected.csv")) {
    std::string name = fmt::format("{}_{}", row["case_id"], row["area"]);
    if (seen[name]++ > 0) name += fmt::format("_{}", seen[name]);
    cases.push_back({std::move(row), name});
  }
  return cases;
}

// The quantiles of the case's group within its record range, in ascending quantile order.
std::vector<PheQuantile> LoadQuantiles(const Row& expected) {
  const auto range = SplitOn(expected.at("data_records"), '-');
  const int first = std::stoi(range[0]), last = std::stoi(range[1]);
  const std::string mode = expected.at("input_mode");
  std::map<int, PheQuantile> by_quantile;
  for (const Row& row : ReadRows("sii_input.csv")) {
    const int record = std::stoi(row.at("record_no"));
    if (record < first || record > last || row.at("area") != expected.at("area") ||
        row.at("grouping1") != expected.at("grouping1") ||
        row.at("grouping2") != expected.at("grouping2")) {
      continue;
    }
    PheQuantile q{.population = *Number(row, "population")};
    if (mode == "count+cl") {
      q.count = Number(row, "count");
    } else {
      q.value = Number(row, "value");
    }
    if (mode == "value+se") {
      q.se = Number(row, "standard_error");
    } else {
      q.lower = Number(row, "lower_cl");
      q.upper = Number(row, "upper_cl");
    }
    by_quantile[std::stoi(row.at("quantile"))] = q;
  }
  std::vector<PheQuantile> quantiles;
  for (const auto& [order, q] : by_quantile) quantiles.push_back(q);
  return quantiles;
}

PheSiiOptions OptionsOf(const Row& expected) {
  PheSiiOptions options;
  options.value_type = static_cast<PheValueType>(std::stoi(expected.at("value_type")));
  options.transform = expected.at("transform") == "TRUE";
  options.multiplier = *Number(expected, "multiplier");
  options.repetitions = std::stoi(expected.at("repetitions"));
  options.confidence.clear();
  for (const std::string& level : SplitOn(expected.at("confidence"), ';')) {
    options.confidence.push_back(std::stod(level));
  }
  return options;
}

class PheSiiConformance : public testing::TestWithParam<SiiCase> {};

TEST_P(PheSiiConformance, ReproducesUpstream) {
  const Row& e = GetParam().expected;
  const auto compared = SplitOn(e.at("compared_upstream"), ';');
  const auto asserted = [&](const std::string& column) {
    return std::find(compared.begin(), compared.end(), column) != compared.end();
  };
  const std::vector<PheQuantile> quantiles = LoadQuantiles(e);
  const auto result = PheSii(quantiles, OptionsOf(e));
  ASSERT_TRUE(result) << result.error();
  const auto expect_point = [&](const char* column, double got) {
    if (!asserted(column)) return;
    const double want = *Number(e, fmt::format("expected_{}", column));
    EXPECT_NEAR(got, want, kPointTolerance * std::abs(want)) << column;
  };
  expect_point("sii", result->sii);
  expect_point("rii", result->rii);
  expect_point("intercept", result->intercept);
  for (std::size_t level = 0; level < result->limits.size(); ++level) {
    const PheSiiLimits& got = result->limits[level];
    for (const auto& [measure, lower, upper] : {std::tuple{"sii", got.sii_lower, got.sii_upper},
                                                std::tuple{"rii", got.rii_lower, got.rii_upper}}) {
      const std::string lower_column = fmt::format("{}_lower_{}", measure, level + 1);
      const std::string upper_column = fmt::format("{}_upper_{}", measure, level + 1);
      if (!asserted(lower_column)) continue;
      const double want_lower = *Number(e, fmt::format("expected_{}", lower_column));
      const double want_upper = *Number(e, fmt::format("expected_{}", upper_column));
      const double tolerance = kLimitShareOfWidth * std::abs(want_upper - want_lower);
      EXPECT_NEAR(lower, want_lower, tolerance) << lower_column;
      EXPECT_NEAR(upper, want_upper, tolerance) << upper_column;
    }
  }
  // The registered linear SII/RII are PHE's on the natural scale (indicator scale 1).
  if (e.at("value_type") == "0" && e.at("multiplier") == "1") {
    SubgroupData data{.subgroups = {}, .indicator_scale = 1.0, .ordered = true};
    for (std::size_t j = 0; j < quantiles.size(); ++j) {
      data.subgroups.push_back(Subgroup{.name = std::to_string(j + 1),
                                        .order = static_cast<int>(j + 1),
                                        .population = quantiles[j].population,
                                        .estimate = quantiles[j].value});
    }
    EXPECT_NEAR(*Compute("sii_linear", data).estimate, result->sii,
                kPointTolerance * std::abs(result->sii));
    EXPECT_NEAR(*Compute("rii_linear", data).estimate, result->rii,
                kPointTolerance * std::abs(result->rii));
  }
}

INSTANTIATE_TEST_SUITE_P(Phe, PheSiiConformance, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<SiiCase>& info) {
                           return info.param.name;
                         });

TEST(PheSii, RejectsWhatUpstreamRejects) {
  std::vector<PheQuantile> four(4, PheQuantile{.population = 10, .value = 1, .se = 0.1});
  EXPECT_FALSE(PheSii(four, {}));
  std::vector<PheQuantile> five(5, PheQuantile{.population = 10, .value = 1, .se = 0.1});
  five[2].population = 0;
  EXPECT_FALSE(PheSii(five, {}));
  five[2].population = 10;
  EXPECT_FALSE(PheSii(five, {.transform = true}));  // normal values cannot be transformed
  five[2].value = 1.5;
  EXPECT_FALSE(PheSii(five, {.value_type = PheValueType::kProportion}));
}

}  // namespace
}  // namespace jamlik::inequality
