// Clopper–Pearson exact binomial interval; formula and reference in proportion.hpp.
#include "stats/distributions.hpp"
#include "stats/proportion.hpp"
#include "stats/proportion_internal.hpp"

namespace jamlik {

OrUndefined<Interval> ClopperPearsonInterval(double successes, double trials, double confidence) {
  stats_internal::CheckProportionInputs(successes, trials, confidence);
  if (trials == 0) return Undefined(UndefinedReason::kZeroDenominator);
  if (confidence == 1) return Interval{0, 1};
  const double tail = (1 - confidence) / 2;
  // The beta quantiles are degenerate (a shape parameter of 0) at x = 0 and x = n, where the
  // limit is the bound itself.
  const double lower = successes == 0 ? 0 : BetaQuantile(tail, successes, trials - successes + 1);
  const double upper =
      successes == trials ? 1 : BetaQuantile(1 - tail, successes + 1, trials - successes);
  return Interval{lower, upper};
}

}  // namespace jamlik
