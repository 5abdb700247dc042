#pragma once
// One published figure (a Kolada value, an SCB cell) as a row of the long result table
// (indicators/result_table.hpp): the one place where the importers fill a ResultRow, so that every
// source's rows carry their area, dimension set and missing values the same way.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "indicators/result_table.hpp"

namespace jamlik::published {

// The indicator type of an imported figure: the source states a value, not how it was computed.
inline constexpr const char* kPublishedIndicatorType = "published";

// The known dimension both sources break figures down by (core/dimensions.cpp's catalogue).
inline constexpr const char* kSexDimension = "kon";

struct PublishedFigure {
  std::string indicator;         // Kolada's KPI id, SCB's content code
  BilingualText indicator_name;  // its title; the id when the source gives none
  std::string area_level;        // area_level::k… or a source's own level
  std::string area;              // the project's code ("00", "18", "1814")
  BilingualText area_name;
  std::string period;
  // The breakdown as (column, category) pairs in the source's order, without the totals of known
  // dimensions (Kolada's and SCB's "T" of kon): an empty list is the whole population.
  std::vector<std::pair<std::string, std::string>> breakdown;
  std::optional<double> value;  // nullopt: the source has no value (never read as zero)
};

// What an import gives a door: the rows, and notes for the user about what the source said beside
// its values (status symbols, levels the code lists do not know), in the user's language.
struct ImportedResults {
  std::vector<ResultRow> rows;
  std::vector<std::string> notes;
};

// Count the status symbols the source set beside its figures (Kolada's `status`, JSON-stat's
// `status`, PxWeb v1's ".."), which the result table has no column for: a missing value is
// flagged missing_in_source, and the symbols are told in the import's notes.
class StatusTally {
 public:
  void Add(const std::string& status, bool value_missing);
  // "3 värden saknas i källan (status ..: 2, Missing: 1)"; nothing when all were there.
  std::vector<std::string> Notes() const;

 private:
  std::size_t missing_ = 0;
  std::vector<std::pair<std::string, std::size_t>> missing_by_status_, present_by_status_;
};

// Return the result row of a figure: dimension set and subgroup in their display forms, the known
// dimensions' order and reference subgroup, no interval, flag missing_in_source when the value is
// missing.
ResultRow ToResultRow(const PublishedFigure& figure);

// The name of an area the code lists place: theirs; otherwise `source_name` (the source's label).
BilingualText PublishedAreaName(std::string_view level, std::string_view code,
                                const std::string& source_name);

}  // namespace jamlik::published
