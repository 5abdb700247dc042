// PHE's slope and relative index of inequality (PHEindicatormethods::phe_sii, version 2.1.0;
// method notes in ../shared/conformance/phe/README.md). Quantile j has population share a_j and
// midpoint rank b_j = Σ_{k<j} a_k + a_j/2; the weighted least squares of y on b with weights a
// gives β0, β1, and because β is linear in y (β = C·y with a fixed 2×J matrix C, from
// stats/regression.hpp's WeightedLeastSquaresOperator) every simulated repetition costs O(J).
// Natural scale: SII = m·β1, RII = (β0 + β1)/β0, intercept β0. Transformed (g = log or logit): SII
// = m·(g⁻¹(β0 + β1) − g⁻¹(β0)), RII = g⁻¹(β0 + β1)/g⁻¹(β0), intercept g⁻¹(β0)·|m|. A negative m
// inverts the RII (and its limits). The se of a quantile is on the transformed scale, from its 95 %
// limits when not given: (g(U) − g(L))/(2·1.959964). Limits: R repetitions draw y*_j ~ N(g(v_j),
// se_j) (back-transformed when not fitting on the transformed scale), order statistics round(R(1 ∓
// c)/2) of the simulated SII and RII; when transformed, of the simulated slope, mapped through the
// fitted midpoint h = β0 + β1/2. Memory: 2R doubles for the simulated values.
#include "inequality/phe_sii.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <utility>

#include "core/i18n.hpp"
#include "inequality/subgroup_internal.hpp"
#include "stats/distributions.hpp"
#include "stats/regression.hpp"

namespace jamlik::inequality {
namespace {

// PHE derives the se from 95 % limits whatever the confidence asked for.
constexpr double kZ95 = 1.959963984540054;
constexpr std::size_t kMinQuantiles = 5;
constexpr std::size_t kMaxQuantiles = 100;

double Forward(PheValueType type, double v) {
  switch (type) {
    case PheValueType::kNormal:
      return v;
    case PheValueType::kRate:
      return std::log(v);
    case PheValueType::kProportion:
      return std::log(v / (1.0 - v));
  }
  return v;
}

double Backward(PheValueType type, double t) {
  switch (type) {
    case PheValueType::kNormal:
      return t;
    case PheValueType::kRate:
      return std::exp(t);
    case PheValueType::kProportion:
      return 1.0 / (1.0 + std::exp(-t));
  }
  return t;
}

std::string Fail(std::string_view sv, std::string_view en) { return std::string(Tr(sv, en)); }

// The 1-based order statistic round(R·p) of sorted values (R's round: half to even).
double OrderStatistic(const std::vector<double>& sorted, double p) {
  const auto position =
      static_cast<std::size_t>(std::nearbyint(static_cast<double>(sorted.size()) * p));
  return sorted[std::clamp<std::size_t>(position, 1, sorted.size()) - 1];
}

}  // namespace

tl::expected<PheSiiResult, std::string> PheSii(std::span<const PheQuantile> quantiles,
                                               const PheSiiOptions& options) {
  const std::size_t count = quantiles.size();
  if (count < kMinQuantiles || count > kMaxQuantiles) {
    return tl::unexpected(
        Fail("Antalet kvantiler måste vara 5–100", "The number of quantiles must be 5 to 100"));
  }
  if (options.transform && options.value_type == PheValueType::kNormal) {
    return tl::unexpected(Fail("Transformering gäller bara kvoter och andelar",
                               "Transformation applies to rates and proportions only"));
  }
  if (options.repetitions < 2) {
    return tl::unexpected(
        Fail("Minst två upprepningar behövs", "At least two repetitions are needed"));
  }
  for (double level : options.confidence) TwoSidedNormalQuantile(level);  // throws when bad
  std::vector<double> natural(count), transformed(count), se(count), share(count), rank(count);
  double total = 0.0;
  for (std::size_t j = 0; j < count; ++j) {
    const PheQuantile& q = quantiles[j];
    if (!(q.population > 0.0)) {
      return tl::unexpected(
          Fail("Befolkningen måste vara större än 0", "Populations must exceed 0"));
    }
    total += q.population;
    const std::optional<double> value =
        q.value ? q.value : (q.count ? std::optional(*q.count / q.population) : std::nullopt);
    const bool limits = q.lower && q.upper;
    if (!value || (!q.se && !limits)) {
      return tl::unexpected(
          Fail("Värde och standardfel eller konfidensgränser saknas för en kvantil",
               "A quantile lacks its value and its se or limits"));
    }
    if (options.transform && !limits) {
      return tl::unexpected(
          Fail("Transformering kräver konfidensgränser", "Transformation needs confidence limits"));
    }
    if (options.value_type == PheValueType::kProportion &&
        (*value < 0.0 || *value > 1.0 || (limits && (*q.lower < 0.0 || *q.upper > 1.0)))) {
      return tl::unexpected(
          Fail("Andelar måste ligga mellan 0 och 1", "Proportions must lie between 0 and 1"));
    }
    natural[j] = *value;
    transformed[j] = Forward(options.value_type, *value);
    se[j] = q.se ? *q.se
                 : (Forward(options.value_type, *q.upper) - Forward(options.value_type, *q.lower)) /
                       (2.0 * kZ95);
    if (!std::isfinite(transformed[j]) || !std::isfinite(se[j]) || se[j] < 0.0) {
      return tl::unexpected(
          Fail("Värdet eller standardfelet är odefinierat på log- eller logitskalan",
               "The value or se is undefined on the log or logit scale"));
    }
  }
  double below = 0.0;
  for (std::size_t j = 0; j < count; ++j) {
    share[j] = quantiles[j].population / total;
    rank[j] = below + share[j] / 2.0;
    below += share[j];
  }
  // β0 = Σ c0_j y_j, β1 = Σ c1_j y_j: the rows of the least-squares operator.
  const std::vector<double> ones(count, 1.0);
  const auto coefficients = WeightedLeastSquaresOperator({ones, rank}, share);
  if (!coefficients) return tl::unexpected(coefficients.error().message);
  const std::vector<double>& c0 = coefficients->rows[0];
  const std::vector<double>& c1 = coefficients->rows[1];
  const auto fit = [&](const std::vector<double>& y) {
    return std::pair{std::inner_product(c0.begin(), c0.end(), y.begin(), 0.0),
                     std::inner_product(c1.begin(), c1.end(), y.begin(), 0.0)};
  };
  const double m = options.multiplier;
  const auto natural_rii = [m](double b0, double b1) {
    const double rii = (b0 + b1) / b0;
    return m < 0.0 ? 1.0 / rii : rii;
  };
  const auto g_inverse = [&](double t) { return Backward(options.value_type, t); };
  PheSiiResult result;
  const auto [b0, b1] = fit(options.transform ? transformed : natural);
  if (options.transform) {
    const double low = g_inverse(b0), high = g_inverse(b0 + b1);
    result.sii = (high - low) * m;
    result.rii = m < 0.0 ? low / high : high / low;
    result.intercept = low * std::abs(m);
  } else {
    result.sii = m * b1;
    result.rii = natural_rii(b0, b1);
    result.intercept = b0;
  }
  std::mt19937_64 engine(options.seed);
  const auto repetitions = static_cast<std::size_t>(options.repetitions);
  std::vector<double> sii(repetitions), rii(repetitions), draw(count);
  for (std::size_t r = 0; r < repetitions; ++r) {
    for (std::size_t j = 0; j < count; ++j) {
      const double t = transformed[j] + se[j] * internal::StandardNormal(engine);
      draw[j] = options.transform ? t : g_inverse(t);
    }
    const auto [s0, s1] = fit(draw);
    sii[r] = options.transform ? s1 : m * s1;
    rii[r] = options.transform ? 0.0 : natural_rii(s0, s1);
  }
  std::sort(sii.begin(), sii.end());
  std::sort(rii.begin(), rii.end());
  const double middle = b0 + b1 / 2.0;
  for (double level : options.confidence) {
    PheSiiLimits limits{.confidence = level};
    const double p_low = (1.0 - level) / 2.0, p_high = (1.0 + level) / 2.0;
    if (!options.transform) {
      limits.sii_lower = OrderStatistic(sii, p_low);
      limits.sii_upper = OrderStatistic(sii, p_high);
      limits.rii_lower = OrderStatistic(rii, p_low);
      limits.rii_upper = OrderStatistic(rii, p_high);
    } else {
      // The simulated slope's limits, centred on the fitted midpoint.
      const auto ends = [&](double slope) {
        return std::pair{g_inverse(middle - slope / 2.0), g_inverse(middle + slope / 2.0)};
      };
      const auto [low_start, low_end] = ends(OrderStatistic(sii, p_low));
      const auto [high_start, high_end] = ends(OrderStatistic(sii, p_high));
      limits.sii_lower = (low_end - low_start) * m;
      limits.sii_upper = (high_end - high_start) * m;
      limits.rii_lower = low_end / low_start;
      limits.rii_upper = high_end / high_start;
      if (m < 0.0) {
        std::swap(limits.sii_lower, limits.sii_upper);
        limits.rii_lower = high_start / high_end;
        limits.rii_upper = low_start / low_end;
      }
    }
    result.limits.push_back(limits);
  }
  return result;
}

}  // namespace jamlik::inequality
