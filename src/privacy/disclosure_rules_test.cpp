#include "privacy/disclosure_rules.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"

namespace jamlik {
namespace {

std::string WriteRules(const std::string& name, const std::string& text) {
  const auto path =
      std::filesystem::temp_directory_path() /
      (name + "_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::ofstream(path) << text;
  return path.string();
}

TEST(DisclosureRules, DefaultsFollowSwedishPractice) {
  const DisclosureRules rules;
  EXPECT_EQ(rules.min_numerator, 5);  // 1–4 never shown
  EXPECT_EQ(rules.min_denominator, 10);
  EXPECT_EQ(rules.min_population_life_expectancy, 5000);
  EXPECT_EQ(rules.dominance, DominanceRule::kPPercent);
  EXPECT_FALSE(rules.unreliable_relative_width.has_value());
}

TEST(DisclosureRules, FileOverridesBase) {
  const auto path = WriteRules("deployment.toml",
                               "min_numerator = 3\ndominance = \"nk\"\ndominance_k = 80\n"
                               "unreliable_relative_width = 50\n");
  const DisclosureRules rules = ReadDisclosureRules(path, {}, false);
  EXPECT_EQ(rules.min_numerator, 3);
  EXPECT_EQ(rules.dominance, DominanceRule::kNk);
  EXPECT_EQ(rules.dominance_k, 80);
  EXPECT_EQ(rules.unreliable_relative_width, 50);
  EXPECT_EQ(rules.min_denominator, 10);
}

TEST(DisclosureRules, DatasetMayTightenButNotLoosen) {
  const auto tighter = WriteRules("tighter.toml", "min_numerator = 10\ndominance_k = 70\n");
  const DisclosureRules rules = ReadDisclosureRules(tighter, {}, true);
  EXPECT_EQ(rules.min_numerator, 10);
  EXPECT_EQ(rules.dominance_k, 70);
  for (const char* text : {"min_numerator = 3\n", "dominance = \"none\"\n", "dominance_k = 90\n",
                           "exact_seconds = 60\n"}) {
    const auto looser = WriteRules("looser.toml", text);
    try {
      ReadDisclosureRules(looser, {}, true);
      FAIL() << text;
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument) << text;
      EXPECT_EQ(error.location().line, 1U) << text;
    }
  }
}

TEST(DisclosureRules, UnknownKeyIsLocated) {
  const auto path = WriteRules("typo.toml", "min_numerator = 5\nmin_nominator = 4\n");
  try {
    ReadDisclosureRules(path, {}, false);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.location().line, 2U);
    EXPECT_EQ(error.field(), "min_nominator");
  }
}

// toml11 read past the end of a text cut inside a UTF-8 sequence (found by the TOML fuzzer in
// the indicator definitions, which read TOML the same way): refused before parsing, with its place.
TEST(DisclosureRules, InvalidUtf8IsLocatedNotParsed) {
  for (const std::string& text : {std::string("'\xE5"), std::string("min_numerator = 5\n# \xE5")}) {
    const auto path = WriteRules("bytes.toml", text);
    try {
      ReadDisclosureRules(path, {}, false);
      FAIL();
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
      EXPECT_EQ(error.location().line, text.starts_with("'") ? 1U : 2U);
    }
  }
  EXPECT_EQ(
      [] {
        try {
          ReadDisclosureRules("/nonexistent/rules.toml", {}, false);
        } catch (const Error& error) {
          return error.code();
        }
        return ErrorCode::kInternal;
      }(),
      ErrorCode::kIo);
}

}  // namespace
}  // namespace jamlik
