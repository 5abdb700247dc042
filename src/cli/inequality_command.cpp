// `jamlik inequality --results results.csv --measures all`: summary measures of inequality per
// indicator × area × period × dimension from a long result table (or a HEAT Plus template).
// `jamlik measures`: the registry's descriptors. `jamlik inequity`: need-standardised horizontal
// inequity of a service's use on person data, released through disclosure control.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/input_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "inequality/gap_trend.hpp"
#include "inequality/registry.hpp"
#include "inequality/result_inequality.hpp"
#include "io/table_writer.hpp"
#include "pipeline/pipeline.hpp"
#include "privacy/release_options.hpp"

namespace jamlik::cli {
namespace {

using inequality::MeasureDescriptor;

void AddFormatOptions(CLI::App& command, std::string& out, std::string& format) {
  command.add_option(
      "--out", out,
      std::string(Tr("resultatfil (.csv eller .json)", "result file (.csv or .json)")));
  command
      .add_option("--format", format,
                  std::string(Tr("csv, json eller table (standard: efter filändelsen)",
                                 "csv, json or table (default: by the file extension)")))
      ->check(CLI::IsMember({"csv", "json", "table"}));
}

struct InequalityCliOptions {
  InputOptions input;
  std::string measures = "all";
  std::string sii_form = "auto";
  std::string out;
  std::string format;
  inequality::MeasureOptions measure;
  inequality::ResultReadOptions read;
  bool trend = false;
};

Table MeasureTerminalView(const Table& table) {
  std::vector<Column> columns;
  for (const char* name : {"indicator", "area", "period", "dimension", "measure", "estimate",
                           "lower", "upper", "reason", "reading"}) {
    columns.push_back(table.GetColumn(name));
  }
  return Table(std::move(columns));
}

void RunInequality(const InequalityCliOptions& options) {
  const Table results = ReadInput(options.input);
  CheckResultIds(results, options.input.path);
  const Table measures =
      pipeline::Measures(results, {.measures = inequality::ParseMeasureList(options.measures),
                                   .slope_form = inequality::ParseSlopeForm(options.sii_form),
                                   .measure = options.measure,
                                   .read = options.read});
  if (options.trend) {
    EmitTable(inequality::GapTrends(measures), OutputFormat(options.format, options.out),
              options.out, {.decimals = 3});
    return;
  }
  EmitTable(measures, OutputFormat(options.format, options.out), options.out,
            {.terminal_view = MeasureTerminalView, .decimals = 3});
}

// One block per measure: the descriptor reads better than a table of long texts.
void PrintDescriptors(std::ostream& out) {
  for (const MeasureDescriptor* m : inequality::MeasureRegistry().All()) {
    out << fmt::format("{}  {} / {}\n", m->id, Tr(m->label_sv, m->label_en),
                       Tr(m->label_en, m->label_sv));
    out << fmt::format("    {}: {} · {} · {}: {} · {}: {}\n", Tr("gäller", "applies to"),
                       pipeline::ApplicabilityText(*m),
                       m->scale == inequality::MeasureScale::kAbsolute ? Tr("absolut", "absolute")
                                                                       : Tr("relativ", "relative"),
                       Tr("ingen ojämlikhet", "no inequality"), m->no_inequality,
                       Tr("intervall", "interval"), pipeline::IntervalText(m->interval));
    out << fmt::format("    {}\n", Tr(m->interpretation_sv, m->interpretation_en));
    out << fmt::format("    {}: {}\n\n", Tr("Källa", "Reference"), m->reference);
  }
}

struct InequityCliOptions {
  InputOptions input;
  inequality::InequitySpec spec;
  std::string filter;
  std::string out;
  std::string format;
  inequality::MeasureOptions measure;
  ReleaseRequest release;
};

void RunInequity(const InequityCliOptions& options) {
  const Table persons = ReadInput(options.input);
  // Results leave only through disclosure control (src/privacy/README.md).
  ReleaseRequest release = options.release;
  release.dataset_path = options.input.path;
  const ReleasedSummary released = pipeline::InequityAndRelease(
      persons, {.spec = options.spec, .filter = options.filter, .measure = options.measure},
      release);
  if (!released.disclosure_controlled()) {
    fmt::print(stderr, "jamlik: {}\n", UnsuppressedWarning());
  }
  EmitTable(released.table(), OutputFormat(options.format, options.out), options.out,
            {.decimals = 3});
}

}  // namespace

void AddInequalityCommand(CLI::App& app) {
  auto options = std::make_shared<InequalityCliOptions>();
  CLI::App* command = app.add_subcommand(
      "inequality",
      std::string(Tr("Beräkna ojämlikhetsmått per indikator, område, period och dimension ur en "
                     "resultattabell (jamlik indicators) eller en HEAT Plus-mall.",
                     "Compute inequality measures per indicator, area, period and dimension from "
                     "a result table (jamlik indicators) or a HEAT Plus template.")));
  AddInputOptions(*command, options->input, "--results");
  command
      ->add_option("--measures", options->measures,
                   std::string(Tr("all eller en lista som d,r,sii (se jamlik measures)",
                                  "all or a list such as d,r,sii (see jamlik measures)")))
      ->capture_default_str();
  command
      ->add_option("--sii", options->sii_form,
                   std::string(Tr("formen för sii och rii: auto (logistisk för andelar, linjär för "
                                  "allt annat), logistic eller linear",
                                  "the form of sii and rii: auto (logistic for proportions, linear "
                                  "for everything else), logistic or linear")))
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "logistic", "linear"}));
  AddFormatOptions(*command, options->out, options->format);
  command
      ->add_option(
          "--draws", options->measure.simulation_draws,
          std::string(Tr("dragningar i simulerade intervall", "draws of simulated intervals")))
      ->capture_default_str()
      ->check(CLI::Range(2, 1000000));
  command
      ->add_option("--seed", options->measure.seed,
                   std::string(Tr("slumpfrö för simuleringen", "seed of the simulation")))
      ->capture_default_str();
  command
      ->add_option("--confidence", options->measure.confidence,
                   std::string(Tr("konfidensnivå", "confidence level")))
      ->capture_default_str()
      ->check(CLI::Range(0.5, 0.9999));
  command->add_flag("--include-total", options->read.include_total,
                    std::string(Tr("ta med dimensionen total", "include the total dimension")));
  command->add_flag("--crossed", options->read.include_crossed,
                    std::string(Tr("ta med korsade dimensioner (kon × utbildning)",
                                   "include crossed dimensions (kon × utbildning)")));
  command->add_flag("--force", options->measure.force,
                    std::string(Tr("beräkna även när HEAT:s minimikrav på data inte uppfylls",
                                   "compute even when HEAT's minimum-data rules are not met")));
  command->add_flag("--trend", options->trend,
                    std::string(Tr("visa i stället varje måtts trend över perioderna (minskar "
                                   "eller ökar gapet?) vid 95 och 99,8 %",
                                   "show instead each measure's trend over the periods (is the "
                                   "gap narrowing?) at 95 and 99.8 %")));
  command->callback([options] { RunInequality(*options); });
}

void AddMeasuresCommand(CLI::App& app) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* command = app.add_subcommand(
      "measures", std::string(Tr("Visa ojämlikhetsmåtten: namn, tillämplighet, tolkning och källa.",
                                 "List the inequality measures: name, applicability, "
                                 "interpretation and reference.")));
  command
      ->add_option("--format", *format,
                   std::string(Tr("text, csv eller json", "text, csv or json")))
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "csv", "json"}));
  command->callback([format] {
    if (*format == "text") {
      PrintDescriptors(std::cout);
    } else {
      EmitTable(pipeline::MeasureRegistryTable(), *format, {});
    }
  });
}

void AddInequityCommand(CLI::App& app) {
  auto options = std::make_shared<InequityCliOptions>();
  CLI::App* command = app.add_subcommand(
      "inequity",
      std::string(
          Tr("Behovsstandardiserad horisontell ojämlikhet (HI) i användningen av en tjänst, "
             "med uppdelning av koncentrationsindex på förklaringsvariabler.",
             "Need-standardised horizontal inequity (HI) in the use of a service, with the "
             "concentration index decomposed into its determinants.")));
  AddInputOptions(*command, options->input, "--data");
  command
      ->add_option("--use", options->spec.use,
                   std::string(Tr("kolumnen med användningen", "the column of use")))
      ->required();
  command
      ->add_option("--need", options->spec.need,
                   std::string(Tr("behovsvariabler, t.ex. alder:5,kon,funktionsnedsattning "
                                  "(kolumn:bredd ger åldersband)",
                                  "need variables, e.g. alder:5,kon,funktionsnedsattning "
                                  "(column:width gives bands)")))
      ->delimiter(',')
      ->required();
  command
      ->add_option("--nonneed", options->spec.nonneed,
                   std::string(Tr("andra variabler, hållna vid sina medelvärden, t.ex. "
                                  "inkomstkvintil,utbildning",
                                  "non-need variables, held at their means, e.g. "
                                  "inkomstkvintil,utbildning")))
      ->delimiter(',');
  command
      ->add_option("--rank", options->spec.rank,
                   std::string(Tr("rangordningsvariabel, t.ex. inkomstkvintil",
                                  "ranking variable, e.g. inkomstkvintil")))
      ->required();
  command->add_option(
      "--filter", options->filter,
      std::string(Tr("urval, t.ex. \"alder >= 65\"", "selection, e.g. \"alder >= 65\"")));
  AddFormatOptions(*command, options->out, options->format);
  command
      ->add_option("--confidence", options->measure.confidence,
                   std::string(Tr("konfidensnivå", "confidence level")))
      ->capture_default_str()
      ->check(CLI::Range(0.5, 0.9999));
  AddReleaseOptions(*command, options->release);
  command->callback([options] { RunInequity(*options); });
}

}  // namespace jamlik::cli
