#pragma once
// A result row's dimension set and subgroup as values: the dimension columns a row is broken down
// by, in their order, and one category per column. Their display form ("kon × utbildning",
// "K × förgymnasial"; "total" and "T" for the whole population) is what result tables, the store
// and the API carry; it is made and parsed here and nowhere else.
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"

namespace jamlik {

// The sign between the parts of a crossed dimension set or subgroup.
inline constexpr std::string_view kCrossSign = " × ";
// The dimension set and subgroup of the whole population.
inline constexpr const char* kTotalDimension = "total";
inline constexpr const char* kTotalSubgroup = "T";

class DimensionSet {
 public:
  // The whole population: no dimension.
  DimensionSet() = default;
  explicit DimensionSet(std::vector<std::string> columns) : columns_(std::move(columns)) {}

  // Return the set a display form names: "total" is the whole population, anything else its
  // columns split at " × ".
  static DimensionSet Parse(std::string_view display);

  const std::vector<std::string>& columns() const { return columns_; }
  std::size_t size() const { return columns_.size(); }
  bool IsTotal() const { return columns_.empty(); }
  // More than one column: no single order or reference subgroup.
  bool IsCrossed() const { return columns_.size() > 1; }

  // Return "kon × utbildning", or "total" for the whole population.
  std::string Display() const;

  // Return what people read, in `language`: the known dimensions' labels joined by " × " ("Kön ×
  // Utbildningsnivå"), "Totalt" / "Total" for the whole population; a column no known dimension
  // declares (a dataset's own) by its name.
  std::string Label(Language language) const;

  // Return the columns sorted by name: two orders of the same columns are the same groups of
  // persons.
  std::vector<std::string> SortedColumns() const;

  bool operator==(const DimensionSet&) const = default;

 private:
  std::vector<std::string> columns_;
};

class Subgroup {
 public:
  // The whole population.
  Subgroup() = default;
  explicit Subgroup(std::vector<std::string> categories) : categories_(std::move(categories)) {}

  // Return the subgroup of `dimensions` a display form names: the whole population for the total
  // set, the whole text for a single dimension (a category may contain the cross sign), one part
  // per column otherwise. Throws kBadValue when a crossed subgroup has not one part per column.
  static Subgroup Parse(std::string_view display, const DimensionSet& dimensions);

  const std::vector<std::string>& categories() const { return categories_; }
  bool IsTotal() const { return categories_.empty(); }

  // Return "K × förgymnasial", or "T" for the whole population.
  std::string Display() const;

  // Return what people read, in `language`, of this subgroup of `of`: each category's label
  // ("Kvinnor × Förgymnasial"), "Totalt" / "Total" for the whole population; a category no known
  // dimension declares as it is.
  std::string Label(const DimensionSet& of, Language language) const;

  // Return the subgroup of a coarser set that holds this one (of the set `of`): the categories
  // of `coarse`'s columns, in `coarse`'s order. Throws kInvalidArgument when `coarse` has a
  // column `of` has not.
  Subgroup Project(const DimensionSet& of, const DimensionSet& coarse) const;

  bool operator==(const Subgroup&) const = default;

 private:
  std::vector<std::string> categories_;
};

}  // namespace jamlik
