// The effect assessment against independent computations (statsmodels 0.13, Debian's
// python3-statsmodels): the difference in differences of proportions as the interaction of a
// linear probability model fitted by OLS to the persons behind the counts with HC0 standard
// errors; of figures with intervals as the interaction of a weighted least-squares fit to the
// four cells with known variances (cov_type "fixed scale"); the gap's trend as the same WLS slope
// over five periods, χ² = (b / se_b)². The scripts are in the comments; the period rules, the
// reasons and the verdicts by hand.
#include "effect/effect.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::effect {
namespace {

ResultRow Proportion(const std::string& area, const std::string& period,
                     const std::string& subgroup, double events, double trials) {
  ResultRow row;
  row.indicator = "behorighet";
  row.indicator_type = "proportion";
  row.area_level = "kommun";
  row.area = area;
  row.period = period;
  row.dimension = "utb";
  row.subgroup = subgroup;
  row.favourable_indicator = true;
  row.indicator_scale = 100;
  row.estimate = 100 * events / trials;
  row.lower = *row.estimate - 1;  // the Wilson interval is not what the counts method uses
  row.upper = *row.estimate + 1;
  row.numerator = events;
  row.denominator = trials;
  return row;
}

// Pupils eligible for upper secondary school by parents' education, 2018–2025: kort (the target
// group) 200 a year, mellan 300 and lång 500 (the comparison, pooled).
std::vector<ResultRow> Eligibility() {
  const int kort[] = {100, 102, 98, 101, 100, 110, 120, 130};
  const int mellan[] = {210, 212, 208, 211, 210, 213, 212, 214};
  const int lang[] = {420, 421, 419, 422, 420, 421, 423, 422};
  std::vector<ResultRow> rows;
  for (int i = 0; i < 8; ++i) {
    const std::string year = std::to_string(2018 + i);
    rows.push_back(Proportion("1880", year, "kort", kort[i], 200));
    rows.push_back(Proportion("1880", year, "mellan", mellan[i], 300));
    rows.push_back(Proportion("1880", year, "lang", lang[i], 500));
  }
  return rows;
}

EffectQuery EligibilityQuery() {
  EffectQuery query;
  query.indicator = "behorighet";
  query.area = "1880";
  query.dimension = "utb";
  query.subgroups = {"kort"};
  query.start = "2023-01-01";
  return query;
}

// statsmodels: y (0/1 × 100) ~ 1 + treated + post + treated·post on the 1 000 pupils of 2022 and
// 2025, OLS(...).fit(cov_type="HC0"): interaction 14.25, se 5.2918790967860385.
TEST(Effect, ProportionsFromCountsMatchALinearProbabilityModel) {
  const auto rows = Eligibility();
  const EffectAssessment effect = AssessEffect(rows, EligibilityQuery());
  EXPECT_EQ(effect.comparison_members, (std::vector<std::string>{"lang", "mellan"}));
  EXPECT_EQ(effect.polarity, compare::Polarity::kHighIsGood);
  ASSERT_TRUE(effect.before_period && effect.after_period);
  EXPECT_EQ(effect.before_period->Display(), "2022");
  EXPECT_EQ(effect.after_period->Display(), "2025");
  EXPECT_DOUBLE_EQ(*effect.target_before.estimate, 50);
  EXPECT_DOUBLE_EQ(*effect.target_after.estimate, 65);
  EXPECT_DOUBLE_EQ(*effect.comparison_before.estimate, 78.75);  // (210 + 420) / 800
  EXPECT_DOUBLE_EQ(*effect.comparison_after.estimate, 79.5);
  EXPECT_EQ(effect.target_before.method, "counts");
  const Estimate& did = effect.difference_in_differences;
  EXPECT_NEAR(*did.estimate, 14.25, 1e-9);
  EXPECT_NEAR(*did.standard_error, 5.2918790967860385, 1e-9);
  EXPECT_NEAR(*did.lower, 3.8781075597581456, 1e-8);
  EXPECT_NEAR(*did.upper, 24.621892440240117, 1e-8);
  EXPECT_NEAR(*effect.gap_before.estimate, -28.75, 1e-9);
  EXPECT_NEAR(*effect.gap_after.estimate, -14.5, 1e-9);
  EXPECT_EQ(effect.verdict, Verdict::kImprovedMore);
  EXPECT_EQ(effect.reason, EffectReason::kNone);
  // 2018–2022: the WLS slope −0.05009208814847543, χ² 0.0017203227132709777; three periods after.
  ASSERT_TRUE(effect.gap_trend_before.chi_squared);
  EXPECT_NEAR(*effect.gap_trend_before.slope, -0.05009208814847543, 1e-9);
  EXPECT_NEAR(*effect.gap_trend_before.chi_squared, 0.0017203227132709777, 1e-9);
  EXPECT_EQ(effect.gap_trend_before.marker, "no_significant_change");
  EXPECT_EQ(effect.gap_trend_after.reason, "fewer_than_five_periods");
  EXPECT_TRUE(effect.caveats.empty());
  ASSERT_EQ(effect.series.size(), 8U);
  EXPECT_EQ(effect.series[4].phase, Phase::kBefore);
  EXPECT_EQ(effect.series[5].phase, Phase::kAfter);

  // The same with the favourable direction turned: the same interval, the other verdict.
  EffectQuery low = EligibilityQuery();
  low.polarity = compare::Polarity::kLowIsGood;
  EXPECT_EQ(AssessEffect(rows, low).verdict, Verdict::kWorsenedMore);
  low.polarity = compare::Polarity::kNoJudgement;
  EXPECT_EQ(AssessEffect(rows, low).verdict, Verdict::kRoseMore);
}

TEST(Effect, PeriodsCanBeChosenAndTheStartSplitsThem) {
  const auto rows = Eligibility();
  EffectQuery query = EligibilityQuery();
  query.before = followup::ParsePeriod("2020");
  query.after = followup::ParsePeriod("2023");
  const EffectAssessment chosen = AssessEffect(rows, query);
  // (55 − 49) − ((213 + 421)/800 − (208 + 419)/800) · 100 = 6 − 0.875
  EXPECT_NEAR(*chosen.difference_in_differences.estimate, 5.125, 1e-9);
  // A start within 2023 leaves 2023 in the transition: 2024 is the first period after.
  query = EligibilityQuery();
  query.start = "2023-03-15";
  const EffectAssessment mid = AssessEffect(rows, query);
  EXPECT_EQ(mid.series[5].phase, Phase::kTransition);
  EXPECT_EQ(mid.before_period->Display(), "2022");
  query.after = followup::ParsePeriod("2023");
  try {
    AssessEffect(rows, query);
    FAIL() << "2023 is not after a start in March 2023";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.field(), "after");
  }
  query = EligibilityQuery();
  query.start = "2023-13-01";
  try {
    AssessEffect(rows, query);
    FAIL() << "no month 13";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "start");
  }
  // Day 1 of a month starts a period that begins then; tertials end 4, 8, 12 months in.
  EXPECT_EQ(DateMonth("2023-05-01"), 12 * 2023 + 4);
  EXPECT_EQ(followup::ParsePeriod("2023-T1")->EndMonth(), 12 * 2023 + 4);
}

// Rates with intervals, low is good, the municipality's total against two others weighted by
// population. numpy: the comparison 507 (se 17.556088448352465) in 2022 and 472
// (16.779740814201194) in 2024; statsmodels WLS on the four cells with weights 1/se²,
// cov_type="fixed scale": interaction −45, se 38.2816526178193.
TEST(Effect, IntervalsAgainstOtherAreasMatchAWeightedFit) {
  const auto rate = [](const std::string& area, const std::string& period, double estimate,
                       double lower, double upper, double population) {
    ResultRow row;
    row.indicator = "sjukdom";
    row.indicator_type = "rate";
    row.area_level = "kommun";
    row.area = area;
    row.period = period;
    row.dimension = "total";
    row.subgroup = "T";
    row.favourable_indicator = false;
    row.estimate = estimate;
    row.lower = lower;
    row.upper = upper;
    row.population = population;
    return row;
  };
  const std::vector<ResultRow> rows = {
      rate("1880", "2021", 500, 460, 545, 10000), rate("1881", "2021", 520, 480, 562, 20000),
      rate("1882", "2021", 500, 450, 554, 5000),  rate("1880", "2022", 480, 440, 524, 10000),
      rate("1881", "2022", 510, 470, 552, 20000), rate("1882", "2022", 495, 445, 549, 5000),
      rate("1880", "2023", 430, 392, 471, 10000), rate("1881", "2023", 490, 451, 531, 20000),
      rate("1882", "2023", 485, 436, 538, 5000),  rate("1880", "2024", 400, 362, 442, 10000),
      rate("1881", "2024", 470, 432, 510, 20000), rate("1882", "2024", 480, 430, 534, 5000),
      rate("1883", "2024", 480, 430, 534, 5000)};
  EffectQuery query;
  query.indicator = "sjukdom";
  query.area = "1880";
  query.start = "2023-03-15";
  query.comparison = ComparisonKind::kOtherAreas;
  query.comparison_areas = {"1881", "1882"};
  const EffectAssessment effect = AssessEffect(rows, query);
  EXPECT_EQ(effect.target_members, std::vector<std::string>{"T"});
  EXPECT_EQ(effect.polarity, compare::Polarity::kLowIsGood);
  EXPECT_EQ(effect.before_period->Display(), "2022");
  EXPECT_EQ(effect.after_period->Display(), "2024");
  EXPECT_EQ(effect.comparison_before.method, "interval");
  EXPECT_NEAR(*effect.comparison_before.estimate, 507, 1e-9);
  EXPECT_NEAR(*effect.comparison_before.standard_error, 17.556088448352465, 1e-9);
  EXPECT_NEAR(*effect.comparison_after.standard_error, 16.779740814201194, 1e-9);
  EXPECT_NEAR(*effect.target_before.standard_error, 21.428965190835466, 1e-9);
  const Estimate& did = effect.difference_in_differences;
  EXPECT_NEAR(*did.estimate, -45, 1e-9);
  EXPECT_NEAR(*did.standard_error, 38.2816526178193, 1e-9);
  EXPECT_NEAR(*did.lower, -120.03066039959913, 1e-8);
  EXPECT_NEAR(*did.upper, 30.03066039959947, 1e-8);
  EXPECT_EQ(effect.verdict, Verdict::kCannotTell);
  EXPECT_EQ(effect.reason, EffectReason::kIntervalSpansZero);
  EXPECT_EQ(effect.caveats, std::vector<Caveat>{Caveat::kPreTrendNotTested});
  EXPECT_EQ(effect.gap_trend_before.reason, "fewer_than_five_periods");

  // Every other municipality by default: 1883 has only 2024, so 2022's comparison is missing and
  // the assessment says so rather than compare different sets of areas.
  query.comparison_areas.clear();
  const EffectAssessment all = AssessEffect(rows, query);
  EXPECT_EQ(all.comparison_members, (std::vector<std::string>{"1881", "1882", "1883"}));
  EXPECT_EQ(all.verdict, Verdict::kNoData);
  EXPECT_EQ(all.reason, EffectReason::kMissing);
  EXPECT_EQ(all.detail, "2022: 1883");
  // Subgroups of a total cannot be compared with.
  query.comparison = ComparisonKind::kOtherSubgroups;
  EXPECT_EQ(AssessEffect(rows, query).reason, EffectReason::kNoComparisonGroup);
}

// The gap narrowed by five points a year before the start: statsmodels' WLS slope 5.0, χ²
// 110.74681238615656 — significant, so the estimate carries the caveat.
TEST(Effect, AGapAlreadyChangingBeforeTheStartIsACaveat) {
  std::vector<ResultRow> rows;
  const int kort[] = {800, 900, 1000, 1100, 1200, 1300};
  for (int i = 0; i < 6; ++i) {
    const std::string year = std::to_string(2016 + i);
    rows.push_back(Proportion("1880", year, "kort", kort[i], 2000));
    rows.push_back(Proportion("1880", year, "lang", 1400, 2000));
  }
  EffectQuery query = EligibilityQuery();
  query.start = "2021-01-01";
  const EffectAssessment effect = AssessEffect(rows, query);
  EXPECT_NEAR(*effect.gap_trend_before.slope, 5.0, 1e-9);
  EXPECT_NEAR(*effect.gap_trend_before.chi_squared, 110.74681238615656, 1e-8);
  EXPECT_EQ(effect.gap_trend_before.marker, "narrowing");
  EXPECT_EQ(effect.caveats, std::vector<Caveat>{Caveat::kGapChangingBeforeStart});
  EXPECT_NEAR(*effect.difference_in_differences.estimate, 5.0, 1e-9);
}

// A slope change at the start: the gap held still for five years (kort 800, 810, 790, 805, 795
// of 2 000; lång 1 400 of 2 000 throughout) and narrowed by 5 points a year after it (900 … 1 300).
// statsmodels (/usr/bin/python3): WLS(gap, [1, 1…5], weights=1/se²).fit(cov_type="fixed scale"),
// se² = 100²·(p₁(1 − p₁)/2 000 + p₂(1 − p₂)/2 000); χ² = (b / se_b)² against
// scipy.stats.chi2.ppf(0.998, 1) = 9.5495: before b −0.07496609809359533, χ² 0.02498051318374229;
// after b 5.0000000000000036, χ² 111.38295346991211. The difference in differences of 2019 and
// 2024: OLS of the 8 000 persons on treated, post and treated·post, cov_type="HC0": 25.25,
// se 2.1059365493765134.
TEST(Effect, ASlopeChangeAtTheStartShowsInTheGapsTrendBeforeAndAfter) {
  std::vector<ResultRow> rows;
  const int kort[] = {800, 810, 790, 805, 795, 900, 1000, 1100, 1200, 1300};
  for (int i = 0; i < 10; ++i) {
    const std::string year = std::to_string(2015 + i);
    rows.push_back(Proportion("1880", year, "kort", kort[i], 2000));
    rows.push_back(Proportion("1880", year, "lang", 1400, 2000));
  }
  EffectQuery query = EligibilityQuery();
  query.start = "2020-01-01";
  const EffectAssessment effect = AssessEffect(rows, query);
  ASSERT_TRUE(effect.gap_trend_before.slope && effect.gap_trend_before.chi_squared);
  EXPECT_NEAR(*effect.gap_trend_before.slope, -0.07496609809359533, 1e-9);
  EXPECT_NEAR(*effect.gap_trend_before.chi_squared, 0.02498051318374229, 1e-9);
  EXPECT_EQ(effect.gap_trend_before.marker, "no_significant_change");
  ASSERT_TRUE(effect.gap_trend_after.slope && effect.gap_trend_after.chi_squared);
  EXPECT_NEAR(*effect.gap_trend_after.slope, 5.0, 1e-9);
  EXPECT_NEAR(*effect.gap_trend_after.chi_squared, 111.38295346991211, 1e-7);
  EXPECT_EQ(effect.gap_trend_after.marker, "narrowing");
  // Five steady periods before: parallel trends could be checked and were not in doubt.
  EXPECT_TRUE(effect.caveats.empty()) << effect.caveats.size();
  EXPECT_EQ(effect.before_period->Display(), "2019");
  EXPECT_EQ(effect.after_period->Display(), "2024");
  EXPECT_NEAR(*effect.difference_in_differences.estimate, 25.25, 1e-9);
  EXPECT_NEAR(*effect.difference_in_differences.standard_error, 2.1059365493765134, 1e-9);
  EXPECT_EQ(effect.verdict, Verdict::kImprovedMore);
}

TEST(Effect, SaysWhyTheDataCannotTell) {
  auto rows = Eligibility();
  // The latest year suppressed: 2024 is used and the caveat says so.
  for (ResultRow& row : rows) {
    if (row.period == "2025" && row.subgroup == "kort") {
      row.suppressed = true;
      row.estimate.reset();
      row.numerator.reset();
      row.denominator.reset();
    }
  }
  EffectAssessment effect = AssessEffect(rows, EligibilityQuery());
  EXPECT_EQ(effect.after_period->Display(), "2024");
  EXPECT_EQ(effect.caveats, std::vector<Caveat>{Caveat::kEarlierPeriodUsed});
  EXPECT_EQ(effect.series[7].target.reason, EffectReason::kSuppressed);
  EXPECT_FALSE(effect.series[7].gap.estimate);
  // Every year after suppressed: no estimate, and which value is missing.
  for (ResultRow& row : rows) {
    if (row.period >= "2023" && row.subgroup == "mellan") row.suppressed = true;
  }
  effect = AssessEffect(rows, EligibilityQuery());
  EXPECT_EQ(effect.verdict, Verdict::kNoData);
  EXPECT_EQ(effect.reason, EffectReason::kSuppressed);
  EXPECT_EQ(effect.detail, "2025: kort");
  EXPECT_FALSE(effect.difference_in_differences.estimate);

  EffectQuery query = EligibilityQuery();
  query.start = "2026-01-01";
  EXPECT_EQ(AssessEffect(Eligibility(), query).reason, EffectReason::kNotStartedYet);
  query.start = "2018-01-01";
  EXPECT_EQ(AssessEffect(Eligibility(), query).reason, EffectReason::kNoPeriodBeforeStart);
  query = EligibilityQuery();
  query.subgroups = {"kort", "mellan", "lang"};
  EXPECT_EQ(AssessEffect(Eligibility(), query).reason, EffectReason::kNoComparisonGroup);
  query.indicator = "nothing";
  EXPECT_EQ(AssessEffect(Eligibility(), query).verdict, Verdict::kNoData);
  query = EligibilityQuery();
  query.subgroups.clear();
  EXPECT_THROW(AssessEffect(Eligibility(), query), Error);
}

TEST(Effect, TheSummaryReadsInTheUsersLanguage) {
  const auto rows = Eligibility();
  const EffectAssessment effect = AssessEffect(rows, EligibilityQuery());
  {
    ScopedLanguage swedish(Language::kSwedish);
    const std::string text = EffectSummary(effect);
    EXPECT_NE(text.find("+14,25 (95 % KI 3,88 till 24,62)"), std::string::npos) << text;
    EXPECT_NE(text.find("över 0: målgruppen har utvecklats bättre"), std::string::npos) << text;
    EXPECT_NE(text.find("inte att insatsen orsakade det"), std::string::npos) << text;
  }
  {
    ScopedLanguage english(Language::kEnglish);
    const std::string text = EffectSummary(effect);
    EXPECT_NE(text.find("changed by +15.00 (50.00 → 65.00)"), std::string::npos) << text;
    EXPECT_NE(text.find("The whole interval lies above 0"), std::string::npos) << text;
  }
  EffectQuery query = EligibilityQuery();
  query.start = "2026-01-01";
  ScopedLanguage english(Language::kEnglish);
  EXPECT_EQ(EffectSummary(AssessEffect(rows, query)),
            "The effect cannot be assessed: No period lies wholly after the measure's start yet "
            "(2026-01-01).");
}

TEST(Effect, EveryEnumeratorHasItsEntry) {
  for (std::size_t i = 0; i < EnumTable<Verdict>::Entries().size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(EnumTable<Verdict>::Entries()[i].value), i);
    EXPECT_FALSE(EnumTable<Verdict>::Entries()[i].label_sv.empty());
  }
  for (std::size_t i = 0; i < EnumTable<EffectReason>::Entries().size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(EnumTable<EffectReason>::Entries()[i].value), i);
  }
  for (std::size_t i = 0; i < EnumTable<Caveat>::Entries().size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(EnumTable<Caveat>::Entries()[i].value), i);
  }
  EXPECT_EQ(EnumTable<Verdict>::Entries().size(), 6U);
  EXPECT_EQ(EnumTable<EffectReason>::Entries().size(), 10U);
  EXPECT_EQ(EnumTable<Caveat>::Entries().size(), 3U);
}

}  // namespace
}  // namespace jamlik::effect
