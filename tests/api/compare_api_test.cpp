// GET /api/organisations/{org}/analyses/{analysis}/comparison on every backend: a saved
// analysis' published results against the county, the marks from the Wilson intervals, funnel
// limits from scipy (binom(200, 0.55) quantiles with Spiegelhalter's interpolation), ranks, and
// problem+json naming the field for a bad comparator or polarity.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "app/accounts/accounts.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

class CompareApiTest : public OrganisationApiTest {};

const json& AreaRow(const json& result, const std::string& area) {
  for (const auto& row : result.at("rows")) {
    if (row.at("area") == area) return row;
  }
  ADD_FAILURE() << "no row for " << area << ": " << result.dump();
  return result;
}

// 1880: 160 of 200 (80 %), 1881: 60 of 200 (30 %); Örebro county: 220 of 400 (55 %).
TEST_P(CompareApiTest, AnalysisResultsAgainstTheCounty) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  std::string csv = "kommun;kon;behorig\n";
  for (int i = 0; i < 200; ++i)
    csv += fmt::format("1880;{};{}\n", i % 2 ? 'K' : 'M', i < 160 ? 1 : 0);
  for (int i = 0; i < 200; ++i)
    csv += fmt::format("1881;{};{}\n", i % 2 ? 'K' : 'M', i < 60 ? 1 : 0);
  const auto uploaded = browser.Upload(Path("/datasets"), "behorighet.csv", csv);
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const json request = {{"name", "Behörighet"},
                        {"dataset_id", JsonOf(uploaded).at("id")},
                        {"areas", {"kommun", "lan"}},
                        {"indicators",
                         {{{"id", "behorig"},
                           {"name_sv", "Gymnasiebehörighet"},
                           {"type", "proportion"},
                           {"numerator", "behorig"},
                           {"higher_is_favourable", true}}}}};
  const auto created = browser.Send("POST", Path("/analyses"), request);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string path =
      Path(fmt::format("/analyses/{}/comparison", JsonOf(created).at("id").get<std::int64_t>()));

  const auto answer = browser.Get(path + "?against=lan&lang=en");
  ASSERT_EQ(answer->status, 200) << answer->body;
  const json result = JsonOf(answer);
  EXPECT_EQ(result.at("against"), "lan");
  const json& orebro = AreaRow(result, "1880");
  EXPECT_EQ(orebro.at("comparator_area"), "18");
  EXPECT_EQ(orebro.at("comparator_name"), "Örebro län");
  EXPECT_NEAR(orebro.at("comparator_value").get<double>(), 55.0, 1e-9);
  EXPECT_EQ(orebro.at("polarity"), "high");
  // Wilson 95 %: 73.9–85.0 lies above 55; 99.8 %: 70.5–87.2 too.
  EXPECT_EQ(orebro.at("comparison"), "better");
  EXPECT_EQ(orebro.at("comparison_2"), "better");
  EXPECT_NEAR(orebro.at("difference").get<double>(), 25.0, 1e-9);
  EXPECT_NEAR(orebro.at("funnel_lower").get<double>(), 47.82429467253204, 1e-8);
  EXPECT_NEAR(orebro.at("funnel_upper").get<double>(), 61.62548703174208, 1e-8);
  EXPECT_NEAR(orebro.at("funnel_lower_2").get<double>(), 43.82278109233021, 1e-8);
  EXPECT_NEAR(orebro.at("funnel_upper_2").get<double>(), 65.51220917679818, 1e-8);
  EXPECT_EQ(orebro.at("rank"), 1);
  EXPECT_EQ(orebro.at("rank_of"), 2);
  EXPECT_TRUE(orebro.at("quartile").is_null());  // four areas are needed
  EXPECT_EQ(orebro.at("trend"), "could_not_be_calculated");
  EXPECT_EQ(orebro.at("trend_reason"), "fewer_than_five_periods");
  const json& kumla = AreaRow(result, "1881");
  EXPECT_EQ(kumla.at("comparison"), "worse");
  EXPECT_EQ(kumla.at("rank"), 2);
  const json& county = AreaRow(result, "18");
  EXPECT_EQ(county.at("comparison"), "not_compared");
  EXPECT_EQ(county.at("comparator_area"), "");
  // Every row still has the result's own fields.
  EXPECT_EQ(orebro.at("indicator"), "behorig");
  EXPECT_EQ(orebro.at("numerator"), 160);

  // Without a judgement: higher and lower; against a named area.
  const json plain = JsonOf(browser.Get(path + "?against=1881&polarity=none"));
  EXPECT_EQ(AreaRow(plain, "1880").at("comparison"), "higher");
  EXPECT_EQ(AreaRow(plain, "1880").at("comparator_value").get<double>(), 30.0);
  EXPECT_EQ(AreaRow(plain, "1881").at("comparison"), "not_compared");

  for (const char* bad : {"?against=9999", "?against=group:G1", "?against=group:"}) {
    const auto problem = browser.Get(path + bad);
    EXPECT_EQ(problem->status, 400) << bad << problem->body;
    EXPECT_EQ(JsonOf(problem).value("field", ""), "against") << bad;
  }
  const auto bad_polarity = browser.Get(path + "?polarity=up");
  EXPECT_EQ(bad_polarity->status, 400);
  EXPECT_EQ(JsonOf(bad_polarity).value("field", ""), "polarity");
  EXPECT_EQ(browser.Get(Path("/analyses/999999/comparison"))->status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, CompareApiTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
