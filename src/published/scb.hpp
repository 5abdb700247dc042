#pragma once
// SCB's PxWeb responses into the long result table. The formats are a registry (ScbFormats): each
// says how it recognises a document and reads it into an ScbTable; a new format is one entry.
#include <nlohmann/json.hpp>

#include <span>
#include <string>

#include "published/published_row.hpp"
#include "published/scb_table.hpp"

namespace jamlik::published {

struct ScbFormat {
  const char* id;  // "jsonstat2"
  const char* label_sv;
  const char* label_en;
  bool (*recognises)(const nlohmann::json& document);
  ScbTable (*parse)(const nlohmann::json& document, const std::string& file);
};

// The formats, tried in order: JSON-stat 2.0 (API v2, API v1 json-stat2), JSON-stat 1.x (API v1
// json-stat), API v1 json.
std::span<const ScbFormat> ScbFormats();

// Read an SCB response into an ScbTable through the first format that recognises it. Throws
// kBadValue naming the formats when none does (a table list, a code list, v1 table metadata).
ScbTable ParseScb(const nlohmann::json& document, const std::string& file);

// Import an SCB response file as result rows (ScbTableToResults).
ImportedResults ImportScb(const std::string& path);

}  // namespace jamlik::published
