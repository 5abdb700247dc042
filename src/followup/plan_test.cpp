#include "followup/plan.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
namespace jamlik::followup {
namespace {

constexpr const char* kPlan = R"(# A plan
[[target]]
id = "halvera_gapet"
indicator = "gymnasiebehorighet"
area = "1880"
kind = "gap"
measure = "d"
dimension = "utbildning"
baseline_period = "2024"
target_value = 5.0
target_period = "2028"

[[target]]
id = "forgymnasial"
indicator = "gymnasiebehorighet"
area = "1880"
kind = "level"
dimension = "utbildning"
subgroup = "förgymnasial"
baseline_period = 2024
target_value = 80
target_period = "2026-T2"
)";

// Return the error's what() of parsing `text` as plan.toml, or "" when it parses.
std::string ErrorOf(const std::string& text) {
  try {
    ParsePlan(text, "plan.toml");
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    return error.what();
  }
  return {};
}

// kPlan's first target with one line replaced (or removed, when `to` is empty).
std::string Edited(const std::string& from, const std::string& to) {
  std::string text = kPlan;
  text.replace(text.find(from), from.size() + (to.empty() ? 1 : 0), to);
  return text;
}

TEST(PlanTest, ReadsTargets) {
  const std::vector<Target> targets = ParsePlan(kPlan, "plan.toml");
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].id, "halvera_gapet");
  EXPECT_EQ(targets[0].kind, "gap");
  EXPECT_EQ(targets[0].measure, "d");
  EXPECT_EQ(targets[0].dimension, "utbildning");
  EXPECT_EQ(targets[0].baseline_period, (Period{2024, 0}));
  EXPECT_EQ(targets[0].target_value, 5.0);
  EXPECT_EQ(targets[0].where.line, 2u);
  EXPECT_EQ(targets[1].subgroup, "förgymnasial");
  EXPECT_EQ(targets[1].baseline_period, (Period{2024, 0}));  // a year as a number
  EXPECT_EQ(targets[1].target_period, (Period{2026, 2}));
}

TEST(PlanTest, MistakesNameFileLineColumnKeyAndValue) {
  EXPECT_EQ(ErrorOf(Edited("kind = \"gap\"", "kind = \"gapp\"")),
            "plan.toml:6:8: key 'kind': 'gapp' is not a target kind: gap, floor, level, total");
  EXPECT_EQ(ErrorOf(Edited("measure = \"d\"", "measure = \"gini\"")),
            "plan.toml:7:11: key 'measure': 'gini' is not a gap measure: d, r, sii, rii, aci or "
            "rci");
  EXPECT_EQ(ErrorOf(Edited("target_period = \"2028\"", "target_period = \"2028-T4\"")),
            "plan.toml:11:17: key 'target_period': '2028-T4' is not a period: write a year "
            "(\"2025\") or a tertial (\"2025-T1\" … \"2025-T3\")");
  EXPECT_EQ(ErrorOf(Edited("target_period = \"2028\"", "target_period = \"2023\"")),
            "plan.toml:11:17: key 'target_period': '2023' must lie after the baseline period "
            "'2024'");
  EXPECT_EQ(ErrorOf(Edited("target_value = 5.0", "target_value = \"hälften\"")),
            "plan.toml:10:16: key 'target_value': 'hälften' must be a number");
  EXPECT_EQ(ErrorOf(Edited("area = \"1880\"", "omrade = \"1880\"")),
            "plan.toml:5:10: key 'omrade': unknown key (misspelt?)");
  EXPECT_NE(
      ErrorOf(Edited("measure = \"d\"", "")).find("key 'measure': is required for the kind 'gap'"),
      std::string::npos);
  EXPECT_EQ(ErrorOf(Edited("id = \"halvera_gapet\"", "id = \"forgymnasial\"")),
            "plan.toml:14:6: key 'id': 'forgymnasial' is already used");
  EXPECT_EQ(ErrorOf(Edited("measure = \"d\"", "measure = \"r\"\nsubgroup = \"x\"")),
            "plan.toml:8:12: key 'subgroup': is not used for the kind 'gap'");
  EXPECT_EQ(ErrorOf("[[target]]\nid = \"x\"\n"),
            "plan.toml:1:1: key 'indicator': is missing but required");
  EXPECT_EQ(ErrorOf(Edited("target_period = \"2028\"", "target_period = 1e300")),
            "plan.toml:11:17: key 'target_period': '1e+300' is not a period: write a year "
            "(\"2025\") or a tertial (\"2025-T1\" … \"2025-T3\")");
  EXPECT_EQ(ErrorOf("titel = \"x\"\n"), "plan.toml:1:9: key 'titel': unknown key (misspelt?)");
}

TEST(PlanTest, ARatiosTargetMustBePositive) {
  std::string text = Edited("measure = \"d\"", "measure = \"rii\"");
  text = text.replace(text.find("target_value = 5.0"), 18, "target_value = 0");
  EXPECT_EQ(ErrorOf(text),
            "plan.toml:10:16: key 'target_value': '0': a ratio's target must be greater than 0");
}

TEST(PlanTest, MessagesAreInTheUsersLanguage) {
  ScopedLanguage swedish(Language::kSwedish);
  EXPECT_EQ(ErrorOf(Edited("kind = \"gap\"", "kind = \"gapp\"")),
            "plan.toml:6:8: nyckeln 'kind': 'gapp' är ingen målsort: gap, floor, level, total");
}

TEST(PlanTest, AFileThatCannotBeOpenedIsAnIoError) {
  try {
    ReadPlan("/no/such/plan.toml");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kIo);
  }
}

}  // namespace
}  // namespace jamlik::followup
