// The reading of a measure's value: for each sign convention, each polarity and each sign, which
// group the sentence names as having the higher value and who it says is worse off. The expected
// sentences are written out from the definitions (HEAT's pair rule: D = advantaged − disadvantaged
// for a favourable indicator, the reverse for an adverse one; SII and ACI positive when values rise
// toward the advantaged end), not copied from output.
#include "inequality/reading.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality {
namespace {

// Education from low (disadvantaged, order 1) to high (advantaged, order 3), as a percentage.
SubgroupData Education(const std::vector<double>& estimates, bool favourable) {
  const char* names[] = {"förgymnasial", "gymnasial", "eftergymnasial"};
  SubgroupData data;
  data.ordered = true;
  data.favourable = favourable;
  for (std::size_t j = 0; j < estimates.size(); ++j) {
    data.subgroups.push_back(Subgroup{.name = names[j],
                                      .order = static_cast<int>(j + 1),
                                      .population = 1000.0,
                                      .estimate = estimates[j],
                                      .se = 2.0,
                                      .reference = false});
  }
  return data;
}

std::string Reading(std::string_view id, const SubgroupData& data, Language language) {
  const ScopedLanguage scoped(language);
  const MeasureDescriptor& measure = *MeasureRegistry().Find(InputKind::kSubgroups, id);
  return MeasureReading(measure, data, measure.compute_subgroups(data, {}));
}

TEST(MeasureReading, DifferenceNamesBothSubgroupsAndWhoIsWorseOff) {
  // Favourable: D = 80 − 40 = 40, the least educated have the lower, worse value.
  EXPECT_EQ(Reading("d", Education({40, 60, 80}, true), Language::kSwedish),
            "eftergymnasial har 40,0 procentenheter högre värde än förgymnasial; högt värde är "
            "gynnsamt, så förgymnasial har det sämre.");
  // Adverse, same values: D = 40 − 80 = −40; the most educated have more of the bad outcome.
  EXPECT_EQ(Reading("d", Education({40, 60, 80}, false), Language::kSwedish),
            "förgymnasial har 40,0 procentenheter lägre värde än eftergymnasial; lågt värde är "
            "gynnsamt, så eftergymnasial har det sämre.");
  EXPECT_EQ(Reading("d", Education({40, 60, 80}, true), Language::kEnglish),
            "eftergymnasial is 40.0 percentage points higher than förgymnasial; high values are "
            "favourable, which leaves förgymnasial worse off.");
}

TEST(MeasureReading, RatioSaysHowManyTimes) {
  EXPECT_EQ(Reading("r", Education({40, 60, 80}, true), Language::kEnglish),
            "eftergymnasial has 2.00 times the value of förgymnasial; high values are favourable, "
            "which leaves förgymnasial worse off.");
}

TEST(MeasureReading, SlopeAndConcentrationSayWhichEndIsHigherAndWhoIsWorseOff) {
  // Values rising with education: SII positive; favourable, so the disadvantaged are worse off.
  EXPECT_EQ(Reading("sii", Education({40, 60, 80}, true), Language::kSwedish),
            "Positivt: högre värden mot den gynnade änden än mot den missgynnade (förgymnasial – "
            "eftergymnasial); högt värde är gynnsamt, så den missgynnade gruppen har det sämre.");
  // The same values of an adverse indicator: still positive, now the advantaged are worse off.
  EXPECT_EQ(Reading("aci", Education({40, 60, 80}, false), Language::kEnglish),
            "Positive: higher values toward the advantaged end than the disadvantaged end "
            "(förgymnasial – eftergymnasial); low values are favourable, which leaves the "
            "advantaged group worse off.");
  // An adverse indicator falling with education (mortality): D is positive (40 − 20 = 20, the
  // disadvantaged worse off) while SII and ACI are negative; the readings agree on who is worse.
  const SubgroupData mortality = Education({40, 30, 20}, false);
  EXPECT_EQ(Reading("rci", mortality, Language::kSwedish),
            "Negativt: lägre värden mot den gynnade änden än mot den missgynnade (förgymnasial – "
            "eftergymnasial); lågt värde är gynnsamt, så den missgynnade gruppen har det sämre.");
  EXPECT_EQ(Reading("d", mortality, Language::kSwedish),
            "förgymnasial har 20,0 procentenheter högre värde än eftergymnasial; lågt värde är "
            "gynnsamt, så förgymnasial har det sämre.");
  EXPECT_EQ(Reading("rii_linear", mortality, Language::kEnglish).substr(0, 9), "Below 1: ");
}

TEST(MeasureReading, AttributableRiskSaysWhatTheAverageWouldBecome) {
  // μ = 60; the most educated have 80: PAR = 20 percentage points.
  EXPECT_EQ(Reading("par", Education({40, 60, 80}, true), Language::kSwedish),
            "Om alla hade värdet för eftergymnasial skulle genomsnittet bli 20,0 procentenheter "
            "högre (högt värde är gynnsamt).");
}

TEST(MeasureReading, SpreadMeasuresHaveNoDirectionAndEqualValuesNoInequality) {
  SubgroupData regions = Education({40, 60, 80}, true);
  regions.ordered = false;  // BGV is for unordered dimensions
  EXPECT_EQ(Reading("bgv", regions, Language::kEnglish),
            "The measure has no direction: the larger the value, the larger the differences "
            "between the subgroups.");
  EXPECT_EQ(Reading("d", Education({50, 50, 50}, true), Language::kSwedish),
            "eftergymnasial och förgymnasial har samma värde.");
  EXPECT_EQ(Reading("sii_linear", Education({50, 50, 50}, true), Language::kEnglish),
            "No inequality between the advantaged and the disadvantaged end.");
}

TEST(MeasureReading, NoEstimateNoReading) {
  EXPECT_EQ(Reading("sii", Education({40, 60}, true), Language::kSwedish), "");
}

}  // namespace
}  // namespace jamlik::inequality
