#include "store/testing.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "core/error.hpp"
#include "store/connections_internal.hpp"

namespace jamlik::store::testing {
namespace {

const char* TestDatabaseUrl() {
  const char* url = std::getenv("JAMLIK_TEST_DATABASE_URL");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

}  // namespace

std::vector<std::string> Backends() { return {"sqlite", "postgresql"}; }

bool Available(const std::string& backend) {
  return backend == "sqlite" || TestDatabaseUrl() != nullptr;
}

ScratchDatabase::ScratchDatabase(const std::string& backend, Schema schema) {
  config_.modules = std::move(schema);
  std::string pattern = (std::filesystem::temp_directory_path() / "jamlik-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw Error(ErrorCode::kIo, "cannot create a temporary folder", {pattern});
  }
  config_.data_dir = pattern;
  config_.connections = 4;
  config_.durable_commits = false;
  if (backend == "postgresql") {
    config_.database_url = TestDatabaseUrl();
    config_.schema = fmt::format("jamlik_test_{}_{}", getpid(), std::random_device{}());
  }
}

ScratchDatabase::~ScratchDatabase() {
  if (!config_.schema.empty()) {
    internal::OpenPostgres(config_.database_url, "")
        ->ExecuteScript(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", config_.schema));
  }
  std::error_code ignored;
  std::filesystem::remove_all(config_.data_dir, ignored);
}

void StoreTest::SetUp() {
  if (!Available(GetParam())) GTEST_SKIP() << "JAMLIK_TEST_DATABASE_URL is not set";
  scratch_ = std::make_unique<ScratchDatabase>(GetParam(), schema_);
  store_ = OpenStore(scratch_->config());
}

void StoreTest::TearDown() {
  store_.reset();
  scratch_.reset();
}

std::string BackendName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace jamlik::store::testing
