// The application's schema modules against the history they replaced: a database that the global
// migrations 1–8 made (rebuilt here from the modules' steps in history order, recorded the way
// those migrations recorded themselves) opens without running any of them again, and ends with
// exactly the tables, columns and indexes of a fresh database.
#include "app/schema.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "app/testing.hpp"

namespace jamlik::app {
namespace {

using SchemaTest = app::testing::AppStoreTest;

// Every column of every table (name, type, nullability, default) and every index, as text.
std::vector<std::string> Shape(store::Connection& connection) {
  std::vector<std::string> shape;
  if (connection.dialect() == store::Dialect::kSqlite) {
    for (const auto& row : connection.Query(
             "SELECT type, name, COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE "
             "'sqlite_%' AND name NOT IN ('module_migrations', 'schema_migrations') ORDER BY "
             "name")) {
      shape.push_back(row.Text(0) + " " + row.Text(1) + ": " + row.Text(2));
    }
  } else {
    for (const auto& row : connection.Query(
             "SELECT table_name, column_name, data_type, is_nullable, "
             "COALESCE(column_default, '') FROM information_schema.columns WHERE table_schema = "
             "current_schema() AND table_name NOT IN ('module_migrations', 'schema_migrations') "
             "ORDER BY table_name, column_name")) {
      shape.push_back(row.Text(0) + "." + row.Text(1) + " " + row.Text(2) + " " + row.Text(3) +
                      " " + row.Text(4));
    }
    for (const auto& row : connection.Query(
             "SELECT indexname, replace(indexdef, current_schema() || '.', '') FROM pg_indexes "
             "WHERE schemaname = "
             "current_schema() ORDER BY indexname")) {
      shape.push_back(row.Text(0) + ": " + row.Text(1));
    }
  }
  return shape;
}

TEST_P(SchemaTest, EveryDomainIsAtItsLatestVersion) {
  const std::map<std::string, int> expected{
      {"store", 1},    {"accounts", 7}, {"datasets", 1},         {"members", 1}, {"proposals", 1},
      {"analyses", 4}, {"meetings", 2}, {"outbox", 1},           {"plans", 1},   {"news", 2},
      {"examples", 2}, {"impact", 1},   {"comparison_groups", 1}};
  EXPECT_EQ(store::LatestVersions(Schema()), expected);
  EXPECT_EQ(store::AppliedVersions(*store_->Acquire()), expected);
}

TEST_P(SchemaTest, ADatabaseTheGlobalHistoryMadeOpensUnchangedAndLikeAFreshOne) {
  const std::vector<std::string> fresh = Shape(*store_->Acquire());
  store_.reset();

  store::testing::ScratchDatabase old(GetParam());
  {
    const auto bare = store::OpenStore(old.config());  // the store's bookkeeping only
    auto connection = bare->Acquire();
    // The store's own step (maintenance, history 3) is made already.
    for (int version = 1; version <= 8; ++version) {
      for (const store::SchemaModule& module : Schema()) {
        for (const store::Migration& step : module.migrations) {
          if (step.history_version != version) continue;
          connection->ExecuteScript(store::ForDialect(step.sql, connection->dialect()));
        }
      }
      connection->Query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)",
                        {std::int64_t{version}});
    }
    connection->Query("DELETE FROM module_migrations");
    connection->Query(
        "INSERT INTO organisations (code, name, kind, created_at) VALUES ('1814', 'Lekeberg', "
        "'kommun', 0)");
  }
  const auto upgraded = store::OpenStore(WithSchema(old.config()));
  auto connection = upgraded->Acquire();
  EXPECT_EQ(Shape(*connection), fresh);
  EXPECT_EQ(store::AppliedVersions(*connection), store::LatestVersions(Schema()));
  EXPECT_EQ(connection->Query("SELECT name FROM organisations").at(0).Text(0), "Lekeberg");
  // Organisations made before they had an area answer for none.
  EXPECT_EQ(connection->Query("SELECT area_code FROM organisations").at(0).Text(0), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, SchemaTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
