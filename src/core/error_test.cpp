#include "core/error.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "core/i18n.hpp"
#include "core/parallel.hpp"

namespace jamlik {
namespace {

TEST(ErrorTest, WhatPrefixesFileLineAndColumn) {
  Error error(ErrorCode::kBadValue, "line 1203, column 'alder': 'tolv' is not an integer",
              {"persons.csv", 1203, 17}, "alder", "tolv");
  EXPECT_STREQ(error.what(),
               "persons.csv:1203:17: line 1203, column 'alder': 'tolv' is not an integer");
  EXPECT_EQ(error.field(), "alder");
  EXPECT_EQ(error.value(), "tolv");
}

TEST(ErrorTest, LocationPartsAreLeftOutWhenUnknown) {
  EXPECT_STREQ(Error(ErrorCode::kIo, "cannot open", {"a.csv"}).what(), "a.csv: cannot open");
  EXPECT_STREQ(Error(ErrorCode::kIo, "x", {"a.csv", 3}).what(), "a.csv:3: x");
  EXPECT_STREQ(Error(ErrorCode::kIo, "x").what(), "x");
}

TEST(ErrorTest, EveryCodeHasAnIdAStatusAndAnExitCode) {
  EXPECT_STREQ(ErrorCodeId(ErrorCode::kRaggedRow), "ragged_row");
  EXPECT_EQ(HttpStatus(ErrorCode::kUsage), 400);
  EXPECT_EQ(HttpStatus(ErrorCode::kBadValue), 422);
  EXPECT_EQ(HttpStatus(ErrorCode::kInternal), 500);
  EXPECT_EQ(ExitCode(ErrorCode::kUsage), 2);
  EXPECT_EQ(ExitCode(ErrorCode::kBadValue), 1);
}

TEST(LanguageTest, TrPicksTheCurrentLanguage) {
  const Language before = CurrentLanguage();
  SetLanguage(Language::kSwedish);
  EXPECT_EQ(Tr("rad", "line"), "rad");
  SetLanguage(Language::kEnglish);
  EXPECT_EQ(Tr("rad", "line"), "line");
  SetLanguage(before);
}

TEST(LanguageTest, ScopedLanguageHoldsOnItsThreadAndItsParallelWorkers) {
  const Language before = CurrentLanguage();
  SetLanguage(Language::kEnglish);
  {
    const ScopedLanguage swedish(Language::kSwedish);
    EXPECT_EQ(Tr("rad", "line"), "rad");
    std::vector<std::string> seen(64);
    ParallelFor(seen.size(), [&](std::size_t i) { seen[i] = std::string(Tr("rad", "line")); });
    EXPECT_EQ(std::count(seen.begin(), seen.end(), "rad"), 64);
    std::string other_thread;
    std::thread([&] { other_thread = std::string(Tr("rad", "line")); }).join();
    EXPECT_EQ(other_thread, "line");  // another thread keeps the process language
  }
  EXPECT_EQ(Tr("rad", "line"), "line");
  EXPECT_FALSE(ThreadLanguage().has_value());
  SetLanguage(before);
}

}  // namespace
}  // namespace jamlik
