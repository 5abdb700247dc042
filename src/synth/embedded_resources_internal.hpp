#pragma once
// The reference files in resources/, compiled into the library (embedded_resources.cpp.in) so
// the jamlik binary needs no data files at run time.
#include <string_view>

namespace jamlik::internal {

// resources/kommun_folkmangd.csv: kommun,folkmangd (approximate, rounded).
std::string_view KommunFolkmangdCsv();
// resources/lan_alder_kon.csv: lan,alder,kon,folkmangd (SCB TAB6471).
std::string_view LanAlderKonCsv();

}  // namespace jamlik::internal
