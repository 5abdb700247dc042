// ACI and RCI on perfectly linear grouped data: HEAT's convenient regression leaves no residual,
// so its interval would have no width. The se is then the subgroups' sampling term of Kakwani,
// Wagstaff & van Doorslaer (1997); without subgroup se there is no interval, with a reason.
// Reference values: R 4.x (lm for the regression, a numerical Jacobian for the delta method),
// the script in the comment below.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "inequality/measure.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality {
namespace {

// n <- c(100,300,200,250,150); p <- n/sum(n); X <- cumsum(p) - p/2; y <- 10 + 20*X
// se <- c(1,1.5,1.2,1.4,2); lm(2*sum(p*(X-.5)^2)*(y/mu)*sqrt(n) ~ 0 + sqrt(n) + I(X*sqrt(n)))
// gives an slope se of 2e-17; the delta-method se from a numerical gradient of
// sum(p*(2X-1)*y) (ACI) and of that over sum(p*y) (RCI) times se.
SubgroupData LinearQuintiles(bool with_se) {
  const std::vector<double> population{100, 300, 200, 250, 150};
  const std::vector<double> estimate{11, 15, 20, 24.5, 28.5};  // 10 + 20·X_j
  const std::vector<double> se{1, 1.5, 1.2, 1.4, 2};
  SubgroupData data;
  data.ordered = true;
  for (std::size_t j = 0; j < estimate.size(); ++j) {
    std::string name = "q";  // not "q" + …: GCC 12's -Wrestrict false positive
    name += std::to_string(j + 1);
    data.subgroups.push_back(Subgroup{.name = name,
                                      .order = static_cast<int>(j + 1),
                                      .population = population[j],
                                      .estimate = estimate[j],
                                      .se = with_se ? std::optional(se[j]) : std::nullopt,
                                      .reference = false});
  }
  return data;
}

TEST(ConcentrationGroupedExactFit, AciIntervalCarriesTheSubgroupsSamplingError) {
  const MeasureResult aci = Compute("aci", LinearQuintiles(true));
  ASSERT_TRUE(aci.estimate && aci.se && aci.lower && aci.upper);
  EXPECT_NEAR(*aci.estimate, 3.15, 1e-12);
  EXPECT_NEAR(*aci.se, 0.385429954821198, 1e-8);
  EXPECT_NEAR(*aci.lower, 2.394571169987551, 1e-8);
  EXPECT_NEAR(*aci.upper, 3.905428830012448, 1e-8);
  EXPECT_EQ(aci.reason, MeasureReason::kNone);
}

TEST(ConcentrationGroupedExactFit, RciIntervalCarriesTheSubgroupsSamplingError) {
  const MeasureResult rci = Compute("rci", LinearQuintiles(true));
  ASSERT_TRUE(rci.estimate && rci.se && rci.lower && rci.upper);
  EXPECT_NEAR(*rci.estimate, 0.1575, 1e-12);
  EXPECT_NEAR(*rci.se, 0.019608328651865, 1e-9);
  EXPECT_NEAR(*rci.lower, 0.119068382045320, 1e-9);
  EXPECT_NEAR(*rci.upper, 0.195931617954680, 1e-9);
  EXPECT_GT(*rci.upper - *rci.lower, 0.07);
}

TEST(ConcentrationGroupedExactFit, WithoutSubgroupSeThereIsNoIntervalAndAReason) {
  for (const char* id : {"aci", "rci", "ci_generalized", "ci_erreygers"}) {
    const MeasureResult result = Compute(id, LinearQuintiles(false));
    EXPECT_TRUE(result.estimate) << id;
    EXPECT_FALSE(result.lower) << id;
    EXPECT_FALSE(result.upper) << id;
    EXPECT_EQ(result.reason, MeasureReason::kExactFitWithoutStandardErrors) << id;
  }
}

}  // namespace
}  // namespace jamlik::inequality
