#pragma once
// An SCB table as the PxWeb formats deliver it (API v2 JSON-stat 2.0, API v1 "json" and
// JSON-stat 1.x), in one form the formats' readers fill and one function turns into result rows.
// Codes are the keys everywhere: SCB's labels are not unique ("100+ år" names three age codes).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "published/published_row.hpp"

namespace jamlik::published {

// What a variable is to the result table.
enum class ScbRole {
  kArea,     // Region: the area
  kTime,     // Tid: the period
  kContent,  // ContentsCode: the indicator
  kOther,    // a breakdown: Kon (the kon dimension), Alder, Civilstand … (kept as named)
};

struct ScbVariable {
  std::string id;     // "Region", "Kon", "ContentsCode"
  std::string label;  // "region"
  ScbRole role = ScbRole::kOther;
  std::vector<std::string> codes;   // in position order
  std::vector<std::string> labels;  // parallel to codes; the code when the source has none
};

struct ScbObservation {
  std::vector<std::uint32_t> positions;  // one category position per variable
  std::optional<double> value;           // nullopt: missing in the source
  std::string status;                    // the source's symbol (".."), "" when none
};

struct ScbTable {
  std::string file;
  std::string table_id;  // extension.px.tableid, when given
  std::vector<ScbVariable> variables;
  std::vector<ScbObservation> observations;
};

// The role of a variable SCB sends without one: by its id (SCB sends no geo role, so the region
// is known by its id only).
ScbRole ScbRoleOfId(std::string_view id);

// Return the table's observations as result rows: the content as the indicator (its label as the
// name), Region as the area (through the code lists; a code they do not place keeps SCB's label,
// at the level named after the variable), Tid as the period, the other variables as the breakdown
// in the table's order (Kon through the code list scb_kon: its total is the whole population).
// A table without a Region variable (eliminated in the query) is the nation's, as SCB computes it.
// Throws kBadValue for a Kon code the code list does not hold.
ImportedResults ScbTableToResults(const ScbTable& table);

}  // namespace jamlik::published
