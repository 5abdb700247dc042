#include "published/published_row.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/dimension_set.hpp"
#include "core/dimensions.hpp"

namespace jamlik::published {

BilingualText PublishedAreaName(std::string_view level, std::string_view code,
                                const std::string& source_name) {
  BilingualText name = AreaName(level, code);
  // AreaName answers the code itself where the lists have no name.
  if (name.sv == code && !source_name.empty()) return source_name;
  return name;
}

ResultRow ToResultRow(const PublishedFigure& figure) {
  ResultRow row;
  row.indicator = figure.indicator;
  row.indicator_name = figure.indicator_name;
  row.indicator_type = kPublishedIndicatorType;
  row.area_level = figure.area_level;
  row.area = figure.area;
  row.area_name = figure.area_name;
  row.period = figure.period;
  std::vector<std::string> columns, categories;
  for (const auto& [column, category] : figure.breakdown) {
    columns.push_back(column);
    categories.push_back(category);
  }
  row.dimension = DimensionSet(columns).Display();
  row.subgroup = Subgroup(categories).Display();
  // A single known dimension carries its order and reference subgroup, as computed results do
  // (indicators/row_assembly.cpp).
  if (columns.size() == 1) {
    if (const DimensionInfo* known = FindDimension(columns[0])) {
      const auto& declared = known->categories;
      const auto found =
          std::find_if(declared.begin(), declared.end(),
                       [&](const DimensionCategory& c) { return c.code == categories[0]; });
      if (known->ordered && found != declared.end()) {
        const auto position = static_cast<std::int64_t>(found - declared.begin());
        const auto size = static_cast<std::int64_t>(declared.size());
        row.subgroup_order =
            known->advantaged == AdvantagedEnd::kFirst ? size - position : position + 1;
      }
      row.ordered_dimension = known->ordered;
      row.reference_subgroup = !known->reference.empty() && categories[0] == known->reference;
    }
  }
  row.estimate = figure.value;
  if (!figure.value) row.flag = ResultFlag::kMissingInSource;
  return row;
}

namespace {

void Count(std::vector<std::pair<std::string, std::size_t>>& counts, const std::string& status) {
  for (auto& [symbol, count] : counts) {
    if (symbol == status) {
      ++count;
      return;
    }
  }
  counts.emplace_back(status, 1);
}

std::string Symbols(const std::vector<std::pair<std::string, std::size_t>>& counts) {
  std::string text;
  for (const auto& [symbol, count] : counts) {
    text += fmt::format("{}\"{}\": {}", text.empty() ? "" : ", ", symbol, LocalCount(count));
  }
  return text;
}

}  // namespace

void StatusTally::Add(const std::string& status, bool value_missing) {
  if (value_missing) ++missing_;
  if (status.empty()) return;
  Count(value_missing ? missing_by_status_ : present_by_status_, status);
}

std::vector<std::string> StatusTally::Notes() const {
  std::vector<std::string> notes;
  if (missing_ > 0) {
    std::string note = fmt::format(
        "{} {}", LocalCount(missing_),
        TrCount(missing_, "värde saknas i källan och är tomt (missing_in_source), inte noll",
                "värden saknas i källan och är tomma (missing_in_source), inte noll",
                "value is missing in the source and left empty (missing_in_source), not zero",
                "values are missing in the source and left empty (missing_in_source), not zero"));
    if (!missing_by_status_.empty())
      note += fmt::format(" (status {})", Symbols(missing_by_status_));
    notes.push_back(std::move(note));
  }
  if (!present_by_status_.empty()) {
    notes.push_back(fmt::format("{}: {}",
                                Tr("värden med status i källan (värdet är importerat)",
                                   "values with a status in the source (the value is imported)"),
                                Symbols(present_by_status_)));
  }
  return notes;
}

}  // namespace jamlik::published
