// Versioned migrations, applied in order at start-up, each in its own transaction with its
// version recorded, so a database is always at one known version. Append new migrations; never
// edit one that has shipped. `{id}` stands for an auto-numbered primary key, the one piece of
// DDL the two dialects spell differently.
#include <fmt/format.h>

#include <ctime>
#include <string>

#include "store/connections_internal.hpp"

namespace jamlik::store {
namespace {

struct Migration {
  int version;
  const char* sql;
};

constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE organisations (
  id {id},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('kommun', 'region', 'annan')),
  created_at BIGINT NOT NULL
);
CREATE TABLE users (
  id {id},
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  site_admin INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE TABLE memberships (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('reader', 'analyst', 'admin')),
  PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX memberships_organisation ON memberships (organisation_id);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE TABLE login_failures (
  subject TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (subject, at);
CREATE TABLE datasets (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  file_name TEXT NOT NULL,
  stored_as TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  row_count BIGINT NOT NULL,
  delimiter TEXT NOT NULL,
  encoding TEXT NOT NULL,
  decimal_comma INTEGER NOT NULL,
  notes TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX datasets_organisation ON datasets (organisation_id);
CREATE TABLE dataset_columns (
  dataset_id BIGINT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  role TEXT NOT NULL,
  ordered INTEGER NOT NULL,
  advantaged TEXT NOT NULL,
  categories TEXT NOT NULL,
  distinct_count BIGINT NOT NULL,
  null_count BIGINT NOT NULL,
  PRIMARY KEY (dataset_id, ordinal)
);
CREATE TABLE analyses (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  dataset_id BIGINT REFERENCES datasets (id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  definitions TEXT NOT NULL,
  result_count BIGINT NOT NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX analyses_organisation ON analyses (organisation_id);
CREATE TABLE analysis_results (
  analysis_id BIGINT NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
  ordinal BIGINT NOT NULL,
  indicator TEXT NOT NULL,
  indicator_name TEXT NOT NULL,
  indicator_type TEXT NOT NULL,
  area_level TEXT NOT NULL,
  area TEXT NOT NULL,
  period TEXT NOT NULL,
  dimension TEXT NOT NULL,
  subgroup TEXT NOT NULL,
  subgroup_order BIGINT NOT NULL,
  ordered_dimension INTEGER NOT NULL,
  reference_subgroup INTEGER NOT NULL,
  favourable_indicator INTEGER NOT NULL,
  indicator_scale DOUBLE PRECISION NOT NULL,
  estimate DOUBLE PRECISION,
  lower DOUBLE PRECISION,
  upper DOUBLE PRECISION,
  confidence DOUBLE PRECISION NOT NULL,
  lower_2 DOUBLE PRECISION,
  upper_2 DOUBLE PRECISION,
  confidence_2 DOUBLE PRECISION,
  numerator DOUBLE PRECISION,
  denominator DOUBLE PRECISION,
  population DOUBLE PRECISION,
  method TEXT NOT NULL,
  flag TEXT NOT NULL,
  PRIMARY KEY (analysis_id, ordinal)
);
)sql"},
    // Results are stored as published (disclosure control applied, src/privacy), and every
    // computation, view and export of them is recorded in an append-only audit log: nothing
    // updates or deletes its rows, and they name users and organisations by id without foreign
    // keys so that a record outlives what it names.
    {2, R"sql(
ALTER TABLE analysis_results ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE analysis_results ADD COLUMN suppression_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_log (
  id {id},
  time TEXT NOT NULL,
  organisation_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  table_name TEXT NOT NULL,
  dataset TEXT NOT NULL,
  dataset_bytes BIGINT NOT NULL,
  dataset_modified TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  suppressed_rows BIGINT NOT NULL
);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, id);
)sql"},
    // One-off repairs of stored data that run in code at start-up, each recorded once done.
    {3, R"sql(
CREATE TABLE maintenance (
  task TEXT PRIMARY KEY,
  done_at BIGINT NOT NULL
);
)sql"},
    // Growing delays per subject (app/throttle.hpp) instead of counting failures in a window.
    {4, R"sql(
DROP TABLE login_failures;
CREATE TABLE login_throttle (
  subject TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  blocked_until BIGINT NOT NULL,
  last_at BIGINT NOT NULL
);
)sql"},
    // Idle timeout and the list of one's sessions; disabled accounts; initial passwords that
    // must be changed at first log-in.
    {5, R"sql(
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
)sql"},
    // Invitations to an organisation: an admin invites an e-mail address, the person accepts.
    {6, R"sql(
CREATE TABLE invitations (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('reader', 'analyst', 'admin')),
  invited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  UNIQUE (organisation_id, email)
);
CREATE INDEX invitations_email ON invitations (email);
)sql"},
    // Requests per client address and minute on the routes that need no account.
    {7, R"sql(
CREATE TABLE rate_limits (
  subject TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  count BIGINT NOT NULL
);
)sql"},
    // Results are stored language-neutral: the indicator's name in both languages (the existing
    // name, stored in the language of the request that ran the analysis, serves as both), and the
    // area's name, which older analyses did not record (their areas show by code).
    {8, R"sql(
ALTER TABLE analysis_results ADD COLUMN indicator_name_en TEXT NOT NULL DEFAULT '';
UPDATE analysis_results SET indicator_name_en = indicator_name;
ALTER TABLE analysis_results ADD COLUMN area_name TEXT NOT NULL DEFAULT '';
ALTER TABLE analysis_results ADD COLUMN area_name_en TEXT NOT NULL DEFAULT '';
)sql"},
};

std::string ForDialect(std::string sql, Dialect dialect) {
  const std::string id = dialect == Dialect::kSqlite
                             ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                             : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  for (auto at = sql.find("{id}"); at != std::string::npos; at = sql.find("{id}", at)) {
    sql.replace(at, 4, id);
  }
  return sql;
}

// An arbitrary constant that names the migration lock among the cluster's advisory locks.
constexpr std::int64_t kMigrationLock = 0x6a616d6c696b;

}  // namespace

int LatestSchemaVersion() { return std::end(kMigrations)[-1].version; }

int SchemaVersion(Connection& connection) {
  const Rows rows = connection.Query("SELECT MAX(version) FROM schema_migrations");
  return rows.empty() || rows[0].IsNull(0) ? 0 : static_cast<int>(rows[0].Int(0));
}

namespace internal {

void Migrate(Connection& connection) {
  for (const Migration& migration : kMigrations) {
    // Several servers may start at once on one PostgreSQL database: the advisory lock (SQLite:
    // BEGIN IMMEDIATE) lets one migrate while the others wait and then find nothing to do.
    Transaction transaction(connection);
    if (connection.dialect() == Dialect::kPostgres) {
      connection.Query("SELECT pg_advisory_xact_lock($1)", {kMigrationLock});
    }
    connection.ExecuteScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "applied_at BIGINT NOT NULL)");
    if (SchemaVersion(connection) >= migration.version) continue;
    connection.ExecuteScript(ForDialect(migration.sql, connection.dialect()));
    connection.Query(
        "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
        {std::int64_t{migration.version}, static_cast<std::int64_t>(std::time(nullptr))});
    transaction.Commit();
  }
}

}  // namespace internal
}  // namespace jamlik::store
