#pragma once
// The slope and relative index of inequality as Public Health England computes them
// (PHEindicatormethods::phe_sii): a population-weighted linear regression over the quantiles'
// midpoint ranks, optionally on the log (rates) or logit (proportions) scale, with limits from a
// seeded simulation of the quantile values. The registered sii_linear / rii_linear give the same
// point values on the natural scale with analytic (HC1) intervals instead.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace jamlik::inequality {

enum class PheValueType { kNormal, kRate, kProportion };

// One quantile (income quintile, deprivation decile), most deprived first.
struct PheQuantile {
  double population = 0.0;
  std::optional<double> value{};  // or count / population when only a count is given
  std::optional<double> count{};
  std::optional<double> se{};     // on the transformed scale (log for rates, logit for proportions)
  std::optional<double> lower{};  // 95 % limits, used for the se when no se is given
  std::optional<double> upper{};
};

struct PheSiiOptions {
  PheValueType value_type = PheValueType::kNormal;
  // Fit on the log or logit scale and back-transform (rates and proportions only; needs limits).
  bool transform = false;
  // Scales the SII (100 for a percentage of proportions); a negative multiplier turns the SII
  // round and inverts the RII, for indicators where low is good.
  double multiplier = 1.0;
  std::vector<double> confidence{0.95};
  int repetitions = 100000;  // upstream's default
  std::uint64_t seed = 20240601;
};

struct PheSiiLimits {
  double confidence = 0.0;
  double sii_lower = 0.0, sii_upper = 0.0;
  double rii_lower = 0.0, rii_upper = 0.0;
};

struct PheSiiResult {
  double sii = 0.0;
  double rii = 0.0;
  double intercept = 0.0;              // the fitted value at the most deprived end (rank 0)
  std::vector<PheSiiLimits> limits{};  // one per confidence level, in the order asked
};

// Return PHE's SII, RII, intercept and simulated limits for the quantiles (5 to 100 of them, in
// order), or why they are undefined: too few or too many quantiles, a population ≤ 0, a negative
// se, a proportion outside [0, 1], a rate ≤ 0 on the log scale, no se and no limits, or transform
// without limits or for normal values. Deviation from upstream: for rates, the limits are swapped
// only for a negative multiplier (upstream also swaps for 0 < multiplier < 1).
tl::expected<PheSiiResult, std::string> PheSii(std::span<const PheQuantile> quantiles,
                                               const PheSiiOptions& options);

}  // namespace jamlik::inequality
