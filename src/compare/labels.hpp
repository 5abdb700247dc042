#pragma once
// What people read of a comparison: its columns' headers and its marks' words, in Swedish and
// English. Files and the API keep the stable ids (better, could_not_be_calculated); the terminal
// and Excel show these.
#include <string>
#include <string_view>

#include "core/i18n.hpp"

namespace jamlik::compare {

// The header of a comparison column ("comparison" → "Jämförelse (95 %)" / "Comparison (95 %)");
// "" for a name that is no comparison column.
std::string ComparisonColumnLabel(std::string_view column, Language language);

// The word for a mark or reason id ("worse" → "sämre" / "worse", "fewer_than_five_periods" →
// "färre än fem perioder"); an id it does not know, as it is.
std::string ComparisonMarkLabel(std::string_view id, Language language);

}  // namespace jamlik::compare
