#include "core/dimension_set.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(kCrossSign, start)) != std::string_view::npos;) {
    parts.emplace_back(text.substr(start, at - start));
    start = at + kCrossSign.size();
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += kCrossSign;
    text += parts[i];
  }
  return text;
}

std::string TotalLabel(Language language) {
  return language == Language::kSwedish ? "Totalt" : "Total";
}

}  // namespace

DimensionSet DimensionSet::Parse(std::string_view display) {
  if (display == kTotalDimension) return DimensionSet();
  return DimensionSet(Split(display));
}

std::string DimensionSet::Display() const {
  return columns_.empty() ? std::string(kTotalDimension) : Join(columns_);
}

std::string DimensionSet::Label(Language language) const {
  if (columns_.empty()) return TotalLabel(language);
  std::vector<std::string> labels;
  for (const std::string& column : columns_) labels.push_back(DimensionLabel(column, language));
  return Join(labels);
}

std::vector<std::string> DimensionSet::SortedColumns() const {
  std::vector<std::string> sorted = columns_;
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

Subgroup Subgroup::Parse(std::string_view display, const DimensionSet& dimensions) {
  if (dimensions.IsTotal()) return Subgroup();
  if (dimensions.size() == 1) return Subgroup({std::string(display)});
  std::vector<std::string> parts = Split(display);
  if (parts.size() != dimensions.size()) {
    throw Error(ErrorCode::kBadValue,
                fmt::format("{} '{}' {} '{}'", Tr("undergruppen", "the subgroup"), display,
                            Tr("har inte en kategori per kolumn i dimensionen",
                               "has not one category per column of the dimension"),
                            dimensions.Display()),
                {}, "subgroup", std::string(display));
  }
  return Subgroup(std::move(parts));
}

std::string Subgroup::Display() const {
  return categories_.empty() ? std::string(kTotalSubgroup) : Join(categories_);
}

std::string Subgroup::Label(const DimensionSet& of, Language language) const {
  if (categories_.empty()) return TotalLabel(language);
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < categories_.size(); ++i) {
    labels.push_back(i < of.size() ? CategoryLabel(of.columns()[i], categories_[i], language)
                                   : categories_[i]);
  }
  return Join(labels);
}

Subgroup Subgroup::Project(const DimensionSet& of, const DimensionSet& coarse) const {
  std::vector<std::string> categories;
  categories.reserve(coarse.size());
  for (const std::string& column : coarse.columns()) {
    const auto at = std::find(of.columns().begin(), of.columns().end(), column);
    if (at == of.columns().end() ||
        static_cast<std::size_t>(at - of.columns().begin()) >= categories_.size()) {
      throw Error(ErrorCode::kInvalidArgument,
                  fmt::format("{} '{}' {} '{}'", Tr("dimensionen", "the dimension"), column,
                              Tr("ingår inte i", "is not part of"), of.Display()));
    }
    categories.push_back(categories_[static_cast<std::size_t>(at - of.columns().begin())]);
  }
  return Subgroup(std::move(categories));
}

}  // namespace jamlik
