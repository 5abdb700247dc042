// What every `jamlik plan …` command opens: a stopped server's store (--data-dir or
// --database-url, as `jamlik check-store` opens it), the organisation --org names by its code, and
// its plan of --year. A name that finds nothing is an error naming its option.
#pragma once

#include <memory>
#include <string>

#include "app/accounts/accounts.hpp"
#include "app/plans/plans.hpp"
#include "store/database.hpp"

namespace CLI {
class App;
}

namespace jamlik::cli {

struct PlanStoreOptions {
  std::string data_dir = "data";
  std::string database_url;
  std::string organisation;  // its code
  int year = 0;
};

// --data-dir and --database-url (or their environment variables) and the required --org.
void AddPlanStoreOptions(CLI::App* command, PlanStoreOptions& options);

std::unique_ptr<store::Store> OpenPlanStore(const PlanStoreOptions& options);

// The organisation of --org; an error naming --org when no organisation has the code.
app::Organisation PlanOrganisation(store::Store& store, const PlanStoreOptions& options);

// The organisation's plan of --year; an error naming --year when it has none.
app::Plan PlanOfYear(store::Store& store, std::int64_t organisation, int year);

}  // namespace jamlik::cli
