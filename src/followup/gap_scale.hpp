#pragma once
// What must shrink for a gap target: the measure's distance from its no-inequality value n (the
// registry's `no_inequality`: 0 for D, SII, ACI and RCI, 1 for R and RII). Differences and indices
// are measured on their own scale, |x − n|; ratios on the log scale, |log(x/n)|, so that R = 2 and
// R = 0.5 are equally far from equality and the path is linear in the log of the ratio. The
// interval maps through the same distance: an interval that holds n maps to [0, the farther end's
// distance], any other to [the nearer end's, the farther end's].
//
// People read a log distance badly, so the doors show a ratio's distance as the ratio folded to
// at least n, n·exp(distance) (R = 0.5 shows as 2): monotone in the distance, so every status is
// the same on either scale.
#include <optional>
#include <string_view>

#include "followup/evaluation.hpp"

namespace jamlik::followup {

struct GapScale {
  double no_inequality = 0;
  bool log_scale = false;  // a ratio
};

// Return the scale of a registered subgroup measure ("d", "rii_linear"); the registry's
// descriptor says where equality lies and whether the measure is a ratio (its se is on the log
// scale). Throws kInvalidArgument for an unknown id.
GapScale GapScaleOf(std::string_view measure);

// Return the distance of a measure's value from no inequality; nullopt for a ratio that is not
// positive.
std::optional<double> GapDistance(const GapScale& scale, double value);

// Return a measure's value with its interval as distances (the reason and detail kept); a ratio
// whose limits are not both positive keeps its estimate's distance without an interval.
Value GapDistance(const GapScale& scale, const Value& measure);

// Return a distance as the doors show it: itself, or a ratio folded to at least n.
double GapDisplay(const GapScale& scale, double distance);

}  // namespace jamlik::followup
