#include "stats/standard_population.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/column.hpp"
#include "core/error.hpp"
#include "core/table.hpp"

namespace jamlik {
namespace {

TEST(Esp2013, HasTheTwentyOnePublishedBandsSummingToOneHundredThousand) {
  const StandardPopulation& esp = Esp2013();
  ASSERT_EQ(esp.bands().size(), 21U);
  EXPECT_EQ(esp.bands().front().band, (AgeBand{0, 0}));
  EXPECT_EQ(esp.bands().front().population, 1000);
  EXPECT_EQ(esp.bands()[1].band, (AgeBand{1, 4}));
  EXPECT_EQ(esp.bands().back().band, (AgeBand{95, std::nullopt}));
  EXPECT_EQ(esp.bands().back().population, 200);
  EXPECT_EQ(esp.Total(), 100000);
  EXPECT_EQ(esp.name(), "esp2013");
}

TEST(Esp2013, FoldsIntoFiveYearBandsWithAChosenOpenBand) {
  const StandardPopulation nineteen = Esp2013FiveYear();
  ASSERT_EQ(nineteen.bands().size(), 19U);
  EXPECT_EQ(nineteen.bands().front().population, 5000);
  EXPECT_EQ(AgeBandLabel(nineteen.bands().back().band), "90+");
  EXPECT_EQ(nineteen.bands().back().population, 1000);
  const StandardPopulation eighteen = Esp2013FiveYear(85);
  ASSERT_EQ(eighteen.bands().size(), 18U);
  EXPECT_EQ(eighteen.bands().back().population, 2500);
  EXPECT_EQ(Esp2013FiveYear(95).bands().size(), 20U);
  EXPECT_THROW(Esp2013FiveYear(87), Error);
  EXPECT_THROW(Esp2013FiveYear(100), Error);
}

TEST(StandardPopulation, PopulationOfABandSumsTheBandsItCovers) {
  const StandardPopulation& esp = Esp2013();
  EXPECT_EQ(esp.Population({1, 4}), 4000);
  EXPECT_EQ(esp.Population({0, 14}), 16000);
  EXPECT_EQ(esp.Population({85, std::nullopt}), 2500);
  EXPECT_EQ(esp.Population({0, std::nullopt}), 100000);
  // Bands that cut through a standard band cannot be taken.
  EXPECT_THROW(esp.Population({0, 2}), Error);
  EXPECT_THROW(esp.Population({2, 4}), Error);
  EXPECT_THROW(esp.Population({90, 200}), Error);
}

TEST(StandardPopulation, RegroupsIntoCoarserBands) {
  const std::vector<int> start_ages = {0, 20, 65};
  const StandardPopulation grouped = Esp2013().Regroup(start_ages);
  ASSERT_EQ(grouped.bands().size(), 3U);
  EXPECT_EQ(grouped.bands()[0].population, 21500);
  EXPECT_EQ(grouped.bands()[2].band, (AgeBand{65, std::nullopt}));
  EXPECT_EQ(grouped.Total(), 100000);
  const std::vector<int> decreasing = {0, 20, 10};
  EXPECT_THROW(Esp2013().Regroup(decreasing), Error);
}

TEST(AgeBand, ParsesTheLabelsStatisticsOfficesWrite) {
  EXPECT_EQ(ParseAgeBand("0-4"), (AgeBand{0, 4}));
  EXPECT_EQ(ParseAgeBand("00-04"), (AgeBand{0, 4}));
  EXPECT_EQ(ParseAgeBand("10 \u2013 14"), (AgeBand{10, 14}));
  EXPECT_EQ(ParseAgeBand("90+"), (AgeBand{90, std::nullopt}));
  EXPECT_EQ(ParseAgeBand("0"), (AgeBand{0, 0}));
  EXPECT_EQ(ParseAgeBand("65-69 år"), (AgeBand{65, 69}));
  EXPECT_THROW(ParseAgeBand("alla"), Error);
  EXPECT_THROW(ParseAgeBand("14-10"), Error);
  EXPECT_THROW(ParseAgeBand("1-4-9"), Error);
  EXPECT_EQ(AgeBandLabel({1, 4}), "1-4");
  EXPECT_EQ(AgeBandLabel({0, 0}), "0");
  EXPECT_EQ(AgeBandLabel({90, std::nullopt}), "90+");
}

TEST(StandardPopulation, RefusesBandsThatDoNotTileTheAges) {
  using Bands = std::vector<StandardPopulationBand>;
  EXPECT_THROW(StandardPopulation("gap", Bands{{{0, 4}, 10}, {{6, std::nullopt}, 10}}), Error);
  EXPECT_THROW(StandardPopulation("overlap", Bands{{{0, 4}, 10}, {{4, std::nullopt}, 10}}), Error);
  EXPECT_THROW(StandardPopulation("closed", Bands{{{0, 4}, 10}, {{5, 9}, 10}}), Error);
  EXPECT_THROW(StandardPopulation("late", Bands{{{1, std::nullopt}, 10}}), Error);
  EXPECT_THROW(StandardPopulation("negative", Bands{{{0, std::nullopt}, -1}}), Error);
  EXPECT_THROW(StandardPopulation("zero", Bands{{{0, std::nullopt}, 0}}), Error);
  EXPECT_THROW(StandardPopulation("empty", Bands{}), Error);
}

TEST(StandardPopulation, LoadsFromATableInAnyOrder) {
  const Table table({Column::String("age", {"65+", "0-19", "20-64"}),
                     Column::Int64("population", {2000000, 2400000, 6000000})});
  const StandardPopulation swedish =
      StandardPopulation::FromTable("se2023", table, "age", "population");
  ASSERT_EQ(swedish.bands().size(), 3U);
  EXPECT_EQ(swedish.bands()[0].band, (AgeBand{0, 19}));
  EXPECT_EQ(swedish.bands()[0].population, 2400000);
  EXPECT_EQ(swedish.Total(), 10400000);
  EXPECT_EQ(swedish.name(), "se2023");
}

TEST(StandardPopulation, RefusesATableWithANullOrTextPopulation) {
  Validity validity = Validity::AllValid(2);
  validity.Clear(1);
  const Table with_null(
      {Column::String("age", {"0-19", "20+"}), Column::Double("population", {1, 2}, validity)});
  try {
    StandardPopulation::FromTable("x", with_null, "age", "population");
    ADD_FAILURE() << "a null population was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kBadValue);
    EXPECT_EQ(error.field(), "population");
  }
  const Table text({Column::String("age", {"0+"}), Column::String("population", {"many"})});
  EXPECT_THROW(StandardPopulation::FromTable("x", text, "age", "population"), Error);
  EXPECT_THROW(StandardPopulation::FromTable("x", text, "age", "missing"), Error);
}

}  // namespace
}  // namespace jamlik
