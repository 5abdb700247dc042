#include "inequality/result_inequality.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "core/dimension_set.hpp"
#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/labelled_enum.hpp"
#include "core/parallel.hpp"
#include "inequality/reading.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"
#include "stats/distributions.hpp"

namespace jamlik::inequality {
namespace {

// HEAT Plus templates give 95 % limits and no confidence column.
constexpr double kDefaultConfidence = 0.95;

// Return the first of the named columns the table has, or nullptr.
const Column* Either(const Table& table, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (const Column* column = table.FindColumn(name)) return column;
  }
  return nullptr;
}

// Like Either, but throws kUnknownColumn through GetColumn naming the first (our) name.
const Column& Required(const Table& table, std::initializer_list<const char*> names) {
  if (const Column* column = Either(table, names)) return *column;
  return table.GetColumn(*names.begin());
}

std::string Text(const Column* column, std::size_t row) {
  return column == nullptr ? std::string() : column->ValueToString(row);
}

std::optional<double> Number(const Column* column, std::size_t row) {
  if (column == nullptr || column->IsNull(row)) return std::nullopt;
  if (column->IsNumeric()) return column->NumericAt(row);
  const std::string text = column->ValueToString(row);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw Error(
        ErrorCode::kBadValue,
        fmt::format("{} {}, {} '{}': '{}' {}", Tr("rad", "row"), row + 1, Tr("kolumn", "column"),
                    column->name(), text, Tr("är inte ett tal", "is not a number")),
        {}, column->name(), text);
  }
  return value;
}

bool Flag(const Column* column, std::size_t row) {
  if (column == nullptr || column->IsNull(row)) return false;
  if (column->IsNumeric()) return column->NumericAt(row) != 0.0;
  const std::string text = column->ValueToString(row);
  return text == "1" || text == "true" || text == "TRUE" || text == "True";
}

// The input columns, under either layout's names.
struct InputColumns {
  explicit InputColumns(const Table& t)
      : indicator(Required(t, {"indicator", "indicator_abbr"})),
        area(Required(t, {"area", "setting"})),
        dimension(t.GetColumn("dimension")),
        subgroup(t.GetColumn("subgroup")),
        estimate(t.GetColumn("estimate")),
        favourable(t.GetColumn("favourable_indicator")),
        scale(t.GetColumn("indicator_scale")),
        ordered(t.GetColumn("ordered_dimension")),
        indicator_name(t.FindColumn("indicator_name")),
        area_level(t.FindColumn("area_level")),
        area_name(t.FindColumn("area_name")),
        indicator_type(t.FindColumn("indicator_type")),
        period(Either(t, {"period", "date"})),
        order(t.FindColumn("subgroup_order")),
        reference(t.FindColumn("reference_subgroup")),
        population(t.FindColumn("population")),
        se(t.FindColumn("se")),
        lower(Either(t, {"lower", "ci_lb"})),
        upper(Either(t, {"upper", "ci_ub"})),
        confidence(t.FindColumn("confidence")),
        suppressed(t.FindColumn("suppressed")) {}

  const Column& indicator;
  const Column& area;
  const Column& dimension;
  const Column& subgroup;
  const Column& estimate;
  const Column& favourable;
  const Column& scale;
  const Column& ordered;
  const Column* indicator_name;
  const Column* area_level;
  const Column* area_name;
  const Column* indicator_type;
  const Column* period;
  const Column* order;
  const Column* reference;
  const Column* population;
  const Column* se;
  const Column* lower;
  const Column* upper;
  const Column* confidence;
  const Column* suppressed;
};

Subgroup ReadSubgroup(const InputColumns& c, std::size_t row) {
  Subgroup subgroup{.name = c.subgroup.ValueToString(row),
                    .order = static_cast<int>(Number(c.order, row).value_or(0.0)),
                    .reference = Flag(c.reference, row)};
  if (Flag(c.suppressed, row)) return subgroup;  // nothing of a protected cell is read
  subgroup.population = Number(c.population, row);
  subgroup.estimate = Number(&c.estimate, row);
  subgroup.se = Number(c.se, row);
  if (!subgroup.se) {
    const auto lower = Number(c.lower, row);
    const auto upper = Number(c.upper, row);
    if (lower && upper) {
      const double z =
          TwoSidedNormalQuantile(Number(c.confidence, row).value_or(kDefaultConfidence));
      subgroup.se = (*upper - *lower) / (2.0 * z);
    }
  }
  return subgroup;
}

// The set's data with its subgroups named as people read them in the current language (Kvinnor,
// Post-secondary), for the reading; a category no known dimension declares keeps its name.
SubgroupData NamedByLabels(const SubgroupSet& set) {
  SubgroupData named = set.data;
  for (Subgroup& subgroup : named.subgroups) {
    subgroup.name = CategoryLabel(set.dimension, subgroup.name, CurrentLanguage());
  }
  return named;
}

std::string SetName(const SubgroupSet& set) {
  return fmt::format("{} / {} / {} / {}", set.indicator, set.area, set.period, set.dimension);
}

[[noreturn]] void ThrowInconsistent(const SubgroupSet& set, std::string_view what) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format("{} ({}): {}", SetName(set),
                          Tr("raderna är inte överens om", "the rows disagree on"), what));
}

}  // namespace

std::vector<SubgroupSet> ReadSubgroupSets(const Table& results, const ResultReadOptions& options) {
  const InputColumns c(results);
  using Key = std::array<std::string, 5>;  // indicator, area level, area, period, dimension
  std::map<Key, SubgroupSet> sets;
  for (std::size_t row = 0; row < results.num_rows(); ++row) {
    const std::string dimension = c.dimension.ValueToString(row);
    const DimensionSet set_of_row = DimensionSet::Parse(dimension);
    if (!options.include_total && set_of_row.IsTotal()) continue;
    if (!options.include_crossed && set_of_row.IsCrossed()) continue;
    const Key key{c.indicator.ValueToString(row), Text(c.area_level, row),
                  c.area.ValueToString(row), Text(c.period, row), dimension};
    const double scale = Number(&c.scale, row).value_or(1.0);
    const bool favourable = Flag(&c.favourable, row);
    const bool ordered = Flag(&c.ordered, row);
    auto [it, inserted] = sets.try_emplace(key);
    SubgroupSet& set = it->second;
    if (inserted) {
      set = SubgroupSet{.indicator = key[0],
                        .indicator_name = Text(c.indicator_name, row),
                        .area_level = key[1],
                        .area = key[2],
                        .area_name = Text(c.area_name, row),
                        .period = key[3],
                        .dimension = key[4],
                        .indicator_type = Text(c.indicator_type, row),
                        .data = SubgroupData{.subgroups = {},
                                             .indicator_scale = scale,
                                             .favourable = favourable,
                                             .ordered = ordered,
                                             .upper_bound = HeatUpperBound(scale)}};
    } else if (set.data.indicator_scale != scale) {
      ThrowInconsistent(set, "indicator_scale");
    } else if (set.data.favourable != favourable) {
      ThrowInconsistent(set, "favourable_indicator");
    } else if (set.data.ordered != ordered) {
      ThrowInconsistent(set, "ordered_dimension");
    }
    Subgroup subgroup = ReadSubgroup(c, row);
    for (const Subgroup& other : set.data.subgroups) {
      if (other.name == subgroup.name) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format("{}: {} '{}'", SetName(set),
                                Tr("undergruppen finns två gånger", "the subgroup occurs twice"),
                                subgroup.name),
                    {}, "subgroup", subgroup.name);
      }
    }
    set.data.subgroups.push_back(std::move(subgroup));
  }
  std::vector<SubgroupSet> out;
  out.reserve(sets.size());
  for (auto& [key, set] : sets) {
    std::stable_sort(set.data.subgroups.begin(), set.data.subgroups.end(),
                     [](const Subgroup& a, const Subgroup& b) { return a.order < b.order; });
    out.push_back(std::move(set));
  }
  return out;
}

namespace {

const MeasureDescriptor& SubgroupMeasure(std::string_view id) {
  const MeasureDescriptor* measure = MeasureRegistry().Find(InputKind::kSubgroups, id);
  if (measure == nullptr) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format("{} '{}' ({})",
                            Tr("Okänt ojämlikhetsmått för undergrupper",
                               "Unknown subgroup inequality measure"),
                            id, Tr("se jamlik measures", "see jamlik measures")),
                {}, "measures", std::string(id));
  }
  return *measure;
}

}  // namespace

bool IsProportion(const SubgroupSet& set) {
  if (!set.indicator_type.empty()) return set.indicator_type == "proportion";
  return set.data.upper_bound.has_value();
}

SlopeForm ParseSlopeForm(std::string_view text) {
  if (text == "auto") return SlopeForm::kByIndicatorType;
  if (text == "logistic") return SlopeForm::kLogistic;
  if (text == "linear") return SlopeForm::kLinear;
  throw Error(
      ErrorCode::kInvalidArgument,
      fmt::format("{} '{}' ({})", Tr("Okänd form för SII och RII", "Unknown form of SII and RII"),
                  text, Tr("auto, logistic eller linear", "auto, logistic or linear")),
      {}, "sii", std::string(text));
}

std::string_view ResolvedMeasure(std::string_view id, const SubgroupSet& set, SlopeForm form) {
  if (id != "sii" && id != "rii") return id;
  const bool linear =
      form == SlopeForm::kLinear || (form == SlopeForm::kByIndicatorType && !IsProportion(set));
  if (!linear) return id;
  return id == "sii" ? "sii_linear" : "rii_linear";
}

std::vector<std::string> ParseMeasureList(std::string_view text) {
  std::vector<std::string> ids;
  if (text == "all") {
    for (const MeasureDescriptor* measure : MeasureRegistry().All()) {
      if (measure->input == InputKind::kSubgroups) ids.push_back(measure->id);
    }
    return ids;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string id(text.substr(start, comma - start));
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    std::transform(id.begin(), id.end(), id.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    SubgroupMeasure(id);  // throws for an unknown id
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
    start = comma + 1;
  }
  return ids;
}

namespace {

Column TextColumn(const char* name, std::vector<std::optional<std::string>> values) {
  return Column::CategoricalFromStrings(name, values);
}

std::optional<std::string> NonEmpty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional(text);
}

}  // namespace

Column NullableDoubleColumn(std::string name, const std::vector<std::optional<double>>& values) {
  std::vector<double> numbers(values.size(), 0.0);
  Validity validity;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i]) {
      numbers[i] = *values[i];
      continue;
    }
    if (validity.empty()) validity = Validity::AllValid(values.size());
    validity.Clear(i);
  }
  return Column::Double(std::move(name), std::move(numbers), std::move(validity));
}

Table ComputeInequality(const Table& results, const InequalityOptions& options) {
  TwoSidedNormalQuantile(options.measure.confidence);  // a bad level fails before any work
  const std::vector<SubgroupSet> sets = ReadSubgroupSets(results, options.read);
  for (const std::string& id : options.measures) SubgroupMeasure(id);  // unknown ids fail first
  const std::size_t per_set = options.measures.size();
  // The measure of each row: the asked one, or its linear form for a set that is no proportion.
  std::vector<const MeasureDescriptor*> row_measure(sets.size() * per_set);
  std::vector<MeasureResult> computed(sets.size() * per_set);
  ParallelFor(sets.size(), [&](std::size_t s) {
    for (std::size_t m = 0; m < per_set; ++m) {
      const MeasureDescriptor& descriptor =
          SubgroupMeasure(ResolvedMeasure(options.measures[m], sets[s], options.slope_form));
      row_measure[s * per_set + m] = &descriptor;
      computed[s * per_set + m] = descriptor.compute_subgroups(sets[s].data, options.measure);
    }
  });
  const std::size_t rows = computed.size();
  std::vector<std::optional<std::string>> indicator, name, level, area, area_name, period,
      dimension, measure, label, se_scale, reason, reading;
  std::vector<std::optional<double>> estimate, se, lower, upper, confidence;
  for (auto* column : {&indicator, &name, &level, &area, &area_name, &period, &dimension, &measure,
                       &label, &se_scale, &reason, &reading}) {
    column->reserve(rows);
  }
  for (std::size_t i = 0; i < rows; ++i) {
    const SubgroupSet& set = sets[i / per_set];
    const MeasureDescriptor& descriptor = *row_measure[i];
    const MeasureResult& result = computed[i];
    indicator.emplace_back(set.indicator);
    name.push_back(NonEmpty(set.indicator_name));
    level.push_back(NonEmpty(set.area_level));
    area.emplace_back(set.area);
    // Results without names (older files, HEAT Plus) name the area by its code.
    area_name.emplace_back(set.area_name.empty() ? set.area : set.area_name);
    period.push_back(NonEmpty(set.period));
    dimension.emplace_back(set.dimension);
    measure.emplace_back(descriptor.id);
    label.emplace_back(Tr(descriptor.label_sv, descriptor.label_en));
    se_scale.emplace_back(descriptor.se_on_log_scale ? "log" : "estimate");
    estimate.push_back(result.estimate);
    se.push_back(result.se);
    lower.push_back(result.lower);
    upper.push_back(result.upper);
    confidence.push_back(result.lower ? std::optional(options.measure.confidence) : std::nullopt);
    // The measures give an enumerator; the table shows its label in the user's language.
    reason.push_back(NonEmpty(std::string(EnumLabel(result.reason))));
    reading.push_back(
        NonEmpty(MeasureReading(descriptor, NamedByLabels(set), result, options.measure)));
  }
  namespace c = inequality_column;
  std::vector<Column> columns;
  columns.push_back(TextColumn("indicator", std::move(indicator)));
  columns.push_back(TextColumn("indicator_name", std::move(name)));
  columns.push_back(TextColumn("area_level", std::move(level)));
  columns.push_back(TextColumn("area", std::move(area)));
  columns.push_back(TextColumn("area_name", std::move(area_name)));
  columns.push_back(TextColumn("period", std::move(period)));
  columns.push_back(TextColumn("dimension", std::move(dimension)));
  columns.push_back(TextColumn(c::kMeasure, std::move(measure)));
  columns.push_back(TextColumn(c::kMeasureLabel, std::move(label)));
  columns.push_back(NullableDoubleColumn("estimate", estimate));
  columns.push_back(NullableDoubleColumn(c::kSe, se));
  columns.push_back(TextColumn(c::kSeScale, std::move(se_scale)));
  columns.push_back(NullableDoubleColumn("lower", lower));
  columns.push_back(NullableDoubleColumn("upper", upper));
  columns.push_back(NullableDoubleColumn("confidence", confidence));
  columns.push_back(TextColumn(c::kReason, std::move(reason)));
  columns.push_back(TextColumn(c::kReading, std::move(reading)));
  return Table(std::move(columns));
}

std::optional<std::string> InequalityColumnLabel(std::string_view column) {
  namespace c = inequality_column;
  struct Header {
    std::string_view column, sv, en;
  };
  static constexpr Header kHeaders[] = {
      {c::kMeasure, "Mått (id)", "Measure (id)"},
      {c::kMeasureLabel, "Mått", "Measure"},
      {c::kSe, "Medelfel", "Standard error"},
      {c::kSeScale, "Medelfelets skala", "Scale of the standard error"},
      {c::kReason, "Anmärkning", "Note"},
  };
  for (const Header& header : kHeaders) {
    if (header.column == column) return std::string(Tr(header.sv, header.en));
  }
  return std::nullopt;
}

std::string_view InequalityColumnNumberFormat(std::string_view column) {
  for (std::string_view name : {"estimate", inequality_column::kSe, "lower", "upper"}) {
    if (column == name) return "0.000";
  }
  return column == "confidence" ? "0.0%" : "";
}

}  // namespace jamlik::inequality
