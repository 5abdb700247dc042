#include "indicators/result_table.hpp"

#include <type_traits>

namespace jamlik {
namespace {

namespace c = result_column;

constexpr ResultField kFields[] = {
    {c::kIndicator, &ResultRow::indicator, "Indikator (id)", "Indicator (id)",
     "The indicator's id in its definition"},
    {c::kIndicatorName, &ResultRow::indicator_name, "Indikator", "Indicator",
     "The indicator's name in the user's language"},
    {c::kIndicatorType, &ResultRow::indicator_type, "Typ", "Type",
     "The indicator type (count, proportion, rate, mean, median, dsr, isr, life_expectancy)"},
    {c::kAreaLevel, &ResultRow::area_level, "Områdesnivå", "Area level",
     "The area level: a code list such as kommun, lan or deso, riket for the nation, or "
     "alla for all of a dataset that covers no whole level"},
    {c::kArea, &ResultRow::area, "Område", "Area", "The area's code; 00 for the nation"},
    {c::kAreaName, &ResultRow::area_name, "Områdesnamn", "Area name",
     "The area's name in the user's language (Lekeberg; Sverige / Sweden)"},
    {c::kPeriod, &ResultRow::period, "Period", "Period",
     "The period; empty when the data has one period", true},
    {c::kDimension, &ResultRow::dimension, "Dimension", "Dimension",
     "The dimension set, its columns joined by \" × \"; total for the whole population"},
    {c::kSubgroup, &ResultRow::subgroup, "Grupp", "Subgroup",
     "The subgroup, one category per column of the dimension set joined by \" × \"; T for "
     "the total"},
    {c::kSubgroupOrder, &ResultRow::subgroup_order, "Gruppens ordning", "Subgroup order",
     "1 = most disadvantaged on an ordered dimension, else 0"},
    {c::kOrderedDimension, &ResultRow::ordered_dimension, "Ordnad dimension", "Ordered dimension",
     "The dimension's subgroups have a natural order (education, income quintile)"},
    {c::kReferenceSubgroup, &ResultRow::reference_subgroup, "Referensgrupp", "Reference subgroup",
     "This subgroup is the dimension's reference for differences and ratios"},
    {c::kFavourableIndicator, &ResultRow::favourable_indicator, "Högt värde är bra",
     "High is favourable", "High values of the indicator are good"},
    {c::kIndicatorScale, &ResultRow::indicator_scale, "Skala", "Scale",
     "The multiplier: 100 for per cent, 100 000 for rates per 100 000"},
    {c::kEstimate, &ResultRow::estimate, "Skattning", "Estimate",
     "The estimate; null when undefined (flag says why) or suppressed"},
    {c::kLower, &ResultRow::lower, "Nedre gräns", "Lower limit",
     "Lower confidence limit at `confidence`"},
    {c::kUpper, &ResultRow::upper, "Övre gräns", "Upper limit",
     "Upper confidence limit at `confidence`"},
    {c::kConfidence, &ResultRow::confidence, "Konfidensnivå", "Confidence level",
     "The confidence level of lower and upper"},
    {c::kLower2, &ResultRow::lower_2, "Nedre gräns 2", "Lower limit 2",
     "Lower limit at the second confidence level, if asked"},
    {c::kUpper2, &ResultRow::upper_2, "Övre gräns 2", "Upper limit 2",
     "Upper limit at the second confidence level, if asked"},
    {c::kConfidence2, &ResultRow::confidence_2, "Konfidensnivå 2", "Confidence level 2",
     "The second confidence level, if asked"},
    {c::kNumerator, &ResultRow::numerator, "Täljare", "Numerator",
     "Events, successes, the count or the sum of values"},
    {c::kDenominator, &ResultRow::denominator, "Nämnare", "Denominator",
     "Trials, population, person-time or the number of values"},
    {c::kPopulation, &ResultRow::population, "Befolkning", "Population",
     "The population behind the estimate"},
    {c::kMethod, &ResultRow::method, "Metod", "Method", "The interval method used", true},
    {c::kFlag, &ResultRow::flag, "Anmärkning", "Note",
     "Why the estimate or interval is undefined or unreliable; empty when neither", true},
    {c::kSuppressed, &ResultRow::suppressed, "Skyddad", "Suppressed",
     "Disclosure control blanked the row"},
    {c::kSuppressionReason, &ResultRow::suppression_reason, "Skäl till skydd", "Suppression reason",
     "Which rule blanked the row; empty when not suppressed", true},
};

// The column of one field over all rows: text and bilingual names as categories, yes/no and
// integers as int64, numbers as doubles with nulls.
Column FieldColumn(const ResultField& field, const std::vector<ResultRow>& rows) {
  return std::visit(
      [&](auto member) -> Column {
        using Value = std::remove_cvref_t<decltype(std::declval<ResultRow>().*member)>;
        if constexpr (std::is_same_v<Value, std::string> || std::is_same_v<Value, BilingualText>) {
          const Language language = CurrentLanguage();
          std::vector<std::optional<std::string>> values;
          values.reserve(rows.size());
          for (const auto& row : rows) {
            const std::string* text;
            if constexpr (std::is_same_v<Value, BilingualText>) {
              text = &(row.*member).In(language);
            } else {
              text = &(row.*member);
            }
            values.push_back(field.empty_is_null && text->empty() ? std::nullopt
                                                                  : std::optional(*text));
          }
          return Column::CategoricalFromStrings(field.name, values);
        } else if constexpr (std::is_same_v<Value, bool> || std::is_same_v<Value, std::int64_t>) {
          std::vector<std::int64_t> values;
          values.reserve(rows.size());
          for (const auto& row : rows) values.push_back(static_cast<std::int64_t>(row.*member));
          return Column::Int64(field.name, std::move(values));
        } else {
          std::vector<double> values(rows.size());
          Validity validity;
          for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::optional<double> value = rows[i].*member;
            if (value) {
              values[i] = *value;
            } else {
              if (validity.empty()) validity = Validity::AllValid(rows.size());
              validity.Clear(i);
            }
          }
          return Column::Double(field.name, std::move(values), std::move(validity));
        }
      },
      field.member);
}

}  // namespace

std::span<const ResultField> ResultFields() { return kFields; }

std::vector<std::string> StoredColumnNames(const ResultField& field) {
  if (std::holds_alternative<BilingualText ResultRow::*>(field.member)) {
    return {field.name, std::string(field.name) + "_en"};
  }
  return {field.name};
}

Table ResultRowsToTable(const std::vector<ResultRow>& rows) {
  std::vector<Column> columns;
  for (const ResultField& field : kFields) columns.push_back(FieldColumn(field, rows));
  return Table(std::move(columns));
}

std::string ResultColumnLabel(const std::string& column) {
  for (const ResultField& field : kFields) {
    if (column == field.name) return std::string(Tr(field.header_sv, field.header_en));
  }
  return column;
}

}  // namespace jamlik
