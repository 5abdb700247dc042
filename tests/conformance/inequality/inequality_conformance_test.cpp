// Data-driven conformance of the inequality measures: every published value in
// ../shared/conformance/inequality/ (see its README for the sources) and our own independently
// computed cases beside this file (jamlik_cases.csv; eurostat_cases.csv, made in R by
// make_eurostat_cases.R). Point estimates must match to 1e-9
// relative, standard errors and interval limits to 1e-6 — or to half a unit in the last digit the
// source prints, when it prints fewer. Individual-data measures are also run on their input split
// into chunks and merged.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "inequality/measure.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality {
namespace {

constexpr double kEstimateTolerance = 1e-9;
constexpr double kIntervalTolerance = 1e-6;

const std::string kSharedDir = std::string(JAMLIK_SHARED_DIR) + "/conformance/inequality/";
const std::string kLocalDir = std::string(JAMLIK_LOCAL_CASES_DIR) + "/";

using Row = std::map<std::string, std::string>;

// Split a line on commas (the reference files quote nothing; a trailing note may hold no comma
// that matters because only the named columns are read).
std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

std::vector<Row> ReadCsv(const std::string& path) {
  std::ifstream file(path);
  EXPECT_TRUE(file.good()) << "cannot open " << path;
  std::string line;
  std::getline(file, line);
  const std::vector<std::string> header = Split(line);
  std::vector<Row> rows;
  while (std::getline(file, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> fields = Split(line);
    Row row;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
      row[header[i]] = fields[i];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<double> Number(const Row& row, const std::string& column) {
  const auto it = row.find(column);
  if (it == row.end() || it->second.empty()) return std::nullopt;
  return std::stod(it->second);
}

// Return the tolerance for a printed reference value: the relative tolerance, or half a unit in
// its last printed digit when that is coarser.
double Tolerance(const std::string& printed, double relative) {
  const double value = std::stod(printed);
  double tolerance = relative * std::abs(value);
  const auto point = printed.find('.');
  if (point != std::string::npos) {
    const auto exponent = printed.find_first_of("eE");
    const std::size_t digits =
        (exponent == std::string::npos ? printed.size() : exponent) - point - 1;
    tolerance = std::max(tolerance, 0.5 * std::pow(10.0, -static_cast<double>(digits)));
  }
  return tolerance;
}

SubgroupData LoadSubgroups(const std::string& file, const std::string& case_name) {
  SubgroupData data;
  for (const Row& row : ReadCsv(kSharedDir + file)) {
    if (row.at("case") != case_name) continue;
    data.indicator_scale = *Number(row, "indicator_scale");
    data.upper_bound = HeatUpperBound(data.indicator_scale);
    data.favourable = row.at("favourable_indicator") == "1";
    data.ordered = row.at("ordered_dimension") == "1";
    data.subgroups.push_back(Subgroup{.name = row.at("subgroup"),
                                      .order = std::stoi(row.at("subgroup_order")),
                                      .population = Number(row, "population"),
                                      .estimate = Number(row, "estimate"),
                                      .se = Number(row, "se"),
                                      .reference = row.at("reference_subgroup") == "1"});
  }
  return data;
}

// The individual data of the concentration cases: each subgroup expanded to persons, cases
// first (the order within a tied block matters to the KWVD variance; see README.md), with the
// subgroup order as the rank.
Sample ExpandToPersons(const SubgroupData& data) {
  Sample sample;
  for (const Subgroup& subgroup : data.subgroups) {
    const double persons = *subgroup.population;
    const double cases = std::nearbyint(*subgroup.estimate / data.indicator_scale * persons);
    for (int i = 0; i < static_cast<int>(persons); ++i) {
      sample.Update(Observation{.value = i < cases ? 1.0 : 0.0,
                                .weight = 1.0,
                                .rank = static_cast<double>(subgroup.order)});
    }
  }
  return sample;
}

std::vector<Observation> LoadVector(const std::string& case_name) {
  std::vector<Observation> observations;
  for (const std::string& file :
       {kSharedDir + "distribution_vectors.csv", kLocalDir + "eurostat_vectors.csv"}) {
    for (const Row& row : ReadCsv(file)) {
      if (row.at("case") != case_name) continue;
      observations.push_back(
          Observation{.value = *Number(row, "value"), .weight = *Number(row, "weight")});
    }
  }
  return observations;
}

// A measure named in a reference file, resolved to a registry id and options.
struct Resolved {
  InputKind input = InputKind::kSubgroups;
  std::string id{};
  MeasureOptions options{};
  bool se_only = false;  // the row gives only the se (RCI_se_kwvd)
};

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A measure named with the suffix _split is computed with PercentileMethod::kSplit.
Resolved ResolveDistribution(std::string measure) {
  Resolved resolved{.input = InputKind::kIndividuals};
  constexpr std::string_view kSplit = "_split";
  if (measure.ends_with(kSplit)) {
    measure.resize(measure.size() - kSplit.size());
    resolved.options.percentile_method = PercentileMethod::kSplit;
  }
  resolved.id = measure;
  if (measure.rfind("atkinson_", 0) == 0) {
    resolved.id = "atkinson";
    resolved.options.parameter = std::stod(measure.substr(9));
  } else if (measure.rfind("ge", 0) == 0 && measure.size() > 2) {
    resolved.id = "ge";
    resolved.options.parameter = std::stod(measure.substr(2));
  }
  return resolved;
}

Resolved ResolveConcentration(const std::string& input, const std::string& measure) {
  Resolved resolved{.input = input == "micro" ? InputKind::kIndividuals : InputKind::kSubgroups};
  const std::string name = Lower(measure);
  resolved.se_only = name == "rci_se_kwvd";
  resolved.id = name == "rci" || resolved.se_only ? "rci" : "ci_" + name;
  return resolved;
}

struct Case {
  std::string name{};    // for the test list
  std::string source{};  // file
  std::string data_case{};
  Resolved measure{};
  std::string estimate{}, se{}, lower{}, upper{};  // as printed; empty when not given
};

// Print a case by its name (gtest would otherwise dump its bytes).
void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

std::string TestName(const std::string& text) {
  std::string name;
  for (char c : text) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  for (const char* file : {"heat_ordered_expected.csv", "heat_unordered_expected.csv"}) {
    for (const Row& row : ReadCsv(kSharedDir + file)) {
      Case c{.source = file, .data_case = row.at("case")};
      const std::string measure = row.at("measure");
      c.measure.id = measure == "setting_average" ? measure : Lower(measure);
      c.name = TestName(c.data_case + "_" + measure);
      c.estimate = row.at("estimate");
      for (auto [column, field] :
           {std::pair{"se", &c.se}, std::pair{"lower", &c.lower}, std::pair{"upper", &c.upper}}) {
        if (row.count(column)) *field = row.at(column);
      }
      cases.push_back(c);
    }
  }
  for (const Row& row : ReadCsv(kSharedDir + "concentration_expected.csv")) {
    Case c{.source = "concentration_expected.csv", .data_case = row.at("case")};
    c.measure = ResolveConcentration(row.at("input"), row.at("measure"));
    c.name = TestName("concentration_" + row.at("input") + "_" + row.at("measure"));
    (c.measure.se_only ? c.se : c.estimate) = row.at("estimate");
    cases.push_back(c);
  }
  for (const char* file : {"distribution_expected.csv", "jamlik_cases.csv", "eurostat_cases.csv"}) {
    const bool local = std::string(file) != "distribution_expected.csv";
    for (const Row& row : ReadCsv((local ? kLocalDir : kSharedDir) + file)) {
      Case c{.source = file, .data_case = row.at("case")};
      c.measure = ResolveDistribution(row.at("measure"));
      const std::string prefix = !local                                    ? "distribution_"
                                 : std::string(file) == "jamlik_cases.csv" ? "jamlik_"
                                                                           : "eurostat_";
      c.name = TestName(prefix + c.data_case + "_" + row.at("measure"));
      c.estimate = row.at("estimate");
      cases.push_back(c);
    }
  }
  return cases;
}

void ExpectNear(const std::optional<double>& actual, const std::string& printed, double relative,
                const char* what) {
  if (printed.empty()) return;
  ASSERT_TRUE(actual.has_value()) << what << " is undefined";
  EXPECT_NEAR(*actual, std::stod(printed), Tolerance(printed, relative)) << what;
}

MeasureResult RunCase(const Case& c) {
  if (c.source == "concentration_expected.csv") {
    const SubgroupData data = LoadSubgroups("heat_ordered_subgroups.csv", c.data_case);
    return c.measure.input == InputKind::kSubgroups
               ? Compute(c.measure.id, data, c.measure.options)
               : Compute(c.measure.id, ExpandToPersons(data), c.measure.options);
  }
  if (c.measure.input == InputKind::kIndividuals) {
    Sample sample;
    sample.Update(LoadVector(c.data_case));
    return Compute(c.measure.id, sample, c.measure.options);
  }
  const std::string file = c.source == "heat_ordered_expected.csv" ? "heat_ordered_subgroups.csv"
                                                                   : "heat_unordered_subgroups.csv";
  return Compute(c.measure.id, LoadSubgroups(file, c.data_case), c.measure.options);
}

class Conformance : public testing::TestWithParam<Case> {};

TEST_P(Conformance, ReproducesPublishedValues) {
  const Case& c = GetParam();
  SCOPED_TRACE(c.source + ": " + c.measure.id);
  if (c.measure.id == "setting_average") {
    const std::string file = c.source == "heat_ordered_expected.csv"
                                 ? "heat_ordered_subgroups.csv"
                                 : "heat_unordered_subgroups.csv";
    ExpectNear(SettingAverage(LoadSubgroups(file, c.data_case)), c.estimate, kEstimateTolerance,
               "setting average");
    return;
  }
  const MeasureResult result = RunCase(c);
  if (c.estimate == "NA") {  // undefined in the reference
    EXPECT_FALSE(result.estimate.has_value());
    EXPECT_NE(result.reason, MeasureReason::kNone);
    return;
  }
  ExpectNear(result.estimate, c.estimate, kEstimateTolerance, "estimate");
  ExpectNear(result.se, c.se, kIntervalTolerance, "se");
  ExpectNear(result.lower, c.lower, kIntervalTolerance, "lower");
  ExpectNear(result.upper, c.upper, kIntervalTolerance, "upper");
}

INSTANTIATE_TEST_SUITE_P(Published, Conformance, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

// Every individual-data measure gives the same result on its input split into chunks and merged.
class Chunked : public testing::TestWithParam<Case> {};

TEST_P(Chunked, MergedChunksEqualOnePass) {
  const Case& c = GetParam();
  Sample whole;
  std::vector<Observation> observations;
  if (c.source == "concentration_expected.csv") {
    whole = ExpandToPersons(LoadSubgroups("heat_ordered_subgroups.csv", c.data_case));
    observations = whole.observations();
  } else {
    observations = LoadVector(c.data_case);
    whole.Update(observations);
  }
  Sample merged;
  const std::size_t chunk = observations.size() / 3 + 1;
  for (std::size_t start = 0; start < observations.size(); start += chunk) {
    Sample part;
    const std::size_t end = std::min(observations.size(), start + chunk);
    part.Update(std::span(observations).subspan(start, end - start));
    merged.Merge(part);
  }
  const MeasureResult one = Compute(c.measure.id, whole, c.measure.options);
  const MeasureResult many = Compute(c.measure.id, merged, c.measure.options);
  if (c.estimate == "NA") {  // undefined either way
    EXPECT_EQ(many.reason, one.reason);
    return;
  }
  ASSERT_TRUE(one.estimate.has_value()) << one.reason;
  ASSERT_TRUE(many.estimate.has_value()) << many.reason;
  EXPECT_NEAR(*many.estimate, *one.estimate, 1e-12 * std::abs(*one.estimate));
  EXPECT_EQ(many.se.has_value(), one.se.has_value());
  if (one.se && many.se) {
    EXPECT_NEAR(*many.se, *one.se, 1e-12 * *one.se);
  }
}

std::vector<Case> IndividualCases() {
  std::vector<Case> cases;
  for (const Case& c : LoadCases()) {
    if (c.measure.input == InputKind::kIndividuals) cases.push_back(c);
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Published, Chunked, testing::ValuesIn(IndividualCases()),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

// Every registered measure has documentation and at least one conformance case.
TEST(Registry, EveryMeasureIsDocumentedAndHasAConformanceCase) {
  std::map<std::pair<InputKind, std::string>, int> covered;
  for (const Case& c : LoadCases()) ++covered[{c.measure.input, c.measure.id}];
  for (const MeasureDescriptor* measure : MeasureRegistry().All()) {
    SCOPED_TRACE(measure->id);
    EXPECT_FALSE(measure->label_sv.empty());
    EXPECT_FALSE(measure->label_en.empty());
    EXPECT_FALSE(measure->interpretation_sv.empty());
    EXPECT_FALSE(measure->interpretation_en.empty());
    EXPECT_FALSE(measure->reference.empty());
    EXPECT_TRUE(covered.count({measure->input, measure->id})) << "no conformance case";
  }
}

}  // namespace
}  // namespace jamlik::inequality
