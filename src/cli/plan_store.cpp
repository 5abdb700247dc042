#include "cli/plan_store.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "app/schema.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::cli {

void AddPlanStoreOptions(CLI::App* command, PlanStoreOptions& options) {
  command
      ->add_option("--data-dir", options.data_dir,
                   std::string(Tr("datamapp (JAMLIK_DATA_DIR, standard ./data)",
                                  "data folder (JAMLIK_DATA_DIR, default ./data)")))
      ->envname("JAMLIK_DATA_DIR");
  command
      ->add_option("--database-url", options.database_url,
                   std::string(Tr("postgresql://… (JAMLIK_DATABASE_URL)",
                                  "postgresql://… (JAMLIK_DATABASE_URL)")))
      ->envname("JAMLIK_DATABASE_URL");
  command
      ->add_option(
          "--org", options.organisation,
          std::string(Tr("organisationens kod, t.ex. 1880", "the organisation's code, e.g. 1880")))
      ->required();
}

std::unique_ptr<store::Store> OpenPlanStore(const PlanStoreOptions& options) {
  store::StoreConfig config;
  config.data_dir = options.data_dir;
  config.database_url = options.database_url;
  config.connections = 2;
  return store::OpenStore(app::WithSchema(config));
}

app::Organisation PlanOrganisation(store::Store& store, const PlanStoreOptions& options) {
  const auto organisation = app::FindOrganisationByCode(store, options.organisation);
  if (!organisation) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("ingen organisation har koden '{}'",
                                            "no organisation has the code '{}'")),
                            options.organisation),
                {}, "--org");
  }
  return *organisation;
}

app::Plan PlanOfYear(store::Store& store, std::int64_t organisation, int year) {
  const auto plan = app::FindPlanByYear(store, organisation, year);
  if (!plan) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("organisationen har ingen plan för {}",
                                            "the organisation has no plan for {}")),
                            year),
                {}, "--year");
  }
  return *plan;
}

}  // namespace jamlik::cli
