// `jamlik plan impact export|import|record`: the equality impact assessments of an organisation's
// plan of a year (src/app/impact) as one JSON document, against a server's store (opened as
// `jamlik plan` opens it), and an assessment's printable record as HTML.
//
//   {"year": 2026, "impact_assessments": [{"id", "version", "state", "document", "decision",
//    "outcomes"}]}
//
// `import` reads that form: an item whose `id` is an undecided assessment of the plan replaces
// its document (when changed), any other item is created; a `decision` in the file is recorded
// when the assessment has none. Decided assessments are never changed. Every change goes to the
// plan's audit trail in the name of --user.
#include <fmt/format.h>

#include <ctime>
#include <fstream>
#include <iostream>

#include "app/accounts/accounts.hpp"
#include "app/impact/impact.hpp"
#include "app/impact/impact_assessment.hpp"
#include "app/impact/impact_record.hpp"
#include "app/plans/plans.hpp"
#include "app/schema.hpp"
#include "cli/commands.hpp"
#include "cli/plan_store.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/definition_schema.hpp"

namespace jamlik::cli {
namespace {

using nlohmann::json;

struct ImpactOptions : PlanStoreOptions {
  std::string file;      // export, record: --out (default: standard output); import: the file
  std::string user;      // import: the e-mail of the person the audit trail names
  std::int64_t id = 0;   // record: the assessment
  std::string language;  // record: sv or en (default: the process language)
};

struct Opened {
  std::unique_ptr<store::Store> store;
  app::Organisation organisation;
  app::Plan plan;
};

Opened Open(const ImpactOptions& options) {
  Opened opened{OpenPlanStore(options), {}, {}};
  opened.organisation = PlanOrganisation(*opened.store, options);
  opened.plan = PlanOfYear(*opened.store, opened.organisation.id, options.year);
  return opened;
}

void Write(const std::string& file, const std::string& text) {
  if (file.empty() || file == "-") {
    std::cout << text;
    return;
  }
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out.flush()) {
    throw Error(ErrorCode::kIo,
                fmt::format(fmt::runtime(Tr("kan inte skriva {}", "cannot write {}")), file));
  }
}

void Export(const ImpactOptions& options) {
  const Opened opened = Open(options);
  json assessments = json::array();
  for (const auto& assessment :
       app::ListImpactAssessments(*opened.store, opened.organisation.id, opened.plan.id)) {
    assessments.push_back(app::ToJson(
        assessment, app::PredictionOutcomes(*opened.store, opened.organisation.id, assessment)));
  }
  Write(options.file,
        json{{"year", opened.plan.year}, {"impact_assessments", assessments}}.dump(2) + "\n");
}

void ImportUnnamed(const ImpactOptions& options) {
  const std::string text = ReadDocumentFile(options.file);
  json file;
  try {
    file = json::parse(text);
  } catch (const json::parse_error& error) {
    throw Error(
        ErrorCode::kInvalidArgument,
        fmt::format(fmt::runtime(Tr("{}: ingen giltig JSON ({})", "{}: not valid JSON ({})")),
                    options.file, error.what()));
  }
  if (!file.is_object() || !file.contains("impact_assessments") ||
      !file["impact_assessments"].is_array()) {
    throw Error(ErrorCode::kInvalidArgument, std::string(Tr("ska vara en lista", "must be a list")),
                {}, "impact_assessments");
  }
  const Opened opened = Open(options);
  store::Store& store = *opened.store;
  const std::int64_t organisation = opened.organisation.id;
  const auto user = app::FindUserByEmail(store, options.user);
  if (!user || !app::RoleIn(store, user->id, organisation) ||
      *app::RoleIn(store, user->id, organisation) == app::Role::kReader) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("--user ska vara en analytiker eller administratör i organisationen",
                               "--user must be an analyst or admin of the organisation")),
                {}, "--user");
  }
  const std::int64_t now = std::time(nullptr);
  int created = 0, updated = 0, decided = 0, kept = 0;
  const json& items = file["impact_assessments"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& item = items[i];
    const std::string at = fmt::format("impact_assessments[{}]", i);
    try {
      if (!item.is_object() || !item.contains("document")) {
        throw Error(ErrorCode::kInvalidArgument, std::string(Tr("krävs", "is required")), {},
                    "document");
      }
      std::optional<app::ImpactAssessment> current;
      if (item.contains("id") && item["id"].is_number_integer()) {
        current = app::FindImpactAssessment(store, organisation, opened.plan.id,
                                            item["id"].get<std::int64_t>());
      }
      if (current && current->decision) {
        ++kept;
        continue;
      }
      if (!current) {
        current = app::CreateImpactAssessment(store, organisation, user->id, opened.plan.id,
                                              item["document"], now);
        ++created;
      } else if (app::CanonicalImpactAssessment(item["document"], opened.plan.document) !=
                 current->document) {
        if (app::UpdateImpactAssessment(store, organisation, user->id, opened.plan.id, current->id,
                                        current->version, item["document"],
                                        now) != app::ImpactChange::kChanged) {
          throw Error(ErrorCode::kBusy,
                      std::string(Tr("analysen ändrades under tiden; försök igen",
                                     "the assessment changed meanwhile; try again")));
        }
        ++current->version;
        ++updated;
      }
      if (item.contains("decision") && !item["decision"].is_null()) {
        app::DecideImpactAssessment(store, organisation, user->id, opened.plan.id, current->id,
                                    current->version, item["decision"], now);
        ++decided;
      }
    } catch (const Error& error) {
      if (error.field().empty()) throw;
      throw Error(error.code(),
                  fmt::format("{}: {}.{}: {}", options.file, at, error.field(), error.message()),
                  {}, at + "." + error.field(), error.value());
    }
  }
  fmt::print("{}\n",
             fmt::format(fmt::runtime(Tr("{} skapade, {} ändrade, {} beslutade, {} beslutade "
                                         "sedan tidigare (oförändrade)",
                                         "{} created, {} updated, {} decided, {} decided before "
                                         "(unchanged)")),
                         created, updated, decided, kept));
}

void Record(const ImpactOptions& options) {
  const Opened opened = Open(options);
  const auto assessment =
      app::FindImpactAssessment(*opened.store, opened.organisation.id, opened.plan.id, options.id);
  if (!assessment) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("planen har ingen konsekvensanalys med id {}",
                                            "the plan has no impact assessment with id {}")),
                            options.id),
                {}, "--id");
  }
  const auto name = [&](std::optional<std::int64_t> user) {
    const auto found = user ? app::FindUser(*opened.store, *user) : std::nullopt;
    return found ? found->name : std::string();
  };
  const Language language = options.language.empty()   ? CurrentLanguage()
                            : options.language == "sv" ? Language::kSwedish
                                                       : Language::kEnglish;
  const app::ImpactRecordInput input{
      opened.organisation.name,
      opened.plan.year,
      opened.plan.document,
      *assessment,
      app::PredictionOutcomes(*opened.store, opened.organisation.id, *assessment),
      name(assessment->created_by),
      name(assessment->decided_by)};
  Write(options.file, app::ImpactRecordHtml(input, language));
}

void AddStoreOptions(CLI::App* command, ImpactOptions& options) {
  AddPlanStoreOptions(command, options);
  command->add_option("--year", options.year, std::string(Tr("budgetåret", "the budget year")))
      ->required();
}

}  // namespace

void AddPlanImpactCommand(CLI::App& plan) {
  auto options = std::make_shared<ImpactOptions>();
  CLI::App* impact = plan.add_subcommand(
      "impact", std::string(Tr("Jämlikhetskonsekvensanalyser av planens insatser och "
                               "budgetförändringar.",
                               "Equality impact assessments of the plan's measures and budget "
                               "changes.")));
  impact->require_subcommand(1);
  CLI::App* export_command = impact->add_subcommand(
      "export", std::string(Tr("Skriv planens konsekvensanalyser som JSON, förutsägelserna "
                               "bredvid de uppmätta värdena.",
                               "Write the plan's impact assessments as JSON, the predictions "
                               "beside the measured values.")));
  AddStoreOptions(export_command, *options);
  export_command->add_option(
      "--out", options->file,
      std::string(Tr("filen (standard: standard ut)", "the file (default: standard output)")));
  export_command->callback([options] { Export(*options); });

  CLI::App* import_command = impact->add_subcommand(
      "import", std::string(Tr("Läs konsekvensanalyser (JSON, som export skriver) till planen; "
                               "beslutade ändras aldrig.",
                               "Read impact assessments (JSON, as export writes) into the plan; "
                               "decided ones never change.")));
  AddStoreOptions(import_command, *options);
  import_command->add_option("file", options->file, std::string(Tr("filen", "the file")))
      ->required();
  import_command
      ->add_option("--user", options->user,
                   std::string(Tr("e-postadress till den som importerar (analytiker eller "
                                  "administratör)",
                                  "e-mail of the person importing (analyst or admin)")))
      ->required();
  import_command->callback([options] { ImportUnnamed(*options); });

  CLI::App* record_command = impact->add_subcommand(
      "record", std::string(Tr("Skriv en konsekvensanalys som utskrivbart beslutsunderlag (HTML).",
                               "Write an impact assessment as a printable decision document "
                               "(HTML).")));
  AddStoreOptions(record_command, *options);
  record_command->add_option("--id", options->id, std::string(Tr("analysens id", "its id")))
      ->required();
  record_command
      ->add_option("--lang", options->language, std::string(Tr("sv eller en", "sv or en")))
      ->check(CLI::IsMember({"sv", "en"}));
  record_command->add_option(
      "--out", options->file,
      std::string(Tr("filen (standard: standard ut)", "the file (default: standard output)")));
  record_command->callback([options] { Record(*options); });
}

}  // namespace jamlik::cli
