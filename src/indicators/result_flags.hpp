#pragma once
// A result row's flag and suppression reason as enumerators: the engine sets them, the doors turn
// them into their stable ids (result table, CSV, store, API) or their labels in the user's
// language (web app, Excel, the terminal). Declared once, with ids and labels, in
// result_flags.cpp (core/labelled_enum.hpp).
#include <cstdint>
#include <span>

#include "core/labelled_enum.hpp"
#include "stats/interval.hpp"

namespace jamlik {

// Why a row's estimate or interval is undefined (a statistic's UndefinedReason, by the same id),
// or why it is to be read with care; kNone when neither.
enum class ResultFlag : std::uint8_t {
  kNone,
  kMissingInput,
  kZeroDenominator,
  kTooFewObservations,
  kNegativeLimit,
  kCountBelowMinimum,
  kZeroExpected,
  kIntervalTooWide,
  kPopulationBelowMinimum,
  kNegativeCount,
  kNonPositivePopulation,
  kCountExceedsPopulation,
  kIncompleteAgeBands,
  kZeroDeathsInOpenBand,
  kNoSurvivors,
  kUnreliable,  // the release step: the interval is wide for the estimate (DisclosureRules)
  // An imported published statistic (Kolada, SCB) without a value: the publisher left it out
  // (its status symbol says why, e.g. ".."); never read as zero.
  kMissingInSource,
};

// Return the flag of a statistic's undefined reason.
ResultFlag FlagOf(UndefinedReason reason);

// Which disclosure-control rule blanked a row (src/privacy); kNone when it is shown.
enum class SuppressionReason : std::uint8_t {
  kNone,
  kDenominatorBelowMinimum,
  kNumeratorBelowMinimum,
  kDominance,
  kPopulationBelowMinimum,
  kComplementary,  // secondary: it would reveal a blanked row through a sum
};

template <>
struct EnumTable<ResultFlag> {
  static std::span<const EnumEntry<ResultFlag>> Entries();
};

template <>
struct EnumTable<SuppressionReason> {
  static std::span<const EnumEntry<SuppressionReason>> Entries();
};

}  // namespace jamlik
