#pragma once
// PxWeb API v1's "json" format: columns (type "d" a dimension, "t" the time, "c" a content, i.e.
// a measure) and data rows, each with a key (one code per d/t column, in column order) and values
// (one string per c column). Every content column becomes a category of one ContentsCode
// variable, so a row with two measures is two observations. Values are strings: a number, or a
// symbol without digits ("..", "-") for a value SCB leaves out. Eliminated variables do not
// appear (../shared/fixtures/scb/README.md).
#include <nlohmann/json.hpp>

#include <string>

#include "published/scb_table.hpp"

namespace jamlik::published {

// Does the document look like API v1 "json" ("columns" and "data" arrays)?
bool IsPxWebV1Json(const nlohmann::json& document);

// Read it. Throws kBadValue naming the file and JSON pointer: a key of the wrong length, a value
// that is neither a number nor a symbol, a column type other than d, t or c.
ScbTable ParsePxWebV1Json(const nlohmann::json& document, const std::string& file);

}  // namespace jamlik::published
