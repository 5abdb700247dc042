// median — the middle value of a column (e.g. income), the mean of the two middle values for an
// even count, with a distribution-free interval between two order statistics:
// [x_(r), x_(n+1−r)], r the largest rank with P(B ≤ r − 1) ≤ α/2 for B ~ Binomial(n, 1/2), so
// that it holds the median with probability ≥ the confidence level for any distribution
// (stats/median_interval.hpp).
// Inputs: `varde`, the column; its non-null values in the population. Undefined for n = 0
// (value) and for n too small for the level (interval; n < 6 at 95 %, n < 10 at 99.8 %), which
// the row's flag says ("too_few_observations").
// Reference: Conover (1999), Practical Nonparametric Statistics, 3rd ed., §3.2; Hahn & Meeker
// (1991), Statistical Intervals, §5.2. Reference values: tests/data/median/reference.py, an
// independent computation (Python's statistics.median and exact binomial sums in integers).
// Disclosure: a median is one person's value or the mean of two, and no sum is behind it: the
// row has no numerator, its denominator and population are n, and Publish withholds it for small
// n (the group-size rule) like a mean's; neither the numerator nor the dominance rule applies.
// Memory: the state is the sorted sample (core/sorted_sample.hpp), 8 bytes per value per cell and
// area level; partitions and cells rolled up to larger areas merge by appending, and each cell is
// sorted once (O(N log N), not O(K·N) for K cells merged pair by pair).
#include <utility>

#include "indicators/cell_aggregation.hpp"
#include "indicators/indicator_type.hpp"
#include "stats/median_interval.hpp"

namespace jamlik {
namespace {

// The column's values per cell, sorted.
struct SortedSampleCells {
  using Kernel = SortedSampleKernel;
  static constexpr CellNumbers kNumbers = CellNumbers::kValue;

  static void Update(const CellBlock& block, const std::uint32_t* slots, std::size_t rows,
                     Kernel::State* states) {
    Kernel::Update(block.first, slots, rows, states);
  }
  // The aggregation's states are dropped after this, so the values move into the cell.
  static void AddToCell(Kernel::State& state, CellInputs& cell) {
    Kernel::Finalize(state);
    cell.sample = std::move(state);
  }
  static void DescribeRow(const CellInputs& cell, ResultRow& row) {
    const auto count = static_cast<double>(cell.sample.values.size());
    row.denominator = count;
    row.population = count;
  }
};

const CellKernel kSortedSampleCells =
    CellKernelFor<SortedSampleCells>("the column's values, sorted (SortedSample)");

constexpr const char* kMethod = "order_statistic";

IndicatorValue ComputeMedian(const CellInputs& inputs, const IndicatorSettings& settings) {
  const std::vector<double>& sorted = inputs.sample.values;
  const OrUndefined<double> median = SampleMedian(sorted);
  if (!median) return {median, Undefined(median.error()), kMethod};
  const OrUndefined<MedianInterval> found =
      OrderStatisticMedianInterval(sorted, settings.confidence);
  OrUndefined<Interval> interval = Undefined(UndefinedReason::kTooFewObservations);
  if (found) {
    interval = Interval{found->interval.lower * settings.multiplier,
                        found->interval.upper * settings.multiplier};
  } else {
    interval = Undefined(found.error());
  }
  return {*median * settings.multiplier, interval, kMethod};
}

}  // namespace

void RegisterMedian(IndicatorRegistry& registry) {
  registry.Add({
      .id = "median",
      .label_sv = "Median",
      .label_en = "Median",
      .description_sv = "Mittvärdet av en kolumn (t.ex. inkomst), med ett fördelningsfritt "
                        "intervall mellan två ordningsstatistikor (binomialfördelningen).",
      .description_en = "The middle value of a column (e.g. income), with a distribution-free "
                        "interval between two order statistics (from the binomial distribution).",
      .reference = "Conover (1999) Practical Nonparametric Statistics §3.2; Hahn & Meeker (1991) "
                   "Statistical Intervals §5.2",
      .methods = {kMethod},
      .default_multiplier = 1,
      .needs_value_column = true,
      .kernel = &kSortedSampleCells,
      .numerator_rule = NumeratorRule::kNone,
      .compute = ComputeMedian,
  });
}

}  // namespace jamlik
