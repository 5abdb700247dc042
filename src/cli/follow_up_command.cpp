// `jamlik follow-up --plan plan.toml --results results.csv [--period P] --out status.csv`: every
// target of a plan evaluated against a result table (jamlik indicators), by the engine's one rule
// (src/followup/evaluation.hpp).
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/input_options.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "followup/follow_up.hpp"
#include "followup/plan.hpp"
#include "followup/target_kind.hpp"
#include "indicators/result_table.hpp"
#include "pipeline/pipeline.hpp"

namespace jamlik::cli {
namespace {

struct FollowUpCliOptions {
  std::string plan;
  InputOptions results;
  std::string period;
  std::string out;
  std::string format;
  double confidence = 0.95;
};

Table StatusTerminalView(const Table& table) {
  std::vector<Column> columns;
  for (const char* name : {"target", "period", "subgroup", "baseline", "estimate", "lower", "upper",
                           "path_value", "target_value", "status_label", "reason_label"}) {
    columns.push_back(table.GetColumn(name));
    // The result table's columns get their headers later (EmitTable); the status table's here.
    if (auto label = followup::StatusColumnLabel(name)) columns.back().set_name(*label);
  }
  return Table(std::move(columns));
}

std::string HeaderLabel(const std::string& column) {
  if (auto label = followup::StatusColumnLabel(column)) return *label;
  return pipeline::ColumnHeaderLabel(column);
}

void RunFollowUp(const FollowUpCliOptions& options) {
  followup::FollowUpOptions follow_up;
  follow_up.measure.confidence = options.confidence;
  if (!options.period.empty()) {
    follow_up.period = followup::ParsePeriod(options.period);
    if (!follow_up.period) {
      throw Error(ErrorCode::kUsage,
                  fmt::format(fmt::runtime(Tr("--period: '{}' är ingen period: skriv ett år "
                                              "(2025) eller en tertial (2025-T1 … 2025-T3)",
                                              "--period: '{}' is not a period: write a year "
                                              "(2025) or a tertial (2025-T1 … 2025-T3)")),
                              options.period));
    }
  }
  // The plan first: its mistakes are quicker to find than the results'.
  const std::vector<followup::Target> targets = followup::ReadPlan(options.plan);
  const Table results = ReadInput(options.results);
  CheckResultIds(results, options.results.path);
  const Table status = followup::StatusTable(followup::FollowUp(targets, results, follow_up));
  EmitTable(status, OutputFormat(options.format, options.out), options.out,
            {.terminal_view = StatusTerminalView,
             .decimals = 3,
             .sheet = std::string(Tr("Uppföljning", "Follow-up")),
             .header_label = HeaderLabel});
}

// The plan's keys and the target kinds, from their declarations (followup/plan.hpp,
// followup/target_kind.hpp).
std::string PlanHelp() {
  std::string help =
      std::string(Tr("Planens nycklar, per [[target]]:\n", "The plan's keys, per [[target]]:\n"));
  for (const followup::PlanKey& key : followup::PlanKeys()) {
    help += fmt::format("  {:<16} {}\n", key.key, Tr(key.description_sv, key.description_en));
  }
  help += Tr("Målsorter:\n", "Target kinds:\n");
  for (const followup::TargetKind& kind : followup::TargetKinds()) {
    help += fmt::format("  {:<16} {}\n", kind.id, Tr(kind.description_sv, kind.description_en));
  }
  return help;
}

}  // namespace

void AddFollowUpCommand(CLI::App& app) {
  auto options = std::make_shared<FollowUpCliOptions>();
  CLI::App* command = app.add_subcommand(
      "follow-up",
      std::string(Tr("Följ upp en plans mål (gap, floor, level, total) mot en resultattabell: "
                     "utgångsvärde, bana, skattning med intervall och status per mål och period "
                     "(uppnått, på väg, risk, når inte målet, uppgift saknas).",
                     "Follow a plan's targets (gap, floor, level, total) up against a result "
                     "table: baseline, path, estimate with interval and status per target and "
                     "period (reached, on track, at risk, off track, no data).")));
  command
      ->add_option("--plan", options->plan,
                   std::string(Tr("planen: en TOML-fil med [[target]] (se examples/plan.toml)",
                                  "the plan: a TOML file of [[target]] (see examples/plan.toml)")))
      ->required()
      ->check(CLI::ExistingFile);
  AddInputOptions(*command, options->results, "--results");
  command->add_option(
      "--period", options->period,
      std::string(Tr("bara denna period, t.ex. 2026 eller 2026-T2 (standard: varje period från "
                     "basperioden)",
                     "only this period, e.g. 2026 or 2026-T2 (default: every period from the "
                     "baseline on)")));
  command->add_option(
      "--out", options->out,
      std::string(Tr("statusfil (.csv, .json eller .xlsx)", "status file (.csv, .json or .xlsx)")));
  command
      ->add_option("--format", options->format,
                   std::string(Tr("csv, json, xlsx eller table (standard: efter filändelsen)",
                                  "csv, json, xlsx or table (default: by the file extension)")))
      ->check(CLI::IsMember({"csv", "json", "xlsx", "table"}));
  command
      ->add_option("--confidence", options->confidence,
                   std::string(Tr("konfidensnivå för gapmåttens intervall",
                                  "confidence level of the gap measures' intervals")))
      ->capture_default_str()
      ->check(CLI::Range(0.5, 0.9999));
  command->footer(PlanHelp());
  command->callback([options] { RunFollowUp(*options); });
}

}  // namespace jamlik::cli
