#include "published/kolada.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "core/i18n.hpp"

namespace jamlik::published {
namespace {

const std::string kDir = JAMLIK_TEST_DATA_DIR "/kolada/";

const ResultRow& Row(const std::vector<ResultRow>& rows, const std::string& area,
                     const std::string& period, const std::string& subgroup) {
  const auto found = std::find_if(rows.begin(), rows.end(), [&](const ResultRow& row) {
    return row.area == area && row.period == period && row.subgroup == subgroup;
  });
  if (found == rows.end())
    throw std::runtime_error("no row " + area + " " + period + " " + subgroup);
  return *found;
}

KoladaImport ImportAll() {
  return ImportKolada({.pages = {kDir + "page_1.json", kDir + "page_2.json"},
                       .kpis = kDir + "kpi.json",
                       .groups = kDir + "municipality_groups.json"});
}

TEST(KoladaTest, ThePagesImportAsOneTable) {
  const KoladaImport imported = ImportAll();
  const auto& rows = imported.results.rows;
  ASSERT_EQ(rows.size(), 12u);
  const ResultRow& women = Row(rows, "1814", "2023", "K");
  EXPECT_EQ(women.indicator, "N00926");
  EXPECT_EQ(women.indicator_name.sv, "Ohälsotal, dagar (testvärden)");
  EXPECT_EQ(women.area_level, "kommun");
  EXPECT_EQ(women.area_name.sv, "Lekeberg");
  EXPECT_EQ(women.dimension, "kon");
  EXPECT_EQ(women.indicator_type, kPublishedIndicatorType);
  EXPECT_DOUBLE_EQ(*women.estimate, 24.6);
  EXPECT_EQ(women.flag, ResultFlag::kNone);
  // T is the whole population, as computed results write it.
  const ResultRow& total = Row(rows, "1880", "2023", "T");
  EXPECT_EQ(total.dimension, "total");
  EXPECT_DOUBLE_EQ(*total.estimate, 17.0);
}

TEST(KoladaTest, ANullValueIsMissingNeverZero) {
  const KoladaImport imported = ImportAll();
  const ResultRow& missing = Row(imported.results.rows, "1814", "2022", "K");
  EXPECT_FALSE(missing.estimate.has_value());
  EXPECT_EQ(missing.flag, ResultFlag::kMissingInSource);
  ScopedLanguage english(Language::kEnglish);
  ASSERT_FALSE(ImportAll().results.notes.empty());
  EXPECT_NE(ImportAll().results.notes[0].find("1 value is missing in the source"),
            std::string::npos)
      << ImportAll().results.notes[0];
  EXPECT_NE(ImportAll().results.notes[0].find("\"Missing\": 1"), std::string::npos);
}

TEST(KoladaTest, RegionsTheNationAndGroupsArePlaced) {
  const KoladaImport imported = ImportAll();
  const auto& rows = imported.results.rows;
  const ResultRow& region = Row(rows, "18", "2023", "T");
  EXPECT_EQ(region.area_level, "lan");
  EXPECT_EQ(region.area_name.sv, "Örebro län");
  const ResultRow& nation = Row(rows, "00", "2023", "T");
  EXPECT_EQ(nation.area_level, "riket");
  EXPECT_EQ(nation.area_name.sv, "Sverige");
  const ResultRow& group = Row(rows, "G124009", "2023", "T");
  EXPECT_EQ(group.area_level, kKoladaGroupLevel);
  EXPECT_EQ(group.area_name.sv, "Liknande kommuner som Lekeberg (testgrupp)");
  EXPECT_DOUBLE_EQ(*group.estimate, 18.9);
}

TEST(KoladaTest, MunicipalityGroupsAreComparisonGroupsInOurCodes) {
  const KoladaImport imported = ImportAll();
  ASSERT_EQ(imported.groups.size(), 1u);
  EXPECT_EQ(imported.groups[0].id, "G124009");
  ASSERT_EQ(imported.groups[0].members.size(), 3u);
  EXPECT_EQ(imported.groups[0].members[1], (PlacedArea{"kommun", "1860"}));
}

TEST(KoladaTest, WithoutMetadataTheKpiIdIsTheName) {
  const KoladaImport imported =
      ImportKolada({.pages = {kDir + "page_2.json", kDir + "page_1.json"}});
  EXPECT_EQ(imported.results.rows.front().indicator_name.sv, "N00926");
}

TEST(KoladaTest, AMissingOrRepeatedPageIsAnError) {
  EXPECT_THROW(ImportKolada({.pages = {kDir + "page_1.json"}}), Error);
  EXPECT_THROW(ImportKolada({.pages = {kDir + "page_2.json"}}), Error);
  EXPECT_THROW(
      ImportKolada({.pages = {kDir + "page_1.json", kDir + "page_1.json", kDir + "page_2.json"}}),
      Error);
}

KoladaPage PageOf(const std::string& kpi, std::optional<std::string> next,
                  std::optional<std::string> previous) {
  KoladaPage page;
  page.values.push_back(
      {kpi, "1814", next ? "2022" : "2023", "T", 1, "", 1.0, "/values/0/values/0"});
  page.next_url = std::move(next);
  page.previous_url = std::move(previous);
  return page;
}

TEST(KoladaTest, SeveralPagedResponsesImportTogether) {
  const std::string a = "https://api.kolada.se/v3/data/kpi/A/municipality/1814";
  const std::string b = "https://api.kolada.se/v3/data/kpi/B/municipality/1814";
  const std::vector<KoladaPage> pages = {PageOf("A", a + "?page=2&per_page=1", std::nullopt),
                                         PageOf("B", std::nullopt, b + "?page=1&per_page=1"),
                                         PageOf("A", std::nullopt, a + "?page=1&per_page=1"),
                                         PageOf("B", b + "?page=2&per_page=1", std::nullopt)};
  EXPECT_EQ(KoladaResults(pages, {"a1", "b2", "a2", "b1"}).rows.size(), 4u);
  // Without B's first page, B is incomplete; A is not.
  try {
    KoladaResults({pages[0], pages[1], pages[2]}, {"a1", "b2", "a2"});
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.location().file, "b2");
  }
}

nlohmann::json Page(const std::string& values) {
  return nlohmann::json::parse(
      R"({"values": [{"kpi": "N1", "municipality": "1814", "period": 2023, "values": [)" + values +
      "]}]}");
}

TEST(KoladaTest, AValueOfTheWrongKindNamesItsPointer) {
  try {
    ParseKoladaPage(Page(R"({"gender": "T", "value": "12"})"), "p.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "/values/0/values/0/value");
    EXPECT_EQ(error.location().file, "p.json");
  }
  try {
    ParseKoladaPage(Page(R"({"gender": "X", "value": 1})"), "p.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "/values/0/values/0/gender");
  }
  const KoladaPage page =
      ParseKoladaPage(Page(R"({"gender": "M", "count": 1, "status": "", "value": 3})"), "p.json");
  ASSERT_EQ(page.values.size(), 1u);
  EXPECT_EQ(page.values[0].period, "2023");
  EXPECT_EQ(page.values[0].count, 1);
}

}  // namespace
}  // namespace jamlik::published
