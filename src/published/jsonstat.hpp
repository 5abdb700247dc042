#pragma once
// JSON-stat datasets as SCB's PxWeb sends them: version 2.0 (API v2, and API v1 with
// format json-stat2) and the older 1.x form of API v1's format json-stat (a "dataset" wrapper,
// with id, size and role inside "dimension"). Layout rules and SCB's quirks:
// ../shared/fixtures/scb/README.md.
//
// - `value` is row-major with the last dimension varying fastest; an array (dense, null for a
//   missing cell) or an object keyed by the flat index (sparse). A metadata response has
//   `value: []` and a `size` describing the whole table: no observations, not an error.
// - A category's `index` is an object code → position, an array of codes, or absent for a single
//   category; positions count, never the order of keys in the file.
// - `status` is absent, one string for every cell, an array beside `value`, or an object keyed by
//   the flat index.
#include <nlohmann/json.hpp>

#include <string>

#include "published/scb_table.hpp"

namespace jamlik::published {

// Does the document look like a JSON-stat 2.0 dataset ("class": "dataset" or "version": "2.0"
// beside "dimension") or a 1.x one (a "dataset" object holding "dimension")?
bool IsJsonStat2(const nlohmann::json& document);
bool IsJsonStat1(const nlohmann::json& document);

// Read a JSON-stat dataset (either form). Throws kBadValue naming the file and JSON pointer of
// what does not fit: a size that is not its dimension's number of categories, a dense value array
// of another length than the product of the sizes, a value that is no number or null.
ScbTable ParseJsonStat(const nlohmann::json& document, const std::string& file);

}  // namespace jamlik::published
