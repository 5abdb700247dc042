#pragma once
// The interval methods' labels: a result row carries a method's id ("wilson", "byars"), people
// read its name ("Wilson", "Byar"). One table for every method an indicator type declares and
// every one a row can carry (a Poisson type's row says which of Byar and exact it used).
#include <span>
#include <string>
#include <string_view>

#include "core/i18n.hpp"

namespace jamlik {

struct IntervalMethodLabel {
  std::string_view id;
  std::string_view label_sv;
  std::string_view label_en;
};

std::span<const IntervalMethodLabel> IntervalMethodLabels();

// Return the method's name in `language`; "" stays "", an id the table lacks is returned as it is.
std::string MethodLabel(std::string_view id, Language language);

}  // namespace jamlik
