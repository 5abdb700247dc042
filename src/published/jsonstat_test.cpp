#include "published/jsonstat.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "published/scb.hpp"

namespace jamlik::published {
namespace {

// Region × Kon × Tid (2 × 3 × 2), SCB's ids and no roles; Kon's index as an array, Tid's as an
// object whose keys are not in position order.
nlohmann::json Dataset(const std::string& value, const std::string& status = "") {
  return nlohmann::json::parse(R"({
    "class": "dataset", "version": "2.0",
    "id": ["Region", "Kon", "Tid"], "size": [2, 3, 2],
    "dimension": {
      "Region": {"label": "region", "category": {"index": {"1814": 0, "1880": 1},
                 "label": {"1814": "Lekeberg", "1880": "Örebro"}}},
      "Kon": {"label": "kön", "category": {"index": ["1", "2", "1+2"],
              "label": {"1": "män", "2": "kvinnor", "1+2": "totalt"}}},
      "Tid": {"label": "år", "category": {"index": {"2024": 1, "2023": 0}}}
    },
    "value": )" + value + (status.empty() ? "" : ", \"status\": " + status) +
                               "}");
}

TEST(JsonStatTest, ValueIsRowMajorWithTheLastDimensionFastest) {
  const ScbTable table =
      ParseJsonStat(Dataset("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]"), "t.json");
  ASSERT_EQ(table.observations.size(), 12u);
  EXPECT_EQ(table.variables[2].codes, (std::vector<std::string>{"2023", "2024"}));
  // value[9] is Örebro (1), kvinnor (1), 2024 (1): (1·3 + 1)·2 + 1 = 9.
  const ScbObservation& cell = table.observations[9];
  EXPECT_EQ(cell.positions, (std::vector<std::uint32_t>{1, 1, 1}));
  EXPECT_EQ(*cell.value, 10);
  const ImportedResults results = ScbTableToResults(table);
  const ResultRow& row = results.rows[9];
  EXPECT_EQ(row.area, "1880");
  EXPECT_EQ(row.area_level, "kommun");
  EXPECT_EQ(row.period, "2024");
  EXPECT_EQ(row.dimension, "kon");
  EXPECT_EQ(row.subgroup, "K");  // SCB's 2 is women
  // SCB's total of sex is the whole population, its own published figure.
  EXPECT_EQ(results.rows[11].dimension, "total");
  EXPECT_EQ(results.rows[11].subgroup, "T");
  EXPECT_EQ(*results.rows[11].estimate, 12);
  // Without a content dimension the table (here: none) names the indicator.
  EXPECT_EQ(row.indicator, "scb");
}

TEST(JsonStatTest, SparseValuesAndStatusesByFlatIndex) {
  const ScbTable table =
      ParseJsonStat(Dataset(R"({"0": 5, "7": null})", R"({"7": ".."})"), "t.json");
  ASSERT_EQ(table.observations.size(), 2u);
  EXPECT_EQ(*table.observations[0].value, 5);
  EXPECT_FALSE(table.observations[1].value);
  EXPECT_EQ(table.observations[1].status, "..");
  const ImportedResults results = ScbTableToResults(table);
  EXPECT_EQ(results.rows[1].flag, ResultFlag::kMissingInSource);
  EXPECT_FALSE(results.rows[1].estimate);
}

TEST(JsonStatTest, StatusAsOneStringOrAnArray) {
  const std::string dense = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, null]";
  EXPECT_EQ(ParseJsonStat(Dataset(dense, R"("p")"), "t.json").observations[3].status, "p");
  const ScbTable table = ParseJsonStat(
      Dataset(dense, R"([null, null, null, null, null, null, null, null, null, null, null, "-"])"),
      "t.json");
  EXPECT_EQ(table.observations[10].status, "");
  EXPECT_EQ(table.observations[11].status, "-");
  EXPECT_FALSE(table.observations[11].value);
}

TEST(JsonStatTest, AnEmptyValueIsMetadataWithoutObservations) {
  EXPECT_TRUE(ParseJsonStat(Dataset("[]"), "t.json").observations.empty());
}

TEST(JsonStatTest, BadShapesNameThePointer) {
  try {
    ParseJsonStat(Dataset("[1, 2, 3]"), "t.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "/value");
  }
  try {
    ParseJsonStat(Dataset(R"([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, "12"])"), "t.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "/value/11");
  }
  try {
    ParseJsonStat(Dataset(R"({"12": 1})"), "t.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "/value/12");
  }
}

TEST(JsonStatTest, ASizeIsCheckedAgainstTheCategoriesBeforeAnythingIsAllocated) {
  nlohmann::json document = Dataset("[]");
  document["size"] = {2, 3, 1000000000000};
  try {
    ParseJsonStat(document, "t.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "/dimension/Tid/category/index");
  }
}

TEST(JsonStatTest, AnUnknownSexCodeIsAnError) {
  nlohmann::json document = Dataset("[]");
  document["dimension"]["Kon"]["category"]["index"] = {"1", "2", "9"};
  document["value"] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  EXPECT_THROW(ScbTableToResults(ParseJsonStat(document, "t.json")), Error);
}

TEST(JsonStatTest, OtherVariablesStayAsNamedAndRolesAreRead) {
  const nlohmann::json document = nlohmann::json::parse(R"({
    "version": "2.0", "class": "dataset", "id": ["Omr", "Alder", "M", "Ar"], "size": [1, 2, 1, 1],
    "role": {"geo": ["Omr"], "time": ["Ar"], "metric": ["M"]},
    "dimension": {
      "Omr": {"category": {"label": {"00": "Riket"}}},
      "Alder": {"category": {"index": {"0-9": 0, "100+": 1}, "label": {"0-9": "0-9 år", "100+": "100+ år"}}},
      "M": {"category": {"label": {"X1": "Folkmängd"}}},
      "Ar": {"category": {"index": ["2020"]}}
    },
    "value": [7, 8]})");
  const ImportedResults results = ScbTableToResults(ParseJsonStat(document, "t.json"));
  ASSERT_EQ(results.rows.size(), 2u);
  EXPECT_EQ(results.rows[1].indicator, "X1");
  EXPECT_EQ(results.rows[1].indicator_name.sv, "Folkmängd");
  EXPECT_EQ(results.rows[1].area_level, "riket");
  EXPECT_EQ(results.rows[1].period, "2020");
  EXPECT_EQ(results.rows[1].dimension, "Alder");
  EXPECT_EQ(results.rows[1].subgroup, "100+");
}

TEST(JsonStatTest, ARegionCodeTheListsDoNotPlaceKeepsScbsLabel) {
  const nlohmann::json document = nlohmann::json::parse(R"({
    "version": "2.0", "class": "dataset", "id": ["Region"], "size": [2],
    "dimension": {"Region": {"category": {"index": ["00", "VR1"],
                                          "label": {"00": "Riket", "VR1": "Stockholms kommun"}}}},
    "value": [1, 2]})");
  ScopedLanguage english(Language::kEnglish);
  const ImportedResults results = ScbTableToResults(ParseJsonStat(document, "t.json"));
  EXPECT_EQ(results.rows[0].area_level, "riket");
  EXPECT_EQ(results.rows[0].area_name.en, "Sweden");
  EXPECT_EQ(results.rows[1].area_level, "Region");
  EXPECT_EQ(results.rows[1].area, "VR1");
  EXPECT_EQ(results.rows[1].area_name.sv, "Stockholms kommun");
  ASSERT_EQ(results.notes.size(), 1u);
  EXPECT_NE(results.notes[0].find(
                "1 region code is not in the code lists and keeps SCB's name at level 'Region'"),
            std::string::npos)
      << results.notes[0];
}

TEST(JsonStatTest, NoScbFormatRecognisesATableList) {
  EXPECT_THROW(ParseScb(nlohmann::json::parse(R"({"tables": [], "page": {}})"), "x.json"), Error);
}

}  // namespace
}  // namespace jamlik::published
