#pragma once
// Persistence behind one interface: a Connection runs parameterised SQL (placeholders $1, $2 …,
// the same text for SQLite and PostgreSQL), a Transaction rolls back unless committed, and a
// Store lends pooled connections to request threads. OpenStore picks the backend from the
// configuration and applies the versioned migrations before anything else runs.
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

namespace jamlik::store {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

// One result row; the accessors throw kInternal when a column holds another type, because that
// means the query and the code reading it disagree.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t index) const;
  // Integers; PostgreSQL's numeric aggregates arrive as doubles and are truncated.
  std::int64_t Int(std::size_t index) const;
  double Double(std::size_t index) const;
  const std::string& Text(std::size_t index) const;
  std::optional<std::int64_t> OptionalInt(std::size_t index) const;
  std::optional<double> OptionalDouble(std::size_t index) const;
  std::string OptionalText(std::size_t index) const;  // "" for null

 private:
  std::vector<Value> values_;
};
using Rows = std::vector<Row>;

enum class Dialect { kSqlite, kPostgres };

// One database connection. Not thread-safe: the Store lends it to one thread at a time.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Run one statement with `params` bound to $1, $2 …; return its rows (RETURNING included).
  virtual Rows Query(std::string_view sql, const Params& params = {}) = 0;
  // Run one statement once per parameter set, prepared once: bulk inserts.
  virtual void ExecuteMany(std::string_view sql, const std::vector<Params>& rows) = 0;
  // Run statements without parameters, separated by semicolons: migrations.
  virtual void ExecuteScript(std::string_view sql) = 0;
  virtual void Begin() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  // Move what the write-ahead log holds into the database file without waiting for readers or
  // writers (SQLite's passive checkpoint); PostgreSQL checkpoints by itself.
  virtual void Checkpoint() {}
};

// Begin on construction; roll back on destruction unless Commit was called, so an exception
// anywhere in a multi-row change leaves nothing behind.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

// ---- The schema: one module per domain, each with its own migrations ----

// One step of a module's schema, applied once in its own transaction and recorded with its
// version. Append steps; never edit one that has shipped. `{id}` stands for an auto-numbered
// primary key, the one piece of DDL the two dialects spell differently; `{sqlite}…{/sqlite}` and
// `{postgres}…{/postgres}` hold what only one of them can run (full-text search).
struct Migration {
  int version;
  std::string_view sql;
  // Databases created before modules existed recorded one global sequence (schema_migrations,
  // versions 1–8) whose steps the modules now hold: a step that version already made is recorded
  // as applied instead of run. 0 for steps written since.
  int history_version = 0;
};

// One domain's tables (accounts, datasets, analyses, …): its migrations in order, applied after
// those of the modules it references (`after`), so that foreign keys always find their table.
struct SchemaModule {
  std::string name;
  std::vector<std::string> after;
  std::vector<Migration> migrations;
};
using Schema = std::vector<SchemaModule>;

struct StoreConfig {
  // postgresql://user:password@host:port/database (or postgres://) selects PostgreSQL; empty
  // selects SQLite in `data_dir`.
  std::string database_url;
  std::string data_dir = "data";
  // PostgreSQL schema to create and work in; empty = the server's default. Tests use one schema
  // each so that runs never see each other's rows.
  std::string schema;
  std::size_t connections = 8;
  // False only for the tests' scratch databases, which live for one test: SQLite then commits
  // without waiting for the disk (synchronous=OFF), as scripts/with-postgres runs PostgreSQL with
  // fsync off. Waiting for the disk was half the API tests' time. A process that dies still loses
  // nothing it committed; only a power cut could.
  bool durable_commits = true;
  // The application's schema modules (app::Schema()); the store's own module ("store") comes
  // first.
  Schema modules;
};

class Store {
 public:
  // A connection borrowed from the pool, returned when the lease ends.
  class Lease {
   public:
    Lease(Store& store, std::unique_ptr<Connection> connection);
    ~Lease();
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    Store* store_;
    std::unique_ptr<Connection> connection_;
  };

  // `appender` is the group-commit writer's own connection (AppendCommitted).
  Store(StoreConfig config, std::vector<std::unique_ptr<Connection>> connections,
        std::unique_ptr<Connection> appender);
  // Write what is queued for AppendCommitted, wait for every lease to come back, then close the
  // connections.
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Block until a connection is free.
  Lease Acquire();
  // Run one INSERT of an append-only log (the audit log) and return once it is committed. Rows
  // from concurrent callers are written by one thread on its own connection, one transaction per
  // batch (group commit): a thousand views a second cost a few commits, and the request threads
  // never queue for the write lock themselves. Throws the statement's Error to its caller only.
  void AppendCommitted(std::string sql, Params params);
  Dialect dialect() const { return dialect_; }
  // "sqlite:data/jamlik.sqlite3" or "postgresql://host:port/database", never a password.
  const std::string& description() const { return description_; }

 private:
  void Return(std::unique_ptr<Connection> connection);
  void WriteAppends();
  void CheckpointPeriodically();

  struct PendingAppend;

  Dialect dialect_;
  std::string description_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;

  std::unique_ptr<Connection> appender_;
  std::mutex append_mutex_;
  std::condition_variable appended_;
  std::vector<std::unique_ptr<PendingAppend>> pending_;
  bool stopping_ = false;
  std::thread append_thread_;
  std::thread checkpoint_thread_;
};

// Open the configured database, create it (SQLite: its folder and file) when missing and apply
// the migrations of config.modules it lacks. Throws kIo naming the database (never its password)
// when it cannot be reached.
std::unique_ptr<Store> OpenStore(const StoreConfig& config);

// Run the backend's integrity check (SQLite: integrity_check and foreign_key_check; PostgreSQL:
// amcheck on every B-tree index of the schema); return the problems found, none when sound.
std::vector<std::string> CheckIntegrity(Connection& connection);

// `sql` with `{id}` spelled as the dialect spells an auto-numbered primary key, and with what
// stands between `{sqlite}` and `{/sqlite}` (or `{postgres}` and `{/postgres}`) kept only on
// that dialect.
std::string ForDialect(std::string_view sql, Dialect dialect);
// Each module's latest version in `schema`, the store's own module included.
std::map<std::string, int> LatestVersions(const Schema& schema);
// Each module's version recorded in the database.
std::map<std::string, int> AppliedVersions(Connection& connection);

}  // namespace jamlik::store
