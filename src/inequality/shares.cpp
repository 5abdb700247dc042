// Share and percentile ratios of individual data with frequency weights, values sorted ascending.
// L(p) is the Lorenz curve: the share of the total held by the poorest fraction p of the
// population, linear within each observation (a person of weight w spans w/W of the axis), so a
// group boundary may split an observation; Q(p) is the smallest value whose cumulative weight
// reaches p·W (the inverse empirical distribution, R's quantile type 1 for unit weights).
//   palma = (1 − L(0.9)) / L(0.4);  s80_s20 = (1 − L(0.8)) / L(0.2);  p90_p10 = Q(0.9) / Q(0.1).
// Zeros are ordinary values (the ratio is undefined when its denominator is 0). Undefined also:
// no observations, a negative value, μ = 0. No interval. Reference: Palma (2011); Cobham & Sumner
// (2013); Eurostat S80/S20; values in distribution_expected.csv. Memory: the sample.
#include <string>
#include <utility>

#include "core/i18n.hpp"
#include "inequality/individual_internal.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality {
namespace {

double Lorenz(const internal::Distribution& d, double p) {
  const double target = p * d.total_weight;
  const double total = d.total_weight * d.mean;
  double below = 0.0;
  double held = 0.0;
  for (const Observation& o : d.sorted) {
    if (below + o.weight >= target) return (held + (target - below) * o.value) / total;
    below += o.weight;
    held += o.weight * o.value;
  }
  return 1.0;
}

double Quantile(const internal::Distribution& d, double p) {
  const double target = p * d.total_weight;
  double below = 0.0;
  for (const Observation& o : d.sorted) {
    below += o.weight;
    if (o.weight > 0.0 && below >= target) return o.value;
  }
  return d.sorted.back().value;
}

tl::expected<double, MeasureReason> Quotient(double numerator, double denominator) {
  if (denominator <= 0.0) {
    return tl::unexpected(MeasureReason::kZeroDenominator);
  }
  return numerator / denominator;
}

}  // namespace

void RegisterShares(Registry& registry) {
  MeasureDescriptor palma = internal::DistributionDescriptor(
      "palma", "Palmakvot", "Palma ratio", MeasureScale::kRelative,
      "De rikaste 10 procentens andel delad med de fattigaste 40 procentens; 0,25 vid full "
      "jämlikhet.",
      "The richest 10 %'s share divided by the poorest 40 %'s; 0.25 under full equality.",
      "Palma (2011); Cobham & Sumner (2013)",
      [](const internal::Distribution& d, const MeasureOptions&) {
        return Quotient(1.0 - Lorenz(d, 0.9), Lorenz(d, 0.4));
      });
  palma.no_inequality = 0.25;  // the top 10 % hold 10 %, the bottom 40 % hold 40 %
  registry.Add(std::move(palma));
  MeasureDescriptor s80_s20 = internal::DistributionDescriptor(
      "s80_s20", "Kvintilkvot S80/S20", "Quintile share ratio S80/S20", MeasureScale::kRelative,
      "Den rikaste femtedelens andel delad med den fattigaste femtedelens; 1 vid full jämlikhet.",
      "The richest fifth's share divided by the poorest fifth's; 1 under full equality.",
      "Eurostat quintile share ratio (S80/S20)",
      [](const internal::Distribution& d, const MeasureOptions&) {
        return Quotient(1.0 - Lorenz(d, 0.8), Lorenz(d, 0.2));
      });
  s80_s20.no_inequality = 1.0;
  registry.Add(std::move(s80_s20));
  MeasureDescriptor p90_p10 = internal::DistributionDescriptor(
      "p90_p10", "Percentilkvot P90/P10", "Percentile ratio P90/P10", MeasureScale::kRelative,
      "90:e percentilen delad med 10:e; 1 vid full jämlikhet.",
      "The 90th percentile divided by the 10th; 1 under full equality.",
      "OECD percentile ratio P90/P10 (inverse empirical distribution)",
      [](const internal::Distribution& d, const MeasureOptions&) {
        return Quotient(Quantile(d, 0.9), Quantile(d, 0.1));
      });
  p90_p10.no_inequality = 1.0;
  registry.Add(std::move(p90_p10));
}

}  // namespace jamlik::inequality
