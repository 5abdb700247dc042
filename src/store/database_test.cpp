// The store's contract, run on every backend: migrations, parameter binding, transactions,
// bulk inserts and concurrent writers.
#include "store/database.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/error.hpp"
#include "store/testing.hpp"

namespace jamlik::store {
namespace {

// The store knows no application table: its cases run on a small schema of their own, two modules
// the way the application's domains are (src/app/<domain>/schema.cpp).
SchemaModule Registry() {
  return {"registry", {}, {{1, R"sql(
CREATE TABLE organisations (
  id {id},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
)sql"}}};
}

SchemaModule Ledger() {
  return {"ledger",
          {"registry"},
          {{1, R"sql(
CREATE TABLE records (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  created_by BIGINT,
  estimate DOUBLE PRECISION,
  lower DOUBLE PRECISION
);
)sql"},
           {2, R"sql(
CREATE TABLE log (
  id {id},
  time TEXT NOT NULL,
  organisation_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL
);
)sql"}}};
}

class DatabaseTest : public testing::StoreTest {
 protected:
  DatabaseTest() { schema_ = {Registry(), Ledger()}; }

  StoreConfig ConfigWith(Schema schema) const {
    StoreConfig config = scratch_->config();
    config.modules = std::move(schema);
    return config;
  }
};

std::int64_t AddOrganisation(Connection& connection, const std::string& code) {
  return connection
      .Query(
          "INSERT INTO organisations (code, name, kind, created_at) VALUES ($1, $2, 'kommun', 0) "
          "RETURNING id",
          {code, fmt::format("Kommun {}", code)})
      .at(0)
      .Int(0);
}

// A store opened as the server opens it waits for the disk at each commit (SQLite
// synchronous=FULL, 2); only the tests' scratch databases, which say so, do not (OFF, 0).
// PostgreSQL's durability is its server's setting.
TEST(StoreDurabilityTest, CommitsAreDurableUnlessTheConfigSaysScratch) {
  const testing::ScratchDatabase scratch("sqlite", {Registry()});
  EXPECT_FALSE(scratch.config().durable_commits);
  EXPECT_EQ(OpenStore(scratch.config())->Acquire()->Query("PRAGMA synchronous").at(0).Int(0), 0);
  StoreConfig config = scratch.config();
  config.durable_commits = StoreConfig{}.durable_commits;
  EXPECT_EQ(OpenStore(config)->Acquire()->Query("PRAGMA synchronous").at(0).Int(0), 2);
}

TEST_P(DatabaseTest, MigrationsBringAFreshDatabaseToTheLatestVersionOnce) {
  const std::map<std::string, int> expected{{"ledger", 2}, {"registry", 1}, {"store", 1}};
  EXPECT_EQ(LatestVersions(schema_), expected);
  EXPECT_EQ(AppliedVersions(*store_->Acquire()), expected);
  store_.reset();
  store_ = OpenStore(scratch_->config());  // a second start finds nothing to do
  const Rows rows = store_->Acquire()->Query("SELECT COUNT(*) FROM module_migrations");
  EXPECT_EQ(rows.at(0).Int(0), 4);
}

// A module listed before the one it references still comes after it: its first step reads the
// other module's table, which fails unless that table is there.
TEST_P(DatabaseTest, ModulesApplyAfterTheModulesTheyReference) {
  store_.reset();
  SchemaModule reader{
      "reader", {"registry"}, {{1, "CREATE TABLE readers AS SELECT code FROM organisations"}}};
  store_ = OpenStore(ConfigWith({reader, Registry(), Ledger()}));
  EXPECT_EQ(AppliedVersions(*store_->Acquire()).at("reader"), 1);
}

// A domain added to a running installation gets its tables at the next start; the others stay
// as they are.
TEST_P(DatabaseTest, AModuleAddedLaterIsAppliedAtTheNextStart) {
  AddOrganisation(*store_->Acquire(), "1814");
  store_.reset();
  SchemaModule notes{"notes", {"registry"}, {{1, "CREATE TABLE notes (text TEXT NOT NULL)"}}};
  store_ = OpenStore(ConfigWith({Registry(), Ledger(), notes}));
  auto connection = store_->Acquire();
  EXPECT_EQ(AppliedVersions(*connection).at("notes"), 1);
  EXPECT_EQ(connection->Query("SELECT COUNT(*) FROM organisations").at(0).Int(0), 1);
  EXPECT_EQ(connection->Query("SELECT COUNT(*) FROM notes").at(0).Int(0), 0);
}

// Databases made before modules recorded one global sequence: the steps it already made are
// recorded, not run again (a second CREATE TABLE would fail); later steps run.
TEST_P(DatabaseTest, StepsTheGlobalHistoryMadeAreRecordedNotRun) {
  store_.reset();
  testing::ScratchDatabase old(GetParam());
  {
    auto legacy = OpenStore(old.config());  // the store's bookkeeping only
    auto connection = legacy->Acquire();
    connection->ExecuteScript(
        "CREATE TABLE organisations (id BIGINT PRIMARY KEY, code TEXT NOT NULL UNIQUE, "
        "name TEXT NOT NULL, kind TEXT NOT NULL, created_at BIGINT NOT NULL)");
    connection->Query("INSERT INTO schema_migrations (version, applied_at) VALUES (1, 0)");
  }
  SchemaModule registry = Registry();
  registry.migrations[0].history_version = 1;
  registry.migrations.push_back(
      {2, "ALTER TABLE organisations ADD COLUMN county TEXT NOT NULL DEFAULT ''", 2});
  StoreConfig config = old.config();
  config.modules = {registry};
  const auto upgraded = OpenStore(config);
  auto connection = upgraded->Acquire();
  EXPECT_EQ(AppliedVersions(*connection).at("registry"), 2);
  EXPECT_TRUE(connection->Query("SELECT county FROM organisations").empty());
}

TEST_P(DatabaseTest, AnInconsistentSchemaIsRefusedBeforeAnythingRuns) {
  store_.reset();
  const auto refused = [&](Schema schema, const std::string& because) {
    try {
      OpenStore(ConfigWith(std::move(schema)));
      ADD_FAILURE() << "accepted: " << because;
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find(because), std::string::npos) << error.what();
    }
  };
  SchemaModule gap = Ledger();
  gap.migrations[1].version = 3;
  refused({Registry(), gap}, "migration 2 has version 3");
  refused({Registry(), Registry()}, "module registry is declared twice");
  refused({Ledger()}, "module ledger comes after unknown module registry");
  SchemaModule a{"a", {"b"}, {}};
  SchemaModule b{"b", {"a"}, {}};
  refused({a, b}, "comes after itself");
}

TEST_P(DatabaseTest, ParametersKeepTheirTypesAndAreNeverSql) {
  auto connection = store_->Acquire();
  const std::string hostile = "x'); DROP TABLE organisations; --";
  const std::int64_t id = AddOrganisation(*connection, hostile);
  connection->Query(
      "INSERT INTO records (organisation_id, name, bytes, created_by) VALUES ($1, $2, $3, $4)",
      {id, "Åsa's data", std::int64_t{1} << 40, std::monostate{}});
  const Rows rows = connection->Query(
      "SELECT o.code, d.name, d.bytes, d.created_by FROM organisations o "
      "JOIN records d ON d.organisation_id = o.id WHERE o.id = $1",
      {id});
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].Text(0), hostile);
  EXPECT_EQ(rows[0].Text(1), "Åsa's data");
  EXPECT_EQ(rows[0].Int(2), std::int64_t{1} << 40);
  EXPECT_TRUE(rows[0].IsNull(3));
  EXPECT_THROW(rows[0].Text(2), Error);
}

TEST_P(DatabaseTest, ParametersMayBeNumberedInAnyOrder) {
  auto connection = store_->Acquire();
  const Rows rows = connection->Query("SELECT $2 || '-' || $1", {"a", "b"});
  EXPECT_EQ(rows.at(0).Text(0), "b-a");
}

TEST_P(DatabaseTest, DoublesRoundTrip) {
  auto connection = store_->Acquire();
  const std::int64_t org = AddOrganisation(*connection, "0180");
  connection->Query(
      "INSERT INTO records (organisation_id, name, bytes, estimate) VALUES ($1, 'r', 0, $2)",
      {org, 0.1 + 0.2});
  const Rows rows = connection->Query("SELECT estimate, lower FROM records");
  EXPECT_EQ(rows.at(0).Double(0), 0.1 + 0.2);
  EXPECT_FALSE(rows.at(0).OptionalDouble(1).has_value());
}

TEST_P(DatabaseTest, UncommittedTransactionsLeaveNothing) {
  auto connection = store_->Acquire();
  try {
    Transaction transaction(*connection);
    AddOrganisation(*connection, "0114");
    AddOrganisation(*connection, "0114");  // unique violation
    transaction.Commit();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInternal);
  }
  EXPECT_EQ(connection->Query("SELECT COUNT(*) FROM organisations").at(0).Int(0), 0);
  {
    Transaction transaction(*connection);
    AddOrganisation(*connection, "0115");
    transaction.Commit();
  }
  EXPECT_EQ(connection->Query("SELECT COUNT(*) FROM organisations").at(0).Int(0), 1);
}

TEST_P(DatabaseTest, ConflictsCanBeValuesInsteadOfErrors) {
  auto connection = store_->Acquire();
  AddOrganisation(*connection, "1880");
  const Rows rows = connection->Query(
      "INSERT INTO organisations (code, name, kind, created_at) VALUES ('1880', 'x', 'kommun', 0) "
      "ON CONFLICT (code) DO NOTHING RETURNING id");
  EXPECT_TRUE(rows.empty());
}

TEST_P(DatabaseTest, ExecuteManyInsertsEveryRow) {
  auto connection = store_->Acquire();
  std::vector<Params> rows;
  for (std::int64_t i = 0; i < 500; ++i) rows.push_back({fmt::format("s{}", i), i});
  Transaction transaction(*connection);
  connection->ExecuteMany("INSERT INTO log (time, organisation_id, user_id) VALUES ($1, 0, $2)",
                          rows);
  transaction.Commit();
  const Rows counted =
      connection->Query("SELECT COUNT(*), SUM(user_id) FROM log WHERE time <> $1", {"none"});
  EXPECT_EQ(counted.at(0).Int(0), 500);
  EXPECT_EQ(counted.at(0).Int(1), 499 * 500 / 2);
}

TEST_P(DatabaseTest, ConcurrentWritersLoseNothing) {
  constexpr int kThreads = 4;
  constexpr int kWrites = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kWrites; ++i) {
        auto connection = store_->Acquire();
        Transaction transaction(*connection);
        connection->Query("INSERT INTO log (time, organisation_id, user_id) VALUES ($1, 0, $2)",
                          {fmt::format("t{}-{}", t, i), std::int64_t{i}});
        transaction.Commit();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(store_->Acquire()->Query("SELECT COUNT(*) FROM log").at(0).Int(0), kThreads * kWrites);
}

TEST_P(DatabaseTest, DescriptionNeverShowsAPassword) {
  EXPECT_EQ(store_->description().find("password"), std::string::npos);
  EXPECT_EQ(store_->dialect(), GetParam() == "sqlite" ? Dialect::kSqlite : Dialect::kPostgres);
}

// Eight threads append 100 audit rows each at once: every call returns only once its row is
// committed (so each is visible to a fresh read as soon as the call returns), all 800 are there,
// and a row that breaks a constraint fails its own caller only.
TEST_P(DatabaseTest, AppendCommittedWritesEveryRowOfConcurrentCallersAndFailsOnlyABadOne) {
  constexpr int kThreads = 8;
  constexpr int kRows = 100;
  const std::string insert = "INSERT INTO log (time, organisation_id, user_id) VALUES ($1, $2, $3)";
  std::atomic<int> unseen = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRows; ++i) {
        const std::int64_t id = t * kRows + i;
        store_->AppendCommitted(insert, {std::string("2026-12-03"), std::int64_t{7}, id});
        if (store_->Acquire()
                ->Query("SELECT COUNT(*) FROM log WHERE user_id = $1", {id})
                .at(0)
                .Int(0) != 1) {
          ++unseen;
        }
      }
    });
  }
  // time is NOT NULL: this row alone fails, with the store's error.
  EXPECT_THROW(
      store_->AppendCommitted(insert, {std::monostate{}, std::int64_t{7}, std::int64_t{-1}}),
      Error);
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(unseen, 0);
  const Rows rows = store_->Acquire()->Query(
      "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM log WHERE organisation_id = 7");
  EXPECT_EQ(rows.at(0).Int(0), kThreads * kRows);
  EXPECT_EQ(rows.at(0).Int(1), kThreads * kRows);
}

// Statements are kept prepared per connection: the same text with other parameter types (a null,
// an integer, text) still binds as written.
TEST_P(DatabaseTest, AKeptStatementTakesParametersOfAnyType) {
  auto connection = store_->Acquire();
  const std::string sql = "SELECT COALESCE($1, 'null')";
  EXPECT_EQ(connection->Query(sql, {std::string("a")}).at(0).Text(0), "a");
  EXPECT_EQ(connection->Query(sql, {std::monostate{}}).at(0).Text(0), "null");
  EXPECT_EQ(connection->Query(sql, {std::string("b")}).at(0).Text(0), "b");
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace jamlik::store
