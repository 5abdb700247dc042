// `jamlik distribution --data persons.csv --value inkomst --by kommun,kon --measures gini,s80_s20`:
// distribution measures of a continuous outcome per group (and for the whole), with bootstrap
// intervals, released through disclosure control; one row per group × measure.
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/input_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "pipeline/distribution.hpp"
#include "pipeline/pipeline.hpp"
#include "privacy/release_options.hpp"

namespace jamlik::cli {
namespace {

struct DistributionCliOptions {
  InputOptions input;
  pipeline::DistributionRequest request;
  std::string measures = pipeline::kDefaultDistributionMeasures;
  std::string percentile_method = "eurostat";
  std::string out;
  std::string format;
  ReleaseRequest release;
};

// The terminal shows the groups, the measure, the value with its interval, n and why a value is
// missing; the files carry every column (se too).
Table TerminalView(const Table& table) {
  std::vector<Column> columns;
  for (const Column& column : table.columns()) {
    if (column.name() != "se") columns.push_back(column);
  }
  return Table(std::move(columns));
}

void RunDistribution(DistributionCliOptions options) {
  const Table persons = ReadInput(options.input);
  options.request.measures = pipeline::ParseDistributionMeasures(options.measures);
  const auto method = inequality::ParsePercentileMethod(options.percentile_method);
  options.request.options.percentile_method = *method;  // CLI11 checked the name
  ReleaseRequest release = options.release;
  release.dataset_path = options.input.path;
  // Results leave only through disclosure control (src/privacy/README.md).
  const ReleasedSummary released =
      pipeline::DistributionAndRelease(persons, options.request, release);
  if (!released.disclosure_controlled()) {
    fmt::print(stderr, "jamlik: {}\n", UnsuppressedWarning());
  }
  EmitTable(released.table(), OutputFormat(options.format, options.out), options.out,
            {.terminal_view = TerminalView, .decimals = 3, .sheet = "Fördelning"});
}

}  // namespace

void AddDistributionCommand(CLI::App& app) {
  auto options = std::make_shared<DistributionCliOptions>();
  CLI::App* command = app.add_subcommand(
      "distribution",
      std::string(Tr("Fördelningsmått (Gini, GE(α), Theil, MLD, Atkinson(ε), Palma, S80/S20, "
                     "P90/P10, CV) för ett kontinuerligt utfall som inkomst, per grupp och för "
                     "alla, med bootstrapintervall och röjandeskydd.",
                     "Distribution measures (Gini, GE(alpha), Theil, MLD, Atkinson(epsilon), "
                     "Palma, S80/S20, P90/P10, CV) of a continuous outcome such as income, per "
                     "group and for everyone, with bootstrap intervals and disclosure control.")));
  AddInputOptions(*command, options->input, "--data");
  command
      ->add_option("--value", options->request.value,
                   std::string(Tr("kolumnen med utfallet, t.ex. inkomst",
                                  "the outcome's column, e.g. inkomst")))
      ->required();
  command->add_option(
      "--weight", options->request.weight,
      std::string(Tr("frekvensvikter (en rad med vikt 3 = tre personer); standard: 1 per rad",
                     "frequency weights (a row of weight 3 = three persons); default: 1 a row")));
  command
      ->add_option("--by", options->request.by,
                   std::string(Tr("grupperingskolumner, t.ex. kommun,kon (varje kombination "
                                  "och totalen redovisas; högst 4)",
                                  "grouping columns, e.g. kommun,kon (every combination and the "
                                  "total are reported; at most 4)")))
      ->delimiter(',');
  command->add_option(
      "--filter", options->request.filter,
      std::string(Tr("urval, t.ex. \"alder >= 20\"", "selection, e.g. \"alder >= 20\"")));
  command
      ->add_option("--measures", options->measures,
                   std::string(Tr("all eller en lista som gini,s80_s20,atkinson:0.5,ge:2 (se "
                                  "jamlik measures; ge:α och atkinson:ε tar en parameter)",
                                  "all or a list such as gini,s80_s20,atkinson:0.5,ge:2 (see "
                                  "jamlik measures; ge:alpha and atkinson:epsilon take a "
                                  "parameter)")))
      ->capture_default_str();
  command
      ->add_option("--percentile-method", options->percentile_method,
                   std::string(Tr("eurostat (hela personer, EU-SILC) eller split (Lorenzkurvan "
                                  "delar personen vid gränsen) för s80_s20, p90_p10 och palma",
                                  "eurostat (whole persons, EU-SILC) or split (the Lorenz curve "
                                  "splits the person at the cut) for s80_s20, p90_p10 and palma")))
      ->capture_default_str()
      ->check(CLI::IsMember({"eurostat", "split"}));
  command
      ->add_option("--draws", options->request.options.bootstrap_draws,
                   std::string(Tr("bootstrapdragningar", "bootstrap resamples")))
      ->capture_default_str()
      ->check(CLI::Range(2, 100000));
  command
      ->add_option("--seed", options->request.options.seed,
                   std::string(Tr("slumpfrö för bootstrap", "seed of the bootstrap")))
      ->capture_default_str();
  command
      ->add_option("--confidence", options->request.options.confidence,
                   std::string(Tr("konfidensnivå", "confidence level")))
      ->capture_default_str()
      ->check(CLI::Range(0.5, 0.9999));
  command->add_option("--out", options->out,
                      std::string(Tr("resultatfil (.csv, .json eller .xlsx)",
                                     "result file (.csv, .json or .xlsx)")));
  command
      ->add_option("--format", options->format,
                   std::string(Tr("csv, json, xlsx eller table (standard: efter filändelsen)",
                                  "csv, json, xlsx or table (default: by the file extension)")))
      ->check(CLI::IsMember({"csv", "json", "xlsx", "table"}));
  AddReleaseOptions(*command, options->release);
  command->callback([options] { RunDistribution(*options); });
}

}  // namespace jamlik::cli
