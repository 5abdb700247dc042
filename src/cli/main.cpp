// The `jamlik` command: one engine, this thin front door. Exit codes: 0 ok, 1 bad input,
// 2 usage.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <new>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::cli {
// `jamlik effect` (effect_command.cpp); declared here rather than in commands.hpp, which every
// command includes.
void AddEffectCommand(CLI::App& app);
// `jamlik fetch` (fetch_command.cpp).
void AddFetchCommand(CLI::App& app);
}  // namespace jamlik::cli

namespace {

constexpr int kExitUsage = 2;

void PrintError(const char* message) { fmt::print(stderr, "jamlik: {}\n", message); }

}  // namespace

int main(int argc, char** argv) {
  using jamlik::Tr;
  CLI::App app(
      std::string(Tr("Jämlik – mät och analysera skillnader mellan grupper av invånare.",
                     "Jämlik – measure and analyse differences between groups of residents.")),
      "jamlik");
  app.require_subcommand(1);
  app.set_version_flag("--version", "jamlik 0.1.0");
  jamlik::cli::AddSynthCommand(app);
  jamlik::cli::AddInspectCommand(app);
  jamlik::cli::AddAggregateCommand(app);
  jamlik::cli::AddIndicatorsCommand(app);
  jamlik::cli::AddInequalityCommand(app);
  jamlik::cli::AddMeasuresCommand(app);
  jamlik::cli::AddServeCommand(app);
  jamlik::cli::AddOpenApiCommand(app);
  jamlik::cli::AddInequityCommand(app);
  jamlik::cli::AddCheckStoreCommand(app);
  jamlik::cli::AddDistributionCommand(app);
  jamlik::cli::AddFollowUpCommand(app);
  jamlik::cli::AddImportCommand(app);
  jamlik::cli::AddPlanCommand(app);
  jamlik::cli::AddCompareCommand(app);
  jamlik::cli::AddEffectCommand(app);
  jamlik::cli::AddFetchCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kExitUsage;
  } catch (const jamlik::Error& error) {
    PrintError(error.what());
    return jamlik::ExitCode(error.code());
  } catch (const std::bad_alloc&) {
    PrintError(Tr("minnet tog slut", "out of memory").data());
    return 1;
  } catch (const std::exception& error) {
    PrintError(error.what());
    return 1;
  }
  return 0;
}
