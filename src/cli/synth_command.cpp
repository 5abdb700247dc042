// `jamlik synth --persons N --seed S --out FILE`: write a synthetic Sweden (person-level microdata
// with realistic social gradients) for demos, tests and benchmarks.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "core/i18n.hpp"
#include "synth/synthetic_population.hpp"

namespace jamlik::cli {
namespace {

struct SynthCommandOptions {
  SynthOptions synth;
  std::string out;
  std::string delimiter = ",";
};

void Synth(SynthCommandOptions& options) {
  options.synth.delimiter = options.delimiter == "tab" ? '\t' : options.delimiter[0];
  ProgressBar progress(fmt::format(fmt::runtime(Tr("skriver {}", "writing {}")), options.out));
  options.synth.progress = progress.Callback();
  WriteSyntheticPopulationFile(options.synth, options.out);
}

}  // namespace

void AddSynthCommand(CLI::App& app) {
  auto options = std::make_shared<SynthCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "synth", std::string(Tr(
                   "Skapa ett syntetiskt Sverige: mikrodata per person med verkliga kommuner och "
                   "realistiska sociala skillnader (för demo, test och prestandamätning).",
                   "Create a synthetic Sweden: person-level microdata with the real municipalities "
                   "and realistic social gradients (for demos, tests and benchmarks).")));
  command
      ->add_option("--persons", options->synth.persons,
                   std::string(Tr("antal personer", "number of persons")))
      ->required()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
  command
      ->add_option("--seed", options->synth.seed,
                   std::string(Tr("slumpfrö; samma frö ger samma fil",
                                  "random seed; the same seed gives the same file")))
      ->capture_default_str();
  command->add_option("--out", options->out, std::string(Tr("fil att skriva", "file to write")))
      ->required();
  command->add_option("--county", options->synth.county,
                      std::string(Tr("bara ett läns kommuner, t.ex. 18 (Örebro län)",
                                     "only one county's municipalities, e.g. 18 (Örebro county)")));
  command->add_option("--year", options->synth.year, std::string(Tr("år", "year")))
      ->capture_default_str();
  command->add_option("--last-year", options->synth.last_year,
                      std::string(Tr("sista år: --persons personer för varje år från --year, "
                                     "med påhittade trender",
                                     "last year: --persons persons for each year from --year, "
                                     "with invented trends")));
  command
      ->add_option("--delimiter", options->delimiter,
                   std::string(Tr("avgränsare: , ; eller tab", "delimiter: , ; or tab")))
      ->check(CLI::IsMember({",", ";", "tab"}))
      ->capture_default_str();
  command->add_flag("--decimal-comma", options->synth.decimal_comma,
                    std::string(Tr("decimalkomma (svensk stil; kräver ; eller tab)",
                                   "decimal comma (Swedish style; needs ; or tab)")));
  command->callback([options] { Synth(*options); });
}

}  // namespace jamlik::cli
