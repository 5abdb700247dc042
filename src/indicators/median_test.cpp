// The median indicator type against tests/data/median/expected.csv, computed independently by
// tests/data/median/reference.py from tests/data/median/persons.csv.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "indicators/compute_indicators.hpp"
#include "io/csv_reader.hpp"

namespace jamlik {
namespace {

const std::string kFolder = std::string(JAMLIK_TEST_DATA_DIR) + "/median/";

struct Expected {
  double n = 0;
  double median = 0;
  std::optional<double> lower, upper, lower_2, upper_2;
};

using Place = std::tuple<std::string, std::string, std::string, std::string>;

std::map<Place, Expected> ReadExpected() {
  std::ifstream in(kFolder + "expected.csv");
  std::string line;
  std::getline(in, line);  // header
  std::map<Place, Expected> expected;
  auto number = [](const std::string& field) -> std::optional<double> {
    if (field.empty()) return std::nullopt;
    return std::stod(field);
  };
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
    fields.resize(10);  // trailing empty fields
    expected[{fields[0], fields[1], fields[2], fields[3]}] = {
        std::stod(fields[4]), std::stod(fields[5]), number(fields[6]),
        number(fields[7]),    number(fields[8]),    number(fields[9])};
  }
  return expected;
}

IndicatorDefinition MedianIncome() {
  IndicatorDefinition definition;
  definition.id = "inkomst_median";
  definition.type = "median";
  definition.value = "inkomst";
  definition.areas = {"kommun", "lan", "riket"};
  definition.dimensions = {{"kon"}};
  definition.confidence = {0.95, 0.998};
  return definition;
}

void ExpectSame(const std::optional<double>& actual, const std::optional<double>& expected,
                const std::string& what) {
  ASSERT_EQ(actual.has_value(), expected.has_value()) << what;
  if (expected) {
    EXPECT_DOUBLE_EQ(*actual, *expected) << what;
  }
}

TEST(MedianIndicatorTest, MatchesTheIndependentReference) {
  const Table persons = ApplyKnownDimensions(ReadCsvFile(kFolder + "persons.csv"));
  const std::vector<ResultRow> rows = ComputeIndicators(persons, {MedianIncome()});
  const std::map<Place, Expected> expected = ReadExpected();
  ASSERT_EQ(rows.size(), expected.size());
  for (const ResultRow& row : rows) {
    const Place place{row.area_level, row.area, row.dimension, row.subgroup};
    const std::string what = row.area_level + " " + row.area + " " + row.subgroup;
    ASSERT_EQ(expected.count(place), 1U) << what;
    const Expected& want = expected.at(place);
    EXPECT_EQ(row.indicator_type, "median");
    EXPECT_EQ(row.method, "order_statistic");
    EXPECT_DOUBLE_EQ(*row.estimate, want.median) << what;
    ExpectSame(row.lower, want.lower, what + " lower");
    ExpectSame(row.upper, want.upper, what + " upper");
    ExpectSame(row.lower_2, want.lower_2, what + " lower_2");
    ExpectSame(row.upper_2, want.upper_2, what + " upper_2");
    // A median has no numerator (no sum behind it); its group size is the values' count.
    EXPECT_FALSE(row.numerator) << what;
    EXPECT_EQ(*row.denominator, want.n) << what;
    EXPECT_EQ(*row.population, want.n) << what;
    EXPECT_EQ(EnumId(row.flag), want.lower ? "" : "too_few_observations") << what;
  }
}

TEST(MedianIndicatorTest, NeedsAValueColumn) {
  IndicatorDefinition definition = MedianIncome();
  definition.value.clear();
  const Table persons = ApplyKnownDimensions(ReadCsvFile(kFolder + "persons.csv"));
  EXPECT_THROW(ComputeIndicators(persons, {definition}), Error);
}

}  // namespace
}  // namespace jamlik
