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

#include "indicators/cell_aggregation.hpp"
#include "indicators/indicator_type.hpp"
#include "stats/student_t.hpp"

namespace jamlik {
namespace {

// The averaged column's moments per cell (core's MomentKernel).
struct MomentCells {
  using Kernel = MomentKernel;
  static constexpr CellNumbers kNumbers = CellNumbers::kValue;

  static void Update(const CellBlock& block, const std::uint32_t* slots, std::size_t rows,
                     Kernel::State* states) {
    static const Validity kNoNulls;  // the population has no missing values
    Kernel::Update(Kernel::Block<double>{block.first, &kNoNulls, 0, nullptr}, slots, rows, states);
  }
  static void AddToCell(Kernel::State& state, CellInputs& cell) {
    cell.values = Kernel::Finalize(state);
  }
  static void DescribeRow(const CellInputs& cell, ResultRow& row) {
    row.numerator = cell.values.sum;
    row.denominator = static_cast<double>(cell.values.count);
    row.population = static_cast<double>(cell.values.count);
    // For Publish's dominance rule; never written out (result_table.hpp).
    row.top_contributions = TopContributions{cell.values.largest, cell.values.second_largest};
  }
};

const CellKernel kMomentCells =
    CellKernelFor<MomentCells>("the moments of the column (MomentState)");

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
      .kernel = &kMomentCells,
      .numerator_rule = NumeratorRule::kDominance,
      .compute = ComputeMean,
  });
}

}  // namespace jamlik
