#include "published/pxweb_v1_json.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace jamlik::published {
namespace {

nlohmann::json Response(const std::string& data) {
  return nlohmann::json::parse(R"({
    "columns": [{"code": "Region", "text": "region", "type": "d"},
                {"code": "Kon", "text": "kön", "type": "d"},
                {"code": "Tid", "text": "år", "type": "t"},
                {"code": "N1", "text": "Folkmängd", "type": "c"},
                {"code": "N2", "text": "Folkökning", "type": "c"}],
    "comments": [], "data": )" +
                               data + R"(,
    "metadata": [{"infofile": "BE0101", "label": "x", "source": "SCB"}]})");
}

TEST(PxWebV1JsonTest, EachContentColumnIsAnObservation) {
  const ScbTable table =
      ParsePxWebV1Json(Response(R"([{"key": ["18", "1+2", "2020"], "values": ["304805", "1101"]},
                   {"key": ["1814", "2", "2020"], "values": ["..", "-3.5"]}])"),
                       "v1.json");
  EXPECT_EQ(table.table_id, "BE0101");
  ASSERT_EQ(table.observations.size(), 4u);
  EXPECT_EQ(*table.observations[1].value, 1101);
  EXPECT_FALSE(table.observations[2].value);
  EXPECT_EQ(table.observations[2].status, "..");
  EXPECT_EQ(*table.observations[3].value, -3.5);
  const ImportedResults results = ScbTableToResults(table);
  EXPECT_EQ(results.rows[0].indicator, "N1");
  EXPECT_EQ(results.rows[0].indicator_name.sv, "Folkmängd");
  EXPECT_EQ(results.rows[0].area_level, "lan");
  EXPECT_EQ(results.rows[0].area_name.sv, "Örebro län");
  EXPECT_EQ(results.rows[0].dimension, "total");
  EXPECT_EQ(results.rows[3].subgroup, "K");
  EXPECT_EQ(results.rows[2].flag, ResultFlag::kMissingInSource);
}

TEST(PxWebV1JsonTest, TextWithDigitsThatIsNoNumberIsAnError) {
  try {
    ParsePxWebV1Json(Response(R"([{"key": ["18", "1", "2020"], "values": ["12,5", "1"]}])"),
                     "v1.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "/data/0/values/0");
  }
  try {
    ParsePxWebV1Json(Response(R"([{"key": ["18", "2020"], "values": ["1", "1"]}])"), "v1.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "/data/0/key");
  }
}

}  // namespace
}  // namespace jamlik::published
