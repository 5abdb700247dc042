#include "published/heat_plus.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/dimension_set.hpp"
#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"
#include "stats/distributions.hpp"

namespace jamlik::published {
namespace {

namespace heat {
inline constexpr const char* kSetting = "setting";
inline constexpr const char* kDate = "date";
inline constexpr const char* kSource = "source";
inline constexpr const char* kIndicatorAbbr = "indicator_abbr";
inline constexpr const char* kIndicatorName = "indicator_name";
inline constexpr const char* kDimension = "dimension";
inline constexpr const char* kSubgroup = "subgroup";
inline constexpr const char* kEstimate = "estimate";
inline constexpr const char* kSe = "se";
inline constexpr const char* kCiLb = "ci_lb";
inline constexpr const char* kCiUb = "ci_ub";
inline constexpr const char* kPopulation = "population";
inline constexpr const char* kFlag = "flag";
inline constexpr const char* kSettingAverage = "setting_average";
inline constexpr const char* kIso3 = "iso3";
inline constexpr const char* kFavourable = "favourable_indicator";
inline constexpr const char* kScale = "indicator_scale";
inline constexpr const char* kOrdered = "ordered_dimension";
inline constexpr const char* kOrder = "subgroup_order";
inline constexpr const char* kReference = "reference_subgroup";
}  // namespace heat

// What HEAT Plus's own downloads write to the column people name "date".
inline constexpr const char* kYear = "year";
inline constexpr const char* kSourceName = "Jämlik";
inline constexpr const char* kSweden = "SWE";

// One template row's cells, read with the row and column named in every complaint.
class TemplateRow {
 public:
  TemplateRow(const Table& table, const std::string& file, std::size_t row)
      : table_(table), file_(file), row_(row) {}

  const Column* ColumnOf(const char* name) const { return table_.FindColumn(name); }

  std::string Text(const char* name) const { return TextOf(ColumnOf(name)); }
  std::string TextOf(const Column* column) const {
    return column == nullptr || column->IsNull(row_) ? std::string() : column->ValueToString(row_);
  }

  std::optional<double> Number(const char* name) const {
    const Column* column = ColumnOf(name);
    if (column == nullptr || column->IsNull(row_)) return std::nullopt;
    if (column->IsNumeric()) return column->NumericAt(row_);
    const std::string text = column->ValueToString(row_);
    if (text.empty()) return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      Fail(name, text, Tr("är inget tal", "is not a number"));
    }
    return value;
  }

  // HEAT's 0/1 columns (favourable_indicator, ordered_dimension, reference_subgroup); nullopt
  // when the column or the cell is empty.
  std::optional<bool> YesNo(const char* name) const {
    const Column* column = ColumnOf(name);
    if (column == nullptr || column->IsNull(row_)) return std::nullopt;
    const std::string text = column->ValueToString(row_);
    if (text == "1" || text == "true" || text == "TRUE") return true;
    if (text == "0" || text == "false" || text == "FALSE") return false;
    Fail(name, text, Tr("ska vara 0 eller 1", "must be 0 or 1"));
  }

  [[noreturn]] void Fail(const char* column, const std::string& value,
                         std::string_view what) const {
    throw Error(ErrorCode::kBadValue,
                fmt::format("{} {}, {} '{}': '{}' {}", Tr("rad", "row"), row_ + 1,
                            Tr("kolumnen", "column"), column, value, what),
                {file_, 0, 0}, column, value);
  }

  std::size_t number() const { return row_ + 1; }

 private:
  const Table& table_;
  const std::string& file_;
  std::size_t row_;
};

// The setting placed through the code lists: a municipality's or county's code or name, the
// nation's; otherwise the setting's own area, its name its code.
PlacedArea PlaceSetting(const std::string& setting) {
  if (setting == kNationCode || setting == "Sverige" || setting == "Sweden") {
    return {area_level::kNation, std::string(kNationCode)};
  }
  if (FindMunicipality(setting) != nullptr) return {area_level::kMunicipality, setting};
  if (FindCounty(setting) != nullptr) return {area_level::kCounty, setting};
  for (const Municipality& municipality : Municipalities()) {
    if (municipality.name == setting) return {area_level::kMunicipality, municipality.code};
  }
  for (const County& county : Counties()) {
    if (county.name == setting) return {area_level::kCounty, county.code};
  }
  return {kHeatSettingLevel, setting};
}

// The dimension and subgroup as (column, category) pairs: a known dimension written by its name
// or either label ("Kön", "Sex") and its categories by code or label ("Kvinnor") become Jämlik's
// codes; others stay as written. Crossed dimensions ("Kön × Utbildningsnivå") part by part.
std::vector<std::pair<std::string, std::string>> Breakdown(const TemplateRow& row) {
  const std::string dimension = row.Text(heat::kDimension);
  const std::string subgroup = row.Text(heat::kSubgroup);
  if (dimension.empty()) row.Fail(heat::kDimension, dimension, Tr("saknas", "is missing"));
  if (subgroup.empty()) row.Fail(heat::kSubgroup, subgroup, Tr("saknas", "is missing"));
  const DimensionSet parts = DimensionSet::Parse(dimension);
  if (parts.IsTotal()) return {};
  std::vector<std::string> categories;
  if (parts.IsCrossed()) {
    try {
      categories = Subgroup::Parse(subgroup, parts).categories();
    } catch (const Error&) {
      row.Fail(heat::kSubgroup, subgroup,
               Tr("har inte en del per dimension (skilda åt med ' × ')",
                  "has not one part per dimension (separated by ' × ')"));
    }
  } else {
    categories = {subgroup};
  }
  std::vector<std::pair<std::string, std::string>> breakdown;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string column = parts.columns()[i];
    std::string category = categories[i];
    if (const DimensionInfo* known = FindDimensionByName(column)) {
      column = std::string(known->column);
      if (const std::string_view code = DeclaredCategoryCode(*known, category); !code.empty()) {
        category = std::string(code);
      }
    }
    breakdown.emplace_back(std::move(column), std::move(category));
  }
  return breakdown;
}

// The columns of the template that describe an indicator, carried onto its rows when given.
void ApplyIndicatorColumns(const TemplateRow& row, ResultRow& result) {
  if (const auto favourable = row.YesNo(heat::kFavourable))
    result.favourable_indicator = *favourable;
  if (const auto scale = row.Number(heat::kScale)) {
    if (*scale <= 0)
      row.Fail(heat::kScale, fmt::format("{}", *scale), Tr("ska vara > 0", "must be > 0"));
    result.indicator_scale = *scale;
  }
}

using RowKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;
RowKey KeyOf(const ResultRow& row) {
  return {row.indicator, row.area, row.period, row.dimension, row.subgroup};
}

class Importer {
 public:
  Importer(const Table& table, const std::string& file) : table_(table), file_(file) {
    for (const char* required : {heat::kSetting, heat::kIndicatorAbbr, heat::kDimension,
                                 heat::kSubgroup, heat::kEstimate}) {
      table.GetColumn(required);  // throws kUnknownColumn listing what is there
    }
    if (table.FindColumn(heat::kDate) == nullptr) date_ = &table.GetColumn(kYear);
  }

  ImportedResults Run() {
    for (std::size_t i = 0; i < table_.num_rows(); ++i) Read(TemplateRow(table_, file_, i));
    for (auto& [key, total] : totals_) Add(std::move(total.row), total.line);
    ImportedResults imported;
    imported.rows = std::move(rows_);
    if (notes_with_flag_ > 0) {
      imported.notes.push_back(fmt::format(
          "{} {}", LocalCount(notes_with_flag_),
          TrCount(notes_with_flag_, "rad har en anteckning i kolumnen flag; den importeras inte",
                  "rader har en anteckning i kolumnen flag; den importeras inte",
                  "row has a note in the column flag; it is not imported",
                  "rows have a note in the column flag; it is not imported")));
    }
    if (!unplaced_.empty()) {
      std::string names;
      for (const std::string& name : unplaced_) names += (names.empty() ? "" : ", ") + name;
      imported.notes.push_back(fmt::format(
          "{}: {}",
          Tr("områden som kodlistorna inte känner behåller sitt namn som kod (heat_setting)",
             "settings the code lists do not know keep their name as their code (heat_setting)"),
          names));
    }
    return imported;
  }

 private:
  struct Total {
    ResultRow row;
    std::size_t line = 0;
  };

  void Read(const TemplateRow& row) {
    const std::string setting = row.Text(heat::kSetting);
    if (setting.empty()) row.Fail(heat::kSetting, setting, Tr("saknas", "is missing"));
    const PlacedArea area = PlaceSetting(setting);
    if (area.level == kHeatSettingLevel) unplaced_.insert(setting);
    PublishedFigure figure;
    figure.indicator = row.Text(heat::kIndicatorAbbr);
    if (figure.indicator.empty()) {
      row.Fail(heat::kIndicatorAbbr, figure.indicator, Tr("saknas", "is missing"));
    }
    const std::string name = row.Text(heat::kIndicatorName);
    figure.indicator_name = name.empty() ? figure.indicator : name;
    figure.area_level = std::string(area.level);
    figure.area = area.code;
    figure.area_name = PublishedAreaName(area.level, area.code, setting);
    figure.period = date_ != nullptr ? row.TextOf(date_) : row.Text(heat::kDate);
    figure.breakdown = Breakdown(row);
    figure.value = row.Number(heat::kEstimate);

    ResultRow result = ToResultRow(figure);
    ApplyIndicatorColumns(row, result);
    if (const auto ordered = row.YesNo(heat::kOrdered)) result.ordered_dimension = *ordered;
    if (const auto order = row.Number(heat::kOrder)) {
      result.subgroup_order = static_cast<std::int64_t>(*order);
    }
    if (const auto reference = row.YesNo(heat::kReference)) result.reference_subgroup = *reference;
    result.population = row.Number(heat::kPopulation);
    result.lower = row.Number(heat::kCiLb);
    result.upper = row.Number(heat::kCiUb);
    if (result.lower.has_value() != result.upper.has_value()) {
      const char* missing = result.lower ? heat::kCiUb : heat::kCiLb;
      row.Fail(missing, "",
               Tr("saknas medan den andra gränsen är given",
                  "is missing while the other bound is given"));
    }
    if (!result.lower && result.estimate) {
      if (const auto se = row.Number(heat::kSe)) {
        if (*se < 0) row.Fail(heat::kSe, fmt::format("{}", *se), Tr("är negativ", "is negative"));
        const double z = TwoSidedNormalQuantile(result.confidence);
        result.lower = *result.estimate - z * *se;
        result.upper = *result.estimate + z * *se;
        result.method = kSeMethod;
      }
    }
    if (!row.Text(heat::kFlag).empty()) ++notes_with_flag_;

    if (const auto average = row.Number(heat::kSettingAverage)) {
      ReadSettingAverage(row, figure, result, *average);
    }
    Add(std::move(result), row.number());
  }

  // The setting average is the whole population's value, one per setting, date and indicator:
  // it becomes the total row, never derived from the subgroups.
  void ReadSettingAverage(const TemplateRow& row, const PublishedFigure& figure,
                          const ResultRow& subgroup_row, double average) {
    PublishedFigure whole = figure;
    whole.breakdown.clear();
    whole.value = average;
    const auto key = std::make_tuple(figure.indicator, figure.area, figure.period);
    const auto found = totals_.find(key);
    if (found == totals_.end()) {
      ResultRow total = ToResultRow(whole);
      total.favourable_indicator = subgroup_row.favourable_indicator;
      total.indicator_scale = subgroup_row.indicator_scale;
      totals_.emplace(key, Total{std::move(total), row.number()});
    } else if (found->second.row.estimate != average) {
      row.Fail(heat::kSettingAverage, fmt::format("{}", average),
               fmt::format(fmt::runtime(Tr("skiljer sig från rad {} ({}) för samma område, datum "
                                           "och indikator",
                                           "differs from row {} ({}) for the same setting, date "
                                           "and indicator")),
                           found->second.line, *found->second.row.estimate));
    }
  }

  void Add(ResultRow row, std::size_t line) {
    const auto [it, added] = lines_.emplace(KeyOf(row), line);
    if (!added) {
      const std::string where =
          fmt::format("{} / {} / {} / {} / {}", row.indicator, row.area_name.sv, row.period,
                      row.dimension, row.subgroup);
      throw Error(ErrorCode::kBadValue,
                  fmt::format(fmt::runtime(Tr("rad {}: {} finns redan på rad {} (en källa per fil)",
                                              "row {}: {} is given already on row {} (one source "
                                              "per file)")),
                              line, where, it->second),
                  {file_, 0, 0}, heat::kSubgroup, row.subgroup);
    }
    rows_.push_back(std::move(row));
  }

  static constexpr const char* kSeMethod = "heat_se";

  const Table& table_;
  const std::string& file_;
  const Column* date_ = nullptr;
  std::vector<ResultRow> rows_;
  std::map<std::tuple<std::string, std::string, std::string>, Total> totals_;
  std::map<RowKey, std::size_t> lines_;
  std::set<std::string> unplaced_;
  std::size_t notes_with_flag_ = 0;
};

}  // namespace

const std::vector<std::string>& HeatPlusColumns() {
  static const std::vector<std::string> columns = {
      heat::kSetting,       heat::kDate,           heat::kSource,
      heat::kIndicatorAbbr, heat::kIndicatorName,  heat::kDimension,
      heat::kSubgroup,      heat::kEstimate,       heat::kSe,
      heat::kCiLb,          heat::kCiUb,           heat::kPopulation,
      heat::kFlag,          heat::kSettingAverage, heat::kIso3,
      heat::kFavourable,    heat::kScale,          heat::kOrdered,
      heat::kOrder,         heat::kReference};
  return columns;
}

ImportedResults ImportHeatPlus(const Table& template_table, const std::string& file) {
  return Importer(template_table, file).Run();
}

}  // namespace jamlik::published

namespace jamlik::published {
namespace {

// A column of optional numbers, null where empty.
Column OptionalDoubles(const char* name, const std::vector<std::optional<double>>& values) {
  std::vector<double> numbers(values.size(), 0.0);
  Validity validity;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i]) {
      numbers[i] = *values[i];
    } else {
      if (validity.empty()) validity = Validity::AllValid(values.size());
      validity.Clear(i);
    }
  }
  return Column::Double(name, std::move(numbers), std::move(validity));
}

Column Texts(const char* name, const std::vector<std::string>& values) {
  std::vector<std::optional<std::string>> cells(values.begin(), values.end());
  return Column::CategoricalFromStrings(name, cells);
}

// The standard error an interval implies, as HEAT reads it back (estimate ± z·se): half the
// width over z. An asymmetric interval (Wilson, exact Poisson) gives its average half-width.
std::optional<double> StandardError(const ResultRow& row) {
  if (!row.lower || !row.upper) return std::nullopt;
  return (*row.upper - *row.lower) / (2 * TwoSidedNormalQuantile(row.confidence));
}

// What HEAT's free-text flag says: why the estimate is missing or unreliable, in words.
std::string FlagText(const ResultRow& row, Language language) {
  if (row.suppressed) return std::string(EnumLabel(row.suppression_reason, language));
  if (row.flag != ResultFlag::kNone) return std::string(EnumLabel(row.flag, language));
  return {};
}

}  // namespace

Table ResultsToHeatPlus(const std::vector<ResultRow>& rows) {
  const Language language = CurrentLanguage();
  std::map<std::tuple<std::string, std::string, std::string>, std::optional<double>> averages;
  for (const ResultRow& row : rows) {
    if (row.dimension == kTotalDimension) {
      averages[{row.indicator, row.area, row.period}] = row.estimate;
    }
  }
  std::vector<std::string> setting, date, source, abbr, name, dimension, subgroup, flag, iso3;
  std::vector<std::optional<double>> estimate, se, lower, upper, population, average, scale;
  std::vector<std::int64_t> favourable, ordered, order, reference;
  for (const ResultRow& row : rows) {
    if (row.dimension == kTotalDimension) continue;
    const DimensionSet set = DimensionSet::Parse(row.dimension);
    setting.push_back(row.area_name.In(language));
    date.push_back(row.period);
    source.emplace_back(kSourceName);
    abbr.push_back(row.indicator);
    name.push_back(row.indicator_name.In(language));
    dimension.push_back(set.Label(language));
    subgroup.push_back(Subgroup::Parse(row.subgroup, set).Label(set, language));
    estimate.push_back(row.estimate);
    se.push_back(StandardError(row));
    lower.push_back(row.lower);
    upper.push_back(row.upper);
    population.push_back(row.population);
    flag.push_back(FlagText(row, language));
    const auto found = averages.find({row.indicator, row.area, row.period});
    average.push_back(found == averages.end() ? std::nullopt : found->second);
    iso3.emplace_back(kSweden);
    favourable.push_back(row.favourable_indicator ? 1 : 0);
    scale.emplace_back(row.indicator_scale);
    ordered.push_back(row.ordered_dimension ? 1 : 0);
    order.push_back(row.subgroup_order);
    reference.push_back(row.reference_subgroup ? 1 : 0);
  }
  return Table({Texts(heat::kSetting, setting),
                Texts(heat::kDate, date),
                Texts(heat::kSource, source),
                Texts(heat::kIndicatorAbbr, abbr),
                Texts(heat::kIndicatorName, name),
                Texts(heat::kDimension, dimension),
                Texts(heat::kSubgroup, subgroup),
                OptionalDoubles(heat::kEstimate, estimate),
                OptionalDoubles(heat::kSe, se),
                OptionalDoubles(heat::kCiLb, lower),
                OptionalDoubles(heat::kCiUb, upper),
                OptionalDoubles(heat::kPopulation, population),
                Texts(heat::kFlag, flag),
                OptionalDoubles(heat::kSettingAverage, average),
                Texts(heat::kIso3, iso3),
                Column::Int64(heat::kFavourable, std::move(favourable)),
                OptionalDoubles(heat::kScale, scale),
                Column::Int64(heat::kOrdered, std::move(ordered)),
                Column::Int64(heat::kOrder, std::move(order)),
                Column::Int64(heat::kReference, std::move(reference))});
}

}  // namespace jamlik::published
