#pragma once
// Kolada's API v3 JSON (api.kolada.se/v3, RKA): data pages, KPI metadata and municipality groups,
// read into the long result table. The KPI is the indicator (its title from the metadata when
// given), Kolada's municipality id the area (placed through the code lists: "0000" the nation,
// "00NN" region NN, a municipality's code; a group's id "G…" stays a group), `gender` the kon
// dimension (K, M; T is the whole population, dimension "total"), `value` the estimate. A null
// value is missing, never zero, whatever its status.
//
// A data page:      {"values": [{"kpi", "municipality", "period",
//                                "values": [{"gender", "count", "status", "value"}, …]}, …],
//                    "count": N, "next_url": "…?page=2&per_page=5000", "previous_url": …}
// KPI metadata:     {"values": [{"id", "title", "is_divided_by_gender", …}, …]}
// Municipality groups: {"values": [{"id", "title", "members": [{"id", "title"}, …]}, …]}
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/geography.hpp"
#include "published/json_input.hpp"
#include "published/published_row.hpp"

namespace jamlik::published {

// The area level of a Kolada municipality group's values ("G124009").
inline constexpr std::string_view kKoladaGroupLevel = "kolada_grupp";

struct KoladaValue {
  std::string kpi;
  std::string municipality;           // Kolada's id: "0180", "0018", "0000", "G124009"
  std::string period;                 // "2023"
  std::string gender;                 // T, K or M
  std::optional<std::int64_t> count;  // members behind a group's value; 1 for an area
  std::string status;                 // "" when none
  std::optional<double> value;        // nullopt: missing
  std::string pointer;                // where in its file: "/values/3/values/0"
};

struct KoladaPage {
  std::vector<KoladaValue> values;
  std::optional<std::string> next_url, previous_url;
};

// Read one data page. Throws kBadValue naming the file and JSON pointer of what does not fit.
KoladaPage ParseKoladaPage(const nlohmann::json& document, const std::string& file);

struct KoladaKpi {
  std::string id;
  std::string title;
  bool divided_by_gender = false;
};

// Read a KPI metadata response: the KPIs by id.
std::map<std::string, KoladaKpi> ParseKoladaKpis(const nlohmann::json& document,
                                                 const std::string& file);

// A municipality group: a comparison group of areas ("Liknande kommuner, …").
struct KoladaGroup {
  std::string id;
  std::string title;
  std::vector<PlacedArea> members;  // in the project's codes
};

// Read a municipality_groups response; every member must be an area the code lists place.
std::vector<KoladaGroup> ParseKoladaGroups(const nlohmann::json& document, const std::string& file);

struct KoladaFiles {
  std::vector<std::string> pages{};  // data pages: one response or the pages of one (next_url)
  std::string kpis{};                // KPI metadata, optional
  std::string groups{};              // municipality groups, optional
};

struct KoladaImport {
  ImportedResults results;
  std::vector<KoladaGroup> groups;  // comparison groups, for the comparisons to come
};

// Import Kolada's files as one result table: the pages' values in order, one row per value.
// Throws when a page of a paged response is missing or a value is given twice.
KoladaImport ImportKolada(const KoladaFiles& files);

// The same on parsed pages, `files` naming them in errors (what ImportKolada does once the files
// are read; a door that holds the JSON already, an upload, starts here).
ImportedResults KoladaResults(const std::vector<KoladaPage>& pages,
                              const std::vector<std::string>& files,
                              const std::map<std::string, KoladaKpi>& kpis = {},
                              const std::vector<KoladaGroup>& groups = {});

}  // namespace jamlik::published
