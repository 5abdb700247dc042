// `jamlik indicators --spec indicators.toml --data persons.csv --out results.csv`: indicators
// with their confidence intervals per area, period and subgroup, in the long result format.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/input_options.hpp"
#include "core/i18n.hpp"
#include "indicators/compute_indicators.hpp"
#include "indicators/indicator_type.hpp"
#include "io/table_writer.hpp"
#include "io/xlsx_writer.hpp"
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

// The columns worth a terminal's width; files get them all.
Table TerminalView(const Table& results) {
  std::vector<Column> columns;
  for (const char* name :
       {result_column::kIndicator, result_column::kArea, result_column::kPeriod,
        result_column::kDimension, result_column::kSubgroup, result_column::kEstimate,
        result_column::kLower, result_column::kUpper, result_column::kNumerator,
        result_column::kDenominator, result_column::kFlag, result_column::kSuppressionReason}) {
    // The suppression reason shows once the result table carries it.
    if (results.FindColumn(name) == nullptr) continue;
    Column column = results.GetColumn(name);
    column.set_name(ResultColumnLabel(name));
    columns.push_back(std::move(column));
  }
  return Table(std::move(columns));
}

std::string FormatOf(const IndicatorsOptions& options) {
  if (!options.format.empty()) return options.format;
  const std::string extension = std::filesystem::path(options.out).extension().string();
  if (extension == ".json" || extension == ".xlsx") return extension.substr(1);
  return options.out.empty() ? "table" : "csv";
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
  const auto definitions = ReadIndicatorDefinitions(options.spec);
  const Table data = ReadInput(options.input);
  // Results leave only through disclosure control (src/privacy/README.md).
  ReleaseRequest release = options.release;
  release.table = "indicators " + options.spec;
  release.dataset_path = options.input.path;
  const PublishedResults published =
      Release(ComputeIndicators(data, definitions,
                                {std::filesystem::path(options.spec).parent_path().string()}),
              release);
  if (!published.disclosure_controlled()) fmt::print(stderr, "jamlik: {}\n", UnsuppressedWarning());
  const Table results = ResultRowsToTable(published.rows());
  const std::string format = FormatOf(options);
  if (format == "xlsx") {
    if (options.out.empty()) {
      throw Error(ErrorCode::kUsage, std::string(Tr("xlsx kräver --out", "xlsx needs --out")));
    }
    WriteXlsx(results, options.out, std::string(Tr("Indikatorer", "Indicators")),
              ResultColumnLabel);
    return;
  }
  auto write = [&](std::ostream& out) {
    if (format == "json") {
      WriteJson(results, out);
    } else if (format == "csv") {
      WriteCsv(results, out);
    } else {
      WriteTextTable(TerminalView(results), out, 1);
    }
  };
  if (options.out.empty()) {
    write(std::cout);
  } else {
    WriteFileAtomically(options.out, write);
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
  command->add_option("--out", options->out,
                      std::string(Tr("resultatfil (.csv, .json eller .xlsx)",
                                     "result file (.csv, .json or .xlsx)")));
  command
      ->add_option("--format", options->format,
                   std::string(Tr("csv, json, xlsx eller table (standard: efter filändelsen)",
                                  "csv, json, xlsx or table (default: by the file extension)")))
      ->check(CLI::IsMember({"csv", "json", "xlsx", "table"}));
  command->add_flag("--list", options->list,
                    std::string(Tr("visa indikatortyperna", "list the indicator types")));
  AddReleaseOptions(*command, options->release);
  command->callback([options] { Run(*options); });
}

}  // namespace jamlik::cli
