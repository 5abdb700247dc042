// Dispersion measures of individual data with frequency weights:
//   cv = population standard deviation / μ (Welford's weighted update: West 1979,
//        doi:10.1145/359146.359153);
//   hoover = Σ w |x − μ| / (2 W μ), the share of the total that would have to move for equality.
// Zeros are ordinary values. Undefined: no observations, a negative value, μ = 0. No interval.
// Reference: ineq conventions; values in conformance/inequality/distribution_expected.csv.
// Memory: the sample (24 bytes a row).
#include <cmath>
#include <string>

#include "inequality/individual_internal.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality {

void RegisterDispersion(Registry& registry) {
  registry.Add(internal::DistributionDescriptor(
      "cv", "Variationskoefficient", "Coefficient of variation", MeasureScale::kRelative,
      "Standardavvikelsen i förhållande till medelvärdet; 0 betyder ingen ojämlikhet.",
      "The standard deviation relative to the mean; 0 means no inequality.",
      "Population standard deviation / mean; West (1979) weighted update",
      [](const internal::Distribution& d,
         const MeasureOptions&) -> tl::expected<double, MeasureReason> {
        double weight = 0.0, mean = 0.0, m2 = 0.0;
        for (const Observation& o : d.sorted) {
          if (o.weight == 0.0) continue;
          weight += o.weight;
          const double delta = o.value - mean;
          mean += delta * o.weight / weight;
          m2 += o.weight * delta * (o.value - mean);
        }
        return std::sqrt(m2 / weight) / d.mean;
      }));
  registry.Add(internal::DistributionDescriptor(
      "hoover", "Hoovers index", "Hoover index", MeasureScale::kRelative,
      "Andelen av totalen som måste flyttas för att alla ska ha lika mycket.",
      "The share of the total that would have to be moved for everyone to have the same.",
      "Hoover (1936); mean absolute deviation / (2 · mean)",
      [](const internal::Distribution& d,
         const MeasureOptions&) -> tl::expected<double, MeasureReason> {
        double sum = 0.0;
        for (const Observation& o : d.sorted) sum += o.weight * std::abs(o.value - d.mean);
        return sum / (2.0 * d.total_weight * d.mean);
      }));
}

}  // namespace jamlik::inequality
