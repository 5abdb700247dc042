// The backend's own check of its files and indexes, and of the foreign keys.
#include <fmt/format.h>

#include "core/error.hpp"
#include "store/database.hpp"

namespace jamlik::store {
namespace {

std::vector<std::string> CheckSqlite(Connection& connection) {
  std::vector<std::string> problems;
  for (const auto& row : connection.Query("PRAGMA integrity_check")) {
    if (row.Text(0) != "ok") problems.push_back("integrity_check: " + row.Text(0));
  }
  for (const auto& row : connection.Query("PRAGMA foreign_key_check")) {
    problems.push_back(fmt::format("foreign_key_check: {} row {} → {}", row.Text(0),
                                   row.IsNull(1) ? -1 : row.Int(1), row.Text(2)));
  }
  return problems;
}

// amcheck's bt_index_check verifies every B-tree index of the schema against its invariants;
// the extension ships with PostgreSQL (contrib) but needs a role that may create it.
std::vector<std::string> CheckPostgres(Connection& connection) {
  std::vector<std::string> problems;
  try {
    connection.ExecuteScript("CREATE EXTENSION IF NOT EXISTS amcheck");
  } catch (const Error& error) {
    return {std::string("amcheck is not available: ") + error.what()};
  }
  const Rows indexes = connection.Query(
      "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
      "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE a.amname = 'btree' AND n.nspname = current_schema()");
  for (const auto& index : indexes) {
    try {
      connection.Query("SELECT bt_index_check(to_regclass($1)::oid, true)", {index.Text(0)});
    } catch (const Error& error) {
      problems.push_back(fmt::format("bt_index_check {}: {}", index.Text(0), error.what()));
    }
  }
  return problems;
}

}  // namespace

std::vector<std::string> CheckIntegrity(Connection& connection) {
  return connection.dialect() == Dialect::kSqlite ? CheckSqlite(connection)
                                                  : CheckPostgres(connection);
}

}  // namespace jamlik::store
