// Unit tests of the inequality measures beyond the published cases: the shared edge cases (one
// subgroup or value, all equal, a zero, a missing value) for every registered measure, HEAT's pair
// and minimum-data rules, the seeded simulation, and the entropy decomposition.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "core/error.hpp"
#include "inequality/decomposition.hpp"
#include "inequality/measure.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality {
namespace {

SubgroupData MakeData(const std::vector<double>& estimates, bool ordered,
                      const std::vector<double>& ses = {}) {
  SubgroupData data;
  data.ordered = ordered;
  for (std::size_t j = 0; j < estimates.size(); ++j) {
    std::string name = "g";
    name += std::to_string(j + 1);
    data.subgroups.push_back(Subgroup{
        .name = name,
        .order = ordered ? static_cast<int>(j + 1) : 0,
        .population = 100.0 + 10.0 * static_cast<double>(j),
        .estimate = estimates[j],
        .se = ses.empty() ? 2.0 : ses[j],
        .reference = j == 1,
    });
  }
  return data;
}

// The data a subgroup measure applies to, with the given estimates.
SubgroupData ApplicableData(const MeasureDescriptor& measure,
                            const std::vector<double>& estimates) {
  return MakeData(estimates, measure.applicability.ordered && !measure.applicability.unordered);
}

void ExpectNoNan(const MeasureResult& result) {
  for (const auto& field : {result.estimate, result.se, result.lower, result.upper}) {
    if (field) {
      EXPECT_TRUE(std::isfinite(*field));
    }
  }
  if (!result.estimate) {
    EXPECT_NE(result.reason, MeasureReason::kNone);
  }
}

std::vector<const MeasureDescriptor*> Measures(InputKind input) {
  std::vector<const MeasureDescriptor*> measures;
  for (const MeasureDescriptor* measure : MeasureRegistry().All()) {
    if (measure->input == input) measures.push_back(measure);
  }
  return measures;
}

TEST(SubgroupEdgeCases, OneSubgroupIsUndefinedWithAReason) {
  for (const MeasureDescriptor* measure : Measures(InputKind::kSubgroups)) {
    SCOPED_TRACE(measure->id);
    const MeasureResult result = measure->compute_subgroups(ApplicableData(*measure, {40}), {});
    EXPECT_FALSE(result.estimate.has_value());
    EXPECT_NE(result.reason, MeasureReason::kNone);
  }
}

TEST(SubgroupEdgeCases, AllEqualGivesTheNoInequalityValue) {
  for (const MeasureDescriptor* measure : Measures(InputKind::kSubgroups)) {
    SCOPED_TRACE(measure->id);
    const MeasureResult result =
        measure->compute_subgroups(ApplicableData(*measure, {40, 40, 40, 40, 40}), {});
    ASSERT_TRUE(result.estimate.has_value()) << result.reason;
    EXPECT_NEAR(*result.estimate, measure->no_inequality, 1e-9);
    ExpectNoNan(result);
  }
}

TEST(SubgroupEdgeCases, AZeroGivesAValueOrAReasonNeverNan) {
  for (const MeasureDescriptor* measure : Measures(InputKind::kSubgroups)) {
    SCOPED_TRACE(measure->id);
    ExpectNoNan(measure->compute_subgroups(ApplicableData(*measure, {0, 20, 40, 60, 80}), {}));
  }
}

TEST(SubgroupEdgeCases, MissingEstimatesFollowHeatsMinimumDataRules) {
  SubgroupData ordered = MakeData({20, 30, 40, 50, 60}, true);
  ordered.subgroups[2].estimate.reset();
  EXPECT_FALSE(Compute("sii", ordered).estimate.has_value());
  EXPECT_TRUE(Compute("sii", ordered, {.force = true}).estimate.has_value());
  EXPECT_TRUE(Compute("d", ordered).estimate.has_value());  // the extremes are present

  std::vector<double> many(20, 50.0);
  many[0] = 30.0;
  SubgroupData unordered = MakeData(many, false);
  unordered.subgroups[5].estimate.reset();  // 1 of 20 = 5 % missing: allowed
  EXPECT_TRUE(Compute("bgv", unordered).estimate.has_value());
  for (int j = 6; j < 9; ++j) unordered.subgroups[j].estimate.reset();  // 20 % missing
  EXPECT_FALSE(Compute("bgv", unordered).estimate.has_value());
}

TEST(SubgroupRules, MeasuresRefuseDimensionsTheyDoNotApplyTo) {
  EXPECT_FALSE(Compute("sii", MakeData({20, 30, 40}, false)).estimate.has_value());
  EXPECT_FALSE(Compute("bgv", MakeData({20, 30, 40}, true)).estimate.has_value());
  EXPECT_FALSE(Compute("paf", MakeData({20, 30}, false)).estimate.has_value());  // binary
  EXPECT_TRUE(Compute("d", MakeData({20, 30}, false)).estimate.has_value());
}

TEST(SubgroupRules, DifferenceFollowsHeatsPairRule) {
  SubgroupData ordered = MakeData({20, 35, 60}, true);
  EXPECT_DOUBLE_EQ(*Compute("d", ordered).estimate, 40.0);  // advantaged − disadvantaged
  ordered.favourable = false;
  EXPECT_DOUBLE_EQ(*Compute("d", ordered).estimate, -40.0);  // disadvantaged − advantaged
  EXPECT_DOUBLE_EQ(*Compute("r", ordered).estimate, 20.0 / 60.0);

  SubgroupData unordered = MakeData({50, 35, 60, 20}, false);  // g2 (35) is the reference
  EXPECT_DOUBLE_EQ(*Compute("d", unordered).estimate, 15.0);   // reference − lowest
  unordered.favourable = false;
  EXPECT_DOUBLE_EQ(*Compute("d", unordered).estimate, 25.0);  // highest − reference
  for (Subgroup& subgroup : unordered.subgroups) subgroup.reference = false;
  EXPECT_DOUBLE_EQ(*Compute("d", unordered).estimate, 40.0);  // highest − lowest
}

TEST(SubgroupRules, UnknownMeasureThrowsInvalidArgument) {
  try {
    Compute("no_such_measure", MakeData({1, 2, 3}, false));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
  }
}

// The seeded simulation behind BGSD, COV, MD* and IDIS*.
SubgroupData Spread(double se) {
  return MakeData({30, 45, 60, 70, 85}, false, {se, se, se, se, se});
}

TEST(Simulation, IsReproducibleForASeedAndContainsTheEstimate) {
  const MeasureResult first = Compute("bgsd", Spread(3.0));
  const MeasureResult again = Compute("bgsd", Spread(3.0));
  ASSERT_TRUE(first.lower && first.upper && first.se);
  EXPECT_EQ(*first.lower, *again.lower);
  EXPECT_EQ(*first.upper, *again.upper);
  EXPECT_LT(*first.lower, *first.estimate);
  EXPECT_GT(*first.upper, *first.estimate);
  const MeasureResult other = Compute("bgsd", Spread(3.0), {.seed = 7});
  EXPECT_NE(*first.lower, *other.lower);
}

TEST(Simulation, NarrowsWithSmallerStandardErrors) {
  for (const char* id : {"bgsd", "cov", "mdmu", "mdmw", "mdbu", "mdbw", "mdru", "mdrw", "idisu",
                         "idisw", "ci_wagstaff"}) {
    SCOPED_TRACE(id);
    SubgroupData wide = Spread(4.0);
    SubgroupData narrow = Spread(1.0);
    wide.ordered = narrow.ordered = std::string(id) == "ci_wagstaff";
    for (SubgroupData* data : {&wide, &narrow}) {
      for (std::size_t j = 0; j < data->subgroups.size(); ++j) {
        data->subgroups[j].order = static_cast<int>(j + 1);
      }
    }
    const MeasureResult w = Compute(id, wide);
    const MeasureResult n = Compute(id, narrow);
    ASSERT_TRUE(w.lower && n.lower) << w.reason << n.reason;
    EXPECT_LT(*n.upper - *n.lower, *w.upper - *w.lower);
  }
}

TEST(Simulation, DrawsStayInTheIndicatorsRange) {
  // A subgroup at 99 % with a large se: untruncated draws would exceed 100 and inflate COV.
  const SubgroupData data = MakeData({60, 80, 99, 97, 90}, false, {2, 2, 30, 2, 2});
  const MeasureResult result = Compute("mdbu", data, {.simulation_draws = 2000});
  ASSERT_TRUE(result.upper.has_value());
  // MDBU cannot exceed the largest distance from the best (≤ 100) to the worst (≥ 0) value.
  EXPECT_LE(*result.upper, 100.0);
}

TEST(Simulation, CoversTheTrueValueAtAboutTheNominalRate) {
  // Observed subgroup estimates drawn around true values; the interval of the weighted mean
  // difference from the mean should cover its true value in about 95 % of replications.
  const std::vector<double> truth = {30, 45, 60, 70, 85};
  const double se = 3.0;
  const double true_value = *Compute("mdmw", MakeData(truth, false)).estimate;
  std::mt19937_64 engine(12345);
  std::normal_distribution<double> noise(0.0, se);
  const int replications = 200;
  int covered = 0;
  for (int r = 0; r < replications; ++r) {
    std::vector<double> observed = truth;
    for (double& y : observed) y += noise(engine);
    const MeasureResult result =
        Compute("mdmw", MakeData(observed, false, {se, se, se, se, se}),
                {.simulation_draws = 500, .seed = static_cast<std::uint64_t>(r + 1)});
    covered += *result.lower <= true_value && true_value <= *result.upper;
  }
  const double coverage = static_cast<double>(covered) / replications;
  EXPECT_GT(coverage, 0.88);
  EXPECT_LE(coverage, 1.0);
}

Sample MakeSample(const std::vector<double>& values) {
  Sample sample;
  for (std::size_t i = 0; i < values.size(); ++i) {
    sample.Update(Observation{.value = values[i], .weight = 1.0, .rank = static_cast<double>(i)});
  }
  return sample;
}

TEST(IndividualEdgeCases, EmptyIsUndefinedWithAReason) {
  for (const MeasureDescriptor* measure : Measures(InputKind::kIndividuals)) {
    SCOPED_TRACE(measure->id);
    const MeasureResult result = measure->compute_individuals(Sample{}, {});
    EXPECT_FALSE(result.estimate.has_value());
    EXPECT_NE(result.reason, MeasureReason::kNone);
  }
}

TEST(IndividualEdgeCases, AllEqualGivesTheNoInequalityValue) {
  for (const MeasureDescriptor* measure : Measures(InputKind::kIndividuals)) {
    SCOPED_TRACE(measure->id);
    const MeasureResult result = measure->compute_individuals(MakeSample({7, 7, 7, 7, 7}), {});
    if (measure->id == "gini_corrected" || measure->id == "rci" ||
        measure->id.rfind("ci_", 0) == 0) {
      // Defined; the corrected Gini and the concentration family are 0 too.
      ASSERT_TRUE(result.estimate.has_value()) << result.reason;
    }
    if (measure->id.rfind("ci_", 0) == 0 && measure->id != "ci_generalized") continue;  // bounds
    if (measure->id == "s80_s20" || measure->id == "palma") {
      // Whole persons (Eurostat): nobody lies above the cut; split shares give the value.
      EXPECT_EQ(result.reason, MeasureReason::kEmptyTopGroup);
      const MeasureResult split = measure->compute_individuals(
          MakeSample({7, 7, 7, 7, 7}), {.percentile_method = PercentileMethod::kSplit});
      ASSERT_TRUE(split.estimate.has_value()) << split.reason;
      EXPECT_NEAR(*split.estimate, measure->no_inequality, 1e-12);
      continue;
    }
    ASSERT_TRUE(result.estimate.has_value()) << result.reason;
    EXPECT_NEAR(*result.estimate, measure->no_inequality, 1e-12);
  }
}

TEST(IndividualEdgeCases, OneValueAndAZeroGiveAValueOrAReasonNeverNan) {
  for (const MeasureDescriptor* measure : Measures(InputKind::kIndividuals)) {
    SCOPED_TRACE(measure->id);
    ExpectNoNan(measure->compute_individuals(MakeSample({3}), {}));
    ExpectNoNan(measure->compute_individuals(MakeSample({0, 1, 2, 5, 9}), {}));
  }
  EXPECT_FALSE(Compute("mld", MakeSample({0, 1, 2})).estimate.has_value());
  EXPECT_TRUE(Compute("theil_t", MakeSample({0, 1, 2})).estimate.has_value());
  EXPECT_FALSE(Compute("atkinson", MakeSample({0, 1, 2})).estimate.has_value());
  EXPECT_TRUE(Compute("atkinson", MakeSample({0, 1, 2}), {.parameter = 0.5}).estimate.has_value());
}

TEST(IndividualEdgeCases, AMissingValueIsSkipped) {
  Sample with_missing = MakeSample({1, 2, 3, 10});
  with_missing.Update(Observation{.value = std::numeric_limits<double>::quiet_NaN()});
  EXPECT_EQ(with_missing.missing(), 1u);
  for (const MeasureDescriptor* measure : Measures(InputKind::kIndividuals)) {
    SCOPED_TRACE(measure->id);
    const MeasureResult with = measure->compute_individuals(with_missing, {});
    const MeasureResult without = measure->compute_individuals(MakeSample({1, 2, 3, 10}), {});
    ASSERT_EQ(with.estimate.has_value(), without.estimate.has_value());
    if (with.estimate) {
      EXPECT_DOUBLE_EQ(*with.estimate, *without.estimate);
    }
  }
}

TEST(Decomposition, WithinPlusBetweenIsTheTotal) {
  const std::vector<Sample> groups = {MakeSample({1, 2, 3}), MakeSample({4, 8, 10, 12}),
                                      MakeSample({20, 25})};
  for (const double alpha : {0.0, 1.0, 2.0, 0.5}) {
    SCOPED_TRACE(alpha);
    const auto decomposition = DecomposeEntropy(groups, alpha);
    ASSERT_TRUE(decomposition.has_value()) << decomposition.error();
    EXPECT_NEAR(decomposition->within + decomposition->between, decomposition->total, 1e-12);
    EXPECT_GT(decomposition->between, 0.0);
    EXPECT_EQ(decomposition->group_values.size(), 3u);
  }
  Sample all;
  for (const Sample& group : groups) all.Merge(group);
  EXPECT_NEAR(DecomposeEntropy(groups, 1.0)->total, *Compute("theil_t", all).estimate, 1e-15);
}

TEST(Decomposition, EqualGroupMeansHaveNoBetweenPart) {
  const std::vector<Sample> groups = {MakeSample({1, 3}), MakeSample({2, 2}),
                                      MakeSample({0.5, 3.5})};
  const auto decomposition = DecomposeEntropy(groups, 0.0);
  ASSERT_TRUE(decomposition.has_value());
  EXPECT_NEAR(decomposition->between, 0.0, 1e-15);
  EXPECT_NEAR(decomposition->within, decomposition->total, 1e-15);
  EXPECT_FALSE(DecomposeEntropy(std::vector<Sample>{MakeSample({0, 1})}, 0.0).has_value());
}

}  // namespace
}  // namespace jamlik::inequality
