// `jamlik import kolada PAGE… --out results.csv` and `jamlik import scb FILE --out results.csv`:
// published statistics (Kolada API v3, SCB PxWeb) into the long result table, which the other
// commands read like computed results (jamlik inequality --results …).
#include <fmt/format.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/result_output.hpp"
#include "core/i18n.hpp"
#include "pipeline/pipeline.hpp"

namespace jamlik::cli {
namespace {

struct ImportOptions {
  published::KoladaFiles kolada;
  std::string scb;
  std::string heat;
  std::string groups_out;
  std::string out;
  std::string format;
};

void PrintNotes(const std::vector<std::string>& notes) {
  for (const std::string& note : notes) fmt::print(stderr, "jamlik: {}\n", note);
}

// The comparison groups, one row per member: group, group_title, area_level, area, area_name.
Table GroupTable(const std::vector<published::KoladaGroup>& groups) {
  std::vector<std::optional<std::string>> ids, titles, levels, areas, names;
  for (const published::KoladaGroup& group : groups) {
    for (const PlacedArea& member : group.members) {
      ids.emplace_back(group.id);
      titles.emplace_back(group.title);
      levels.emplace_back(std::string(member.level));
      areas.emplace_back(member.code);
      names.emplace_back(AreaName(member.level, member.code).InCurrentLanguage());
    }
  }
  return Table({Column::CategoricalFromStrings("group", ids),
                Column::CategoricalFromStrings("group_title", titles),
                Column::CategoricalFromStrings("area_level", levels),
                Column::CategoricalFromStrings("area", areas),
                Column::CategoricalFromStrings("area_name", names)});
}

void RunKolada(const ImportOptions& options) {
  const published::KoladaImport imported = pipeline::ImportKolada(options.kolada);
  PrintNotes(imported.results.notes);
  EmitResults(pipeline::ImportedTable(imported.results), OutputFormat(options.format, options.out),
              options.out);
  if (!options.groups_out.empty()) {
    if (options.kolada.groups.empty()) {
      throw Error(ErrorCode::kUsage,
                  std::string(Tr("--groups-out kräver --groups", "--groups-out needs --groups")));
    }
    EmitTable(GroupTable(imported.groups), OutputFormat("", options.groups_out),
              options.groups_out);
  }
}

void RunScb(const ImportOptions& options) {
  const published::ImportedResults imported = pipeline::ImportScb(options.scb);
  PrintNotes(imported.notes);
  EmitResults(pipeline::ImportedTable(imported), OutputFormat(options.format, options.out),
              options.out);
}

void RunHeat(const ImportOptions& options) {
  const published::ImportedResults imported = pipeline::ImportHeatPlus(options.heat);
  PrintNotes(imported.notes);
  EmitResults(pipeline::ImportedTable(imported), OutputFormat(options.format, options.out),
              options.out);
}

}  // namespace

void AddImportCommand(CLI::App& app) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* command = app.add_subcommand(
      "import",
      std::string(Tr(
          "Läs publicerad statistik (Kolada, SCB, HEAT Plus) till resultattabellen, som de andra "
          "kommandona läser som beräknade resultat.",
          "Read published statistics (Kolada, SCB, HEAT Plus) into the result table, which the "
          "other commands read like computed results.")));
  command->require_subcommand(1);

  CLI::App* kolada = command->add_subcommand(
      "kolada", std::string(Tr("Koladas API v3 (JSON): nyckeltalens värden per kommun, region, år "
                               "och kön; ett svars alla sidor (next_url) blir en tabell. Ett "
                               "värde som saknas (null) blir tomt, aldrig noll.",
                               "Kolada's API v3 (JSON): the KPIs' values per municipality, region, "
                               "year and gender; all pages of a response (next_url) become one "
                               "table. A missing value (null) stays empty, never zero.")));
  kolada
      ->add_option("FILE", options->kolada.pages,
                   std::string(Tr("datasidor (/v3/data/…), alla sidor av ett svar",
                                  "data pages (/v3/data/…), every page of a response")))
      ->required()
      ->check(CLI::ExistingFile);
  kolada
      ->add_option("--kpis", options->kolada.kpis,
                   std::string(Tr("nyckeltalens metadata (/v3/kpi): ger indikatorernas namn",
                                  "the KPIs' metadata (/v3/kpi): gives the indicators' names")))
      ->check(CLI::ExistingFile);
  kolada
      ->add_option("--groups", options->kolada.groups,
                   std::string(Tr("kommungrupper (/v3/municipality_groups): jämförelsegrupper",
                                  "municipality groups (/v3/municipality_groups): comparison "
                                  "groups")))
      ->check(CLI::ExistingFile);
  kolada->add_option("--groups-out", options->groups_out,
                     std::string(Tr("skriv grupperna, en rad per medlem (.csv eller .json)",
                                    "write the groups, one row per member (.csv or .json)")));
  AddResultOutputOptions(*kolada, options->out, options->format);
  kolada->callback([options] { RunKolada(*options); });

  CLI::App* scb = command->add_subcommand(
      "scb", std::string(Tr("SCB:s PxWeb-svar: API v2 JSON-stat 2.0, API v1 json och json-stat. "
                            "Koderna är nycklar; kön 1/2/1+2 blir kon M/K/T, regionkoder "
                            "områden; andra variabler behåller sina namn.",
                            "SCB's PxWeb responses: API v2 JSON-stat 2.0, API v1 json and "
                            "json-stat. Codes are the keys; sex 1/2/1+2 becomes kon M/K/T, region "
                            "codes areas; other variables keep their names.")));
  scb->add_option("FILE", options->scb, std::string(Tr("svaret (JSON)", "the response (JSON)")))
      ->required()
      ->check(CLI::ExistingFile);
  AddResultOutputOptions(*scb, options->out, options->format);
  scb->callback([options] { RunScb(*options); });

  CLI::App* heat = command->add_subcommand(
      "heat", std::string(Tr("WHO:s HEAT Plus-mall (CSV): områdets medelvärde (setting_average) "
                             "blir totalraden, ci_lb/ci_ub intervallet (annars skattning ± "
                             "1,96·se); kommuner, län och riket känns igen på namn eller kod.",
                             "WHO's HEAT Plus template (CSV): the setting average becomes the "
                             "total row, ci_lb/ci_ub the interval (else estimate ± 1.96·se); "
                             "municipalities, counties and the nation are recognised by name or "
                             "code.")));
  heat->add_option("FILE", options->heat, std::string(Tr("mallen (CSV)", "the template (CSV)")))
      ->required()
      ->check(CLI::ExistingFile);
  AddResultOutputOptions(*heat, options->out, options->format);
  heat->callback([options] { RunHeat(*options); });
}

}  // namespace jamlik::cli
