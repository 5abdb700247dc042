#include "pipeline/pipeline.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <optional>

#include "core/dimensions.hpp"
#include "core/i18n.hpp"
#include "indicators/compute_indicators.hpp"
#include "indicators/result_table.hpp"
#include "indicators/row_filter.hpp"
#include "io/xlsx_reader.hpp"

namespace jamlik::pipeline {

Table ReadData(const std::string& path, const ReadOptions& options, CsvFormat* format) {
  Table table = ReadTableFile(path, options.csv, format);
  if (options.raw) return table;
  std::vector<std::string> declared;
  for (const auto& spec : options.csv.schema) declared.push_back(spec.name);
  return PrepareData(std::move(table), declared);
}

Table PrepareData(Table table, const std::vector<std::string>& declared) {
  return ApplyKnownDimensions(std::move(table), declared);
}

Definitions ReadDefinitions(const std::string& path) {
  return {ReadIndicatorDefinitions(path), path, std::filesystem::path(path).parent_path().string()};
}

Definitions ParseDefinitions(const std::string& text, const std::string& display_name,
                             const std::string& folder) {
  return {ParseIndicatorDefinitions(text, display_name), display_name, folder};
}

PublishedResults ComputeAndRelease(const Table& data, const Definitions& definitions,
                                   ReleaseRequest request) {
  if (request.table.empty()) request.table = "indicators " + definitions.source;
  // Results leave only through disclosure control (src/privacy/README.md).
  return Release(
      ComputeIndicators(data, definitions.indicators, {.definitions_folder = definitions.folder}),
      request);
}

PublishedResults ComputeAndPublish(const Table& data,
                                   const std::vector<IndicatorDefinition>& definitions,
                                   const DisclosureRules& rules, const PublishContext& context) {
  return Publish(ComputeIndicators(data, definitions), rules, context);
}

Table ResultTable(const PublishedResults& published) { return ResultRowsToTable(published.rows()); }

published::KoladaImport ImportKolada(const published::KoladaFiles& files) {
  return published::ImportKolada(files);
}

published::ImportedResults ImportScb(const std::string& path) { return published::ImportScb(path); }

published::ImportedResults ImportHeatPlus(const std::string& path) {
  return published::ImportHeatPlus(ReadTableFile(path), path);
}

Table ImportedTable(const published::ImportedResults& imported) {
  return ResultRowsToTable(imported.rows);
}

ReleasedTable AggregateAndRelease(const Table& data, const AggregateRequest& aggregate,
                                  ReleaseRequest request, AggregateTimings* timings) {
  const auto start = std::chrono::steady_clock::now();
  // Only what the statistics and the release need: counts and sums, with the top contributions
  // of the magnitudes when disclosure control applies the dominance rule.
  GroupByRequest group_by = aggregate.group_by;
  group_by.detail = DetailFor(aggregate.statistics, !request.unsuppressed);
  const GroupByResult grouped = GroupBy(data, group_by);
  if (timings != nullptr) {
    timings->group_by_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    timings->groups = grouped.num_groups();
  }
  if (request.table.empty()) {
    request.table = fmt::format("aggregate by {}", fmt::join(aggregate.group_by.keys, ","));
  }
  // Results leave only through disclosure control (src/privacy/README.md).
  return ReleaseGroupBy(grouped, aggregate.statistics, request);
}

SummaryFigures InequityFigures(const inequality::InequityResult& r) {
  static constexpr const char* kNames[] = {"estimate",    "se",   "lower",      "upper",
                                           "coefficient", "mean", "elasticity", "concentration",
                                           "persons"};
  constexpr std::size_t kFields = std::size(kNames);
  std::vector<std::optional<std::string>> item, kind;
  std::vector<std::optional<double>> fields[kFields];
  std::vector<std::size_t> persons;
  const auto add = [&](std::string name, std::string type, std::size_t resting_on,
                       std::initializer_list<std::optional<double>> values) {
    item.emplace_back(std::move(name));
    kind.emplace_back(std::move(type));
    persons.push_back(resting_on);
    std::size_t f = 0;
    for (const auto& value : values) fields[f++].push_back(value);
  };
  const std::size_t n = r.persons;
  const auto summary = [&](const char* name, const inequality::MeasureResult& m) {
    add(name, "measure", n,
        {m.estimate, m.se, m.lower, m.upper, {}, r.mean_use, {}, {}, static_cast<double>(n)});
  };
  summary("c_use", r.concentration);                          // row 0
  summary("c_need_expected", r.need_expected_concentration);  // row 1
  summary("hi", r.horizontal_inequity);                       // row 2
  // The intercept is the use predicted in every reference category.
  std::size_t reference = n;
  for (const auto& c : r.contributions) reference = std::min(reference, c.reference_persons);
  add("(intercept)", "coefficient", reference, {{}, {}, {}, {}, r.intercept, {}, {}, {}, {}});  // 3
  std::vector<std::size_t> need{}, nonneed{}, all{};
  for (const auto& c : r.contributions) {
    (c.need ? need : nonneed).push_back(item.size());
    all.push_back(item.size());
    add(c.regressor, c.need ? "need" : "nonneed", std::min(c.persons, c.reference_persons),
        {c.contribution, {}, {}, {}, c.coefficient, c.mean, c.elasticity, c.concentration, {}});
  }
  const std::size_t need_total = item.size();
  add("need_total", "need", n, {r.need_contribution, {}, {}, {}, {}, {}, {}, {}, {}});
  const std::size_t nonneed_total = item.size();
  add("nonneed_total", "nonneed", n, {r.nonneed_contribution, {}, {}, {}, {}, {}, {}, {}, {}});
  const std::size_t residual = item.size();
  add("residual", "residual", n, {r.residual, {}, {}, {}, {}, {}, {}, {}, {}});

  // The identities of the decomposition (estimates; O'Donnell et al. 2008, ch. 13), so that no
  // withheld row is left to subtraction.
  std::vector<std::vector<std::size_t>> sums{
      {1, need_total},                           // C(need-expected) = Σ need contributions
      {0, need_total, nonneed_total, residual},  // C = Σ contributions + residual
      {0, 1, 2},                                 // HI = C − C(need-expected)
      {2, nonneed_total, residual}};             // HI = Σ non-need contributions + residual
  const auto sum_of = [&](std::size_t total, const std::vector<std::size_t>& parts) {
    if (parts.empty()) return;
    sums.push_back({total});
    sums.back().insert(sums.back().end(), parts.begin(), parts.end());
  };
  sum_of(need_total, need);
  sum_of(nonneed_total, nonneed);
  // μ = α + Σ β_k x̄_k: the intercept and the elasticities add up to 1.
  sum_of(3, all);

  std::vector<Column> columns{Column::CategoricalFromStrings("item", item),
                              Column::CategoricalFromStrings("kind", kind)};
  for (std::size_t f = 0; f < kFields; ++f) {
    columns.push_back(inequality::NullableDoubleColumn(kNames[f], fields[f]));
  }
  return {Table(std::move(columns)), std::move(persons), std::move(sums)};
}

ReleasedSummary InequityAndRelease(const Table& persons, const InequityRequest& inequity,
                                   ReleaseRequest request) {
  std::vector<std::uint8_t> keep;
  if (!inequity.filter.empty()) {
    keep = RowFilter::Parse(inequity.filter, inequity.filter_name).Evaluate(persons);
  }
  const inequality::InequityResult result =
      inequality::HorizontalInequity(persons, inequity.spec, keep, inequity.measure);
  if (request.table.empty()) {
    request.table = fmt::format("inequity {} by {}", inequity.spec.use, inequity.spec.rank);
    if (!inequity.filter.empty()) request.table += " where " + inequity.filter;
  }
  // Results leave only through disclosure control (src/privacy/README.md).
  return ReleaseSummary(InequityFigures(result), request);
}

Table Measures(const Table& results, const inequality::InequalityOptions& options) {
  return inequality::ComputeInequality(results, options);
}

std::string ApplicabilityText(const inequality::MeasureDescriptor& m) {
  if (m.input == inequality::InputKind::kIndividuals) {
    return std::string(Tr("individdata", "individual data"));
  }
  std::string text;
  const auto add = [&](bool applies, std::string_view sv, std::string_view en) {
    if (applies) text += (text.empty() ? "" : ", ") + std::string(Tr(sv, en));
  };
  add(m.applicability.binary, "binära", "binary");
  add(m.applicability.ordered, "ordnade", "ordered");
  add(m.applicability.unordered, "oordnade", "unordered");
  return text;
}

std::string IntervalText(inequality::IntervalMethod method) {
  using inequality::IntervalMethod;
  switch (method) {
    case IntervalMethod::kNone:
      return std::string(Tr("inget", "none"));
    case IntervalMethod::kDeltaMethod:
      return std::string(Tr("deltametoden", "delta method"));
    case IntervalMethod::kSandwich:
      return std::string(Tr("deltametoden, sandwich (HC1)", "delta method, sandwich (HC1)"));
    case IntervalMethod::kRegression:
      return std::string(Tr("regressionens standardfel", "regression standard error"));
    case IntervalMethod::kWalter:
      return std::string(Tr("Walter (1978)", "Walter (1978)"));
    case IntervalMethod::kSimulation:
      return std::string(Tr("parametrisk simulering", "parametric simulation"));
    case IntervalMethod::kKakwaniWagstaffVanDoorslaer:
      return std::string(Tr("Kakwani–Wagstaff–van Doorslaer", "Kakwani–Wagstaff–van Doorslaer"));
    case IntervalMethod::kBootstrap:
      return std::string(Tr("bootstrap (percentil)", "bootstrap (percentile)"));
  }
  return {};
}

Table MeasureRegistryTable() {
  using inequality::MeasureDescriptor;
  std::vector<std::optional<std::string>> id, input, label_sv, label_en, applies, scale, none,
      interval, interpretation, reference;
  for (const MeasureDescriptor* m : inequality::MeasureRegistry().All()) {
    id.emplace_back(m->id);
    input.emplace_back(m->input == inequality::InputKind::kSubgroups ? "subgroups" : "individuals");
    label_sv.emplace_back(m->label_sv);
    label_en.emplace_back(m->label_en);
    applies.emplace_back(ApplicabilityText(*m));
    scale.emplace_back(m->scale == inequality::MeasureScale::kAbsolute ? Tr("absolut", "absolute")
                                                                       : Tr("relativ", "relative"));
    none.emplace_back(fmt::format("{}", m->no_inequality));
    interval.emplace_back(IntervalText(m->interval));
    interpretation.emplace_back(Tr(m->interpretation_sv, m->interpretation_en));
    reference.emplace_back(m->reference);
  }
  const auto column = [](const char* name, std::vector<std::optional<std::string>>& values) {
    return Column::CategoricalFromStrings(name, values);
  };
  return Table({column("id", id), column("input", input), column("label_sv", label_sv),
                column("label_en", label_en), column("applicability", applies),
                column("scale", scale), column("no_inequality", none), column("interval", interval),
                column("interpretation", interpretation), column("reference", reference)});
}

std::string ColumnHeaderLabel(const std::string& column) {
  if (auto label = inequality::InequalityColumnLabel(column)) return *label;
  return ResultColumnLabel(column);
}

}  // namespace jamlik::pipeline
