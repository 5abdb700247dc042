#pragma once
// Areas as code lists, never as code prefixes spread over the engine (DESIGN.md §5): Sweden's 290
// municipalities and 21 counties with their names (resources/kommuner.csv, compiled in), DeSO and
// RegSO areas placed in their municipality by SCB's code structure, the nation "00" = Sverige.
// The roll-up of indicators, disclosure control and the importers ask here where an area belongs
// and what it is called; the code lists also translate sources' codes to the project's.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"

namespace jamlik {

struct Municipality {
  std::string code;         // 4 digits, leading zero kept: "0180"
  std::string name;         // "Stockholm"
  std::string county_code;  // 2 digits: "01"
  std::string county_name;  // "Stockholms län"
};

struct County {
  std::string code;  // 2 digits: "01"
  std::string name;  // "Stockholms län"
};

// Return the municipalities ordered by code.
const std::vector<Municipality>& Municipalities();
// Return the counties ordered by code.
const std::vector<County>& Counties();
// Return the municipality with this 4-digit code, or nullptr.
const Municipality* FindMunicipality(std::string_view code);
// Return the county with this 2-digit code, or nullptr.
const County* FindCounty(std::string_view code);

// The area levels the code lists know, as the columns and definitions name them.
namespace area_level {
inline constexpr std::string_view kDeso = "deso";
inline constexpr std::string_view kRegso = "regso";
inline constexpr std::string_view kMunicipality = "kommun";
inline constexpr std::string_view kCounty = "lan";
inline constexpr std::string_view kNation = "riket";
// The top of a roll-up over data that covers neither the nation nor one county: all of it.
inline constexpr std::string_view kAllData = "alla";
}  // namespace area_level

inline constexpr std::string_view kNationCode = "00";
inline constexpr std::string_view kAllDataCode = "alla";

// Return the code of the area of `to_level` that holds the area `code` of `from_level`: a DeSO or
// RegSO code begins with its municipality's code (SCB's code structure), a municipality's county
// comes from the list, the nation and "all data" hold everything. nullopt when the code lists do
// not place it (an unknown code, or a level that is no code list, such as a user's own districts).
std::optional<std::string> ContainingArea(std::string_view from_level, std::string_view code,
                                          std::string_view to_level);

// Return the area's name: the municipality's or county's, "Sverige" / "Sweden", "Hela
// datamängden" / "All data"; the code itself where the lists give no name (DeSO, own areas).
BilingualText AreaName(std::string_view level, std::string_view code);

// Return the level that the top of a roll-up is for data whose finest areas are `codes` of
// `finest_level`: the nation (kNation) when they span every county, the county (kCounty) when
// they all lie in one, otherwise all of the data (kAllData) — also when the finest level is no
// code list or the data has no area column (`finest_level` empty).
std::string_view TopAreaLevel(std::string_view finest_level, const std::vector<std::string>& codes);

// Translate a source's code to the project's through a code list: "scb_kon" (SCB's sex: 1 → M,
// 2 → K, 1+2 and TotSa → T), "kolada_kon" (Kolada's gender: T, K, M as they are). nullopt when the
// list does not hold the code; throws kInvalidArgument for an unknown list.
std::optional<std::string> TranslateCode(std::string_view code_list, std::string_view code);

// An area of the code lists: its level (area_level) and its code in the project's form.
struct PlacedArea {
  std::string_view level;
  std::string code;
  bool operator==(const PlacedArea&) const = default;
};

// Place a source's area code through a code list: "scb_region" (SCB's Region codes: "00" the
// nation, a county's two digits, a municipality's four, DeSO and RegSO codes of a known
// municipality), "kolada_omrade" (Kolada's municipality ids: "0000" the nation, "00" + a county's
// code for the region, a municipality's code). nullopt when the lists do not hold the code;
// throws kInvalidArgument for an unknown list.
std::optional<PlacedArea> TranslateArea(std::string_view code_list, std::string_view code);

}  // namespace jamlik
