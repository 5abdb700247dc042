// `jamlik check-store`: check a stopped server's store and data folder (after a crash, before a
// backup): the database's integrity check and that rows and files match. Exits 1 on a problem.
#include <fmt/format.h>

#include "app/schema.hpp"
#include "app/store_check.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::cli {
namespace {

struct CheckStoreOptions {
  std::string data_dir = "data";
  std::string database_url;
};

void Run(const CheckStoreOptions& options) {
  store::StoreConfig config;
  config.data_dir = options.data_dir;
  config.database_url = options.database_url;
  config.connections = 1;
  const auto store = store::OpenStore(app::WithSchema(config));
  const app::StoreCheck check = app::CheckStore(*store, config.data_dir);
  for (const std::string& problem : check.problems) fmt::print("{}\n", problem);
  // "1 datamängd, 2 filer …": each count in the language's form with its singular or plural.
  const auto counted = [](std::size_t count, std::string_view sv_one, std::string_view sv_many,
                          std::string_view en_one, std::string_view en_many) {
    return fmt::format("{} {}", LocalCount(count),
                       TrCount(count, sv_one, sv_many, en_one, en_many));
  };
  fmt::print("{}: {}, {}, {}, {}, {}\n", store->description(),
             counted(check.datasets, "datamängd", "datamängder", "dataset", "datasets"),
             counted(check.files, "fil", "filer", "file", "files"),
             counted(check.analyses, "analys", "analyser", "analysis", "analyses"),
             counted(check.attachments, "bilaga", "bilagor", "attachment", "attachments"),
             counted(check.problems.size(), "problem", "problem", "problem", "problems"));
  if (!check.problems.empty()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("lagringen har fel, se ovan", "the store has problems, see above")));
  }
}

}  // namespace

void AddCheckStoreCommand(CLI::App& app) {
  auto options = std::make_shared<CheckStoreOptions>();
  CLI::App* command = app.add_subcommand(
      "check-store", std::string(Tr("Kontrollera en stoppad servers databas och datamapp.",
                                    "Check a stopped server's database and data folder.")));
  command
      ->add_option("--data-dir", options->data_dir,
                   std::string(Tr("datamapp (JAMLIK_DATA_DIR, standard ./data)",
                                  "data folder (JAMLIK_DATA_DIR, default ./data)")))
      ->envname("JAMLIK_DATA_DIR");
  command
      ->add_option("--database-url", options->database_url,
                   std::string(Tr("postgresql://… (JAMLIK_DATABASE_URL)",
                                  "postgresql://… (JAMLIK_DATABASE_URL)")))
      ->envname("JAMLIK_DATABASE_URL");
  command->callback([options] { Run(*options); });
}

}  // namespace jamlik::cli
