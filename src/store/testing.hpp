#pragma once
// Test support: every store-backed test runs once per backend, each case on a fresh database.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace jamlik::store::testing {

// "sqlite" and "postgresql". Both are always listed, so that ctest's cached test list does not
// depend on the environment; a PostgreSQL case skips itself unless JAMLIK_TEST_DATABASE_URL names
// a server (scripts/with-postgres sets it).
std::vector<std::string> Backends();
// Return whether the backend can be tested here.
bool Available(const std::string& backend);

// A fresh, empty database for one test: a SQLite file in a new temporary folder, or a new schema
// in the database of JAMLIK_TEST_DATABASE_URL. Both are removed when it goes, so it must outlive
// every Store opened on it.
class ScratchDatabase {
 public:
  // `schema` is what config() opens it with.
  explicit ScratchDatabase(const std::string& backend, Schema schema = {});
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  // The configuration to open it with; data_dir is a temporary folder for either backend.
  const StoreConfig& config() const { return config_; }

 private:
  StoreConfig config_;
};

// A test case run once per backend (INSTANTIATE_TEST_SUITE_P with Backends()), each on a fresh
// database opened as store_ with the modules of schema_ (a fixture's constructor sets them).
class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  Schema schema_;
  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<Store> store_;
};

// Name parameterised cases after their backend: "…/sqlite", "…/postgresql".
std::string BackendName(const ::testing::TestParamInfo<std::string>& info);

}  // namespace jamlik::store::testing
