#include "core/geography.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

#include <fstream>
#include <istream>
#include <set>
#include <string>

namespace jamlik {
namespace {

TEST(GeographyTest, SwedenHas290MunicipalitiesIn21Counties) {
  EXPECT_EQ(Municipalities().size(), 290U);
  EXPECT_EQ(Counties().size(), 21U);
  std::set<std::string> counties;
  for (const County& county : Counties()) counties.insert(county.code);
  for (const Municipality& m : Municipalities()) {
    EXPECT_EQ(m.code.size(), 4U);
    EXPECT_EQ(m.code.substr(0, 2), m.county_code);
    EXPECT_TRUE(counties.contains(m.county_code)) << m.code;
    EXPECT_EQ(FindCounty(m.county_code)->name, m.county_name);
  }
}

TEST(GeographyTest, FindsByCodeWithLeadingZeros) {
  ASSERT_NE(FindMunicipality("0180"), nullptr);
  EXPECT_EQ(FindMunicipality("0180")->name, "Stockholm");
  EXPECT_EQ(FindMunicipality("2584")->name, "Kiruna");
  EXPECT_EQ(FindMunicipality("2584")->county_name, "Norrbottens län");
  EXPECT_EQ(FindMunicipality("180"), nullptr);
  EXPECT_EQ(FindCounty("18")->name, "Örebro län");
  EXPECT_EQ(FindCounty("02"), nullptr);
}

// The shared file has CRLF line ends.
bool GetLine(std::istream& in, std::string& line) {
  if (!std::getline(in, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

TEST(GeographyTest, EmbeddedListIsTheSharedScbList) {
  std::ifstream in(std::string(JAMLIK_SHARED_DIR) + "/data/kommuner.csv");
  if (!in) GTEST_SKIP() << "no shared data folder";
  std::string line;
  GetLine(in, line);
  EXPECT_EQ(line, "kommun,kommunnamn,lan,lannamn");
  std::size_t i = 0;
  while (GetLine(in, line)) {
    ASSERT_LT(i, Municipalities().size());
    const Municipality& m = Municipalities()[i++];
    EXPECT_EQ(line, m.code + "," + m.name + "," + m.county_code + "," + m.county_name);
  }
  EXPECT_EQ(i, Municipalities().size());
}

TEST(GeographyTest, PlacesAreasByTheCodeListsNotByPrefixes) {
  using namespace area_level;
  EXPECT_EQ(ContainingArea(kMunicipality, "1814", kCounty), "18");
  EXPECT_EQ(ContainingArea(kDeso, "1814A0010", kMunicipality), "1814");
  EXPECT_EQ(ContainingArea(kDeso, "1814A0010", kCounty), "18");
  EXPECT_EQ(ContainingArea(kRegso, "0180R001", kCounty), "01");
  EXPECT_EQ(ContainingArea(kCounty, "18", kNation), std::string(kNationCode));
  EXPECT_EQ(ContainingArea(kMunicipality, "1814", kAllData), std::string(kAllDataCode));
  EXPECT_EQ(ContainingArea(kMunicipality, "1814", kMunicipality), "1814");
  // No municipality 1899, so it is placed nowhere rather than in county 18 by its digits.
  EXPECT_EQ(ContainingArea(kMunicipality, "1899", kCounty), std::nullopt);
  EXPECT_EQ(ContainingArea("stadsdel", "Norr", kCounty), std::nullopt);
  EXPECT_EQ(ContainingArea(kCounty, "18", kMunicipality), std::nullopt);
}

TEST(GeographyTest, NamesAreasInBothLanguages) {
  using namespace area_level;
  EXPECT_EQ(AreaName(kMunicipality, "1814"), BilingualText("Lekeberg"));
  EXPECT_EQ(AreaName(kCounty, "18"), BilingualText("Örebro län"));
  EXPECT_EQ(AreaName(kNation, "00"), BilingualText("Sverige", "Sweden"));
  EXPECT_EQ(AreaName(kAllData, "alla"), BilingualText("Hela datamängden", "All data"));
  EXPECT_EQ(AreaName(kDeso, "1814A0010"), BilingualText("1814A0010"));
  EXPECT_EQ(AreaName(kMunicipality, "9999"), BilingualText("9999"));
}

TEST(GeographyTest, TheTopOfARollUpIsWhatTheDataCovers) {
  using namespace area_level;
  std::vector<std::string> orebro;
  std::vector<std::string> sweden;
  for (const Municipality& m : Municipalities()) {
    if (m.county_code == "18") orebro.push_back(m.code);
    sweden.push_back(m.code);
  }
  EXPECT_EQ(orebro.size(), 12U);
  EXPECT_EQ(TopAreaLevel(kMunicipality, orebro), kCounty);
  EXPECT_EQ(TopAreaLevel(kMunicipality, {"1814", "1860"}), kCounty);
  EXPECT_EQ(TopAreaLevel(kMunicipality, sweden), kNation);
  EXPECT_EQ(TopAreaLevel(kMunicipality, {"1814", "0180"}), kAllData);
  EXPECT_EQ(TopAreaLevel(kDeso, {"1814A0010", "1880C1010"}), kCounty);
  EXPECT_EQ(TopAreaLevel(kCounty, {"18", "17"}), kAllData);
  EXPECT_EQ(TopAreaLevel("stadsdel", {"Norr"}), kAllData);
  EXPECT_EQ(TopAreaLevel("", {}), kAllData);
}

TEST(GeographyTest, TranslatesSourceCodesToTheProjects) {
  EXPECT_EQ(TranslateCode("scb_kon", "1"), "M");
  EXPECT_EQ(TranslateCode("scb_kon", "2"), "K");
  EXPECT_EQ(TranslateCode("scb_kon", "1+2"), "T");
  EXPECT_EQ(TranslateCode("scb_kon", "TotSa"), "T");
  EXPECT_EQ(TranslateCode("scb_kon", "3"), std::nullopt);
  EXPECT_EQ(TranslateCode("kolada_kon", "K"), "K");
  EXPECT_THROW(TranslateCode("okand", "1"), Error);
}

TEST(GeographyTest, PlacesSourcesAreaCodesInTheCodeLists) {
  using area_level::kCounty;
  using area_level::kMunicipality;
  using area_level::kNation;
  EXPECT_EQ(TranslateArea("scb_region", "00"), (PlacedArea{kNation, "00"}));
  EXPECT_EQ(TranslateArea("scb_region", "18"), (PlacedArea{kCounty, "18"}));
  EXPECT_EQ(TranslateArea("scb_region", "1814"), (PlacedArea{kMunicipality, "1814"}));
  EXPECT_EQ(TranslateArea("scb_region", "1814A0010"), (PlacedArea{area_level::kDeso, "1814A0010"}));
  EXPECT_EQ(TranslateArea("scb_region", "1814R001"), (PlacedArea{area_level::kRegso, "1814R001"}));
  EXPECT_EQ(TranslateArea("scb_region", "VR1"), std::nullopt);
  EXPECT_EQ(TranslateArea("scb_region", "99"), std::nullopt);
  EXPECT_EQ(TranslateArea("kolada_omrade", "0000"), (PlacedArea{kNation, "00"}));
  EXPECT_EQ(TranslateArea("kolada_omrade", "0018"), (PlacedArea{kCounty, "18"}));
  EXPECT_EQ(TranslateArea("kolada_omrade", "1814"), (PlacedArea{kMunicipality, "1814"}));
  EXPECT_EQ(TranslateArea("kolada_omrade", "0002"), std::nullopt);  // no county 02
  EXPECT_EQ(TranslateArea("kolada_omrade", "G124009"), std::nullopt);
  EXPECT_THROW(TranslateArea("okand", "00"), Error);
}

}  // namespace
}  // namespace jamlik
