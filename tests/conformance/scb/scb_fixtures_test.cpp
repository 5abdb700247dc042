// The real SCB responses of ../shared/fixtures/scb (taken from the test data of the PxWeb clients
// pxwebpy and rOpenGov/pxweb) import with exactly the counts and values its README states.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "core/error.hpp"
#include "published/json_input.hpp"
#include "published/scb.hpp"

namespace jamlik::published {
namespace {

const std::string kDir = JAMLIK_SHARED_DIR "/fixtures/scb/";

ImportedResults Import(const std::string& name) { return ImportScb(kDir + name); }

struct Count {
  const char* file;
  std::size_t values;
};

// The README's summary table: "Values is the number of observations a test can assert."
TEST(ScbFixturesTest, EveryDataFileImportsWithTheReadmesValueCount) {
  for (const Count& count :
       {Count{"pxwebpy__TAB6471_data.json", 2772}, Count{"pxwebpy__TAB6471_metadata.json", 0},
        Count{"pxwebpy__v1_TAB3554_jsonstat2.json", 9},
        Count{"pxweb__TAB638_data-35e0e2-5aec69-POST.json", 1},
        Count{"pxweb__TAB638_metadata-f01ece.json", 0},
        Count{"pxweb__v1_ME0104T24-c9f73a-POST.json", 2},
        Count{"pxweb__v1_BefolkningNy-3e8562-POST.json", 1},
        Count{"pxweb__v1_BefolkningNy-b51455-POST.json", 6},
        Count{"pxweb__v1_BefolkningNy-21059a-POST.json", 12},
        Count{"pxweb__v1_en_BefolkningNy-eec451-POST.json", 4},
        Count{"pxweb__v1_jsonstat1_BefolkningNy-28a10f-POST.json", 1}}) {
    const ImportedResults results = Import(count.file);
    EXPECT_EQ(results.rows.size(), count.values) << count.file;
    for (const ResultRow& row : results.rows) {
      EXPECT_TRUE(row.estimate.has_value()) << count.file;  // no file here has a missing value
    }
  }
}

// The files that are no data responses are refused with an error naming the file.
TEST(ScbFixturesTest, ListsCodeListsConfigAndV1MetadataAreNoData) {
  for (const char* name :
       {"pxwebpy__tables.json", "pxwebpy__codelist_agg_Alder10arJ.json", "pxweb__v2_config.json",
        "pxwebpy__v1_SamForvInk1_metadata.json", "pxweb__v1_ME0104T24_metadata.json"}) {
    try {
      Import(name);
      ADD_FAILURE() << name;
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kBadValue) << name;
      EXPECT_EQ(error.location().file, kDir + name);
    }
  }
}

const ResultRow& Find(const std::vector<ResultRow>& rows, const std::string& area,
                      const std::string& period, const std::string& subgroup) {
  const auto found = std::find_if(rows.begin(), rows.end(), [&](const ResultRow& row) {
    return row.area == area && row.period == period && row.subgroup == subgroup;
  });
  if (found == rows.end()) throw std::runtime_error(area + " " + period + " " + subgroup);
  return *found;
}

TEST(ScbFixturesTest, Tab6471IsRowMajorAndKeepsItsNoisyTotals) {
  const auto rows = Import("pxwebpy__TAB6471_data.json").rows;
  ASSERT_EQ(rows.size(), 2772u);
  // README: value[0..3] Stockholms län / 0-9 år / totalt / 2026M01…M04; value[4] män 2026M01;
  // value[2771] Norrbottens län / 100+ år / kvinnor / 2026M04.
  const double first[] = {245284, 247245, 249358, 251635};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(*rows[i].estimate, first[i]);
    EXPECT_EQ(rows[i].area, "01");
    EXPECT_EQ(rows[i].area_level, "lan");
    EXPECT_EQ(rows[i].area_name.sv, "Stockholms län");
    EXPECT_EQ(rows[i].dimension, "Alder");  // TotSa of Kon: the whole population
    EXPECT_EQ(rows[i].subgroup, "0-9");
    EXPECT_EQ(rows[i].indicator, "000007SF");
  }
  EXPECT_EQ(rows[0].period, "2026M01");
  EXPECT_EQ(rows[4].subgroup, "0-9 × M");
  EXPECT_EQ(rows[4].dimension, "Alder × kon");
  EXPECT_EQ(*rows[4].estimate, 125373);
  EXPECT_EQ(rows[2771].area, "25");
  EXPECT_EQ(rows[2771].period, "2026M04");
  EXPECT_EQ(rows[2771].subgroup, "100+10 × K");
  EXPECT_EQ(*rows[2771].estimate, 54);
  const double sum = std::accumulate(rows.begin(), rows.end(), 0.0,
                                     [](double s, const ResultRow& r) { return s + *r.estimate; });
  EXPECT_EQ(sum, 84837753);
  // The totals are SCB's own, noise and all, never derived from the parts: README, 776 of the 924
  // region × age × month totals differ from män + kvinnor.
  std::size_t totals = 0, differing = 0;
  for (const ResultRow& row : rows) {
    if (row.dimension != "Alder") continue;
    ++totals;
    const double men = *Find(rows, row.area, row.period, row.subgroup + " × M").estimate;
    const double women = *Find(rows, row.area, row.period, row.subgroup + " × K").estimate;
    if (*row.estimate != men + women) ++differing;
  }
  EXPECT_EQ(totals, 924u);
  EXPECT_EQ(differing, 776u);
}

TEST(ScbFixturesTest, Tab3554MediansBySexWithTheTotalLast) {
  const auto rows = Import("pxwebpy__v1_TAB3554_jsonstat2.json").rows;
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(rows[0].area, "00");  // no Region: the nation
  EXPECT_EQ(rows[0].subgroup, "M × tot16+");
  EXPECT_DOUBLE_EQ(*rows[0].estimate, 332.8);
  EXPECT_DOUBLE_EQ(*Find(rows, "00", "2021", "K × tot16+").estimate, 263);
  EXPECT_DOUBLE_EQ(*Find(rows, "00", "2022", "tot16+").estimate, 316.6);  // 1+2: the total
}

TEST(ScbFixturesTest, TheSameCellInV2AndV1) {
  const auto v2 = Import("pxweb__TAB638_data-35e0e2-5aec69-POST.json").rows;
  const auto v1 = Import("pxweb__v1_BefolkningNy-3e8562-POST.json").rows;
  ASSERT_EQ(v2.size(), 1u);
  ASSERT_EQ(v1.size(), 1u);
  for (const auto* row : {&v2[0], &v1[0]}) {
    EXPECT_EQ(*row->estimate, 50937);
    EXPECT_EQ(row->indicator, "BE0101N1");
    EXPECT_EQ(row->area_level, "riket");
    EXPECT_EQ(row->area, "00");
    EXPECT_EQ(row->period, "2024");
    EXPECT_EQ(row->dimension, "Civilstand × Alder × kon");
    EXPECT_EQ(row->subgroup, "OG × 0 × M");
  }
  EXPECT_EQ(v2[0].indicator_name.sv, "Folkmängd");
}

TEST(ScbFixturesTest, V1JsonWithTwoMeasuresAndNonAsciiCodes) {
  const auto rows = Import("pxweb__v1_BefolkningNy-b51455-POST.json").rows;
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0].indicator, "BE0101N1");
  EXPECT_EQ(*rows[0].estimate, 9415570);
  EXPECT_EQ(rows[1].indicator, "BE0101N2");
  EXPECT_EQ(*rows[1].estimate, 74888);
  EXPECT_EQ(*rows[5].estimate, 73038);
  const auto civil = Import("pxweb__v1_BefolkningNy-21059a-POST.json").rows;
  double sum_2016 = 0;
  bool widowed = false;
  for (const ResultRow& row : civil) {
    if (row.period == "2016") sum_2016 += *row.estimate;
    widowed = widowed || row.subgroup == "ÄNKL";
  }
  EXPECT_EQ(sum_2016, 9995153);  // 2016 is before SCB's noise: the parts add up
  EXPECT_TRUE(widowed);
}

TEST(ScbFixturesTest, EnglishV1AndJsonStat1) {
  const auto english = Import("pxweb__v1_en_BefolkningNy-eec451-POST.json").rows;
  ASSERT_EQ(english.size(), 4u);
  EXPECT_EQ(english[0].indicator_name.sv, "Population");
  EXPECT_EQ(*english[3].estimate, 10327589);
  EXPECT_EQ(english[3].period, "2019");
  const auto one = Import("pxweb__v1_jsonstat1_BefolkningNy-28a10f-POST.json").rows;
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(*one[0].estimate, 5082662);
  EXPECT_EQ(one[0].subgroup, "M");
  EXPECT_EQ(one[0].period, "2017");
  EXPECT_EQ(one[0].area, "00");
}

TEST(ScbFixturesTest, ElectionVotesKeepTheirParties) {
  const auto rows = Import("pxweb__v1_ME0104T24-c9f73a-POST.json").rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].dimension, "Parti × kon");
  EXPECT_EQ(rows[0].subgroup, "M × M");
  EXPECT_EQ(*rows[0].estimate, 133222);
  EXPECT_EQ(rows[1].subgroup, "C × M");
  EXPECT_EQ(*rows[1].estimate, 59183);
}

}  // namespace
}  // namespace jamlik::published
