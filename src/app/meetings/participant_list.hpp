#pragma once
// The organiser's participant list as a table people open in Excel: one row per registration in
// arrival order, columns headed in the reader's language, times in Swedish time. Personal data:
// the routes that write it audit each export.
#include <vector>

#include "app/meetings/registrations.hpp"
#include "core/i18n.hpp"
#include "core/table.hpp"

namespace jamlik::app {

// Name, organisation, e-mail, needs, status (labelled), waiting position (empty unless waiting)
// and the time of registration ("2026-12-04 13:05", Swedish time), headed in `language`.
Table ParticipantTable(const std::vector<Registration>& registrations, Language language);

}  // namespace jamlik::app
