#include "published/json_input.hpp"

#include <gtest/gtest.h>

namespace jamlik::published {
namespace {

TEST(JsonInputTest, ASyntaxErrorNamesLineAndColumn) {
  try {
    ParseJson("{\n  \"values\": [1,\n  ]\n}", "sida.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kBadValue);
    EXPECT_EQ(error.location().file, "sida.json");
    EXPECT_EQ(error.location().line, 3u);
    EXPECT_EQ(error.location().column, 3u);
  }
}

// Found by published_json_fuzzer: nlohmann_json throws out_of_range, not parse_error.
TEST(JsonInputTest, ANumberBeyondDoubleIsAnErrorNamingTheFile) {
  try {
    ParseJson(R"({"value": 88888888888888.8888888888e888888888888})", "stor.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kBadValue);
    EXPECT_EQ(error.location().file, "stor.json");
  }
}

TEST(JsonInputTest, EmptyTextIsAnEmptyFile) {
  try {
    ParseJson(" \n", "tom.json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kEmptyFile);
  }
}

TEST(JsonInputTest, AWrongKindNamesThePointerAndWhatWasExpected) {
  const std::string file = "sida.json";
  const nlohmann::json document = ParseJson(R"({"values": [{"a/b": {"gender": 3}}]})", file);
  try {
    JsonAt(document, file)["values"].At(0)["a/b"]["gender"].String();
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "/values/0/a~1b/gender");
    EXPECT_NE(std::string(error.what())
                  .find("sida.json: /values/0/a~1b/gender: expected text, "
                        "got the number 3"),
              std::string::npos)
        << error.what();
  }
  try {
    JsonAt(document, file)["values"].At(0)["kpi"];
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "/values/0/kpi");
  }
}

TEST(JsonInputTest, NullIsAbsentForFindButPresentForChild) {
  const std::string file = "f.json";
  const nlohmann::json document = ParseJson(R"({"value": null})", file);
  EXPECT_FALSE(JsonAt(document, file).Find("value"));
  EXPECT_TRUE(JsonAt(document, file).Child("value").IsNull());
  EXPECT_EQ(JsonAt(ParseJson(R"({"p": 2023})", file), file)["p"].Code(), "2023");
}

}  // namespace
}  // namespace jamlik::published
