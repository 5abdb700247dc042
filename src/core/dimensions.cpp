#include "core/dimensions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <string>

#include "core/parallel.hpp"

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

// Re-encode a categorical column so that its dictionary follows `order`, a permutation of its
// categories; when the order is already the column's, only the dictionary is replaced.
Column Reorder(Column column, const std::vector<std::string>& order, bool ordered) {
  Dictionary dictionary(order, ordered);
  const Dictionary& present = column.categorical().dictionary;
  std::vector<std::uint32_t> remap(present.size());
  for (std::uint32_t code = 0; code < present.size(); ++code) {
    remap[code] = *dictionary.Find(present.category(code));
  }
  column.Recode(std::move(dictionary), remap);
  return column;
}

// Integer codes, ages and years span a small range: up to this span a table indexed by value is
// used (to mark the distinct values, to find a value's code); wider ranges are sorted and searched.
constexpr std::uint64_t kMostByValue = std::uint64_t{1} << 20;

// The distinct values of an integer column's non-null rows, ascending.
template <class Values>
std::vector<std::int64_t> DistinctIntegers(const Values& values, const Validity& validity) {
  using Value = typename Values::value_type;
  auto present = [&validity](std::size_t row) { return validity.IsValid(row); };
  Value low = std::numeric_limits<Value>::max();
  Value high = std::numeric_limits<Value>::min();
  for (std::size_t row = 0; row < values.size(); ++row) {
    if (present(row)) low = std::min(low, values[row]), high = std::max(high, values[row]);
  }
  std::vector<std::int64_t> distinct;
  if (low > high) return distinct;
  const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(high) - low);
  if (span < kMostByValue) {
    std::vector<std::uint8_t> seen(span + 1, 0);
    for (std::size_t row = 0; row < values.size(); ++row) {
      if (present(row)) seen[static_cast<std::uint64_t>(values[row] - low)] = 1;
    }
    for (std::uint64_t i = 0; i <= span; ++i) {
      if (seen[i] != 0)
        distinct.push_back(static_cast<std::int64_t>(low) + static_cast<std::int64_t>(i));
    }
    return distinct;
  }
  for (std::size_t row = 0; row < values.size(); ++row) {
    if (present(row)) distinct.push_back(values[row]);
  }
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  return distinct;
}

// Turn an integer column into categories, its values padded to `digits` digits, in the
// dimension's order (declared categories first, the rest by value), in one pass over the rows.
Column IntegersToDimension(const Column& column, const DimensionInfo& dimension) {
  const std::size_t rows = column.size();
  const std::vector<std::int64_t> distinct =
      std::visit([&](const auto& values) { return DistinctIntegers(values, column.validity()); },
                 column.integers());
  std::vector<std::string> written;
  for (const std::int64_t value : distinct) {
    written.push_back(fmt::format("{:0{}}", value, dimension.code_digits));
  }
  Dictionary dictionary(DeclaredThenRest(dimension, written), dimension.ordered);
  // The code of the i-th smallest value.
  std::vector<std::uint32_t> code_of(distinct.size());
  for (std::size_t i = 0; i < distinct.size(); ++i) code_of[i] = *dictionary.Find(written[i]);
  CategoryCodes codes = MakeCategoryCodes(dictionary.size(), rows);
  const Validity& validity = column.validity();
  std::visit(
      [&](auto& target, const auto& values) {
        using Code = typename std::decay_t<decltype(target)>::value_type;
        using Value = typename std::decay_t<decltype(values)>::value_type;
        if (distinct.empty()) return;  // every row null: codes stay 0
        const std::int64_t low = distinct.front();
        const auto span = static_cast<std::uint64_t>(distinct.back() - low);
        std::vector<Code> by_value;
        if (span < kMostByValue) {
          by_value.resize(span + 1);
          for (std::size_t i = 0; i < distinct.size(); ++i) {
            by_value[static_cast<std::uint64_t>(distinct[i] - low)] = static_cast<Code>(code_of[i]);
          }
        }
        auto code = [&](Value value) -> Code {
          if (!by_value.empty()) return by_value[static_cast<std::uint64_t>(value - low)];
          const auto at = std::lower_bound(distinct.begin(), distinct.end(), value);
          return static_cast<Code>(code_of[static_cast<std::size_t>(at - distinct.begin())]);
        };
        for (std::size_t row = 0; row < rows; ++row) {
          if (validity.IsValid(row)) target[row] = code(values[row]);
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

Column AsDimension(Column column, const DimensionInfo& dimension) {
  switch (column.type()) {
    case ColumnType::kInt64:
      if (dimension.kind == DimensionKind::kPeriod) return column;
      return IntegersToDimension(column, dimension);
    case ColumnType::kString:
      return AsDimension(StringsToCategories(column), dimension);
    case ColumnType::kCategorical: {
      std::vector<std::string> order =
          DeclaredThenRest(dimension, column.categorical().dictionary.categories());
      return Reorder(std::move(column), order, dimension.ordered);
    }
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
  std::vector<const DimensionInfo*> dimensions(columns.size(), nullptr);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    Column& column = columns[c];
    const std::string canonical = CanonicalColumnName(column.name());
    if (canonical != column.name() &&
        std::find(names.begin(), names.end(), canonical) == names.end()) {
      column.set_name(canonical);
      names.push_back(canonical);  // a second spelling of the same name keeps its own
    }
    if (std::find(declared.begin(), declared.end(), canonical) == declared.end()) {
      dimensions[c] = FindDimension(column.name());
    }
  }
  // Columns are independent: each is re-encoded by its own thread.
  ParallelFor(columns.size(), [&](std::size_t c) {
    if (dimensions[c] != nullptr) columns[c] = AsDimension(std::move(columns[c]), *dimensions[c]);
  });
  return Table(std::move(columns));
}

}  // namespace jamlik
