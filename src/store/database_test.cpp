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

using DatabaseTest = testing::StoreTest;

std::int64_t AddOrganisation(Connection& connection, const std::string& code) {
  return connection
      .Query(
          "INSERT INTO organisations (code, name, kind, created_at) VALUES ($1, $2, 'kommun', 0) "
          "RETURNING id",
          {code, fmt::format("Kommun {}", code)})
      .at(0)
      .Int(0);
}

TEST_P(DatabaseTest, MigrationsBringAFreshDatabaseToTheLatestVersionOnce) {
  EXPECT_EQ(SchemaVersion(*store_->Acquire()), LatestSchemaVersion());
  store_.reset();
  store_ = OpenStore(scratch_->config());  // a second start finds nothing to do
  const Rows rows = store_->Acquire()->Query("SELECT COUNT(*) FROM schema_migrations");
  EXPECT_EQ(rows.at(0).Int(0), LatestSchemaVersion());
}

TEST_P(DatabaseTest, ParametersKeepTheirTypesAndAreNeverSql) {
  auto connection = store_->Acquire();
  const std::string hostile = "x'); DROP TABLE organisations; --";
  const std::int64_t id = AddOrganisation(*connection, hostile);
  connection->Query(
      "INSERT INTO datasets (organisation_id, name, file_name, stored_as, bytes, row_count, "
      "delimiter, encoding, decimal_comma, notes, created_by, created_at) "
      "VALUES ($1, $2, 'f.csv', 's', $3, 0, ';', 'UTF-8', 1, '', $4, 0)",
      {id, "Åsa's data", std::int64_t{1} << 40, std::monostate{}});
  const Rows rows = connection->Query(
      "SELECT o.code, d.name, d.bytes, d.created_by FROM organisations o "
      "JOIN datasets d ON d.organisation_id = o.id WHERE o.id = $1",
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
  const std::int64_t analysis =
      connection
          ->Query(
              "INSERT INTO analyses (organisation_id, name, definitions, result_count, "
              "created_at) VALUES ($1, 'a', '[]', 1, 0) RETURNING id",
              {org})
          .at(0)
          .Int(0);
  connection->Query(
      "INSERT INTO analysis_results (analysis_id, ordinal, indicator, indicator_name, "
      "indicator_type, area_level, area, period, dimension, subgroup, subgroup_order, "
      "ordered_dimension, reference_subgroup, favourable_indicator, indicator_scale, estimate, "
      "confidence, method, flag) VALUES ($1, 0, 'i', 'I', 'rate', 'kommun', '0180', '', 'total', "
      "'T', 0, 0, 0, 1, 100000, $2, 0.95, 'byars', '')",
      {analysis, 0.1 + 0.2});
  const Rows rows = connection->Query("SELECT estimate, lower FROM analysis_results");
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
  connection->ExecuteMany(
      "INSERT INTO login_throttle (subject, failures, blocked_until, last_at) VALUES ($1, 0, 0, "
      "$2)",
      rows);
  transaction.Commit();
  const Rows counted = connection->Query(
      "SELECT COUNT(*), SUM(last_at) FROM login_throttle WHERE subject <> $1", {"none"});
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
        connection->Query(
            "INSERT INTO login_throttle (subject, failures, blocked_until, last_at) VALUES ($1, "
            "0, 0, $2)",
            {fmt::format("t{}-{}", t, i), std::int64_t{i}});
        transaction.Commit();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(store_->Acquire()->Query("SELECT COUNT(*) FROM login_throttle").at(0).Int(0),
            kThreads * kWrites);
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
  const std::string insert =
      "INSERT INTO audit_log (time, organisation_id, user_id, user_name, action, table_name, "
      "dataset, dataset_bytes, dataset_modified, row_count, suppressed_rows) VALUES ($1, $2, $3, "
      "'u', 'view', 't', 'd', 0, '', 0, 0)";
  std::atomic<int> unseen = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRows; ++i) {
        const std::int64_t id = t * kRows + i;
        store_->AppendCommitted(insert, {std::string("2026-12-03"), std::int64_t{7}, id});
        if (store_->Acquire()
                ->Query("SELECT COUNT(*) FROM audit_log WHERE user_id = $1", {id})
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
      "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM audit_log WHERE organisation_id = 7");
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
