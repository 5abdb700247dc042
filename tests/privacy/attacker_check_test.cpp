// The attacker's check: for each protected table, an attacker who knows every published cell and
// how the cells add up (subgroups to totals, sex × birth region to each, areas to the area above)
// solves a linear programme for the min and max of each suppressed cell. Every cell that broke a
// rule must keep a feasible range of at least its protection interval. The LP is built here from
// the rows alone, independently of the privacy library's own model.
#include <glpk.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "core/geography.hpp"
#include "indicators/compute_indicators.hpp"
#include "io/csv_reader.hpp"
#include "privacy/publish.hpp"
#include "synth/synthetic_population.hpp"

namespace jamlik {
namespace {

const char* const kSexes[] = {"K", "M"};
const char* const kRegions[] = {"Sverige", "Norden", "Europa", "utanför Europa"};

std::string Key(const std::string& area, const std::string& dimension,
                const std::string& subgroup) {
  return area + "|" + dimension + "|" + subgroup;
}

// Return the area one level up: riket "00" for a county, the county for a municipality, the
// municipality for a DeSO.
std::string Parent(const std::string& area) {
  if (area.size() == 2) return "00";
  if (area.size() == 4) return area.substr(0, 2);
  return area.substr(0, 4);
}

// Check one indicator's numerators (role 0) or denominators (role 1).
void CheckRole(const std::vector<ResultRow>& truth, const std::vector<ResultRow>& published,
               int role, const DisclosureRules& rules) {
  std::map<std::string, double> value;
  std::map<std::string, bool> hidden;
  std::map<std::string, bool> sensitive;
  for (std::size_t r = 0; r < truth.size(); ++r) {
    const ResultRow& row = truth[r];
    const ResultRow& out = published[r];
    const std::string key = Key(row.area, row.dimension, row.subgroup);
    value[key] = role == 0 ? *row.numerator : *row.denominator;
    hidden[key] = out.suppressed;
    const bool small =
        out.suppression_reason == SuppressionReason::kDenominatorBelowMinimum ||
        (role == 0 && out.suppression_reason == SuppressionReason::kNumeratorBelowMinimum);
    sensitive[key] = small;
    if (!out.suppressed) {  // nothing published may be a small cell
      EXPECT_FALSE(*row.denominator < rules.min_denominator) << key;
      EXPECT_FALSE(*row.numerator > 0 && *row.numerator < rules.min_numerator) << key;
    }
  }
  // Equations: total = Σ parts.
  std::vector<std::pair<std::string, std::vector<std::string>>> equations;
  std::map<std::string, std::vector<std::string>> sums;
  for (const auto& [key, v] : value) {
    const auto bar = key.find('|');
    const std::string area = key.substr(0, bar);
    const std::string rest = key.substr(bar + 1);
    const std::string dimension = rest.substr(0, rest.find('|'));
    const std::string subgroup = rest.substr(rest.find('|') + 1);
    // One equation per margin and kind (areas, sex, birth region), so that sums never mix.
    // The whole is the top area present: the nation, or the one county a county's data covers.
    if (const std::string total = Key(Parent(area), dimension, subgroup);
        area != "00" && value.count(total) != 0) {
      sums[total + "#area"].push_back(key);
    }
    if (dimension == "kon" || dimension == "fodelseregion") {
      sums[Key(area, "total", "T") + "#" + dimension].push_back(key);
    }
    if (dimension == "kon × fodelseregion") {
      const std::string separator = " × ";
      const auto cross = subgroup.find(separator);
      sums[Key(area, "kon", subgroup.substr(0, cross)) + "#region"].push_back(key);
      sums[Key(area, "fodelseregion", subgroup.substr(cross + separator.size())) + "#sex"]
          .push_back(key);
    }
  }
  for (auto& [total, parts] : sums) {
    equations.emplace_back(total.substr(0, total.find('#')), parts);
  }
  // The LP over the hidden cells.
  std::map<std::string, int> column;
  glp_prob* lp = glp_create_prob();
  for (const auto& [key, is_hidden] : hidden) {
    if (!is_hidden) continue;
    column[key] = glp_add_cols(lp, 1);
    glp_set_col_bnds(lp, column[key], GLP_LO, 0, 0);
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  for (const auto& [total, parts] : equations) {
    const int row = glp_add_rows(lp, 1);
    double rhs = 0;
    auto term = [&](const std::string& key, double sign) {
      if (hidden.at(key)) {
        ia.push_back(row);
        ja.push_back(column.at(key));
        ar.push_back(sign);
      } else {
        rhs -= sign * value.at(key);
      }
    };
    term(total, 1);
    for (const auto& part : parts) term(part, -1);
    glp_set_row_bnds(lp, row, GLP_FX, rhs, rhs);
  }
  glp_load_matrix(lp, static_cast<int>(ar.size() - 1), ia.data(), ja.data(), ar.data());
  glp_smcp parameters;
  glp_init_smcp(&parameters);
  parameters.msg_lev = GLP_MSG_OFF;
  std::size_t checked = 0;
  for (const auto& [key, is_sensitive] : sensitive) {
    if (!is_sensitive) continue;
    const double v = value.at(key);
    const double upper = std::max(rules.protection_absolute, rules.protection_relative / 100 * v);
    const double lower = std::min(v, upper);
    glp_set_obj_coef(lp, column.at(key), 1);
    double range[2];
    for (int d = 0; d < 2; ++d) {
      glp_set_obj_dir(lp, d == 0 ? GLP_MIN : GLP_MAX);
      ASSERT_EQ(glp_simplex(lp, &parameters), 0);
      const int status = glp_get_status(lp);
      ASSERT_TRUE(status == GLP_OPT || status == GLP_UNBND)
          << key << " status " << status << " rows " << glp_get_num_rows(lp) << " cols "
          << glp_get_num_cols(lp);
      range[d] = status == GLP_UNBND ? 1e300 : glp_get_obj_val(lp);
    }
    glp_set_obj_coef(lp, column.at(key), 0);
    EXPECT_LE(range[0], v - lower + 1e-6) << key << " value " << v << " role " << role;
    EXPECT_GE(range[1], v + upper - 1e-6) << key << " value " << v << " role " << role;
    ++checked;
  }
  glp_delete_prob(lp);
  ::testing::Test::RecordProperty("checked_" + std::to_string(role), static_cast<int>(checked));
}

// Return how many tables the exact MIP protected.
std::size_t Check(const std::vector<ResultRow>& truth, const DisclosureRules& rules) {
  const PublishedResults published = Publish(truth, rules, {});
  EXPECT_EQ(published.rows().size(), truth.size());
  CheckRole(truth, published.rows(), 0, rules);
  CheckRole(truth, published.rows(), 1, rules);
  return published.summary().exact_tables;
}

// A random county-and-municipality table by sex × birth region with all margins.
std::vector<ResultRow> RandomTable(std::uint64_t seed, int max_municipalities) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> municipalities(1, max_municipalities);
  std::uniform_real_distribution<double> size(1, 400), share(0.01, 0.4);
  std::map<std::string, std::pair<double, double>> cells;  // Key → (numerator, denominator)
  for (const char* county : {"18", "19"}) {
    // Real municipalities of the county: disclosure control places areas by the code lists.
    std::vector<std::string> codes;
    for (const Municipality& m : Municipalities()) {
      if (m.county_code == county) codes.push_back(m.code);
    }
    const int count = municipalities(random);
    for (int m = 0; m < count; ++m) {
      const std::string& area = codes.at(static_cast<std::size_t>(m));
      for (const char* sex : kSexes) {
        for (const char* region : kRegions) {
          const double persons =
              std::round(size(random) * (std::string(region) == "Sverige" ? 5 : 0.3));
          if (persons == 0) continue;
          std::binomial_distribution<int> events(static_cast<int>(persons), share(random));
          const double numerator = events(random);
          const std::string subgroups[4][2] = {
              {"kon × fodelseregion", std::string(sex) + " × " + region},
              {"kon", sex},
              {"fodelseregion", region},
              {"total", "T"}};
          for (const std::string& place : {area, std::string(county), std::string("00")}) {
            for (const auto& [dimension, subgroup] : subgroups) {
              auto& cell = cells[Key(place, dimension, subgroup)];
              cell.first += numerator;
              cell.second += persons;
            }
          }
        }
      }
    }
  }
  std::vector<ResultRow> rows;
  for (const auto& [key, cell] : cells) {
    ResultRow row;
    const auto first = key.find('|'), second = key.find('|', first + 1);
    row.indicator = "p";
    row.indicator_type = "proportion";
    row.area = key.substr(0, first);
    row.area_level = row.area.size() == 2 ? (row.area == "00" ? "riket" : "lan") : "kommun";
    row.dimension = key.substr(first + 1, second - first - 1);
    row.subgroup = key.substr(second + 1);
    row.numerator = cell.first;
    row.denominator = row.population = cell.second;
    row.estimate = cell.first / cell.second * 100;
    rows.push_back(row);
  }
  return rows;
}

TEST(AttackerCheck, SmallRandomTablesMostlyByTheExactMip) {
  std::size_t exact = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(seed);
    exact += Check(RandomTable(seed, 1), DisclosureRules{});
  }
  EXPECT_GT(exact, 0U);
}

TEST(AttackerCheck, RandomTablesByTheHeuristicAlone) {
  DisclosureRules rules;
  rules.exact_limit = 0;
  for (std::uint64_t seed = 31; seed <= 60; ++seed) {
    SCOPED_TRACE(seed);
    Check(RandomTable(seed, 6), rules);
  }
}

TEST(AttackerCheck, DemoDataByDesoSexAndBirthRegion) {
  // The bundled demo's persons, generated in memory with its parameters (src/cli/CMakeLists.txt).
  SynthOptions demo;
  demo.persons = JAMLIK_DEMO_PERSONS;
  demo.seed = JAMLIK_DEMO_SEED;
  demo.county = JAMLIK_DEMO_COUNTY;
  std::ostringstream demo_csv;
  WriteSyntheticPopulation(demo, demo_csv);
  const auto spec = std::filesystem::temp_directory_path() / "attacker_check_spec.toml";
  std::ofstream(spec) << R"([[indicator]]
id = "hemtjanst_65"
namn = "Hemtjänst 65+"
name = "Home care 65+"
typ = "proportion"
taljare = "hemtjanst"
urval = "alder >= 65"
multiplikator = 100
gynnsamt = "låg"
omraden = ["deso", "kommun", "lan", "riket"]
dimensioner = ["kon", "fodelseregion", ["kon", "fodelseregion"]]
)";
  const Table data = ReadCsvText(demo_csv.str(), "demo");
  const auto rows = ComputeIndicators(data, ReadIndicatorDefinitions(spec.string()));
  ASSERT_GT(rows.size(), 1000U);
  Check(rows, DisclosureRules{});
}

// A national file: 290 municipalities, 21 counties and the nation, with two indicators whose small
// cells (thousands of them) are linked through the county and nation totals, protected as one
// release. The tables are protected side by side on worker threads; the result must be the same
// with one thread as with two, and hold against the attacker's LP of each indicator.
TEST(AttackerCheck, NationalFileTheSameOnOneThreadAsOnTwo) {
  SynthOptions national;
  national.persons = 20000;
  national.seed = 1;
  std::ostringstream csv;
  WriteSyntheticPopulation(national, csv);
  const auto spec = std::filesystem::temp_directory_path() / "attacker_check_national.toml";
  std::ofstream(spec) << R"([defaults]
omraden = ["kommun", "lan", "riket"]
dimensioner = ["kon", "fodelseregion", ["kon", "fodelseregion"]]

[[indicator]]
id = "hemtjanst_65"
namn = "Hemtjänst 65+"
name = "Home care 65+"
typ = "proportion"
taljare = "hemtjanst"
urval = "alder >= 65"
multiplikator = 100
gynnsamt = "låg"

[[indicator]]
id = "dod"
namn = "Döda"
name = "Deaths"
typ = "proportion"
taljare = "dod"
multiplikator = 100
gynnsamt = "låg"
)";
  const Table data = ReadCsvText(csv.str(), "national");
  const auto rows = ComputeIndicators(data, ReadIndicatorDefinitions(spec.string()));
  ASSERT_GT(rows.size(), 4000U);
  const char* before = std::getenv("JAMLIK_THREADS");
  const std::string saved = before ? before : "";
  auto publish = [&](const char* threads) {
    setenv("JAMLIK_THREADS", threads, 1);
    PublishedResults published = Publish(rows, DisclosureRules{}, {});
    if (before) {
      setenv("JAMLIK_THREADS", saved.c_str(), 1);
    } else {
      unsetenv("JAMLIK_THREADS");
    }
    return published;
  };
  const PublishedResults one = publish("1");
  const PublishedResults two = publish("2");
  ASSERT_EQ(one.rows().size(), two.rows().size());
  std::size_t complementary = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(one.rows()[r].suppressed, two.rows()[r].suppressed) << r;
    EXPECT_EQ(one.rows()[r].suppression_reason, two.rows()[r].suppression_reason) << r;
    complementary += two.rows()[r].suppression_reason == SuppressionReason::kComplementary;
  }
  EXPECT_EQ(one.summary().secondary_cells, two.summary().secondary_cells);
  EXPECT_GT(two.summary().tables, 1U);
  EXPECT_GT(complementary, 100U);
  // The attacker's check on the first indicator (its own LP is slow on thousands of cells).
  for (const std::string indicator : {"hemtjanst_65"}) {
    SCOPED_TRACE(indicator);
    std::vector<ResultRow> truth;
    std::vector<ResultRow> shown;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].indicator != indicator) continue;
      truth.push_back(rows[r]);
      shown.push_back(two.rows()[r]);
    }
    ASSERT_GT(truth.size(), 2000U);
    CheckRole(truth, shown, 0, DisclosureRules{});
    CheckRole(truth, shown, 1, DisclosureRules{});
  }
}

}  // namespace
}  // namespace jamlik
