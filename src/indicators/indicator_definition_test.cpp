#include "indicators/indicator_definition.hpp"

#include <gtest/gtest.h>

#include "core/i18n.hpp"

namespace jamlik {
namespace {

constexpr const char* kHomeCare = R"(
[defaults]
period = "ar"
omraden = ["kommun", "riket"]
konfidens = [0.95, 0.998]

[[indicator]]
id = "hemtjanst_65"
namn = "Andel med hemtjänst, 65 år och äldre"
name = "Home care use, 65 and over"
typ = "proportion"
taljare = "hemtjanst"
urval = "alder >= 65"
multiplikator = 100
enhet = "procent"
gynnsamt = "låg"
dimensioner = ["kon", "utbildning", ["kon", "utbildning"]]
)";

Error ErrorFor(const std::string& text) {
  try {
    ParseIndicatorDefinitions(text, "indicators.toml");
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "expected an error for:\n" << text;
  return Error(ErrorCode::kInternal, "");
}

TEST(IndicatorDefinitionTest, ReadsAnIndicatorWithItsDefaults) {
  const auto definitions = ParseIndicatorDefinitions(kHomeCare, "indicators.toml");
  ASSERT_EQ(definitions.size(), 1U);
  const IndicatorDefinition& home_care = definitions[0];
  EXPECT_EQ(home_care.id, "hemtjanst_65");
  EXPECT_EQ(home_care.name_en, "Home care use, 65 and over");
  EXPECT_EQ(home_care.type, "proportion");
  EXPECT_EQ(home_care.numerator, "hemtjanst");
  EXPECT_EQ(home_care.filter.text(), "alder >= 65");
  EXPECT_EQ(home_care.multiplier, 100.0);
  EXPECT_FALSE(home_care.higher_is_favourable);
  EXPECT_EQ(home_care.period, "ar");
  EXPECT_EQ(home_care.areas, (std::vector<std::string>{"kommun", "riket"}));
  EXPECT_EQ(home_care.confidence, (std::vector<double>{0.95, 0.998}));
  ASSERT_EQ(home_care.dimensions.size(), 3U);
  EXPECT_EQ(home_care.dimensions[2], (std::vector<std::string>{"kon", "utbildning"}));
  EXPECT_EQ(home_care.standard_population, "esp2013");
  EXPECT_EQ(home_care.where.line, 7U);
}

TEST(IndicatorDefinitionTest, AMissingKeyNamesTheKeyAndTheTablesLine) {
  SetLanguage(Language::kEnglish);
  const Error error =
      ErrorFor("[[indicator]]\nid = \"x\"\nnamn = \"X\"\ngynnsamt = \"hög\"\ntaljare = \"dod\"\n");
  EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.field(), "typ");
  EXPECT_EQ(error.location().line, 1U);  // the [[indicator]] line
  EXPECT_NE(std::string(error.what()).find("missing"), std::string::npos) << error.what();
}

TEST(IndicatorDefinitionTest, AValueOfTheWrongKindNamesItsPosition) {
  std::string text = kHomeCare;
  text.replace(text.find("multiplikator = 100"), 19, "multiplikator = \"100\"");
  const Error error = ErrorFor(text);
  EXPECT_EQ(error.field(), "multiplikator");
  EXPECT_EQ(error.location().line, 14U);
  EXPECT_EQ(error.location().column, 17U);
}

TEST(IndicatorDefinitionTest, MisspeltKeysAreRejected) {
  std::string text = kHomeCare;
  text.replace(text.find("urval"), 5, "urvla");
  EXPECT_EQ(ErrorFor(text).field(), "urvla");
}

TEST(IndicatorDefinitionTest, BadConditionsConfidenceAndDuplicatesAreRejected) {
  std::string bad_condition = kHomeCare;
  bad_condition.replace(bad_condition.find("alder >= 65"), 11, "alder => 65");
  EXPECT_EQ(ErrorFor(bad_condition).code(), ErrorCode::kInvalidArgument);
  std::string bad_level = kHomeCare;
  bad_level.replace(bad_level.find("0.998"), 5, "95");
  EXPECT_EQ(ErrorFor(bad_level).field(), "konfidens");
  const std::string twice =
      kHomeCare + std::string(kHomeCare).substr(std::string(kHomeCare).find("[[indicator]]"));
  EXPECT_EQ(ErrorFor(twice).field(), "id");
}

TEST(IndicatorDefinitionTest, TomlSyntaxErrorsCarryTheirLine) {
  const Error error = ErrorFor("[[indicator]]\nid = \"x\nnamn = 1\n");
  EXPECT_EQ(error.location().file, "indicators.toml");
  EXPECT_EQ(error.location().line, 2U);
}

// TOML is UTF-8. toml11 read past the end of a text ending inside a UTF-8 sequence (issue 18,
// found by fuzz/indicator_toml_fuzzer): invalid bytes are an error naming their place instead.
TEST(IndicatorDefinitionTest, InvalidUtf8IsAnErrorWithItsPlace) {
  SetLanguage(Language::kEnglish);
  const Error cut = ErrorFor("'\xE5'");
  EXPECT_EQ(cut.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(cut.location().line, 1U);
  EXPECT_EQ(cut.location().column, 2U);
  EXPECT_EQ(cut.message(), "line 1: invalid UTF-8 (byte 0xE5); save the file as UTF-8");
  const Error windows = ErrorFor(
      "[[indicator]]\nid = \"x\"\nnamn = \"D\xF6"
      "dlighet \xE5r\"\n");
  EXPECT_EQ(windows.location().line, 3U);
  EXPECT_EQ(windows.location().column, 10U);
  // Valid UTF-8 is read as before.
  EXPECT_EQ(ErrorFor("[[indicator]]\nid = \"x\"\nnamn = \"Dödlighet år\"\n").location().line, 1U);
}

}  // namespace
}  // namespace jamlik
