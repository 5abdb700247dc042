// mean — the average of a column with Student's t interval from the sample standard deviation:
// mean ∓ t(1 − α/2; n − 1) · sd / √n.
// Inputs: `varde`, the averaged column; its non-null values in the population. Undefined for
// n = 0 (value) and n < 2 (interval).
// Reference: Student (1908); PHEindicatormethods phe_mean; ../shared/conformance/phe.
// Disclosure: the row's numerator is the sum of the values, and the row carries the sum's two
// largest absolute values (MomentState::largest, second_largest, merged exactly as cells roll up
// to larger areas) so that Publish can apply the dominance rule; they are never written out.
// Memory: one MomentState (two cache lines) per cell.
#include <cmath>

#include "indicators/indicator_type.hpp"
#include "stats/student_t.hpp"

namespace jamlik {
namespace {

IndicatorValue ComputeMean(const CellInputs& inputs, const IndicatorSettings& settings) {
  const MomentState& values = inputs.values;
  if (values.count == 0) {
    return {Undefined(UndefinedReason::kTooFewObservations),
            Undefined(UndefinedReason::kTooFewObservations), "student_t"};
  }
  const double mean = values.Mean();
  const double sd = values.count >= 2 ? std::sqrt(values.Variance()) : 0.0;
  OrUndefined<Interval> interval =
      StudentTInterval(static_cast<double>(values.count), mean, sd, settings.confidence);
  if (interval)
    interval =
        Interval{interval->lower * settings.multiplier, interval->upper * settings.multiplier};
  return {mean * settings.multiplier, interval, "student_t"};
}

}  // namespace

void RegisterMean(IndicatorRegistry& registry) {
  registry.Add({
      .id = "mean",
      .label_sv = "Medelvärde",
      .label_en = "Mean",
      .description_sv = "Medelvärdet av en kolumn (t.ex. inkomst eller vårdtimmar) med "
                        "t-fördelningens intervall.",
      .description_en = "The average of a column (e.g. income or hours of care) with Student's t "
                        "interval.",
      .reference = "Student (1908); PHEindicatormethods phe_mean",
      .methods = {"student_t"},
      .default_multiplier = 1,
      .needs_value_column = true,
      .compute = ComputeMean,
  });
}

}  // namespace jamlik
