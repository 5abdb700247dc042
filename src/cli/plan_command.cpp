// `jamlik plan export|import`: an organisation's goal-and-budget plan of a year as a document
// (src/app/plans/plan_document.hpp), TOML or JSON, against a server's store (opened as
// `jamlik check-store` opens it). The TOML form's [[target]] tables carry the keys of
// examples/plan.toml; `export --targets-only` writes the file `jamlik follow-up --plan` reads, and
// `import` reads such a file too (its targets bound to `--analysis`).
#include <fmt/format.h>

#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses.hpp"
#include "app/plans/plan_document.hpp"
#include "app/plans/plans.hpp"
#include "app/schema.hpp"
#include "cli/commands.hpp"
#include "cli/plan_store.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/definition_schema.hpp"

namespace jamlik::cli {

// `jamlik plan impact …` (plan_impact_command.cpp).
void AddPlanImpactCommand(CLI::App& plan);

namespace {

using nlohmann::json;

struct PlanOptions : PlanStoreOptions {
  std::string format;  // toml or json; by default from the file's extension
  std::string file;    // export: --out (default: standard output); import: the file
  bool targets_only = false;
  std::string user;      // import: the e-mail of the person the audit trail names
  std::string analysis;  // import: the analysis of targets that name none
};

std::string FormatOf(const PlanOptions& options) {
  if (!options.format.empty()) return options.format;
  return options.file.ends_with(".json") ? "json" : "toml";
}

void Export(const PlanOptions& options) {
  const auto store = OpenPlanStore(options);
  const std::int64_t organisation = PlanOrganisation(*store, options).id;
  const app::Plan plan = PlanOfYear(*store, organisation, options.year);
  std::vector<std::pair<std::int64_t, std::string>> names;
  for (const app::Analysis& analysis : app::ListAnalyses(*store, organisation)) {
    names.emplace_back(analysis.id, analysis.name);
  }
  std::string text;
  if (FormatOf(options) == "json") {
    json document = plan.document;
    if (options.targets_only) document = {{"targets", document["targets"]}};
    for (json& target : document["targets"]) {
      for (const auto& [id, name] : names) {
        if (target["analysis"] == id) target["analysis"] = name;
      }
    }
    document["year"] = plan.year;
    text = document.dump(2) + "\n";
  } else {
    text = app::PlanToToml(plan.document, plan.year, names, options.targets_only);
  }
  if (options.file.empty() || options.file == "-") {
    std::cout << text;
    return;
  }
  std::ofstream out(options.file, std::ios::binary);
  out << text;
  if (!out.flush()) {
    throw Error(
        ErrorCode::kIo,
        fmt::format(fmt::runtime(Tr("kan inte skriva {}", "cannot write {}")), options.file));
  }
}

// The id of the analysis a target names: an id, or the name of one analysis of the organisation.
std::int64_t AnalysisId(const std::vector<app::Analysis>& analyses, const json& written,
                        const std::string& field) {
  for (const app::Analysis& analysis : analyses) {
    if ((written.is_number_integer() && written.get<std::int64_t>() == analysis.id) ||
        (written.is_string() && written.get<std::string>() == analysis.name)) {
      return analysis.id;
    }
  }
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("'{}' är ingen sparad analys i organisationen (ange "
                                          "dess namn eller id, eller --analysis)",
                                          "'{}' is not a saved analysis of the organisation "
                                          "(give its name or id, or --analysis)")),
                          written.is_string() ? written.get<std::string>() : written.dump()),
              {}, field);
}

void ImportUnnamed(const PlanOptions& options) {
  const std::string text = ReadDocumentFile(options.file);
  json document;
  if (FormatOf(options) == "json") {
    try {
      document = json::parse(text);
    } catch (const json::parse_error& error) {
      throw Error(
          ErrorCode::kInvalidArgument,
          fmt::format(fmt::runtime(Tr("{}: ingen giltig JSON ({})", "{}: not valid JSON ({})")),
                      options.file, error.what()));
    }
  } else {
    document = app::TomlToPlanJson(text, options.file);
  }
  int year = options.year;
  if (year == 0 && document.contains("year") && document["year"].is_number_integer()) {
    year = document["year"].get<int>();
  }
  if (year == 0) {
    throw Error(
        ErrorCode::kInvalidArgument,
        std::string(Tr("ange --year (filen har inget år)", "give --year (the file has no year)")),
        {}, "--year");
  }
  const auto store = OpenPlanStore(options);
  const std::int64_t organisation = PlanOrganisation(*store, options).id;
  const auto user = app::FindUserByEmail(*store, options.user);
  if (!user || !app::RoleIn(*store, user->id, organisation) ||
      *app::RoleIn(*store, user->id, organisation) == app::Role::kReader) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("--user ska vara en analytiker eller administratör i organisationen",
                               "--user must be an analyst or admin of the organisation")),
                {}, "--user");
  }
  const auto analyses = app::ListAnalyses(*store, organisation);
  if (document.contains("targets") && document["targets"].is_array()) {
    json& targets = document["targets"];
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const std::string field = fmt::format("targets[{}].analysis", i);
      if (!targets[i].is_object()) continue;
      if (!targets[i].contains("analysis")) {
        if (options.analysis.empty()) {
          throw Error(ErrorCode::kInvalidArgument,
                      std::string(Tr("målet nämner ingen analys: ange --analysis",
                                     "the target names no analysis: give --analysis")),
                      {}, field);
        }
        targets[i]["analysis"] = AnalysisId(analyses, options.analysis, "--analysis");
      } else {
        targets[i]["analysis"] = AnalysisId(analyses, targets[i]["analysis"], field);
      }
    }
  }
  document.erase("year");
  const std::int64_t now = std::time(nullptr);
  if (const auto existing = app::FindPlanByYear(*store, organisation, year)) {
    const auto outcome = app::UpdatePlan(*store, organisation, user->id, existing->id,
                                         existing->version, document, now);
    if (outcome != app::PlanUpdate::kUpdated) {
      throw Error(ErrorCode::kBusy, std::string(Tr("planen ändrades under tiden; försök igen",
                                                   "the plan changed meanwhile; try again")));
    }
    fmt::print("{}\n", fmt::format(fmt::runtime(Tr("plan {} uppdaterad (version {})",
                                                   "plan {} updated (version {})")),
                                   year, existing->version + 1));
    return;
  }
  const auto plan = app::CreatePlan(*store, organisation, user->id, year, document, now);
  fmt::print("{}\n", fmt::format(fmt::runtime(Tr("plan {} skapad", "plan {} created")),
                                 plan ? plan->year : year));
}

// Import, naming the field of a mistake in the document with the file ("plan.toml: targets[0].kind:
// …"): the document's checks name fields, as the API's forms read them, not lines.
void Import(const PlanOptions& options) {
  try {
    ImportUnnamed(options);
  } catch (const Error& error) {
    if (error.field().empty() || !error.location().file.empty() ||
        error.field().starts_with("--")) {
      throw;
    }
    throw Error(error.code(),
                fmt::format("{}: {}: {}", options.file, error.field(), error.message()), {},
                error.field(), error.value());
  }
}

void AddStoreOptions(CLI::App* command, PlanOptions& options) {
  AddPlanStoreOptions(command, options);
  command
      ->add_option("--format", options.format,
                   std::string(Tr("toml eller json (standard: filändelsen)",
                                  "toml or json (default: the file's extension)")))
      ->check(CLI::IsMember({"toml", "json"}));
}

}  // namespace

void AddPlanCommand(CLI::App& app) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* plan = app.add_subcommand(
      "plan", std::string(Tr("Exportera eller importera en organisations mål- och budgetplan.",
                             "Export or import an organisation's goal-and-budget plan.")));
  plan->require_subcommand(1);
  CLI::App* export_command =
      plan->add_subcommand("export", std::string(Tr("Skriv årets plan som TOML eller JSON.",
                                                    "Write the year's plan as TOML or JSON.")));
  AddStoreOptions(export_command, *options);
  export_command
      ->add_option("--year", options->year, std::string(Tr("budgetåret", "the budget year")))
      ->required();
  export_command->add_option(
      "--out", options->file,
      std::string(Tr("filen (standard: standard ut)", "the file (default: standard output)")));
  export_command->add_flag("--targets-only", options->targets_only,
                           std::string(Tr("bara [[target]], som jamlik follow-up --plan läser",
                                          "only [[target]], as jamlik follow-up --plan reads")));
  export_command->callback([options] { Export(*options); });

  CLI::App* import_command = plan->add_subcommand(
      "import", std::string(Tr("Läs en plan (TOML eller JSON) till årets plan; ändringarna "
                               "hamnar i planens ändringslogg.",
                               "Read a plan (TOML or JSON) into the year's plan; the changes go "
                               "to the plan's audit trail.")));
  AddStoreOptions(import_command, *options);
  import_command->add_option("file", options->file, std::string(Tr("planfilen", "the plan file")))
      ->required();
  import_command->add_option("--year", options->year,
                             std::string(Tr("budgetåret (standard: filens year)",
                                            "the budget year (default: the file's year)")));
  import_command
      ->add_option("--user", options->user,
                   std::string(Tr("e-postadress till den som importerar (analytiker eller "
                                  "administratör)",
                                  "e-mail of the person importing (analyst or admin)")))
      ->required();
  import_command->add_option("--analysis", options->analysis,
                             std::string(Tr("analysens namn för mål som inte nämner någon",
                                            "the analysis' name for targets that name none")));
  import_command->callback([options] { Import(*options); });
  AddPlanReportCommand(*plan);
  AddPlanImpactCommand(*plan);
}

}  // namespace jamlik::cli
