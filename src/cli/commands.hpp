#pragma once
// The `jamlik` subcommands. Each adds itself to the app and does its work in a callback; errors
// are thrown as jamlik::Error and turned into one line and an exit code by main.
#include <CLI/CLI.hpp>

namespace jamlik::cli {

void AddSynthCommand(CLI::App& app);
void AddInspectCommand(CLI::App& app);
void AddAggregateCommand(CLI::App& app);
void AddIndicatorsCommand(CLI::App& app);
void AddInequalityCommand(CLI::App& app);
void AddMeasuresCommand(CLI::App& app);
void AddServeCommand(CLI::App& app);
void AddOpenApiCommand(CLI::App& app);
void AddInequityCommand(CLI::App& app);
void AddCheckStoreCommand(CLI::App& app);
void AddDistributionCommand(CLI::App& app);
void AddFollowUpCommand(CLI::App& app);
void AddImportCommand(CLI::App& app);
void AddPlanCommand(CLI::App& app);
// `jamlik plan report` (plan_report_command.cpp), under `jamlik plan`.
void AddPlanReportCommand(CLI::App& plan);
void AddCompareCommand(CLI::App& app);

}  // namespace jamlik::cli
