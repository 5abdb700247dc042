// `jamlik indicators --spec indicators.toml --data persons.csv --out results.csv`: indicators
// with their confidence intervals per area, period and subgroup, in the long result format.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/input_options.hpp"
#include "cli/output.hpp"
#include "cli/result_output.hpp"
#include "core/i18n.hpp"
#include "indicators/indicator_type.hpp"
#include "indicators/result_table.hpp"
#include "io/table_writer.hpp"
#include "pipeline/pipeline.hpp"
#include "privacy/publish.hpp"
#include "privacy/release_options.hpp"

namespace jamlik::cli {
namespace {

struct IndicatorsOptions {
  InputOptions input;
  std::string spec;
  std::string out;
  std::string format;
  bool list = false;
  std::string measures;
  std::string measures_out;
  ReleaseRequest release;
};

void ListTypes() {
  std::vector<std::optional<std::string>> ids, labels, methods, descriptions;
  for (const auto& type : IndicatorTypes().types()) {
    ids.emplace_back(type.id);
    labels.emplace_back(Tr(type.label_sv, type.label_en));
    std::string names;
    for (auto method : type.methods) names += (names.empty() ? "" : ", ") + std::string(method);
    methods.emplace_back(names);
    descriptions.emplace_back(Tr(type.description_sv, type.description_en));
  }
  WriteTextTable(
      Table({Column::CategoricalFromStrings(std::string(Tr("typ", "type")), ids),
             Column::CategoricalFromStrings(std::string(Tr("namn", "name")), labels),
             Column::CategoricalFromStrings(std::string(Tr("intervall", "interval")), methods),
             Column::CategoricalFromStrings(std::string(Tr("beskrivning", "description")),
                                            descriptions)}),
      std::cout);
}

void Run(const IndicatorsOptions& options) {
  if (options.list) {
    ListTypes();
    return;
  }
  if (options.spec.empty() || options.input.path.empty()) {
    throw Error(ErrorCode::kUsage, std::string(Tr("ange --spec och --data (eller --list)",
                                                  "give --spec and --data (or --list)")));
  }
  const auto definitions = pipeline::ReadDefinitions(options.spec);
  const Table data = ReadInput(options.input);
  ReleaseRequest release = options.release;
  release.dataset_path = options.input.path;
  const PublishedResults published = pipeline::ComputeAndRelease(data, definitions, release);
  if (!published.disclosure_controlled()) fmt::print(stderr, "jamlik: {}\n", UnsuppressedWarning());
  const Table results = pipeline::ResultTable(published);
  EmitResults(results, OutputFormat(options.format, options.out), options.out);
  if (options.measures.empty()) return;
  // Inequality measures read the published (suppressed) results only, never the raw ones.
  const Table measures =
      pipeline::Measures(results, {.measures = inequality::ParseMeasureList(options.measures)});
  const std::string measures_out =
      options.measures_out.empty() && !options.out.empty()
          ? (std::filesystem::path(options.out).replace_extension("").string() + ".ojamlikhet.csv")
          : options.measures_out;
  EmitTable(measures, OutputFormat("", measures_out), measures_out, {.decimals = 3});
  if (!measures_out.empty()) {
    fmt::print(stderr, "jamlik: {} {}\n",
               Tr("ojämlikhetsmått skrivna till", "inequality measures written to"), measures_out);
  }
}

}  // namespace

void AddIndicatorsCommand(CLI::App& app) {
  auto options = std::make_shared<IndicatorsOptions>();
  CLI::App* command = app.add_subcommand(
      "indicators",
      std::string(
          Tr("Beräkna indikatorer med konfidensintervall per område, period och grupp enligt en "
             "definitionsfil (TOML).",
             "Compute indicators with confidence intervals per area, period and subgroup from a "
             "definitions file (TOML).")));
  command
      ->add_option("--spec", options->spec,
                   std::string(Tr("indikatordefinitioner (TOML), se examples/indicators.toml",
                                  "indicator definitions (TOML), see examples/indicators.toml")))
      ->check(CLI::ExistingFile);
  AddInputOptions(*command, options->input, "--data");
  command->get_option("--data")->required(false);
  AddResultOutputOptions(*command, options->out, options->format);
  command->add_option(
      "--measures", options->measures,
      std::string(Tr("beräkna också ojämlikhetsmått på resultaten: all eller t.ex. d,r,sii,rci "
                     "(jamlik measures)",
                     "also compute inequality measures on the results: all or e.g. d,r,sii,rci "
                     "(jamlik measures)")));
  command->add_option("--measures-out", options->measures_out,
                      std::string(Tr("fil för ojämlikhetsmåtten (standard: bredvid --out)",
                                     "file for the inequality measures (default: beside --out)")));
  command->add_flag("--list", options->list,
                    std::string(Tr("visa indikatortyperna", "list the indicator types")));
  AddReleaseOptions(*command, options->release);
  command->callback([options] { Run(*options); });
}

}  // namespace jamlik::cli
