#include "stats/life_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "stats/testing_internal.hpp"

namespace jamlik {
namespace {

using stats_internal::ExpectContains;
using stats_internal::ExpectUndefined;

// A plausible municipality of 20 000: 1 000 persons per band, Gompertz mortality plus infants.
std::vector<LifeTableBand> Municipality() {
  std::vector<LifeTableBand> bands;
  for (int age : kLifeTableStartAges) {
    const double rate = age == 0 ? 0.003 : 0.00005 * std::exp(0.09 * age);
    bands.push_back({age, 1000, 1000 * rate});
  }
  return bands;
}

void ExpectWholeGroupUndefined(const std::vector<LifeExpectancy>& table, UndefinedReason reason) {
  for (const LifeExpectancy& row : table) {
    SCOPED_TRACE(row.start_age);
    ExpectUndefined(row.value, reason);
    ExpectUndefined(row.interval, reason);
    ExpectUndefined(row.standard_error, reason);
  }
}

TEST(LifeTable, OpenBandLivesOneOverTheDeathRate) {
  // In the open band L = l/M, so e = 1/M; with s² = 4/(D·M²) and W = (l/2)²·s², SE = 1/(M·√D).
  const std::vector<LifeTableBand> bands = Municipality();
  const std::vector<LifeExpectancy> table = AbridgedLifeTable(bands);
  ASSERT_EQ(table.size(), 20U);
  const LifeTableBand& open = bands.back();
  const double rate = open.deaths / open.population;
  ASSERT_TRUE(table.back().value && table.back().standard_error);
  EXPECT_NEAR(*table.back().value, 1 / rate, 1e-12);
  EXPECT_NEAR(*table.back().standard_error, 1 / (rate * std::sqrt(open.deaths)), 1e-12);
}

TEST(LifeTable, PenultimateBandMatchesAHandCalculation) {
  const std::vector<LifeTableBand> bands = Municipality();
  const std::vector<LifeExpectancy> table = AbridgedLifeTable(bands);
  const double m85 = bands[18].deaths / bands[18].population;
  const double m90 = bands[19].deaths / bands[19].population;
  const double q85 = 5 * m85 / (1 + 5 * m85 * 0.5);
  // Per person alive at 85: 5·(l90 + ½·d85) years in the band, then l90/M90.
  const double l90 = 1 - q85;
  const double expected = (5 * (l90 + 0.5 * q85) + l90 / m90);
  ASSERT_TRUE(table[18].value);
  EXPECT_NEAR(*table[18].value, expected, 1e-10);
}

TEST(LifeTable, ReportsPopulationAndDeathsFromEachAgeUpwards) {
  const std::vector<LifeExpectancy> table = AbridgedLifeTable(Municipality());
  EXPECT_EQ(table.front().population_used, 20000);
  EXPECT_EQ(table.back().population_used, 1000);
  EXPECT_NEAR(table[1].deaths_used, table[0].deaths_used - 3, 1e-9);
}

TEST(LifeTable, BandOrderDoesNotMatter) {
  std::vector<LifeTableBand> shuffled = Municipality();
  std::reverse(shuffled.begin(), shuffled.end());
  std::swap(shuffled[3], shuffled[11]);
  const std::vector<LifeExpectancy> a = AbridgedLifeTable(Municipality());
  const std::vector<LifeExpectancy> b = AbridgedLifeTable(shuffled);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].start_age, b[i].start_age);
    EXPECT_DOUBLE_EQ(*a[i].value, *b[i].value);
  }
}

TEST(LifeTable, HigherConfidenceContainsLower) {
  const std::vector<LifeExpectancy> wide = AbridgedLifeTable(Municipality(), {.confidence = 0.998});
  const std::vector<LifeExpectancy> narrow = AbridgedLifeTable(Municipality());
  for (std::size_t i = 0; i < wide.size(); ++i)
    ExpectContains(wide[i].interval, narrow[i].interval);
}

TEST(LifeTable, WrongBandsMakeTheWholeGroupUndefined) {
  std::vector<LifeTableBand> missing = Municipality();
  missing.erase(missing.begin() + 5);
  ExpectWholeGroupUndefined(AbridgedLifeTable(missing), UndefinedReason::kIncompleteAgeBands);
  std::vector<LifeTableBand> duplicated = Municipality();
  duplicated.push_back(duplicated.back());
  ExpectWholeGroupUndefined(AbridgedLifeTable(duplicated), UndefinedReason::kIncompleteAgeBands);
  ExpectWholeGroupUndefined(AbridgedLifeTable(std::vector<LifeTableBand>{}),
                            UndefinedReason::kIncompleteAgeBands);
}

TEST(LifeTable, InvalidBandsMakeTheWholeGroupUndefined) {
  std::vector<LifeTableBand> bands = Municipality();
  bands[4].deaths = -1;
  ExpectWholeGroupUndefined(AbridgedLifeTable(bands), UndefinedReason::kNegativeCount);
  bands = Municipality();
  bands[4].population = 0;
  ExpectWholeGroupUndefined(AbridgedLifeTable(bands), UndefinedReason::kNonPositivePopulation);
  bands = Municipality();
  bands[19].deaths = 1001;
  ExpectWholeGroupUndefined(AbridgedLifeTable(bands), UndefinedReason::kCountExceedsPopulation);
  bands = Municipality();
  bands[19].deaths = 0;
  ExpectWholeGroupUndefined(AbridgedLifeTable(bands), UndefinedReason::kZeroDeathsInOpenBand);
}

TEST(LifeTable, PopulationAtOrBelowFiveThousandIsUndefined) {
  std::vector<LifeTableBand> bands = Municipality();
  for (LifeTableBand& band : bands) band.population = 250;  // total exactly 5 000
  ExpectWholeGroupUndefined(AbridgedLifeTable(bands), UndefinedReason::kPopulationBelowMinimum);
  bands[0].population = 251;
  EXPECT_TRUE(AbridgedLifeTable(bands).front().standard_error.has_value());
}

TEST(LifeTable, NobodySurvivingABandLeavesLaterAgesUndefined) {
  // More deaths at 1-4 than half the population: q = 1, nobody reaches 5.
  std::vector<LifeTableBand> bands = Municipality();
  bands[1].deaths = 600;
  const std::vector<LifeExpectancy> table = AbridgedLifeTable(bands);
  ASSERT_TRUE(table[1].value);
  EXPECT_DOUBLE_EQ(*table[1].value, 2);  // everyone dies, on average half-way through 4 years
  EXPECT_TRUE(table[0].value.has_value());
  for (std::size_t i = 2; i < table.size(); ++i) {
    ExpectUndefined(table[i].value, UndefinedReason::kNoSurvivors);
    ExpectUndefined(table[i].interval, UndefinedReason::kNoSurvivors);
  }
}

TEST(LifeTable, TooWideIntervalHidesTheValueButKeepsTheInterval) {
  const std::vector<LifeExpectancy> table =
      AbridgedLifeTable(Municipality(), {.max_half_width_95 = 1e-6});
  for (const LifeExpectancy& row : table) {
    ExpectUndefined(row.value, UndefinedReason::kIntervalTooWide);
    EXPECT_TRUE(row.interval.has_value());
  }
}

TEST(LifeTable, RefusesNonFiniteInputsAndInvalidOptions) {
  std::vector<LifeTableBand> bands = Municipality();
  bands[3].deaths = std::nan("");
  EXPECT_THROW(AbridgedLifeTable(bands), Error);
  EXPECT_THROW(AbridgedLifeTable(Municipality(), {.confidence = 0.5}), Error);
  EXPECT_THROW(AbridgedLifeTable(Municipality(), {.max_half_width_95 = 0}), Error);
}

}  // namespace
}  // namespace jamlik
