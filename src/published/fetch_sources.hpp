#pragma once
// What `jamlik fetch` asks Kolada and SCB for, and how the answers reach the importers: the URLs
// (ids split by the services' limits), the paging, the SCB calls kept under its cell limit. The
// responses go through the same readers as `jamlik import` (kolada.cpp, scb.cpp), named by their
// URL in errors.
#include <string>
#include <utility>
#include <vector>

#include "published/fetch.hpp"
#include "published/kolada.hpp"
#include "published/published_row.hpp"

namespace jamlik::published {

// ---- Kolada API v3 ----

inline constexpr const char* kKoladaBaseUrl = "https://api.kolada.se/v3";
inline constexpr std::size_t kKoladaIdsPerSegment = 25;  // ids in one path segment
inline constexpr std::size_t kKoladaPerPage = 5000;      // values per page (Kolada's most)
inline constexpr std::size_t kKoladaMaxPages = 10000;    // per request: a bound, not a limit met

struct KoladaQuery {
  std::vector<std::string> kpis;            // "N00945"
  std::vector<std::string> municipalities;  // "1814", "0018" (region), "0000" (nation), "G…"
  std::vector<std::string> years;           // "2020"
  std::string base_url = kKoladaBaseUrl;
  std::size_t per_page = kKoladaPerPage;
};

// Split a comma-separated list ("1814,1880"); empty parts are dropped.
std::vector<std::string> SplitList(const std::string& text);
// Years from "2020-2024", "2018,2020-2022": each year once, in order. Throws kUsage naming the
// part that is no year or range.
std::vector<std::string> ParseYears(const std::string& text);
// Check ids: KPIs a letter and five digits, municipalities four digits or a group "G…". Throws
// kUsage naming the bad id.
void CheckKoladaQuery(const KoladaQuery& query);

// The first page's URL of each data request: kpis × municipalities × years, each segment at most
// kKoladaIdsPerSegment ids ({base}/data/kpi/{ids}/municipality/{ids}/year/{years}?per_page=N).
std::vector<std::string> KoladaDataUrls(const KoladaQuery& query);
// The KPI metadata URLs ({base}/kpi/{ids}), at most kKoladaIdsPerSegment ids each.
std::vector<std::string> KoladaKpiUrls(const KoladaQuery& query);

// Fetch every page (following next_url) of every data request, and the KPIs' titles, and import
// them as `jamlik import kolada` would.
KoladaImport FetchKolada(Fetcher& fetcher, const KoladaQuery& query);

// ---- SCB PxWeb API v2 ----

inline constexpr const char* kScbBaseUrl = "https://statistikdatabasen.scb.se/api/v2";
inline constexpr std::size_t kScbMaxCells = 150000;  // cells per call (the API's /config)

// One variable's selection as the user wrote it: "Region=1814,1880", "Tid=from(2020)".
struct ScbSelection {
  std::string variable;
  std::vector<std::string> expressions;  // codes, "*", "01*", from(c), to(c), range(a,b), last(n)
};

// Read --query values: each "VARIABLE=EXPR,EXPR…", several in one value separated by ';'. Throws
// kUsage naming a part without '=' or with nothing selected.
std::vector<ScbSelection> ParseScbQuery(const std::vector<std::string>& values);

// A table's variable as its metadata tells it.
struct ScbMetaVariable {
  std::string id;
  std::vector<std::string> codes;  // in the table's order
  bool eliminable = false;         // may be left out of a query (extension.elimination)
};

// Read the variables of an API v2 metadata response (JSON-stat 2.0 with an empty value).
std::vector<ScbMetaVariable> ParseScbMetadata(const nlohmann::json& document,
                                              const std::string& file);

// One call: the codes asked for per variable (a variable left out is eliminated).
struct ScbCall {
  std::vector<std::pair<std::string, std::vector<std::string>>> selection;
  std::size_t cells = 1;
};

// Resolve the selections against the metadata and split them into calls of at most `max_cells`
// cells: a variable not named is eliminated when it may be, else wholly selected. Splits the
// variable with the most codes first. Throws kUsage for an unknown variable or a code the table
// lacks, naming it and the choices.
std::vector<ScbCall> PlanScbCalls(const std::vector<ScbMetaVariable>& variables,
                                  const std::vector<ScbSelection>& selections,
                                  std::size_t max_cells = kScbMaxCells);

struct ScbQuery {
  std::string table;  // "TAB638"
  std::vector<ScbSelection> selections;
  std::string language = "sv";  // sv or en: the labels
  std::string base_url = kScbBaseUrl;
  std::size_t max_cells = kScbMaxCells;
};

std::string ScbMetadataUrl(const ScbQuery& query);
// {base}/tables/{table}/data?lang=…&outputFormat=json-stat2&valueCodes[VAR]=a,b…
std::string ScbDataUrl(const ScbQuery& query, const ScbCall& call);

// Fetch the table's metadata, plan the calls, fetch them and import the JSON-stat 2.0 answers as
// `jamlik import scb` would, one table of rows.
ImportedResults FetchScb(Fetcher& fetcher, const ScbQuery& query);

}  // namespace jamlik::published
