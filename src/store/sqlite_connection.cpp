// SQLite backend: WAL journal so readers never block the writer, synchronous=FULL so a committed
// transaction survives a crash, a busy handler so concurrent writers queue instead of failing,
// and BEGIN IMMEDIATE so two writers never deadlock upgrading read locks. Statements are prepared
// once per connection and kept.
#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "store/connections_internal.hpp"

namespace jamlik::store::internal {
namespace {

constexpr auto kBusyTimeout = std::chrono::seconds(30);
// SQLite's own busy timeout sleeps in growing steps of up to 100 ms, so a writer waited up to
// 100 ms longer than the lock was held; a lock is held for milliseconds, so poll at 1 ms.
constexpr auto kBusyPoll = std::chrono::milliseconds(1);

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    const char* tail = nullptr;
    Check(sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &statement_, &tail),
          sql);
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Bind by name so that "$2 … $1" in any order means what it says.
  void Bind(const Params& params) {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const std::string name = fmt::format("${}", i + 1);
      const int index = sqlite3_bind_parameter_index(statement_, name.c_str());
      if (index == 0) continue;
      const Value& value = params[i];
      int rc = SQLITE_OK;
      if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        rc = sqlite3_bind_int64(statement_, index, *integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(statement_, index, *real);
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        rc = sqlite3_bind_text(statement_, index, text->data(), static_cast<int>(text->size()),
                               SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(statement_, index);
      }
      Check(rc, "bind");
    }
  }

  Rows Run() {
    Rows rows;
    for (;;) {
      const int rc = sqlite3_step(statement_);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        // A kept statement must not hold its read snapshot while it waits for its next use.
        sqlite3_reset(statement_);
        Check(rc, sqlite3_sql(statement_));
      }
      const int count = sqlite3_column_count(statement_);
      std::vector<Value> values;
      values.reserve(count);
      for (int c = 0; c < count; ++c) {
        switch (sqlite3_column_type(statement_, c)) {
          case SQLITE_INTEGER:
            values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement_, c)));
            break;
          case SQLITE_FLOAT:
            values.emplace_back(sqlite3_column_double(statement_, c));
            break;
          case SQLITE_NULL:
            values.emplace_back(std::monostate{});
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, c));
            values.emplace_back(std::string(text, sqlite3_column_bytes(statement_, c)));
          }
        }
      }
      rows.emplace_back(std::move(values));
    }
    sqlite3_reset(statement_);
    return rows;
  }

 private:
  void Check(int rc, std::string_view what) const {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    throw Error(ErrorCode::kInternal,
                fmt::format("SQLite: {} ({})", sqlite3_errmsg(db_), what.substr(0, 80)));
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, bool durable) {
    const int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      const std::string reason = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close_v2(db_);
      throw Error(ErrorCode::kIo,
                  fmt::format(fmt::runtime(Tr("kan inte öppna databasen: {}",
                                              "cannot open the database: {}")),
                              reason),
                  {path});
    }
    sqlite3_busy_handler(db_, &SqliteConnection::WaitWhileBusy, this);
    try {
      RegisterSwedishTokenizer(db_);
    } catch (...) {
      sqlite3_close_v2(db_);
      throw;
    }
    // The Store checkpoints in the background (CheckpointPeriodically), never inside a commit.
    ExecuteScript(std::string("PRAGMA journal_mode = WAL; PRAGMA synchronous = ") +
                  (durable ? "FULL" : "OFF") +
                  "; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 0;");
  }
  // Closing the last connection checkpoints the WAL into the database file.
  ~SqliteConnection() override {
    statements_.clear();
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Rows Query(std::string_view sql, const Params& params) override {
    Statement& statement = Prepared(sql);
    statement.Bind(params);
    return statement.Run();
  }

  void ExecuteMany(std::string_view sql, const std::vector<Params>& rows) override {
    Statement& statement = Prepared(sql);
    for (const auto& params : rows) {
      statement.Bind(params);
      statement.Run();
    }
  }

  void ExecuteScript(std::string_view sql) override {
    char* message = nullptr;
    if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string reason = message ? message : "?";
      sqlite3_free(message);
      throw Error(ErrorCode::kInternal, "SQLite: " + reason);
    }
  }

  void Checkpoint() override { ExecuteScript("PRAGMA wal_checkpoint(PASSIVE)"); }
  void Begin() override { ExecuteScript("BEGIN IMMEDIATE"); }
  void Commit() override { ExecuteScript("COMMIT"); }
  void Rollback() override { ExecuteScript("ROLLBACK"); }

 private:
  // The application's SQL texts are a fixed set, so the cache stays small.
  Statement& Prepared(std::string_view sql) {
    auto found = statements_.find(sql);
    if (found == statements_.end()) {
      auto statement = std::make_unique<Statement>(db_, sql);
      found = statements_.emplace(std::string(sql), std::move(statement)).first;
    }
    return *found->second;
  }

  static int WaitWhileBusy(void* self, int attempts) {
    auto& connection = *static_cast<SqliteConnection*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (attempts == 0) connection.busy_since_ = now;
    if (now - connection.busy_since_ >= kBusyTimeout) return 0;
    std::this_thread::sleep_for(kBusyPoll);
    return 1;
  }

  sqlite3* db_ = nullptr;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> statements_;
  std::chrono::steady_clock::time_point busy_since_;
};

}  // namespace

std::unique_ptr<Connection> OpenSqlite(const std::string& path, bool durable) {
  return std::make_unique<SqliteConnection>(path, durable);
}

}  // namespace jamlik::store::internal
