#include "pipeline/distribution.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <utility>

#include "core/dimension_set.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/labelled_enum.hpp"
#include "indicators/row_filter.hpp"
#include "inequality/registry.hpp"
#include "inequality/result_inequality.hpp"

namespace jamlik::pipeline {
namespace {

using inequality::InputKind;
using inequality::MeasureDescriptor;

// A distribution measure takes the values alone: individual input without a ranking variable.
bool IsDistributionMeasure(const MeasureDescriptor& measure) {
  return measure.input == InputKind::kIndividuals && !measure.needs.rank;
}

std::vector<std::string> DistributionMeasureIds() {
  std::vector<std::string> ids;
  for (const MeasureDescriptor* measure : inequality::MeasureRegistry().All()) {
    if (IsDistributionMeasure(*measure)) ids.push_back(measure->id);
  }
  return ids;
}

[[noreturn]] void BadMeasure(const std::string& name, std::string_view sv, std::string_view en) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format("{} '{}' ({}: {})", Tr(sv, en), name,
                          Tr("fördelningsmått", "distribution measures"),
                          fmt::join(DistributionMeasureIds(), ", ")));
}

// The groups of one grouping column: a code per row (kNull for a missing value) in the column's
// category order (a dimension's declared order, numbers by value, text alphabetically).
struct GroupColumn {
  static constexpr std::uint32_t kNull = UINT32_MAX;
  std::string name{};
  std::vector<std::string> labels{};   // by code
  std::vector<std::uint32_t> codes{};  // by row
};

GroupColumn Groups(const Column& column) {
  GroupColumn groups{.name = column.name()};
  const std::size_t rows = column.size();
  groups.codes.assign(rows, GroupColumn::kNull);
  if (column.type() == ColumnType::kCategorical) {
    const CategoricalData& data = column.categorical();
    groups.labels = data.dictionary.categories();
    for (std::size_t r = 0; r < rows; ++r) {
      if (!column.IsNull(r)) groups.codes[r] = data.CodeAt(r);
    }
    return groups;
  }
  // Distinct values, ordered by number or by text, then each row's code by look-up.
  std::vector<std::size_t> first_rows;
  std::map<std::string, std::size_t> seen;
  for (std::size_t r = 0; r < rows; ++r) {
    if (!column.IsNull(r) && seen.emplace(column.ValueToString(r), r).second) {
      first_rows.push_back(r);
    }
  }
  if (column.IsNumeric()) {
    std::sort(first_rows.begin(), first_rows.end(), [&](std::size_t a, std::size_t b) {
      return column.NumericAt(a) < column.NumericAt(b);
    });
  } else {
    std::sort(first_rows.begin(), first_rows.end(), [&](std::size_t a, std::size_t b) {
      return column.ValueToString(a) < column.ValueToString(b);
    });
  }
  std::map<std::string, std::uint32_t> code_of;
  for (const std::size_t r : first_rows) {
    code_of.emplace(column.ValueToString(r), static_cast<std::uint32_t>(groups.labels.size()));
    groups.labels.push_back(column.ValueToString(r));
  }
  for (std::size_t r = 0; r < rows; ++r) {
    if (!column.IsNull(r)) groups.codes[r] = code_of.at(column.ValueToString(r));
  }
  return groups;
}

const Column& NumericColumn(const Table& table, const std::string& name) {
  const Column& column = table.GetColumn(name);
  if (!column.IsNumeric()) {
    throw Error(
        ErrorCode::kTypeMismatch,
        fmt::format("{} '{}' {} ({})", Tr("Kolumnen", "The column"), name,
                    Tr("är inte numerisk", "is not numeric"), ColumnTypeName(column.type())),
        {}, name);
  }
  return column;
}

// The margins of k grouping columns as bit masks: the whole (0) first, then by the number of
// columns grouped, and within that in the columns' order.
std::vector<std::uint32_t> Margins(std::size_t k) {
  std::vector<std::uint32_t> masks(std::size_t{1} << k);
  std::iota(masks.begin(), masks.end(), 0U);
  std::stable_sort(masks.begin(), masks.end(), [](std::uint32_t a, std::uint32_t b) {
    return std::popcount(a) != std::popcount(b) ? std::popcount(a) < std::popcount(b) : a < b;
  });
  return masks;
}

}  // namespace

std::vector<DistributionMeasure> ParseDistributionMeasures(const std::string& text) {
  std::vector<DistributionMeasure> measures;
  if (text == "all") {
    for (const std::string& id : DistributionMeasureIds()) {
      measures.push_back({.id = id, .name = id});
    }
    return measures;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    std::string name = text.substr(start, end - start);
    start = end + 1;
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (name.empty()) continue;
    DistributionMeasure measure{.id = name, .name = name};
    if (const std::size_t colon = name.find(':'); colon != std::string::npos) {
      measure.id = name.substr(0, colon);
      const std::string number = name.substr(colon + 1);
      double parameter = 0.0;
      const auto [end_of_number, error] =
          std::from_chars(number.data(), number.data() + number.size(), parameter);
      if (number.empty() || error != std::errc{} ||
          end_of_number != number.data() + number.size() || !std::isfinite(parameter)) {
        BadMeasure(name, "Parametern är inget tal i", "The parameter is not a number in");
      }
      if (measure.id != "ge" && measure.id != "atkinson") {
        BadMeasure(name, "Bara ge och atkinson tar en parameter:",
                   "Only ge and atkinson take a parameter:");
      }
      measure.parameter = parameter;
    }
    const MeasureDescriptor* descriptor =
        inequality::MeasureRegistry().Find(InputKind::kIndividuals, measure.id);
    if (descriptor == nullptr || !IsDistributionMeasure(*descriptor)) {
      BadMeasure(name, "Okänt fördelningsmått", "Unknown distribution measure");
    }
    measures.push_back(std::move(measure));
  }
  if (measures.empty()) BadMeasure(text, "Inga mått i", "No measures in");
  return measures;
}

SummaryFigures DistributionFigures(const Table& persons, const DistributionRequest& request) {
  if (request.by.size() > kMaxDistributionGroupBy) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format("{} {} ({})",
                            Tr("Högst så många grupperingskolumner:",
                               "At most this many grouping columns:"),
                            kMaxDistributionGroupBy, fmt::join(request.by, ", ")));
  }
  const std::vector<DistributionMeasure> measures =
      request.measures.empty() ? ParseDistributionMeasures(kDefaultDistributionMeasures)
                               : request.measures;
  const Column& value = NumericColumn(persons, request.value);
  const Column* weight = request.weight.empty() ? nullptr : &NumericColumn(persons, request.weight);
  std::vector<GroupColumn> groups;
  for (const std::string& name : request.by) groups.push_back(Groups(persons.GetColumn(name)));
  std::vector<std::uint8_t> keep;
  if (!request.filter.empty()) {
    keep = RowFilter::Parse(request.filter, request.filter_name).Evaluate(persons);
  }

  // The label columns, the measure and the figures, row by row.
  std::vector<std::vector<std::optional<std::string>>> labels(groups.size());
  std::vector<std::optional<std::string>> measure_names, reasons;
  std::vector<std::optional<double>> estimates, ses, lowers, uppers, ns;
  std::vector<std::size_t> persons_of_row;

  for (const std::uint32_t mask : Margins(groups.size())) {
    // The persons of each group of this margin, groups in category order.
    std::map<std::vector<std::uint32_t>, inequality::Sample> samples;
    if (mask == 0) samples[{}];  // the whole is reported even when nobody is in it
    std::vector<std::uint32_t> key;
    for (std::size_t r = 0; r < persons.num_rows(); ++r) {
      if (!keep.empty() && keep[r] == 0) continue;
      if (value.IsNull(r) || (weight != nullptr && weight->IsNull(r))) continue;
      key.clear();
      bool complete = true;
      for (std::size_t c = 0; c < groups.size() && complete; ++c) {
        if ((mask >> c & 1U) == 0) continue;
        complete = groups[c].codes[r] != GroupColumn::kNull;
        key.push_back(groups[c].codes[r]);
      }
      if (!complete) continue;
      samples[key].Update(inequality::Observation{.value = value.NumericAt(r),
                                                  .weight = weight ? weight->NumericAt(r) : 1.0});
    }
    for (const auto& [codes, sample] : samples) {
      const std::size_t n = sample.observations().size();
      for (const DistributionMeasure& measure : measures) {
        inequality::MeasureOptions options = request.options;
        options.parameter = measure.parameter;
        const inequality::MeasureResult result = inequality::Compute(measure.id, sample, options);
        std::size_t next = 0;
        for (std::size_t c = 0; c < groups.size(); ++c) {
          labels[c].emplace_back((mask >> c & 1U) != 0 ? groups[c].labels[codes[next++]]
                                                       : std::string(kTotalDimension));
        }
        measure_names.emplace_back(measure.name);
        estimates.push_back(result.estimate);
        ses.push_back(result.se);
        lowers.push_back(result.lower);
        uppers.push_back(result.upper);
        ns.emplace_back(static_cast<double>(n));
        reasons.push_back(result.reason == inequality::MeasureReason::kNone
                              ? std::nullopt
                              : std::optional<std::string>(std::string(EnumId(result.reason))));
        persons_of_row.push_back(n);
      }
    }
  }

  std::vector<Column> columns;
  for (std::size_t c = 0; c < groups.size(); ++c) {
    std::vector<std::string> order{kTotalDimension};
    order.insert(order.end(), groups[c].labels.begin(), groups[c].labels.end());
    columns.push_back(
        Column::CategoricalFromStrings(groups[c].name, labels[c], Dictionary(std::move(order))));
  }
  columns.push_back(Column::CategoricalFromStrings("measure", measure_names));
  columns.push_back(inequality::NullableDoubleColumn("estimate", estimates));
  columns.push_back(inequality::NullableDoubleColumn("se", ses));
  columns.push_back(inequality::NullableDoubleColumn("lower", lowers));
  columns.push_back(inequality::NullableDoubleColumn("upper", uppers));
  columns.push_back(inequality::NullableDoubleColumn("n", ns));
  columns.push_back(Column::CategoricalFromStrings("reason", reasons));
  return {.table = Table(std::move(columns)),
          .persons = std::move(persons_of_row),
          .sums = {},
          .text_figures = {"reason"}};
}

std::string DistributionTableName(const DistributionRequest& request) {
  std::string name = fmt::format("distribution {}", request.value);
  if (!request.by.empty()) name += fmt::format(" by {}", fmt::join(request.by, ","));
  if (!request.filter.empty()) name += " where " + request.filter;
  return name;
}

ReleasedSummary DistributionAndRelease(const Table& persons, const DistributionRequest& request,
                                       ReleaseRequest release) {
  SummaryFigures figures = DistributionFigures(persons, request);
  if (release.table.empty()) release.table = DistributionTableName(request);
  // Results leave only through disclosure control (src/privacy/README.md).
  return ReleaseSummary(std::move(figures), release);
}

ReleasedSummary DistributionAndPublish(const Table& persons, const DistributionRequest& request,
                                       const DisclosureRules& rules,
                                       const PublishContext& context) {
  return PublishSummary(DistributionFigures(persons, request), rules, context);
}

}  // namespace jamlik::pipeline
