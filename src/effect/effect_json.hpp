#pragma once
// The effect assessment as JSON: what `jamlik effect --format json` writes and the API's
// GET …/measures/{measure}/effect answers for each bound indicator (openapi.json's
// EffectAssessment). Labels and the summary in the user's language.
#include <nlohmann/json.hpp>

#include "effect/effect.hpp"

namespace jamlik::effect {

nlohmann::json EffectJson(const EffectAssessment& assessment);

// A gap trend's marker in words, with its reason when it could not be calculated ("kan inte
// beräknas (färre än fem perioder)"), from src/compare's one list of marks.
std::string GapTrendLabel(const compare::Trend& trend);

}  // namespace jamlik::effect
