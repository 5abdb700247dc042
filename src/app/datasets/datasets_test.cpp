// Uploading, describing, marking and deleting datasets, on every backend.
#include "app/datasets/datasets.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/testing.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"

namespace jamlik::app {
namespace {

namespace fs = std::filesystem;

class DatasetsTest : public app::testing::AppStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    data_dir_ = scratch_->config().data_dir;
    org_ = CreateOrganisation(*store_, "1880", "Örebro", OrganisationKind::kKommun)->id;
    user_ = CreateUser(*store_, "anna@example.se", "Anna", "ett långt lösenord", false)->id;
    other_org_ = CreateOrganisation(*store_, "1881", "Kumla", OrganisationKind::kKommun)->id;
  }

  // Write an upload as the server would: a file inside the data folder.
  std::string Upload(const std::string& text) {
    fs::create_directories(fs::path(data_dir_) / "uploads");
    const std::string path = (fs::path(data_dir_) / "uploads" / "upload.tmp").string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::size_t FilesUnder(const std::string& folder) const {
    const fs::path path = fs::path(data_dir_) / folder;
    if (!fs::exists(path)) return 0;
    std::size_t count = 0;
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      count += entry.is_regular_file() ? 1 : 0;
    }
    return count;
  }

  std::string data_dir_;
  std::int64_t org_ = 0;
  std::int64_t user_ = 0;
  std::int64_t other_org_ = 0;
};

constexpr const char* kGoodCsv =
    "kommun;kon;utbildning;grupp;dod;inkomst\n"
    "1880;K;gymnasial;b;0;210000,5\n"
    "1880;M;förgymnasial;a;1;180000\n"
    "180;K;eftergymnasial;c;0;350000\n";

TEST_P(DatasetsTest, AGoodFileIsStoredWithItsColumns) {
  const Dataset dataset =
      ImportDataset(*store_, data_dir_, org_, user_, "", "personer.csv", Upload(kGoodCsv));
  EXPECT_EQ(dataset.name, "personer.csv");
  EXPECT_EQ(dataset.row_count, 3);
  EXPECT_EQ(dataset.delimiter, ";");
  EXPECT_TRUE(dataset.decimal_comma);
  EXPECT_EQ(FilesUnder("uploads"), 0U);
  EXPECT_EQ(FilesUnder("datasets"), 1U);

  const auto found = FindDataset(*store_, org_, dataset.id);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->columns.size(), 6U);
  EXPECT_EQ(found->columns[0].role, "area");
  EXPECT_EQ(found->columns[2].name, "utbildning");
  EXPECT_TRUE(found->columns[2].ordered);
  EXPECT_EQ(found->columns[2].advantaged, AdvantagedEnd::kLast);
  EXPECT_EQ(found->columns[2].categories,
            (std::vector<std::string>{"förgymnasial", "gymnasial", "eftergymnasial"}));
  EXPECT_EQ(found->columns[4].role, "outcome");
  EXPECT_EQ(found->columns[5].type, ColumnType::kDouble);
  EXPECT_EQ(ListDatasets(*store_, org_).size(), 1U);
}

TEST_P(DatasetsTest, ABadFileIsReportedAtItsRowAndNothingIsStored) {
  try {
    ImportDataset(*store_, data_dir_, org_, user_, "", "personer.csv",
                  Upload("kommun,dod\n1880,0\n1880,1\n1881,0,7\n"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kRaggedRow);
    EXPECT_EQ(error.location().line, 4U);
  }
  EXPECT_TRUE(ListDatasets(*store_, org_).empty());
  EXPECT_EQ(FilesUnder("uploads"), 0U);
  EXPECT_EQ(FilesUnder("datasets"), 0U);
}

TEST_P(DatasetsTest, DatasetsArePrivateToTheirOrganisation) {
  const Dataset dataset =
      ImportDataset(*store_, data_dir_, org_, user_, "", "p.csv", Upload(kGoodCsv));
  EXPECT_FALSE(FindDataset(*store_, other_org_, dataset.id));
  EXPECT_TRUE(ListDatasets(*store_, other_org_).empty());
  EXPECT_FALSE(DeleteDataset(*store_, data_dir_, other_org_, dataset.id));
  EXPECT_FALSE(UpdateDataset(*store_, other_org_, dataset.id, "x", {}));
  EXPECT_TRUE(DeleteDataset(*store_, data_dir_, org_, dataset.id));
  EXPECT_EQ(FilesUnder("datasets"), 0U);
}

TEST_P(DatasetsTest, MarksAreCheckedAndShapeTheTableAnalysesRead) {
  const Dataset dataset =
      ImportDataset(*store_, data_dir_, org_, user_, "", "p.csv", Upload(kGoodCsv));
  const auto updated = UpdateDataset(
      *store_, org_, dataset.id, "Personer 2024",
      {{"grupp", "dimension", true, AdvantagedEnd::kFirst, std::vector<std::string>{"c", "b", "a"}},
       {"inkomst", "weight", std::nullopt, std::nullopt, std::nullopt}});
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->name, "Personer 2024");
  EXPECT_EQ(updated->columns[3].categories, (std::vector<std::string>{"c", "b", "a"}));
  EXPECT_EQ(updated->columns[5].role, "weight");

  const Table table = LoadDatasetTable(data_dir_, *FindDataset(*store_, org_, dataset.id));
  const Dictionary& groups = table.GetColumn("grupp").categorical().dictionary;
  EXPECT_TRUE(groups.ordered());
  // The advantaged end ("c", marked first) is last for the engine.
  EXPECT_EQ(groups.categories(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(table.GetColumn("kommun").ValueToString(2), "0180");

  EXPECT_THROW(UpdateDataset(*store_, org_, dataset.id, std::nullopt,
                             {{"grupp", std::nullopt, std::nullopt, std::nullopt,
                               std::vector<std::string>{"a", "b"}}}),
               Error);
  EXPECT_THROW(UpdateDataset(*store_, org_, dataset.id, std::nullopt,
                             {{"dod", std::nullopt, true, std::nullopt, std::nullopt}}),
               Error);
  EXPECT_THROW(UpdateDataset(*store_, org_, dataset.id, std::nullopt,
                             {{"saknas", "outcome", std::nullopt, std::nullopt, std::nullopt}}),
               Error);
  EXPECT_THROW(UpdateDataset(*store_, org_, dataset.id, std::nullopt,
                             {{"dod", "bad role", std::nullopt, std::nullopt, std::nullopt}}),
               Error);
}

// What a crash leaves (an unfinished upload, a stored file whose row was never committed) is
// removed at start-up; a dataset with its row keeps its file and stays readable.
TEST_P(DatasetsTest, TheSweepRemovesWhatNoRowNamesAndKeepsEveryDataset) {
  const Dataset kept =
      ImportDataset(*store_, data_dir_, org_, user_, "behålls", "a.csv", Upload(kGoodCsv));
  std::ofstream(fs::path(data_dir_) / "uploads" / "cut-off.part") << "kommun;kon\n18";
  fs::create_directories(fs::path(data_dir_) / "datasets" / "99");
  std::ofstream(fs::path(data_dir_) / "datasets" / "99" / "orphan.csv") << kGoodCsv;
  std::ofstream(fs::path(data_dir_) / "datasets" / std::to_string(org_) / "orphan.csv") << "x";
  ASSERT_EQ(FilesUnder("datasets"), 3U);

  const SweepReport report = SweepDataFolder(*store_, data_dir_);
  EXPECT_EQ(report.unfinished_uploads, 1U);
  EXPECT_EQ(report.orphaned_files, 2U);
  EXPECT_EQ(FilesUnder("uploads"), 0U);
  EXPECT_EQ(FilesUnder("datasets"), 1U);
  const auto found = FindDataset(*store_, org_, kept.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(LoadDatasetTable(data_dir_, *found).num_rows(), 3U);
  EXPECT_EQ(SweepDataFolder(*store_, data_dir_).orphaned_files, 0U);
}

// Names are checked as UTF-8 and counted in characters; names stored before the check are
// repaired once (SQLite kept any bytes; PostgreSQL refuses invalid UTF-8 itself).
TEST_P(DatasetsTest, NamesAreUtf8CountedInCharactersAndOldBadNamesAreRepaired) {
  EXPECT_THROW(
      ImportDataset(*store_, data_dir_, org_, user_, "\xFF\xFE", "a.csv", Upload(kGoodCsv)), Error);
  EXPECT_THROW(ImportDataset(*store_, data_dir_, org_, user_, "", "\xE4.csv", Upload(kGoodCsv)),
               Error);
  EXPECT_EQ(FilesUnder("datasets") + FilesUnder("uploads"), 0U);
  std::string long_name = "Välfärd 1";
  for (int i = 0; i < 191; ++i) long_name += "ä";  // 200 characters, 391 bytes
  const Dataset dataset =
      ImportDataset(*store_, data_dir_, org_, user_, long_name, "a.csv", Upload(kGoodCsv));
  EXPECT_EQ(dataset.name, long_name);
  EXPECT_THROW(UpdateDataset(*store_, org_, dataset.id, long_name + "ä", {}), Error);

  const std::string bad = "V\xE4lf\xE4rd";
  if (GetParam() == "postgresql") {
    EXPECT_THROW(store_->Acquire()->Query("UPDATE datasets SET name = $1", {bad}), Error);
    return;
  }
  store_->Acquire()->Query("UPDATE datasets SET name = $1", {bad});
  store_->Acquire()->Query("DELETE FROM maintenance");
  EXPECT_EQ(RepairStoredNames(*store_), 1U);
  EXPECT_EQ(FindDataset(*store_, org_, dataset.id)->name, "V\xEF\xBF\xBDlf\xEF\xBF\xBDrd");
  store_->Acquire()->Query("UPDATE datasets SET name = $1", {bad});
  EXPECT_EQ(RepairStoredNames(*store_), 0U);  // once per store
}

INSTANTIATE_TEST_SUITE_P(Backends, DatasetsTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
