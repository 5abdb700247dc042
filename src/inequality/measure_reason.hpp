#pragma once
// Why an inequality measure has no estimate, or an estimate but no interval: an enumerator the
// measures return, with a stable id and a label in Swedish and English (core/labelled_enum.hpp),
// declared once in measure_reason.cpp. The measures never make text; the doors do (EnumLabel).
#include <cstdint>
#include <ostream>
#include <span>

#include "core/labelled_enum.hpp"

namespace jamlik::inequality {

enum class MeasureReason : std::uint8_t {
  kNone,  // the estimate and its interval exist
  // HEAT's applicability and minimum-data rules (subgroup measures).
  kNotForBinaryDimensions,
  kNotForOrderedDimensions,
  kNotForUnorderedDimensions,
  kOrderedEstimatesMissing,
  kTooManyEstimatesMissing,
  kFewerThanTwoSubgroups,
  kFewerThanThreeSubgroups,
  kPopulationMissing,
  kNoSingleReference,
  kEndSubgroupMissing,
  kReferenceUnclear,
  kAdvantagedSubgroupMissing,
  // Undefined values.
  kZeroMean,
  kMeanEqualsScale,
  kMeanOnUpperBound,
  kBoundsReversed,
  kNoObservations,
  kNegativeValues,
  kNegativeEstimates,
  kZeroValue,
  kZeroSubgroupMld,
  kDenominatorSubgroupZero,
  kZeroDenominator,
  kEmptyTopGroup,  // whole persons: nobody lies above the percentile (ties at the cut)
  kEstimateOutsideScale,
  kAllOrNoCases,
  kFittedEndNotPositive,
  kCorrectionNeedsTwoPersons,
  kInvalidEpsilon,
  kInvalidAlpha,
  // Why there is no interval.
  kStandardErrorsMissing,
  kNoIntervalMethod,
  kTooFewSimulatedValues,
  kWalterVarianceUndefined,
  kVarianceUndefined,
  kLogIntervalNeedsPositiveValues,
  kNoIntervalWithZeroSubgroup,
  kIntervalRegressionUnsolvable,
  // A regression (the slope index) that failed (stats/regression.hpp's failure kinds).
  kRegressionTooFewObservations,
  kRegressionCollinear,
  kRegressionSeparation,
  kRegressionNoConvergence,
  // The convenient regression of the concentration index leaves no residual (the subgroups lie on
  // a line), so it gives no interval, and no subgroup standard errors were given to take its place.
  kExactFitWithoutStandardErrors,
};

}  // namespace jamlik::inequality

namespace jamlik {

template <>
struct EnumTable<inequality::MeasureReason> {
  static std::span<const EnumEntry<inequality::MeasureReason>> Entries();
};

namespace inequality {

// Write the id (test messages, logs).
inline std::ostream& operator<<(std::ostream& out, MeasureReason reason) {
  return out << EnumId(reason);
}

}  // namespace inequality
}  // namespace jamlik
