#include "inequality/individual_internal.hpp"

#include <utility>

#include "core/i18n.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality::internal {

tl::expected<Distribution, std::string> Summarise(const Sample& sample) {
  Distribution distribution;
  distribution.sorted = sample.SortedByValue();
  double weighted_sum = 0.0;
  for (const Observation& o : distribution.sorted) {
    if (o.value < 0.0) {
      return tl::unexpected(std::string(Tr("Negativa värden", "Negative values")));
    }
    distribution.has_zero = distribution.has_zero || (o.value == 0.0 && o.weight > 0.0);
    distribution.total_weight += o.weight;
    weighted_sum += o.weight * o.value;
  }
  if (distribution.total_weight <= 0.0) {
    return tl::unexpected(std::string(Tr("Inga observationer", "No observations")));
  }
  distribution.mean = weighted_sum / distribution.total_weight;
  if (distribution.mean <= 0.0) {
    return tl::unexpected(std::string(Tr("Medelvärdet är 0", "The mean is 0")));
  }
  return distribution;
}

IndividualCompute PointCompute(DistributionStatistic statistic) {
  return [statistic = std::move(statistic)](const Sample& sample,
                                            const MeasureOptions& options) -> MeasureResult {
    const auto distribution = Summarise(sample);
    if (!distribution) return Undefined(distribution.error());
    const auto estimate = statistic(*distribution, options);
    if (!estimate) return Undefined(estimate.error());
    return PointOnly(*estimate, std::string(Tr("Måttet har ingen intervallmetod",
                                               "The measure has no interval method")));
  };
}

std::string ZeroValueReason() {
  return std::string(Tr("Odefinierat när något värde är 0", "Undefined when a value is 0"));
}

MeasureDescriptor DistributionDescriptor(std::string id, std::string label_sv, std::string label_en,
                                         MeasureScale scale, std::string interpretation_sv,
                                         std::string interpretation_en, std::string reference,
                                         DistributionStatistic statistic) {
  return MeasureDescriptor{
      .id = std::move(id),
      .label_sv = std::move(label_sv),
      .label_en = std::move(label_en),
      .input = InputKind::kIndividuals,
      .weighted = true,
      .scale = scale,
      .no_inequality = 0.0,
      .interval = IntervalMethod::kNone,
      .interpretation_sv = std::move(interpretation_sv),
      .interpretation_en = std::move(interpretation_en),
      .reference = std::move(reference),
      .compute_individuals = PointCompute(std::move(statistic)),
  };
}

}  // namespace jamlik::inequality::internal
