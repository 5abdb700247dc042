#include "followup/status.hpp"

namespace jamlik {
namespace {

using S = followup::TargetStatus;
using R = followup::StatusReason;

// In the enumerators' order.
constexpr EnumEntry<S> kStatuses[] = {
    {S::kReached, "reached", "Uppnått", "Reached"},
    {S::kOnTrack, "on_track", "På väg", "On track"},
    {S::kAtRisk, "at_risk", "Risk att inte nås", "At risk"},
    {S::kOffTrack, "off_track", "Når inte målet i denna takt", "Off track"},
    {S::kNoData, "no_data", "Uppgift saknas", "No data"},
};

constexpr EnumEntry<R> kReasons[] = {
    {R::kNone, "", "", ""},
    {R::kSuppressed, "suppressed", "Värdet är skyddat (röjandekontroll)",
     "The value is suppressed (disclosure control)"},
    {R::kMissing, "missing", "Resultaten saknar värde för perioden",
     "The results have no value for the period"},
    {R::kUndefined, "undefined", "Skattningen är odefinierad", "The estimate is undefined"},
    {R::kBaselineMissing, "baseline_missing", "Utgångsvärde saknas för basperioden",
     "No baseline value in the baseline period"},
    {R::kBeforeBaseline, "before_baseline", "Perioden ligger före basperioden",
     "The period lies before the baseline period"},
    {R::kNoInterval, "no_interval", "Inget konfidensintervall: bedömt på skattningen",
     "No confidence interval: judged on the estimate"},
    {R::kSubgroupWithoutData, "subgroup_without_data",
     "Någon grupp saknar uppgift och ingen grupp är långt efter",
     "Some subgroup has no data and none is off track"},
};

}  // namespace

std::span<const EnumEntry<S>> EnumTable<S>::Entries() { return kStatuses; }
std::span<const EnumEntry<R>> EnumTable<R>::Entries() { return kReasons; }

namespace followup {
namespace {

// Higher is worse.
int Severity(TargetStatus status) {
  switch (status) {
    case TargetStatus::kReached:
      return 0;
    case TargetStatus::kOnTrack:
      return 1;
    case TargetStatus::kAtRisk:
      return 2;
    case TargetStatus::kNoData:
      return 3;
    case TargetStatus::kOffTrack:
      return 4;
  }
  return 4;
}

}  // namespace

TargetStatus Worse(TargetStatus a, TargetStatus b) { return Severity(a) >= Severity(b) ? a : b; }

}  // namespace followup
}  // namespace jamlik
