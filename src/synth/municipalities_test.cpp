#include "synth/municipalities.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <istream>
#include <set>
#include <string>

namespace jamlik {
namespace {

TEST(MunicipalitiesTest, SwedenHas290MunicipalitiesIn21Counties) {
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

TEST(MunicipalitiesTest, FindsByCodeWithLeadingZeros) {
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

TEST(MunicipalitiesTest, EmbeddedListIsTheSharedScbList) {
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

}  // namespace
}  // namespace jamlik
