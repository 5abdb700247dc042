// Share and percentile ratios of individual data with frequency weights, values sorted ascending,
// in two conventions (MeasureOptions::percentile_method):
// - eurostat (the default), Eurostat's EU-SILC rule with whole persons. The weighted percentile
//   P(p) is the first value whose cumulative weight share exceeds p, or the mean of that value
//   and the next when the share equals p exactly (laeken's weightedQuantile). The groups are
//   whole persons: the bottom is x ≤ P(p), the top x > P(p), and a ratio is of their totals:
//     s80_s20 = Σ_{x > P(0.8)} w·x / Σ_{x ≤ P(0.2)} w·x;  p90_p10 = P(0.9) / P(0.1);
//     palma   = Σ_{x > P(0.9)} w·x / Σ_{x ≤ P(0.4)} w·x   (the same whole-person convention).
//   laeken's qsr divides the groups' means instead of their totals; the two agree whenever the
//   groups hold exactly 20 % of the weight each, and differ with ties or coarse weights at a cut.
// - split, the Lorenz curve L(p) read linearly within each person (a person of weight w spans
//   w/W of the axis), so a group boundary may split a person; Q(p) is the smallest value whose
//   cumulative weight reaches p·W (R's quantile type 1 for unit weights):
//     palma = (1 − L(0.9)) / L(0.4);  s80_s20 = (1 − L(0.8)) / L(0.2);  p90_p10 = Q(0.9) / Q(0.1).
// Zeros are ordinary values (the ratio is undefined when its denominator is 0; in the Eurostat
// convention also when nobody lies above the top cut: all equal, or too few persons). Undefined
// also: no observations, a negative value, μ = 0. Interval: the seeded bootstrap of whole
// distributions (DistributionBootstrap). Reference: Palma (2011); Cobham & Sumner (2013);
// Eurostat, Methodological guidelines and description of EU-SILC target variables (S80/S20,
// weighted percentiles); values in tests/conformance/inequality (eurostat_cases.csv, computed in R
// by make_eurostat_cases.R; jamlik_cases.csv and distribution_expected.csv for split). Memory:
// the sample.
#include <cstddef>
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

// Eurostat's weighted percentile: the first value whose cumulative weight share exceeds p, the
// mean of it and the next value when the share equals p exactly (persons of weight 0 take no
// part). The share is computed as R's cumsum(w)/sum(w), so an exact tie is found as laeken finds
// it.
double EurostatPercentile(const internal::Distribution& d, double p) {
  double below = 0.0;
  const auto& sorted = d.sorted;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i].weight <= 0.0) continue;
    below += sorted[i].weight;
    const double share = below / d.total_weight;
    if (share < p) continue;
    if (share > p) return sorted[i].value;
    for (std::size_t j = i + 1; j < sorted.size(); ++j) {
      if (sorted[j].weight > 0.0) return (sorted[i].value + sorted[j].value) / 2.0;
    }
    return sorted[i].value;
  }
  return sorted.back().value;
}

// The total held by whole persons at or below the cut (bottom) or above it (top).
double TotalAtOrBelow(const internal::Distribution& d, double cut) {
  double total = 0.0;
  for (const Observation& o : d.sorted) {
    if (o.value > cut) break;
    total += o.weight * o.value;
  }
  return total;
}

double TotalAbove(const internal::Distribution& d, double cut) {
  double total = 0.0;
  for (const Observation& o : d.sorted) {
    if (o.value > cut) total += o.weight * o.value;
  }
  return total;
}

// The ratio of the whole persons above the cut `top` to those at or below `bottom`; undefined when
// nobody lies above the top cut (all equal, or a sample too small for the cut).
tl::expected<double, MeasureReason> TopOverBottom(const internal::Distribution& d, double top,
                                                  double bottom) {
  const double cut = EurostatPercentile(d, top);
  if (d.sorted.back().value <= cut) return tl::unexpected(MeasureReason::kEmptyTopGroup);
  const double above = TotalAbove(d, cut);
  const double below = TotalAtOrBelow(d, EurostatPercentile(d, bottom));
  if (below <= 0.0) return tl::unexpected(MeasureReason::kZeroDenominator);
  return above / below;
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
      "Palma (2011); Cobham & Sumner (2013); whole persons as Eurostat's S80/S20",
      [](const internal::Distribution& d, const MeasureOptions& options) {
        if (options.percentile_method == PercentileMethod::kSplit) {
          return Quotient(1.0 - Lorenz(d, 0.9), Lorenz(d, 0.4));
        }
        return TopOverBottom(d, 0.9, 0.4);
      });
  palma.no_inequality = 0.25;  // the top 10 % hold 10 %, the bottom 40 % hold 40 %
  registry.Add(std::move(palma));
  MeasureDescriptor s80_s20 = internal::DistributionDescriptor(
      "s80_s20", "Kvintilkvot S80/S20", "Quintile share ratio S80/S20", MeasureScale::kRelative,
      "Den rikaste femtedelens andel delad med den fattigaste femtedelens; 1 vid full jämlikhet.",
      "The richest fifth's share divided by the poorest fifth's; 1 under full equality.",
      "Eurostat EU-SILC quintile share ratio (S80/S20), whole persons; split: Lorenz shares",
      [](const internal::Distribution& d, const MeasureOptions& options) {
        if (options.percentile_method == PercentileMethod::kSplit) {
          return Quotient(1.0 - Lorenz(d, 0.8), Lorenz(d, 0.2));
        }
        return TopOverBottom(d, 0.8, 0.2);
      });
  s80_s20.no_inequality = 1.0;
  registry.Add(std::move(s80_s20));
  MeasureDescriptor p90_p10 = internal::DistributionDescriptor(
      "p90_p10", "Percentilkvot P90/P10", "Percentile ratio P90/P10", MeasureScale::kRelative,
      "90:e percentilen delad med 10:e; 1 vid full jämlikhet.",
      "The 90th percentile divided by the 10th; 1 under full equality.",
      "Eurostat EU-SILC weighted percentiles; split: inverse empirical distribution (R type 1)",
      [](const internal::Distribution& d, const MeasureOptions& options) {
        if (options.percentile_method == PercentileMethod::kSplit) {
          return Quotient(Quantile(d, 0.9), Quantile(d, 0.1));
        }
        return Quotient(EurostatPercentile(d, 0.9), EurostatPercentile(d, 0.1));
      });
  p90_p10.no_inequality = 1.0;
  registry.Add(std::move(p90_p10));
}

}  // namespace jamlik::inequality
