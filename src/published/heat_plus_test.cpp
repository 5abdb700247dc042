#include "published/heat_plus.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/csv_reader.hpp"

namespace jamlik::published {
namespace {

const std::string kDir = JAMLIK_TEST_DATA_DIR "/heat/";

ImportedResults ImportFile(const std::string& name) {
  return ImportHeatPlus(ReadCsvFile(kDir + name), kDir + name);
}

const ResultRow& Find(const std::vector<ResultRow>& rows, std::string_view area,
                      std::string_view dimension, std::string_view subgroup) {
  const auto found = std::find_if(rows.begin(), rows.end(), [&](const ResultRow& row) {
    return row.area == area && row.dimension == dimension && row.subgroup == subgroup;
  });
  if (found == rows.end()) throw std::runtime_error("no such row");
  return *found;
}

TEST(HeatPlusImportTest, SettingsDimensionsAndTheSettingAverageBecomeResultRows) {
  const ScopedLanguage swedish(Language::kSwedish);
  const ImportedResults imported = ImportFile("template.csv");
  // 11 subgroup rows and one total row per setting (Lekeberg, Örebro län, Norra distriktet).
  ASSERT_EQ(imported.rows.size(), 14U);

  const ResultRow& women = Find(imported.rows, "1814", "kon", "K");
  EXPECT_EQ(women.area_level, "kommun");
  EXPECT_EQ(women.area_name.sv, "Lekeberg");
  EXPECT_EQ(women.indicator, "bmi30");
  EXPECT_EQ(women.indicator_name.sv, "Fetma (andel)");
  EXPECT_EQ(women.period, "2023");
  EXPECT_DOUBLE_EQ(*women.estimate, 18.4);
  EXPECT_DOUBLE_EQ(*women.lower, 15.1);
  EXPECT_DOUBLE_EQ(*women.upper, 21.7);
  EXPECT_DOUBLE_EQ(*women.population, 3600);
  EXPECT_DOUBLE_EQ(women.indicator_scale, 100);
  EXPECT_FALSE(women.favourable_indicator);
  // The template says men are the reference, over the catalogue's choice.
  EXPECT_FALSE(women.reference_subgroup);
  EXPECT_TRUE(Find(imported.rows, "1814", "kon", "M").reference_subgroup);

  // Only se given: estimate ± z(0.975)·se.
  const ResultRow& poorest = Find(imported.rows, "1814", "inkomstkvintil", "Q1");
  EXPECT_TRUE(poorest.ordered_dimension);
  EXPECT_EQ(poorest.subgroup_order, 1);
  EXPECT_NEAR(*poorest.lower, 24.0 - 1.959963984540054 * 2.0, 1e-12);
  EXPECT_NEAR(*poorest.upper, 24.0 + 1.959963984540054 * 2.0, 1e-12);
  EXPECT_EQ(poorest.method, "heat_se");

  // The setting average is the total, never derived from the subgroups.
  const ResultRow& total = Find(imported.rows, "1814", "total", "T");
  EXPECT_DOUBLE_EQ(*total.estimate, 17.2);
  EXPECT_FALSE(total.lower.has_value());
  EXPECT_DOUBLE_EQ(total.indicator_scale, 100);

  const ResultRow& county_men = Find(imported.rows, "18", "kon", "M");
  EXPECT_EQ(county_men.area_level, "lan");
  EXPECT_DOUBLE_EQ(*county_men.estimate, 15.7);

  // A setting the code lists do not know keeps its name; a missing estimate is missing.
  const ResultRow& unknown = Find(imported.rows, "Norra distriktet", "kon", "K");
  EXPECT_EQ(unknown.area_level, kHeatSettingLevel);
  EXPECT_FALSE(unknown.estimate.has_value());
  EXPECT_EQ(unknown.flag, ResultFlag::kMissingInSource);

  ASSERT_EQ(imported.notes.size(), 2U);
  EXPECT_EQ(imported.notes[0], "1 rad har en anteckning i kolumnen flag; den importeras inte");
  EXPECT_NE(imported.notes[1].find("Norra distriktet"), std::string::npos) << imported.notes[1];
}

TEST(HeatPlusImportTest, ABadNumberIsRefusedNamingTheRowColumnAndValue) {
  const ScopedLanguage english(Language::kEnglish);
  try {
    ImportFile("bad_estimate.csv");
    FAIL() << "imported";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kBadValue);
    EXPECT_EQ(error.field(), "estimate");
    EXPECT_NE(std::string(error.what()).find("row 2, column 'estimate': '16.0x' is not a number"),
              std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("bad_estimate.csv"), std::string::npos);
  }
}

TEST(HeatPlusImportTest, TwoSettingAveragesForOneSettingDateAndIndicatorAreRefused) {
  const ScopedLanguage english(Language::kEnglish);
  try {
    ImportFile("average_differs.csv");
    FAIL() << "imported";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "setting_average");
    EXPECT_NE(std::string(error.what()).find("differs from row 1 (17.2)"), std::string::npos)
        << error.what();
  }
}

TEST(HeatPlusImportTest, ARowGivenTwiceIsRefused) {
  const ScopedLanguage english(Language::kEnglish);
  const Table twice = ReadCsvText(
      "setting,date,indicator_abbr,dimension,subgroup,estimate\n"
      "Lekeberg,2023,bmi30,Kön,Kvinnor,18.4\n"
      "Lekeberg,2023,bmi30,Sex,Women,18.9\n",
      "twice.csv");
  try {
    ImportHeatPlus(twice, "twice.csv");
    FAIL() << "imported";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what())
                  .find("row 2: bmi30 / Lekeberg / 2023 / kon / K is given "
                        "already on row 1"),
              std::string::npos)
        << error.what();
  }
}

TEST(HeatPlusExportTest, TheTemplateReadsBackToTheSameRows) {
  const ScopedLanguage swedish(Language::kSwedish);
  const ImportedResults first = ImportFile("template.csv");
  const Table written = ResultsToHeatPlus(first.rows);
  std::vector<std::string> names;
  for (const Column& column : written.columns()) names.push_back(column.name());
  EXPECT_EQ(names, HeatPlusColumns());
  EXPECT_EQ(written.num_rows(), 11U);  // the totals ride along as setting averages
  EXPECT_EQ(written.GetColumn("setting").ValueToString(0), "Lekeberg");
  EXPECT_EQ(written.GetColumn("dimension").ValueToString(0), "Kön");
  EXPECT_EQ(written.GetColumn("subgroup").ValueToString(0), "Kvinnor");
  EXPECT_EQ(written.GetColumn("iso3").ValueToString(0), "SWE");
  EXPECT_EQ(written.GetColumn("setting_average").NumericAt(0), 17.2);
  // se from a symmetric interval is the one given.
  EXPECT_NEAR(written.GetColumn("se").NumericAt(2), 2.0, 1e-12);

  const ImportedResults again = ImportHeatPlus(written, "written");
  ASSERT_EQ(again.rows.size(), first.rows.size());
  for (const ResultRow& row : first.rows) {
    const ResultRow& back = Find(again.rows, row.area, row.dimension, row.subgroup);
    EXPECT_EQ(back.area_level, row.area_level) << row.area << row.subgroup;
    EXPECT_EQ(back.estimate, row.estimate) << row.area << row.subgroup;
    ASSERT_EQ(back.lower.has_value(), row.lower.has_value()) << row.area << row.subgroup;
    if (row.lower) {
      EXPECT_NEAR(*back.lower, *row.lower, 1e-9);
      EXPECT_NEAR(*back.upper, *row.upper, 1e-9);
    }
    EXPECT_EQ(back.subgroup_order, row.subgroup_order);
    EXPECT_EQ(back.reference_subgroup, row.reference_subgroup);
    EXPECT_EQ(back.ordered_dimension, row.ordered_dimension);
    EXPECT_EQ(back.population, row.population);
  }
}

}  // namespace
}  // namespace jamlik::published
