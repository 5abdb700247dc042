// `jamlik aggregate FILE --by kommun,kon --sum x,y`: counts and sums (and other statistics) of
// numeric columns by any combination of key columns, with optional total margins.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/input_options.hpp"
#include "cli/output.hpp"
#include "core/group_by.hpp"
#include "core/i18n.hpp"
#include "io/table_writer.hpp"
#include "pipeline/pipeline.hpp"
#include "privacy/release_options.hpp"

namespace jamlik::cli {
namespace {

struct AggregateOptions {
  InputOptions input;
  std::vector<std::string> by;
  std::vector<std::string> values;
  std::vector<std::string> statistics{"sum"};
  std::string weight;
  bool margins = false;
  std::string format;  // empty: what --out's extension implies, else the terminal table
  std::string out;
  bool timings = false;
  ReleaseRequest release;
};

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

void Aggregate(const AggregateOptions& options) {
  pipeline::AggregateRequest aggregate{
      .group_by = {options.by, options.values, options.weight, options.margins}};
  aggregate.statistics.clear();
  for (const auto& id : options.statistics) aggregate.statistics.push_back(ParseStatistic(id));

  const auto load_start = std::chrono::steady_clock::now();
  const Table table = ReadInput(options.input);
  const double load_ms = MillisecondsSince(load_start);

  // Results leave only through disclosure control (src/privacy/README.md).
  ReleaseRequest release = options.release;
  release.dataset_path = options.input.path;
  pipeline::AggregateTimings timings;
  const ReleasedTable released = pipeline::AggregateAndRelease(table, aggregate, release, &timings);
  if (!released.disclosure_controlled()) {
    fmt::print(stderr, "jamlik: {}\n", UnsuppressedWarning());
  }
  EmitTable(released.table(), OutputFormat(options.format, options.out), options.out);
  if (options.timings) {
    fmt::print(stderr, "load_ms={:.1f} group_by_ms={:.1f} rows={} groups={} columnar_bytes={}\n",
               load_ms, timings.group_by_ms, table.num_rows(), timings.groups, table.MemoryBytes());
  }
}

}  // namespace

void AddAggregateCommand(CLI::App& app) {
  auto options = std::make_shared<AggregateOptions>();
  CLI::App* command = app.add_subcommand(
      "aggregate",
      std::string(
          Tr("Räkna rader och summera numeriska kolumner per grupp, t.ex. per kommun och kön.",
             "Count rows and sum numeric columns per group, e.g. by municipality and sex.")));
  AddInputOptions(*command, options->input);
  command
      ->add_option("--by", options->by,
                   std::string(Tr("kolumner att gruppera efter, t.ex. kommun,kon",
                                  "columns to group by, e.g. kommun,kon")))
      ->delimiter(',');
  command
      ->add_option("--sum", options->values,
                   std::string(Tr("numeriska kolumner att summera", "numeric columns to sum")))
      ->delimiter(',');
  command
      ->add_option("--stats", options->statistics,
                   std::string(Tr("statistik per kolumn: count,sum,mean,var,sd,min,max,wsum,wmean "
                                  "(standard: sum)",
                                  "statistics per column: count,sum,mean,var,sd,min,max,wsum,wmean "
                                  "(default: sum)")))
      ->delimiter(',');
  command->add_option(
      "--weight", options->weight,
      std::string(Tr("viktkolumn för wsum och wmean", "weight column for wsum and wmean")));
  command->add_flag("--margins", options->margins,
                    std::string(Tr("lägg till totalrader (T) för varje dimension",
                                   "add total rows (T) for each dimension")));
  command
      ->add_option("--format", options->format,
                   std::string(Tr("utdataformat: table, csv eller json",
                                  "output format: table, csv or json")))
      ->check(CLI::IsMember({"table", "csv", "json"}));
  command->add_option("--out", options->out,
                      std::string(Tr("skriv till fil i stället för standard ut",
                                     "write to a file instead of stdout")));
  command->add_flag("--timings", options->timings,
                    std::string(Tr("skriv inläsnings- och grupperingstid till standard fel",
                                   "print load and group-by times to stderr")));
  AddReleaseOptions(*command, options->release);
  command->callback([options] { Aggregate(*options); });
}

}  // namespace jamlik::cli
