#include "core/dimensions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

namespace jamlik {
namespace {

// `text` folded to lower-case ASCII for matching as people write names: å ä → a, ö → o, é → e
// (two-byte UTF-8, upper and lower case).
std::string Folded(std::string_view name) {
  std::string folded;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto byte = static_cast<unsigned char>(name[i]);
    if (byte == 0xC3 && i + 1 < name.size()) {
      const auto next = static_cast<unsigned char>(name[i + 1]);
      const char plain = next == 0xA5 || next == 0xA4 || next == 0x85 || next == 0x84 ? 'a'
                         : next == 0xB6 || next == 0x96                               ? 'o'
                         : next == 0xA9 || next == 0x89                               ? 'e'
                                                                                      : '\0';
      if (plain != '\0') {
        folded += plain;
        ++i;
        continue;
      }
    }
    folded += byte < 0x80 ? static_cast<char>(std::tolower(byte)) : static_cast<char>(byte);
  }
  return folded;
}

// Whether a category in the data is a declared one, as offices write it: the code or either
// label, in any case, with or without å ä ö ("Förgymnasial", "FORGYMNASIAL", "Kvinnor", "Women").
bool IsCategory(std::string_view present, const DimensionCategory& declared) {
  const std::string folded = Folded(present);
  return folded == Folded(declared.code) || folded == Folded(declared.label_sv) ||
         folded == Folded(declared.label_en);
}

std::vector<std::string> DeclaredThenRest(const DimensionInfo& dimension,
                                          const std::vector<std::string>& present) {
  std::vector<std::string> order;
  for (const DimensionCategory& category : dimension.categories) {
    for (const auto& written : present) {
      if (IsCategory(written, category) &&
          std::find(order.begin(), order.end(), written) == order.end()) {
        order.push_back(written);
      }
    }
  }
  for (const auto& category : present) {
    if (std::find(order.begin(), order.end(), category) == order.end()) order.push_back(category);
  }
  return order;
}

// Re-encode a categorical column so that its dictionary follows `order`.
Column Reorder(const Column& column, const std::vector<std::string>& order, bool ordered) {
  const CategoricalData& data = column.categorical();
  Dictionary dictionary(order, ordered);
  std::vector<std::uint32_t> remap(data.dictionary.size());
  for (std::uint32_t code = 0; code < data.dictionary.size(); ++code) {
    remap[code] = *dictionary.Find(data.dictionary.category(code));
  }
  CategoryCodes codes = MakeCategoryCodes(dictionary.size(), column.size());
  std::visit(
      [&](auto& target) {
        using Code = typename std::decay_t<decltype(target)>::value_type;
        // A null's code means nothing (the reader leaves it 0) and may index no category at
        // all: a column whose every value is missing has none. Nulls keep code 0.
        for (std::size_t row = 0; row < target.size(); ++row) {
          if (!column.IsNull(row)) target[row] = static_cast<Code>(remap[data.CodeAt(row)]);
        }
      },
      codes);
  return Column::Categorical(column.name(), std::move(dictionary), std::move(codes),
                             column.validity());
}

// Turn an integer column into categories ordered by value, padding codes to `digits` digits.
Column IntegersToCategories(const Column& column, int digits, bool ordered) {
  std::map<std::int64_t, std::uint32_t> distinct;
  const std::size_t rows = column.size();
  std::visit(
      [&](const auto& values) {
        for (std::size_t row = 0; row < rows; ++row) {
          if (!column.IsNull(row)) distinct.emplace(values[row], 0);
        }
      },
      column.integers());
  std::vector<std::string> categories;
  for (auto& [value, code] : distinct) {
    code = static_cast<std::uint32_t>(categories.size());
    categories.push_back(fmt::format("{:0{}}", value, digits));
  }
  Dictionary dictionary(std::move(categories), ordered);
  CategoryCodes codes = MakeCategoryCodes(dictionary.size(), rows);
  std::visit(
      [&](auto& target, const auto& values) {
        using Code = typename std::decay_t<decltype(target)>::value_type;
        for (std::size_t row = 0; row < rows; ++row) {
          if (!column.IsNull(row)) target[row] = static_cast<Code>(distinct[values[row]]);
        }
      },
      codes, column.integers());
  return Column::Categorical(column.name(), std::move(dictionary), std::move(codes),
                             column.validity());
}

Column StringsToCategories(const Column& column) {
  std::vector<std::optional<std::string>> values(column.size());
  for (std::size_t row = 0; row < values.size(); ++row) {
    if (!column.IsNull(row)) values[row] = column.strings()[row];
  }
  return Column::CategoricalFromStrings(column.name(), values);
}

Column AsDimension(const Column& column, const DimensionInfo& dimension) {
  switch (column.type()) {
    case ColumnType::kInt64: {
      if (dimension.kind == DimensionKind::kPeriod) return column;
      Column categorical = IntegersToCategories(column, dimension.code_digits, dimension.ordered);
      return Reorder(categorical,
                     DeclaredThenRest(dimension, categorical.categorical().dictionary.categories()),
                     dimension.ordered);
    }
    case ColumnType::kString:
      return AsDimension(StringsToCategories(column), dimension);
    case ColumnType::kCategorical:
      return Reorder(column,
                     DeclaredThenRest(dimension, column.categorical().dictionary.categories()),
                     dimension.ordered);
    case ColumnType::kDouble:
      return column;
  }
  return column;
}

}  // namespace

const std::vector<DimensionInfo>& KnownDimensions() {
  using enum DimensionKind;
  static const std::vector<DimensionInfo> dimensions = {
      {.column = "lan", .label_sv = "Län", .label_en = "County", .kind = kArea, .code_digits = 2},
      {.column = "kommun",
       .label_sv = "Kommun",
       .label_en = "Municipality",
       .kind = kArea,
       .code_digits = 4},
      {.column = "deso", .label_sv = "DeSO-område", .label_en = "DeSO area", .kind = kArea},
      {.column = "regso", .label_sv = "RegSO-område", .label_en = "RegSO area", .kind = kArea},
      {.column = "ar", .label_sv = "År", .label_en = "Year", .kind = kPeriod, .ordered = true},
      {.column = "kon",
       .label_sv = "Kön",
       .label_en = "Sex",
       .categories = {{"K", "Kvinnor", "Women"}, {"M", "Män", "Men"}, {"T", "Totalt", "Total"}}},
      {.column = "utbildning",
       .label_sv = "Utbildningsnivå",
       .label_en = "Education",
       .categories = {{"förgymnasial", "Förgymnasial", "Primary"},
                      {"gymnasial", "Gymnasial", "Upper secondary"},
                      {"eftergymnasial", "Eftergymnasial", "Post-secondary"}},
       .ordered = true,
       .advantaged = AdvantagedEnd::kLast},
      {.column = "inkomstkvintil",
       .label_sv = "Inkomstkvintil",
       .label_en = "Income quintile",
       .categories = {{"1", "Kvintil 1 (lägst)", "Quintile 1 (lowest)"},
                      {"2", "Kvintil 2", "Quintile 2"},
                      {"3", "Kvintil 3", "Quintile 3"},
                      {"4", "Kvintil 4", "Quintile 4"},
                      {"5", "Kvintil 5 (högst)", "Quintile 5 (highest)"}},
       .ordered = true,
       .advantaged = AdvantagedEnd::kLast},
      {.column = "fodelseregion",
       .label_sv = "Födelseregion",
       .label_en = "Region of birth",
       .categories = {{"Sverige", "Sverige", "Sweden"},
                      {"Norden", "Norden utom Sverige", "Nordic countries except Sweden"},
                      {"Europa", "Europa utom Norden", "Europe except the Nordic countries"},
                      {"utanför Europa", "Utanför Europa", "Outside Europe"}},
       .reference = "Sverige"},
      {.column = "funktionsnedsattning",
       .label_sv = "Funktionsnedsättning",
       .label_en = "Disability",
       .categories = {{"nej", "Utan funktionsnedsättning", "Without disability"},
                      {"ja", "Med funktionsnedsättning", "With disability"}},
       .reference = "nej"},
  };
  return dimensions;
}

std::string DimensionLabel(std::string_view column, Language language) {
  const DimensionInfo* dimension = FindDimension(column);
  if (dimension == nullptr) return std::string(column);
  return std::string(language == Language::kSwedish ? dimension->label_sv : dimension->label_en);
}

std::string CategoryLabel(std::string_view column, std::string_view category, Language language) {
  if (const DimensionInfo* dimension = FindDimension(column)) {
    for (const DimensionCategory& known : dimension->categories) {
      if (IsCategory(category, known)) {
        return std::string(language == Language::kSwedish ? known.label_sv : known.label_en);
      }
    }
  }
  return std::string(category);
}

std::string WrittenCategory(const DimensionInfo& dimension, std::string_view code,
                            const std::vector<std::string>& present) {
  for (const DimensionCategory& category : dimension.categories) {
    if (category.code != code) continue;
    for (const auto& written : present) {
      if (IsCategory(written, category)) return written;
    }
  }
  return std::string(code);
}

std::string CanonicalColumnName(std::string_view name) {
  const std::string folded = Folded(name);
  if (folded == "alder") return folded;
  const DimensionInfo* known = FindDimension(folded);
  return known != nullptr ? std::string(known->column) : std::string(name);
}

const DimensionInfo* FindDimension(std::string_view column) {
  for (const auto& dimension : KnownDimensions()) {
    if (dimension.column == column) return &dimension;
  }
  return nullptr;
}

const DimensionInfo* FindDimensionByName(std::string_view written) {
  const std::string folded = Folded(written);
  for (const auto& dimension : KnownDimensions()) {
    if (folded == Folded(dimension.column) || folded == Folded(dimension.label_sv) ||
        folded == Folded(dimension.label_en)) {
      return &dimension;
    }
  }
  return nullptr;
}

std::string_view DeclaredCategoryCode(const DimensionInfo& dimension, std::string_view written) {
  for (const DimensionCategory& category : dimension.categories) {
    if (IsCategory(written, category)) return category.code;
  }
  return {};
}

Table ApplyKnownDimensions(Table table, const std::vector<std::string>& except) {
  std::vector<Column> columns = std::move(table).ReleaseColumns();
  std::vector<std::string> names;
  for (const auto& column : columns) names.push_back(column.name());
  std::vector<std::string> declared;
  for (const auto& name : except) declared.push_back(CanonicalColumnName(name));
  for (auto& column : columns) {
    const std::string canonical = CanonicalColumnName(column.name());
    if (canonical != column.name() &&
        std::find(names.begin(), names.end(), canonical) == names.end()) {
      column.set_name(canonical);
      names.push_back(canonical);  // a second spelling of the same name keeps its own
    }
    const DimensionInfo* dimension = FindDimension(column.name());
    if (dimension == nullptr ||
        std::find(declared.begin(), declared.end(), canonical) != declared.end()) {
      continue;
    }
    column = AsDimension(column, *dimension);
  }
  return Table(std::move(columns));
}

}  // namespace jamlik
