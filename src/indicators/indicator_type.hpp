#pragma once
// An indicator type — count, proportion, rate, mean, median, dsr, isr, life_expectancy — declares
// what it needs and computes its value and interval from one cell's aggregated inputs. Each type is
// one file with one RegisterXxx call (register_all.cpp lists them; README.md states the contract);
// the registry drives validation, `jamlik indicators --list` and, later, the API's discovery
// endpoint.
#include <compare>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/group_by.hpp"
#include "core/sorted_sample.hpp"
#include "indicators/result_table.hpp"
#include "stats/interval.hpp"
#include "stats/standard_population.hpp"

namespace jamlik {

// Events and population (or person-time) in one age band of one cell.
struct BandCounts {
  AgeBand band;
  double events = 0;
  double population = 0;
};

// The aggregated inputs of one cell (area × period × subgroup); the same whether they were summed
// from microdata or read from an aggregated table.
struct CellInputs {
  double numerator = 0;                   // events, successes or the count
  double denominator = 0;                 // trials, population or person-time
  MomentState values;                     // means: the averaged column's moments
  SortedSample sample;                    // medians: the column's values, sorted
  std::vector<BandCounts> bands;          // age-banded types, in band order
  std::span<const BandCounts> reference;  // isr: the reference population's bands
};

// Where a cell sits: the area and period text and the codes of the dimension set's columns.
struct CellKey {
  std::string area;
  std::string period;
  std::vector<std::uint32_t> subgroup;
  auto operator<=>(const CellKey&) const = default;
};

using Cells = std::map<CellKey, CellInputs>;

struct CellAggregation;  // cell_aggregation.hpp

// How a type's cells are aggregated from the rows: the engine (core/aggregation.hpp) run with the
// type's kernel, and what the kernel's state contributes to a result row. cell_aggregation.hpp
// makes one from a kernel (CellKernelFor); kSumCells is the default.
struct CellKernel {
  std::string_view state;  // what a cell keeps, for the documentation
  // Return each dimension set's cells of the finest area level.
  std::vector<Cells> (*aggregate)(const CellAggregation& input) = nullptr;
  // Set the row's numerator, denominator and population (and what disclosure control needs).
  void (*describe_row)(const CellInputs& cell, ResultRow& row) = nullptr;
};

// Sums of a numerator and a denominator, per age band for the age-banded types.
extern const CellKernel kSumCells;

struct IndicatorSettings {
  double multiplier = 1;
  double confidence = 0.95;
  std::string_view method;                       // one of the type's methods
  const StandardPopulation* standard = nullptr;  // dsr
};

struct IndicatorValue {
  OrUndefined<double> value = Undefined(UndefinedReason::kMissingInput);
  OrUndefined<Interval> interval = Undefined(UndefinedReason::kMissingInput);
  std::string method;  // the interval method actually used, e.g. "exact" or "byars"
};

// How the type wants the rows split by age before its computation.
enum class AgeBanding {
  kNone,
  kStandardPopulation,  // the bands of the definition's standard population (dsr, isr)
  kLifeTable,           // 0, 1–4, 5–9, …, 85–89, 90+ (life_expectancy)
};

// What disclosure control (src/privacy/publish.cpp) judges in a type's rows besides the size of
// the group (the denominator, which every type's rows are judged on).
enum class NumeratorRule {
  kMinimum,    // a count of persons or events: small non-zero counts are withheld
  kDominance,  // a sum of a continuous column (mean): withheld when one or two values dominate it
  kNone,       // no numerator is shown (median): the group size alone
};

struct IndicatorType {
  std::string_view id;
  std::string_view label_sv;
  std::string_view label_en;
  std::string_view description_sv;  // what it measures and how, for the analyst
  std::string_view description_en;
  std::string_view reference;             // the method's source and our conformance data
  std::vector<std::string_view> methods;  // interval methods; the first is the default
  double default_multiplier = 1;
  AgeBanding age_banding = AgeBanding::kNone;
  bool needs_value_column = false;        // mean, median: `varde`
  bool needs_reference = false;           // isr: reference rates from the whole data
  const CellKernel* kernel = &kSumCells;  // the state a cell keeps
  NumeratorRule numerator_rule = NumeratorRule::kMinimum;
  bool population_rule = false;  // life tables: withheld below a minimum population
  IndicatorValue (*compute)(const CellInputs& inputs, const IndicatorSettings& settings) = nullptr;
};

class IndicatorRegistry {
 public:
  void Add(IndicatorType type);
  const IndicatorType* Find(std::string_view id) const;
  // Throws kInvalidArgument listing the known types.
  const IndicatorType& Get(std::string_view id) const;
  const std::vector<IndicatorType>& types() const { return types_; }

 private:
  std::vector<IndicatorType> types_;
};

// Return the registry with every indicator type, built once.
const IndicatorRegistry& IndicatorTypes();

void RegisterCount(IndicatorRegistry& registry);
void RegisterProportion(IndicatorRegistry& registry);
void RegisterRate(IndicatorRegistry& registry);
void RegisterMean(IndicatorRegistry& registry);
void RegisterDsr(IndicatorRegistry& registry);
void RegisterIsr(IndicatorRegistry& registry);
void RegisterLifeExpectancy(IndicatorRegistry& registry);
void RegisterMedian(IndicatorRegistry& registry);

}  // namespace jamlik
