#include "privacy/group_by_release.hpp"

#include "core/dimension_set.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"

#include <algorithm>
#include <map>

namespace jamlik {
namespace {

constexpr const char* kCountIndicator = "n";

// Withheld cells of one output column: copy it with those rows null.
Column Blanked(const Column& column, const std::vector<bool>& withheld) {
  Validity validity =
      column.validity().empty() ? Validity::AllValid(column.size()) : column.validity();
  for (std::size_t row = 0; row < withheld.size(); ++row) {
    if (withheld[row]) validity.Clear(row);
  }
  if (column.type() == ColumnType::kInt64) {
    return Column::Integers(column.name(), column.integers(), std::move(validity));
  }
  return Column::Double(column.name(), column.doubles(), std::move(validity));
}

}  // namespace

ReleasedTable ReleaseGroupBy(const GroupByResult& grouped, const std::vector<Statistic>& statistics,
                             const ReleaseRequest& request) {
  const std::size_t keys = grouped.keys.size(), values = grouped.values.size();
  const std::size_t groups = grouped.num_groups();
  // A value column is a count when every value is 0 or 1.
  const std::vector<bool>& binary = grouped.zero_one;
  // The dominance rule judges sums of magnitudes by their top contributions; a group-by that
  // left them out must not reach disclosure control.
  if (grouped.detail == StateDetail::kSums && !request.unsuppressed &&
      std::find(binary.begin(), binary.end(), false) != binary.end()) {
    throw Error(
        ErrorCode::kInternal,
        "the group-by has no top contributions for the dominance rule (StateDetail::kSums)");
  }
  std::vector<ResultRow> rows;
  for (std::size_t g = 0; g < groups; ++g) {
    ResultRow base;
    base.area_level = std::string(area_level::kAllData);
    base.area = std::string(kAllDataCode);
    std::vector<std::string> dimensions, categories;
    for (std::size_t k = 0; k < keys; ++k) {
      const std::uint32_t code = grouped.key_codes[g * keys + k];
      if (code == kTotalCode) continue;
      dimensions.push_back(grouped.keys[k]);
      categories.push_back(code == kNullCode ? std::string()
                                             : grouped.dictionaries[k].category(code));
    }
    base.dimension = DimensionSet(std::move(dimensions)).Display();
    base.subgroup = Subgroup(std::move(categories)).Display();
    ResultRow count = base;
    count.indicator = kCountIndicator;
    count.indicator_type = "count";
    count.numerator = count.denominator = static_cast<double>(grouped.row_counts[g]);
    rows.push_back(count);
    for (std::size_t v = 0; v < values; ++v) {
      const MomentState& state = grouped.states[g * values + v];
      ResultRow sum = base;
      sum.indicator = grouped.values[v];
      sum.indicator_type = binary[v] ? "proportion" : "mean";
      sum.numerator = state.sum;
      sum.denominator = static_cast<double>(state.count);
      // A sum of magnitudes (income, hours) can be one person's value in disguise: the dominance
      // rule judges it by its two largest contributions.
      if (!binary[v]) sum.top_contributions = TopContributions{state.largest, state.second_largest};
      rows.push_back(sum);
    }
  }
  const PublishedResults published = Release(std::move(rows), request);
  // Per output column (n, then each value's statistics), the groups whose figures are withheld.
  std::map<std::string, std::vector<bool>> withheld;
  std::vector<std::optional<std::string>> flags(groups), reasons(groups);
  for (std::size_t r = 0; r < published.rows().size(); ++r) {
    const ResultRow& row = published.rows()[r];
    const std::size_t g = r / (values + 1);
    auto& mask = withheld[row.indicator];
    mask.resize(groups, false);
    mask[g] = row.suppressed;
    if (row.suppressed && !reasons[g]) reasons[g] = std::string(EnumId(row.suppression_reason));
    flags[g] = reasons[g] ? "1" : "0";
  }
  std::vector<Column> columns =
      std::move(GroupByResultToTable(grouped, statistics)).ReleaseColumns();
  const std::vector<bool> everywhere(groups, published.disclosure_controlled());
  for (std::size_t c = keys; c < columns.size(); ++c) {
    const std::string& name = columns[c].name();
    if (name == kCountIndicator) {
      columns[c] = Blanked(columns[c], withheld[kCountIndicator]);
      continue;
    }
    for (std::size_t v = 0; v < values; ++v) {
      const std::string& value = grouped.values[v];
      if (name != value && name.rfind(value + "_", 0) != 0) continue;
      const bool extreme = name == value + "_min" || name == value + "_max";
      columns[c] = Blanked(columns[c], extreme ? everywhere : withheld[value]);
      break;
    }
  }
  if (published.disclosure_controlled()) {
    columns.push_back(Column::CategoricalFromStrings(result_column::kSuppressed, flags));
    columns.push_back(Column::CategoricalFromStrings(result_column::kSuppressionReason, reasons));
  }
  return ReleasedTable(Table(std::move(columns)), published.disclosure_controlled(),
                       published.summary());
}

}  // namespace jamlik
