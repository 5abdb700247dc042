#pragma once
// The demo's comparisons (issue 11 item 6): several years of a synthetic Sweden loaded into Demo
// kommun with a saved analysis over municipalities, counties and the nation, so that the web app's
// comparison page and area profile show marks and trends at once (`make demo`).
#include <cstdint>
#include <string>

#include "server/server.hpp"

namespace jamlik::cli {

// The saved analysis' name, one for both languages.
inline constexpr const char* kDemoComparisonName = "Jämförelser 2021–2025 / Comparisons 2021–2025";

// Import `csv` (jamlik synth --year 2021 --last-year 2025, all of Sweden) into the organisation
// and run the demo's indicators on it, unless an analysis of that name exists already.
void SetUpDemoComparisons(server::Server& server, std::int64_t organisation, std::int64_t user,
                          const std::string& csv);

}  // namespace jamlik::cli
