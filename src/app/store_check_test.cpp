// The operator's store check finds each broken invariant, on every backend.
#include "app/store_check.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/datasets/datasets.hpp"
#include "app/examples/examples.hpp"
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

TEST_P(StoreCheckTest, FindsAnAttachmentWithoutItsFileAFileWithoutItsRowAndAChangedFile) {
  const std::string data_dir = scratch_->config().data_dir;
  const auto org = CreateOrganisation(*store_, "1880", "Örebro", OrganisationKind::kKommun)->id;
  const auto user = CreateUser(*store_, "anna@example.se", "Anna", "ett långt lösenord", false)->id;
  ExampleDraft draft;
  draft.title = "Läxhjälp";
  draft.what = "<p>Läxhjälp</p>";
  draft.contact_name = "Anna";
  draft.contact_email = "anna@example.se";
  const Example example = CreateExample(*store_, org, user, draft, 0);
  std::vector<Attachment> attachments;
  for (const char* name : {"borta.pdf", "ändrad.pdf", "längre.pdf", "gammal.pdf"}) {
    attachments.push_back(AddAttachment(*store_, data_dir, example.id, name,
                                        std::string("%PDF-1.4\n") + name + "\n%%EOF\n", 0));
  }
  const StoreCheck sound = CheckStore(*store_, data_dir);
  EXPECT_EQ(sound.attachments, 4U);
  EXPECT_TRUE(sound.problems.empty()) << sound.problems.front();
  EXPECT_EQ(attachments[0].sha256.size(), 64U);

  const auto path = [&](const Attachment& attachment) {
    return AttachmentPath(data_dir, attachment);
  };
  fs::remove(path(attachments[0]));
  {
    // The same size, another byte: only the checksum tells.
    std::fstream changed(path(attachments[1]), std::ios::in | std::ios::out | std::ios::binary);
    changed.seekp(9);
    changed.put('X');
  }
  std::ofstream(path(attachments[2]), std::ios::app | std::ios::binary) << "mer";
  // An attachment from before checksums were kept is checked by its size alone.
  store_->Acquire()->Query("UPDATE example_attachments SET sha256 = '' WHERE id = $1",
                           {attachments[3].id});
  std::ofstream(fs::path(data_dir) / "attachments" / "lös.pdf") << "%PDF-1.4\n";

  const StoreCheck broken = CheckStore(*store_, data_dir);
  ASSERT_EQ(broken.problems.size(), 4U) << ::testing::PrintToString(broken.problems);
  EXPECT_NE(broken.problems[0].find(fmt::format("{} ('borta.pdf'", attachments[0].id)),
            std::string::npos)
      << broken.problems[0];
  EXPECT_NE(broken.problems[0].find("attachments/" + attachments[0].stored_name),
            std::string::npos);
  EXPECT_NE(broken.problems[1].find("ändrad.pdf"), std::string::npos) << broken.problems[1];
  EXPECT_NE(broken.problems[1].find("SHA-256"), std::string::npos);
  EXPECT_NE(broken.problems[2].find("längre.pdf"), std::string::npos) << broken.problems[2];
  const std::int64_t bytes = attachments[2].bytes;
  EXPECT_NE(broken.problems[2].find(fmt::format("({} / {} byte)", bytes + 3, bytes)),
            std::string::npos)
      << broken.problems[2];
  EXPECT_NE(broken.problems[3].find("attachments/lös.pdf"), std::string::npos)
      << broken.problems[3];
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreCheckTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
