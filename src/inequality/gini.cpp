// Gini coefficient of individual data with frequency weights, values sorted ascending:
//   G = 2 Σ w_i (x_i − μ) F_i / (W μ), F_i = (weight below i + w_i/2) / W (midpoint cumulative
// share; ties need no special care because x is constant within a tied block);
// gini_corrected multiplies by W/(W − 1), the small-sample correction (W the number of persons).
// Zeros are ordinary values. Undefined: no observations, a negative value, μ = 0, W ≤ 1
// (corrected). Interval: seeded Poisson percentile bootstrap (BootstrapCompute), each resample's
// Gini from its running sums (ResampleGini). Reference:
// ineq::Gini conventions; values in conformance/inequality/distribution_expected.csv. Memory: the
// sample (24 bytes a row).
#include <limits>
#include <string>

#include "core/i18n.hpp"
#include "inequality/individual_internal.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality {
namespace {

double Gini(const internal::Distribution& d) {
  double below = 0.0;
  double sum = 0.0;
  for (const Observation& o : d.sorted) {
    const double midpoint = (below + o.weight / 2.0) / d.total_weight;
    sum += o.weight * (o.value - d.mean) * midpoint;
    below += o.weight;
  }
  return 2.0 * sum / (d.total_weight * d.mean);
}

// The same from a bootstrap resample's running sums: Σ w (x − μ) F = cross/W − μ W/2 because
// Σ w (B + w/2) = W²/2, so G = 2·cross/(W·S) − 1. NaN when the resample has no weight or mean 0.
double ResampleGini(const internal::ResampleSums& s) {
  if (s.weight <= 0.0 || s.sum <= 0.0) return std::numeric_limits<double>::quiet_NaN();
  return 2.0 * s.cross / (s.weight * s.sum) - 1.0;
}

}  // namespace

void RegisterGini(Registry& registry) {
  const std::string reference = "Gini (1912); R package ineq (Gini, corr = FALSE/TRUE)";
  registry.Add(internal::DistributionDescriptor(
      "gini", "Ginikoefficient", "Gini coefficient", MeasureScale::kRelative,
      "Mellan 0 (alla har lika mycket) och 1 (en har allt); utan småstickprovskorrektion.",
      "From 0 (everyone has the same) to 1 (one has everything); no small-sample correction.",
      reference,
      [](const internal::Distribution& d,
         const MeasureOptions&) -> tl::expected<double, MeasureReason> { return Gini(d); },
      ResampleGini));
  registry.Add(internal::DistributionDescriptor(
      "gini_corrected", "Ginikoefficient, korrigerad", "Gini coefficient, corrected",
      MeasureScale::kRelative, "Ginikoefficienten × n/(n−1), väntevärdesriktig för små stickprov.",
      "The Gini coefficient × n/(n−1), unbiased for small samples.", reference,
      [](const internal::Distribution& d,
         const MeasureOptions&) -> tl::expected<double, MeasureReason> {
        if (d.total_weight <= 1.0) {
          return tl::unexpected(MeasureReason::kCorrectionNeedsTwoPersons);
        }
        return Gini(d) * d.total_weight / (d.total_weight - 1.0);
      },
      [](const internal::ResampleSums& s) {
        if (s.weight <= 1.0) return std::numeric_limits<double>::quiet_NaN();
        return ResampleGini(s) * s.weight / (s.weight - 1.0);
      }));
}

}  // namespace jamlik::inequality
