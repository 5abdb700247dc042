#pragma once
// The two backends behind store::Connection and the migrations; private to jamlik_store.
#include <memory>
#include <string>

#include "store/database.hpp"

struct sqlite3;

namespace jamlik::store::internal {

// Open (creating when missing) the SQLite file at `path` in WAL mode with foreign keys on.
// `durable`: synchronous=FULL, else OFF (StoreConfig::durable_commits).
std::unique_ptr<Connection> OpenSqlite(const std::string& path, bool durable);
// Register the FTS5 tokenizer "swedish" (unicode61, then Snowball's Swedish stemmer) on `db`
// (sqlite_swedish_tokenizer.cpp); throws kInternal when SQLite lacks FTS5.
void RegisterSwedishTokenizer(sqlite3* db);
// Connect to PostgreSQL; `schema`, when set, is created if missing and put first on the search
// path.
std::unique_ptr<Connection> OpenPostgres(const std::string& url, const std::string& schema);
// Return the URL without its password, for logs and errors.
std::string RedactUrl(const std::string& url);

// Apply, in one transaction each, the migrations of the store's module and `schema` that the
// database lacks. Throws kInternal when the schema itself is inconsistent (a module named twice,
// an unknown or circular `after`, versions not 1, 2, 3 …).
void Migrate(Connection& connection, const Schema& schema);

}  // namespace jamlik::store::internal
