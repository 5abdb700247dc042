#include "indicators/result_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <type_traits>

#include "core/dimension_set.hpp"
#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/labelled_enum.hpp"
#include "indicators/interval_methods.hpp"

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
     "Why the estimate or interval is undefined or unreliable (an id; the web app shows its "
     "label); empty when neither",
     true},
    {c::kSuppressed, &ResultRow::suppressed, "Skyddad", "Suppressed",
     "Disclosure control blanked the row"},
    {c::kSuppressionReason, &ResultRow::suppression_reason, "Skäl till skydd", "Suppression reason",
     "Which rule blanked the row (an id); empty when not suppressed", true},
};

template <LabelledEnum E>
std::string EnumLabelOfId(std::string_view id, Language language) {
  if (const std::optional<E> value = EnumFromId<E>(id))
    return std::string(EnumLabel(*value, language));
  return std::string(id);
}

const ResultLabelField kLabelFields[] = {
    {"dimension_label", c::kDimension, "Dimensionens namn", "Dimension name",
     "The dimension set in the request's language (Kön × Utbildningsnivå; Totalt / Total); a "
     "dataset's own column by its name",
     [](const ResultFieldTextOf& text_of, Language language) {
       return DimensionSet::Parse(text_of(c::kDimension)).Label(language);
     }},
    {"subgroup_label", c::kSubgroup, "Gruppens namn", "Subgroup name",
     "The subgroup in the request's language (Kvinnor × Förgymnasial; Totalt / Total); a category "
     "no known dimension declares as it is",
     [](const ResultFieldTextOf& text_of, Language language) {
       const DimensionSet dimensions = DimensionSet::Parse(text_of(c::kDimension));
       return Subgroup::Parse(text_of(c::kSubgroup), dimensions).Label(dimensions, language);
     }},
    {"method_label", c::kMethod, "Metodens namn", "Method name",
     "The interval method's name in the request's language (Wilson, Byar); empty when none",
     [](const ResultFieldTextOf& text_of, Language language) {
       return MethodLabel(text_of(c::kMethod), language);
     }},
    {"flag_label", c::kFlag, "Anmärkning i ord", "Note in words",
     "The flag in words in the request's language; empty when none",
     [](const ResultFieldTextOf& text_of, Language language) {
       return EnumLabelOfId<ResultFlag>(text_of(c::kFlag), language);
     }},
    {"suppression_reason_label", c::kSuppressionReason, "Skäl till skydd i ord",
     "Suppression reason in words",
     "The suppression reason in words in the request's language; empty when not suppressed",
     [](const ResultFieldTextOf& text_of, Language language) {
       return EnumLabelOfId<SuppressionReason>(text_of(c::kSuppressionReason), language);
     }},
};

// A table row's text of a column: "" for a null or a column the table lacks.
ResultFieldTextOf TableTextOf(const Table& table, std::size_t row) {
  return [&table, row](std::string_view name) {
    const Column* column = table.FindColumn(std::string(name));
    return column == nullptr || column->IsNull(row) ? std::string() : column->ValueToString(row);
  };
}

// The column of one field over all rows: text, bilingual names and enumerators' ids as
// categories, yes/no and integers as int64, numbers as doubles with nulls.
Column FieldColumn(const ResultField& field, const std::vector<ResultRow>& rows) {
  return std::visit(
      [&](auto member) -> Column {
        using Value = std::remove_cvref_t<decltype(std::declval<ResultRow>().*member)>;
        if constexpr (LabelledEnum<Value>) {
          std::vector<std::optional<std::string>> values;
          values.reserve(rows.size());
          for (const auto& row : rows) {
            const std::string_view id = EnumId(row.*member);
            values.push_back(field.empty_is_null && id.empty() ? std::nullopt
                                                               : std::optional<std::string>(id));
          }
          return Column::CategoricalFromStrings(field.name, values);
        } else if constexpr (std::is_same_v<Value, std::string> ||
                             std::is_same_v<Value, BilingualText>) {
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

[[noreturn]] void ThrowBadCell(const Column& column, std::size_t row, const std::string& text,
                               std::string_view what_sv, std::string_view what_en) {
  throw Error(ErrorCode::kBadValue,
              fmt::format("{} {}, {} '{}': '{}' {}", Tr("rad", "row"), row + 1,
                          Tr("kolumn", "column"), column.name(), text, Tr(what_sv, what_en)),
              {}, column.name(), text);
}

std::optional<double> CellNumber(const Column& column, std::size_t row) {
  if (column.IsNull(row)) return std::nullopt;
  if (column.IsNumeric()) return column.NumericAt(row);
  const std::string text = column.ValueToString(row);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    ThrowBadCell(column, row, text, "är inte ett tal", "is not a number");
  }
  return value;
}

// Read one field of one row from its column.
void ReadField(const ResultField& field, const Column& column, std::size_t row, ResultRow& out) {
  std::visit(
      [&](auto member) {
        using Value = std::remove_cvref_t<decltype(std::declval<ResultRow>().*member)>;
        if constexpr (LabelledEnum<Value>) {
          out.*member = ResultFieldEnum<Value>(
              field, column.IsNull(row) ? std::string() : column.ValueToString(row));
        } else if constexpr (std::is_same_v<Value, std::string>) {
          out.*member = column.IsNull(row) ? std::string() : column.ValueToString(row);
        } else if constexpr (std::is_same_v<Value, BilingualText>) {
          out.*member =
              BilingualText(column.IsNull(row) ? std::string() : column.ValueToString(row));
        } else if constexpr (std::is_same_v<Value, bool>) {
          if (column.IsNumeric()) {
            out.*member = !column.IsNull(row) && column.NumericAt(row) != 0.0;
          } else {
            const std::string text = column.IsNull(row) ? std::string() : column.ValueToString(row);
            out.*member = text == "1" || text == "true" || text == "TRUE" || text == "True";
          }
        } else if constexpr (std::is_same_v<Value, std::optional<double>>) {
          out.*member = CellNumber(column, row);
        } else {  // double, std::int64_t: a missing number keeps the field's default
          if (const std::optional<double> number = CellNumber(column, row)) {
            out.*member = static_cast<Value>(*number);
          }
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

std::vector<std::string> ResultFieldIds(const ResultField& field) {
  return std::visit(
      [](auto member) {
        using Value = std::remove_cvref_t<decltype(std::declval<ResultRow>().*member)>;
        std::vector<std::string> ids;
        if constexpr (LabelledEnum<Value>) {
          for (const auto& entry : EnumTable<Value>::Entries()) ids.emplace_back(entry.id);
        }
        return ids;
      },
      field.member);
}

Table ResultRowsToTable(const std::vector<ResultRow>& rows) {
  std::vector<Column> columns;
  for (const ResultField& field : kFields) columns.push_back(FieldColumn(field, rows));
  return Table(std::move(columns));
}

std::vector<ResultRow> ResultRowsFromTable(const Table& results) {
  std::vector<ResultRow> rows(results.num_rows());
  for (const ResultField& field : kFields) {
    const Column* column = results.FindColumn(field.name);
    if (column == nullptr) continue;
    for (std::size_t row = 0; row < rows.size(); ++row) ReadField(field, *column, row, rows[row]);
  }
  return rows;
}

const ResultField* EnumeratedResultField(std::string_view name) {
  for (const ResultField& field : kFields) {
    if (name == field.name) return ResultFieldIds(field).empty() ? nullptr : &field;
  }
  return nullptr;
}

void ThrowUnknownResultId(const ResultField& field, std::string_view id) {
  throw Error(ErrorCode::kBadValue,
              fmt::format("{} '{}': '{}' {}", Tr("kolumn", "column"), field.name, id,
                          Tr("är inget känt värde", "is not a known value")),
              {}, field.name, std::string(id));
}

void CheckResultIds(const Table& results, const std::string& file) {
  if (results.FindColumn(c::kIndicator) == nullptr) return;
  for (const ResultField& field : kFields) {
    const std::vector<std::string> ids = ResultFieldIds(field);
    const Column* column = ids.empty() ? nullptr : results.FindColumn(field.name);
    if (column == nullptr) continue;
    for (std::size_t row = 0; row < column->size(); ++row) {
      if (column->IsNull(row)) continue;
      const std::string value = column->ValueToString(row);
      if (std::find(ids.begin(), ids.end(), value) != ids.end()) continue;
      std::string known;
      for (const auto& id : ids) {
        if (!id.empty()) known += (known.empty() ? "" : ", ") + id;
      }
      throw Error(ErrorCode::kBadValue,
                  fmt::format("{} {}, {} '{}': '{}' {} ({})", Tr("rad", "row"), row + 1,
                              Tr("kolumn", "column"), field.name, value,
                              Tr("är inget känt värde", "is not a known value"), known),
                  {file}, field.name, value);
    }
  }
}

std::string ResultFieldLabel(const ResultField& field, std::string_view id) {
  return std::visit(
      [&](auto member) {
        using Value = std::remove_cvref_t<decltype(std::declval<ResultRow>().*member)>;
        if constexpr (LabelledEnum<Value>) {
          if (const auto value = EnumFromId<Value>(id)) return std::string(EnumLabel(*value));
        }
        return std::string(id);
      },
      field.member);
}

Table WithResultLabels(const Table& table) {
  const Language language = CurrentLanguage();
  std::vector<Column> columns;
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    const ResultLabelField* field = nullptr;
    for (const ResultLabelField& label_field : kLabelFields) {
      if (column.name() == label_field.labels) field = &label_field;
    }
    const DimensionInfo* dimension = FindDimension(column.name());
    const bool known_categories = dimension != nullptr && !dimension->categories.empty() &&
                                  column.type() != ColumnType::kDouble;
    if (field == nullptr && !known_categories) {
      columns.push_back(column);
      continue;
    }
    std::vector<std::optional<std::string>> labels(column.size());
    for (std::size_t row = 0; row < column.size(); ++row) {
      if (column.IsNull(row)) continue;
      labels[row] = field != nullptr
                        ? field->label(TableTextOf(table, row), language)
                        : CategoryLabel(column.name(), column.ValueToString(row), language);
    }
    columns.push_back(Column::CategoricalFromStrings(column.name(), labels));
  }
  return Table(std::move(columns));
}

std::string ResultColumnLabel(const std::string& column) {
  for (const ResultField& field : kFields) {
    if (column == field.name) return std::string(Tr(field.header_sv, field.header_en));
  }
  for (const ResultLabelField& field : kLabelFields) {
    if (column == field.name) return std::string(Tr(field.header_sv, field.header_en));
  }
  return DimensionLabel(column, CurrentLanguage());
}

std::span<const ResultLabelField> ResultLabelFields() { return kLabelFields; }

std::string ResultLabel(const ResultLabelField& field, const ResultRow& row, Language language) {
  const auto text_of = [&row](std::string_view name) {
    for (const ResultField& result_field : kFields) {
      if (name != result_field.name) continue;
      return std::visit(
          [&](auto member) {
            using Value = std::remove_cvref_t<decltype(row.*member)>;
            if constexpr (LabelledEnum<Value>) {
              return std::string(EnumId(row.*member));
            } else if constexpr (std::is_same_v<Value, std::string>) {
              return row.*member;
            } else {
              return std::string();  // label fields read codes and ids only
            }
          },
          result_field.member);
    }
    return std::string();
  };
  return field.label(text_of, language);
}

Table WithResultLabelColumns(const Table& table, Language language) {
  std::vector<Column> columns;
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    columns.push_back(column);
    for (const ResultLabelField& field : kLabelFields) {
      if (column.name() != field.labels) continue;
      std::vector<std::optional<std::string>> labels(table.num_rows());
      for (std::size_t row = 0; row < table.num_rows(); ++row) {
        std::string label = field.label(TableTextOf(table, row), language);
        if (!label.empty()) labels[row] = std::move(label);
      }
      columns.push_back(Column::CategoricalFromStrings(field.name, labels));
    }
  }
  return Table(std::move(columns));
}

std::string_view ResultColumnNumberFormat(std::string_view column) {
  for (const char* name : {c::kEstimate, c::kLower, c::kUpper, c::kLower2, c::kUpper2}) {
    if (column == name) return "#,##0.0";
  }
  for (const char* name : {c::kNumerator, c::kDenominator, c::kPopulation, c::kIndicatorScale}) {
    if (column == name) return "#,##0";
  }
  if (column == c::kConfidence || column == c::kConfidence2) return "0.0%";
  return "";
}

}  // namespace jamlik
