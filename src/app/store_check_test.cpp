// The operator's store check finds each broken invariant, on every backend.
#include "app/store_check.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/datasets/datasets.hpp"
#include "app/testing.hpp"

namespace jamlik::app {
namespace {

namespace fs = std::filesystem;

using StoreCheckTest = app::testing::AppStoreTest;

TEST_P(StoreCheckTest, FindsAMissingFileAnOrphanAnUnfinishedUploadAndAnIncompleteAnalysis) {
  const std::string data_dir = scratch_->config().data_dir;
  const auto org = CreateOrganisation(*store_, "1880", "Örebro", OrganisationKind::kKommun)->id;
  const auto user = CreateUser(*store_, "anna@example.se", "Anna", "ett långt lösenord", false)->id;
  const auto upload = [&](const std::string& name) {
    fs::create_directories(fs::path(data_dir) / "uploads");
    const fs::path path = fs::path(data_dir) / "uploads" / name;
    std::ofstream(path) << "kommun;kon;dod\n1880;K;1\n1880;M;0\n";
    return path.string();
  };
  ImportDataset(*store_, data_dir, org, user, "kept", "a.csv", upload("a.part"));
  const Dataset lost =
      ImportDataset(*store_, data_dir, org, user, "lost", "b.csv", upload("b.part"));
  StoreCheck sound = CheckStore(*store_, data_dir);
  EXPECT_EQ(sound.datasets, 2U);
  EXPECT_EQ(sound.files, 2U);
  EXPECT_TRUE(sound.problems.empty()) << sound.problems.front();

  fs::remove(fs::path(data_dir) / lost.stored_as);
  std::ofstream(fs::path(data_dir) / "datasets" / "orphan.csv") << "x";
  upload("cut-off.part");
  store_->Acquire()->Query(
      "INSERT INTO analyses (organisation_id, dataset_id, name, definitions, result_count, "
      "created_by, created_at) VALUES ($1, NULL, 'half', '[]', 3, $2, 0)",
      {org, user});
  const StoreCheck broken = CheckStore(*store_, data_dir);
  ASSERT_EQ(broken.problems.size(), 4U);
  EXPECT_NE(broken.problems[0].find(std::to_string(lost.id)), std::string::npos);
  EXPECT_NE(broken.problems[1].find("orphan.csv"), std::string::npos);
  EXPECT_NE(broken.problems[2].find("cut-off.part"), std::string::npos);
  EXPECT_NE(broken.problems[3].find("(0/3)"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreCheckTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
