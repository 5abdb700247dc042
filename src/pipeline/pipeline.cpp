#include "pipeline/pipeline.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "core/dimensions.hpp"
#include "core/i18n.hpp"
#include "indicators/compute_indicators.hpp"
#include "indicators/result_table.hpp"

namespace jamlik::pipeline {

Table ReadData(const std::string& path, const ReadOptions& options, CsvFormat* format) {
  Table table = ReadCsvFile(path, options.csv, format);
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

}  // namespace jamlik::pipeline
