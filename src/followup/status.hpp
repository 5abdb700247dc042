#pragma once
// What a follow-up says about a target in a period, and why it says less than it might: labelled
// enumerators (core/labelled_enum.hpp) with a stable id, which files, the store and the API carry,
// and a Swedish and English label, which people read. Declared once, in status.cpp.
#include <cstdint>
#include <ostream>
#include <span>

#include "core/labelled_enum.hpp"

namespace jamlik::followup {

// The statuses of issue 12 item 3, best first; Worse() orders them for a floor target.
enum class TargetStatus : std::uint8_t {
  kReached,   // the whole interval is at or past the target on the good side
  kOnTrack,   // not reached; the estimate is at or past the path on the good side
  kAtRisk,    // the estimate is on the bad side of the path, but the interval reaches it
  kOffTrack,  // the whole interval is on the bad side of the path
  kNoData,    // no published value: the reason says why
};

// Why a status is no_data, or what it rests on when it rests on less than an interval.
enum class StatusReason : std::uint8_t {
  kNone,
  kSuppressed,           // disclosure control blanked the value
  kMissing,              // the results have no row for the target in the period
  kUndefined,            // the row has no estimate (the indicator's flag or the measure's reason)
  kBaselineMissing,      // no published value in the baseline period, so no path
  kBeforeBaseline,       // the period lies before the baseline period
  kNoInterval,           // evaluated on the estimate alone: it has no interval
  kSubgroupWithoutData,  // a floor: some subgroup has no data and none is off track
};

// Return the worse of two statuses for a target that takes the worst of its parts (a floor).
// off_track is worst: it is known whatever the missing parts say; then no_data, since a missing
// part could be off track; then at_risk, on_track, reached.
TargetStatus Worse(TargetStatus a, TargetStatus b);

}  // namespace jamlik::followup

namespace jamlik {

template <>
struct EnumTable<followup::TargetStatus> {
  static std::span<const EnumEntry<followup::TargetStatus>> Entries();
};

template <>
struct EnumTable<followup::StatusReason> {
  static std::span<const EnumEntry<followup::StatusReason>> Entries();
};

namespace followup {

// Write the id (test messages, logs).
inline std::ostream& operator<<(std::ostream& out, TargetStatus status) {
  return out << EnumId(status);
}
inline std::ostream& operator<<(std::ostream& out, StatusReason reason) {
  return out << EnumId(reason);
}

}  // namespace followup
}  // namespace jamlik
