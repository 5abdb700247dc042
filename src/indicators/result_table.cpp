#include "indicators/result_table.hpp"

#include <functional>

#include "core/i18n.hpp"

namespace jamlik {
namespace {

Column TextColumn(const char* name, const std::vector<ResultRow>& rows,
                  const std::function<const std::string&(const ResultRow&)>& field,
                  bool empty_is_null = false) {
  std::vector<std::optional<std::string>> values;
  values.reserve(rows.size());
  for (const auto& row : rows) {
    const std::string& text = field(row);
    values.push_back(empty_is_null && text.empty() ? std::nullopt : std::optional(text));
  }
  return Column::CategoricalFromStrings(name, values);
}

Column NumberColumn(const char* name, const std::vector<ResultRow>& rows,
                    const std::function<std::optional<double>(const ResultRow&)>& field) {
  std::vector<double> values(rows.size());
  Validity validity;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (const auto value = field(rows[i])) {
      values[i] = *value;
    } else {
      if (validity.empty()) validity = Validity::AllValid(rows.size());
      validity.Clear(i);
    }
  }
  return Column::Double(name, std::move(values), std::move(validity));
}

Column IntegerColumn(const char* name, const std::vector<ResultRow>& rows,
                     const std::function<std::int64_t(const ResultRow&)>& field) {
  std::vector<std::int64_t> values;
  values.reserve(rows.size());
  for (const auto& row : rows) values.push_back(field(row));
  return Column::Int64(name, std::move(values));
}

}  // namespace

Table ResultRowsToTable(const std::vector<ResultRow>& rows) {
  namespace c = result_column;
  std::vector<Column> columns;
  columns.push_back(TextColumn(
      c::kIndicator, rows, [](const ResultRow& r) -> const std::string& { return r.indicator; }));
  columns.push_back(
      TextColumn(c::kIndicatorName, rows,
                 [](const ResultRow& r) -> const std::string& { return r.indicator_name; }));
  columns.push_back(
      TextColumn(c::kIndicatorType, rows,
                 [](const ResultRow& r) -> const std::string& { return r.indicator_type; }));
  columns.push_back(TextColumn(
      c::kAreaLevel, rows, [](const ResultRow& r) -> const std::string& { return r.area_level; }));
  columns.push_back(
      TextColumn(c::kArea, rows, [](const ResultRow& r) -> const std::string& { return r.area; }));
  columns.push_back(TextColumn(
      c::kPeriod, rows, [](const ResultRow& r) -> const std::string& { return r.period; }, true));
  columns.push_back(TextColumn(
      c::kDimension, rows, [](const ResultRow& r) -> const std::string& { return r.dimension; }));
  columns.push_back(TextColumn(
      c::kSubgroup, rows, [](const ResultRow& r) -> const std::string& { return r.subgroup; }));
  columns.push_back(
      IntegerColumn(c::kSubgroupOrder, rows, [](const ResultRow& r) { return r.subgroup_order; }));
  columns.push_back(
      IntegerColumn(c::kOrderedDimension, rows,
                    [](const ResultRow& r) -> std::int64_t { return r.ordered_dimension; }));
  columns.push_back(
      IntegerColumn(c::kReferenceSubgroup, rows,
                    [](const ResultRow& r) -> std::int64_t { return r.reference_subgroup; }));
  columns.push_back(
      IntegerColumn(c::kFavourableIndicator, rows,
                    [](const ResultRow& r) -> std::int64_t { return r.favourable_indicator; }));
  columns.push_back(NumberColumn(c::kIndicatorScale, rows, [](const ResultRow& r) {
    return std::optional(r.indicator_scale);
  }));
  columns.push_back(
      NumberColumn(c::kEstimate, rows, [](const ResultRow& r) { return r.estimate; }));
  columns.push_back(NumberColumn(c::kLower, rows, [](const ResultRow& r) { return r.lower; }));
  columns.push_back(NumberColumn(c::kUpper, rows, [](const ResultRow& r) { return r.upper; }));
  columns.push_back(NumberColumn(c::kConfidence, rows,
                                 [](const ResultRow& r) { return std::optional(r.confidence); }));
  columns.push_back(NumberColumn(c::kLower2, rows, [](const ResultRow& r) { return r.lower_2; }));
  columns.push_back(NumberColumn(c::kUpper2, rows, [](const ResultRow& r) { return r.upper_2; }));
  columns.push_back(
      NumberColumn(c::kConfidence2, rows, [](const ResultRow& r) { return r.confidence_2; }));
  columns.push_back(
      NumberColumn(c::kNumerator, rows, [](const ResultRow& r) { return r.numerator; }));
  columns.push_back(
      NumberColumn(c::kDenominator, rows, [](const ResultRow& r) { return r.denominator; }));
  columns.push_back(
      NumberColumn(c::kPopulation, rows, [](const ResultRow& r) { return r.population; }));
  columns.push_back(TextColumn(
      c::kMethod, rows, [](const ResultRow& r) -> const std::string& { return r.method; }, true));
  columns.push_back(TextColumn(
      c::kFlag, rows, [](const ResultRow& r) -> const std::string& { return r.flag; }, true));
  columns.push_back(IntegerColumn(c::kSuppressed, rows,
                                  [](const ResultRow& r) -> std::int64_t { return r.suppressed; }));
  columns.push_back(TextColumn(
      c::kSuppressionReason, rows,
      [](const ResultRow& r) -> const std::string& { return r.suppression_reason; }, true));
  return Table(std::move(columns));
}

std::string ResultColumnLabel(const std::string& column) {
  namespace c = result_column;
  struct Label {
    const char* column;
    const char* swedish;
    const char* english;
  };
  static constexpr Label kLabels[] = {
      {c::kIndicator, "Indikator (id)", "Indicator (id)"},
      {c::kIndicatorName, "Indikator", "Indicator"},
      {c::kIndicatorType, "Typ", "Type"},
      {c::kAreaLevel, "Områdesnivå", "Area level"},
      {c::kArea, "Område", "Area"},
      {c::kPeriod, "Period", "Period"},
      {c::kDimension, "Dimension", "Dimension"},
      {c::kSubgroup, "Grupp", "Subgroup"},
      {c::kSubgroupOrder, "Gruppens ordning", "Subgroup order"},
      {c::kOrderedDimension, "Ordnad dimension", "Ordered dimension"},
      {c::kReferenceSubgroup, "Referensgrupp", "Reference subgroup"},
      {c::kFavourableIndicator, "Högt värde är bra", "High is favourable"},
      {c::kIndicatorScale, "Skala", "Scale"},
      {c::kEstimate, "Skattning", "Estimate"},
      {c::kLower, "Nedre gräns", "Lower limit"},
      {c::kUpper, "Övre gräns", "Upper limit"},
      {c::kConfidence, "Konfidensnivå", "Confidence level"},
      {c::kLower2, "Nedre gräns 2", "Lower limit 2"},
      {c::kUpper2, "Övre gräns 2", "Upper limit 2"},
      {c::kConfidence2, "Konfidensnivå 2", "Confidence level 2"},
      {c::kNumerator, "Täljare", "Numerator"},
      {c::kDenominator, "Nämnare", "Denominator"},
      {c::kPopulation, "Befolkning", "Population"},
      {c::kMethod, "Metod", "Method"},
      {c::kFlag, "Anmärkning", "Note"},
      {c::kSuppressed, "Skyddad", "Suppressed"},
      {c::kSuppressionReason, "Skäl till skydd", "Suppression reason"},
  };
  for (const auto& label : kLabels) {
    if (column == label.column) return std::string(Tr(label.swedish, label.english));
  }
  return column;
}

}  // namespace jamlik
