#include "app/store_check.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "app/accounts/credentials.hpp"
#include "core/i18n.hpp"

namespace jamlik::app {
namespace {

namespace fs = std::filesystem;

std::string Line(std::string_view swedish, std::string_view english, const std::string& what) {
  return fmt::format(fmt::runtime(Tr(swedish, english)), what);
}

// Check the learning examples' attachments against attachments/: each row's file there, of the
// size and SHA-256 it records; each file there a row.
void CheckAttachments(store::Connection& connection, const std::string& data_dir,
                      StoreCheck& check) {
  const fs::path folder = fs::path(data_dir) / "attachments";
  std::set<std::string> named;
  for (const auto& row : connection.Query(
           "SELECT id, example_id, file_name, bytes, stored_name, sha256 FROM example_attachments "
           "ORDER BY id")) {
    ++check.attachments;
    const std::string what = fmt::format("{} ('{}', {} {})", row.Int(0), row.Text(2),
                                         Tr("exempel", "example"), row.Int(1));
    const std::string& stored = row.Text(4);
    named.insert(stored);
    const fs::path path = folder / stored;
    std::error_code error;
    if (fs::path(stored).filename() != stored || !fs::is_regular_file(path, error)) {
      check.problems.push_back(Line("bilaga {} saknar sin fil", "attachment {} has no file",
                                    fmt::format("{} attachments/{}", what, stored)));
      continue;
    }
    const auto size = static_cast<std::int64_t>(fs::file_size(path, error));
    if (error || size != row.Int(3)) {
      check.problems.push_back(
          Line("bilaga {}: filen har fel storlek", "attachment {}: the file has the wrong size",
               fmt::format("{} ({} / {} {})", what, error ? -1 : size, row.Int(3), "byte")));
      continue;
    }
    if (row.Text(5).empty()) continue;  // stored before checksums were kept
    std::ifstream in(path, std::ios::binary);
    const std::string content((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    if (Sha256Hex(content) != row.Text(5)) {
      check.problems.push_back(Line("bilaga {}: filens SHA-256 stämmer inte, filen är ändrad",
                                    "attachment {}: the file's SHA-256 differs, the file changed",
                                    what));
    }
  }
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!named.contains(name)) {
      check.problems.push_back(Line("filen {} hör inte till någon bilaga",
                                    "the file {} belongs to no attachment", "attachments/" + name));
    }
  }
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
  CheckAttachments(*connection, data_dir, check);
  return check;
}

}  // namespace jamlik::app
