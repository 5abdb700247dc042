#include "app/store_check.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "core/i18n.hpp"

namespace jamlik::app {
namespace {

namespace fs = std::filesystem;

std::string Line(std::string_view swedish, std::string_view english, const std::string& what) {
  return fmt::format(fmt::runtime(Tr(swedish, english)), what);
}

}  // namespace

StoreCheck CheckStore(store::Store& store, const std::string& data_dir) {
  StoreCheck check;
  auto connection = store.Acquire();
  for (const std::string& problem : store::CheckIntegrity(*connection)) {
    check.problems.push_back(Line("databasen: {}", "database: {}", problem));
  }
  std::set<std::string> named;
  for (const auto& row : connection->Query("SELECT id, stored_as FROM datasets")) {
    ++check.datasets;
    const std::string stored = fs::path(row.Text(1)).lexically_normal().string();
    named.insert(stored);
    if (!fs::is_regular_file(fs::path(data_dir) / stored)) {
      check.problems.push_back(Line("datamängd {} saknar sin fil", "dataset {} has no file",
                                    std::to_string(row.Int(0))));
    }
  }
  std::error_code error;
  const fs::path datasets = fs::path(data_dir) / "datasets";
  for (fs::recursive_directory_iterator it(datasets, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_regular_file()) continue;
    ++check.files;
    const std::string relative =
        it->path().lexically_relative(data_dir).lexically_normal().string();
    if (!named.contains(relative)) {
      check.problems.push_back(Line("filen {} hör inte till någon datamängd",
                                    "the file {} belongs to no dataset", relative));
    }
  }
  for (fs::directory_iterator it(fs::path(data_dir) / "uploads", error), end; !error && it != end;
       it.increment(error)) {
    check.problems.push_back(
        Line("oavslutad uppladdning {}", "unfinished upload {}", it->path().filename().string()));
  }
  for (const auto& row : connection->Query(
           "SELECT a.id, a.result_count, (SELECT COUNT(*) FROM analysis_results r WHERE "
           "r.analysis_id = a.id) FROM analyses a")) {
    ++check.analyses;
    if (row.Int(1) != row.Int(2)) {
      check.problems.push_back(Line("analys {} saknar resultatrader",
                                    "analysis {} lacks result rows",
                                    fmt::format("{} ({}/{})", row.Int(0), row.Int(2), row.Int(1))));
    }
  }
  return check;
}

}  // namespace jamlik::app
