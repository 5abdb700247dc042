// POST /api/organisations/{org}/datasets/{dataset}/distribution on every backend: distribution
// measures per group with values computed by hand, a small group withheld, the release audited,
// and problem+json for bad requests.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>

#include "app/accounts/accounts.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

class DistributionApiTest : public OrganisationApiTest {
 protected:
  DistributionApiTest() : OrganisationApiTest(app::Role::kAdmin) {}
};

// 30 persons in 1880 with incomes 1..30, 5 in 1881 with 10..50.
std::string Csv() {
  std::string csv = "kommun;kon;inkomst\n";
  for (int i = 1; i <= 30; ++i) csv += fmt::format("1880;{};{}\n", i % 2 ? 'K' : 'M', i);
  for (int i = 1; i <= 5; ++i) csv += fmt::format("1881;K;{}\n", 10 * i);
  return csv;
}

const json& Row(const json& result, const std::string& kommun, const std::string& measure) {
  for (const auto& row : result.at("rows")) {
    if (row.at("groups").at("kommun") == kommun && row.at("measure") == measure) return row;
  }
  ADD_FAILURE() << "no row " << kommun << " " << measure;
  return result;
}

void ExpectProblem(const httplib::Result& result, int status, const std::string& code,
                   const std::string& field = {}) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
  const json problem = JsonOf(result);
  EXPECT_EQ(problem.at("code"), code) << result->body;
  if (!field.empty()) {
    EXPECT_EQ(problem.value("field", ""), field) << result->body;
  }
}

// The Gini of 1..n is (n − 1)/(3n); Eurostat's S80/S20 of 1..30 is (25 + … + 30)/(1 + … + 6).
TEST_P(DistributionApiTest, MeasuresPerGroupWithTheSmallGroupWithheldAndAudited) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const auto uploaded = browser.Upload(Path("/datasets"), "inkomster.csv", Csv());
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const std::string path =
      Path(fmt::format("/datasets/{}/distribution", JsonOf(uploaded).at("id").get<int>()));
  const json request = {{"value", "inkomst"},
                        {"by", {"kommun"}},
                        {"measures", {"gini", "s80_s20", "atkinson:0.5"}},
                        {"bootstrap_draws", 200},
                        {"seed", 7}};
  const auto answer = browser.Send("POST", path, request);
  ASSERT_EQ(answer->status, 200) << answer->body;
  const json result = JsonOf(answer);
  EXPECT_TRUE(result.at("disclosure_controlled").get<bool>());
  EXPECT_EQ(result.at("rows").size(), 9U);  // total, 1880, 1881 × three measures
  const json& gini = Row(result, "1880", "gini");
  EXPECT_NEAR(gini.at("estimate").get<double>(), 29.0 / 90.0, 1e-12);
  EXPECT_LT(gini.at("lower").get<double>(), 29.0 / 90.0);
  EXPECT_GT(gini.at("upper").get<double>(), 29.0 / 90.0);
  EXPECT_EQ(gini.at("n"), 30);
  EXPECT_FALSE(gini.at("suppressed").get<bool>());
  EXPECT_NEAR(Row(result, "1880", "s80_s20").at("estimate").get<double>(), 165.0 / 21.0, 1e-12);
  EXPECT_EQ(Row(result, "total", "gini").at("n"), 35);
  const json& small = Row(result, "1881", "atkinson:0.5");
  EXPECT_TRUE(small.at("suppressed").get<bool>());
  EXPECT_EQ(small.at("suppression_reason"), "denominator_below_minimum");
  EXPECT_TRUE(small.at("estimate").is_null());
  EXPECT_TRUE(small.at("n").is_null());
  // The same seed, the same interval.
  EXPECT_EQ(JsonOf(browser.Send("POST", path, request)), result);

  const json log = JsonOf(browser.Get(Path("/audit-log?limit=1")));
  ASSERT_EQ(log.at("entries").size(), 1U);
  EXPECT_EQ(log.at("entries")[0].at("action"), "publish");
  EXPECT_EQ(log.at("entries")[0].at("user"), "anna@example.se");
  EXPECT_EQ(log.at("entries")[0].at("suppressed_rows"), 3);
  EXPECT_EQ(log.at("entries")[0].at("table"), "distribution inkomst by kommun");
}

TEST_P(DistributionApiTest, BadRequestsAreProblems) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const auto uploaded = browser.Upload(Path("/datasets"), "inkomster.csv", Csv());
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const std::string path =
      Path(fmt::format("/datasets/{}/distribution", JsonOf(uploaded).at("id").get<int>()));
  ExpectProblem(browser.Send("POST", path, json::object()), 400, "invalid_argument", "value");
  ExpectProblem(browser.Send("POST", path, {{"value", "saknas"}}), 422, "unknown_column", "saknas");
  ExpectProblem(browser.Send("POST", path, {{"value", "kon"}}), 422, "type_mismatch", "kon");
  ExpectProblem(browser.Send("POST", path, {{"value", "inkomst"}, {"measures", {"rci"}}}), 400,
                "invalid_argument");
  ExpectProblem(browser.Send("POST", path, {{"value", "inkomst"}, {"bootstrap_draws", 100000}}),
                400, "invalid_argument", "bootstrap_draws");
  ExpectProblem(browser.Send("POST", path, {{"value", "inkomst"}, {"percentile_method", "linear"}}),
                400, "invalid_argument", "percentile_method");
  ExpectProblem(
      browser.Send("POST", path, {{"value", "inkomst"}, {"by", {"a", "b", "c", "d", "e"}}}), 400,
      "invalid_argument", "by");
  ExpectProblem(browser.Send("POST", path, {{"value", "inkomst"}, {"filter", "alder >>> 3"}}), 400,
                "invalid_argument");
  ExpectProblem(browser.Send("POST", Path("/datasets/999999/distribution"), {{"value", "inkomst"}}),
                404, "not_found");
}

INSTANTIATE_TEST_SUITE_P(Backends, DistributionApiTest,
                         ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
