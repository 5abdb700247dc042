#pragma once
// The registry of inequality measures: what each is, where it applies, what it needs and how it
// computes. Filled once at start-up by RegisterAll (register_all.cpp), read-only afterwards; the
// CLI help, the API's discovery endpoint and the web menus are generated from it.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inequality/measure.hpp"

namespace jamlik::inequality {

enum class InputKind { kSubgroups, kIndividuals };

enum class DimensionType { kBinary, kOrdered, kUnordered };

// Which dimension types a measure applies to (HEAT's applicability table).
struct Applicability {
  bool binary = false;
  bool ordered = false;
  bool unordered = false;
};

enum class MeasureScale { kAbsolute, kRelative };

enum class IntervalMethod {
  kNone,         // no interval is offered (the descriptor's interpretation says why)
  kDeltaMethod,  // normal approximation with a delta-method standard error
  kSandwich,     // delta method on a regression fitted with an HC1 sandwich covariance
  kRegression,   // the OLS standard error of a (convenient) regression
  kWalter,       // Walter (1978) variance of the attributable fraction
  kSimulation,   // seeded parametric simulation of the subgroup estimates
  kKakwaniWagstaffVanDoorslaer,  // the KWVD (1997) variance for individual data
  kBootstrap,                    // seeded percentile bootstrap of individual data
};

// What the sign of a measure's value says: its declared convention, from which MeasureReading
// (reading.hpp) says in words what a concrete value means for the indicator's polarity.
enum class SignConvention {
  kSpread,         // no direction: the distance from no_inequality is the amount of spread (BGV)
  kPair,           // the first subgroup of HEAT's pair against the second (D, R; HeatPair)
  kAdvantagedEnd,  // above no_inequality: higher values toward the advantaged end of an ordered
                   // dimension, i.e. the highest order (SII, RII, ACI, RCI, concentration)
  kReferenceGain,  // the change of the setting average if every subgroup had the reference
                   // subgroup's value (PAR, PAF)
};

// What a measure needs beyond the estimates.
struct Needs {
  bool population = false;
  bool se = false;  // for its interval only
  bool reference = false;
  bool rank = false;  // a ranking variable besides the value (the concentration indices)
};

using SubgroupCompute = std::function<MeasureResult(const SubgroupData&, const MeasureOptions&)>;
using IndividualCompute = std::function<MeasureResult(const Sample&, const MeasureOptions&)>;

struct MeasureDescriptor {
  std::string id{};  // snake_case, unique within its input kind, e.g. "sii_linear"
  std::string label_sv{};
  std::string label_en{};
  InputKind input = InputKind::kSubgroups;
  Applicability applicability{};
  bool weighted = false;
  MeasureScale scale = MeasureScale::kAbsolute;
  double no_inequality = 0.0;  // the value when every subgroup (person) has the same value
  Needs needs{};
  IntervalMethod interval = IntervalMethod::kNone;
  // The se is that of log(estimate) (ratios: R, RII), so that exp(log ± z·se) is the interval.
  bool se_on_log_scale = false;
  SignConvention sign = SignConvention::kSpread;
  std::string interpretation_sv{};
  std::string interpretation_en{};
  std::string reference{};              // the source of the formula and of the conformance values
  SubgroupCompute compute_subgroups{};  // set when input == kSubgroups
  IndividualCompute compute_individuals{};  // set when input == kIndividuals
};

class Registry {
 public:
  // Add a measure; throws Error(kInternal) on a duplicate id within its input kind or a missing
  // compute function.
  void Add(MeasureDescriptor descriptor);
  const MeasureDescriptor* Find(InputKind input, std::string_view id) const;
  // Return every measure, subgroup measures first, each kind sorted by id.
  std::vector<const MeasureDescriptor*> All() const;

 private:
  std::map<std::pair<InputKind, std::string>, MeasureDescriptor, std::less<>> measures_;
};

// Register every measure (the hand-written list in register_all.cpp).
void RegisterAll(Registry& registry);

// Return the process-wide registry, filled on first use and read-only afterwards.
const Registry& MeasureRegistry();

// Compute a registered measure; throws Error(kInvalidArgument) for an unknown id.
MeasureResult Compute(std::string_view id, const SubgroupData& data,
                      const MeasureOptions& options = {});
MeasureResult Compute(std::string_view id, const Sample& sample,
                      const MeasureOptions& options = {});

// Return the dimension type of the data: ordered if declared so, binary with two subgroups,
// otherwise unordered.
DimensionType DimensionTypeOf(const SubgroupData& data);

}  // namespace jamlik::inequality
