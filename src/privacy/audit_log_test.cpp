#include "privacy/audit_log.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "privacy/publish.hpp"

namespace jamlik {
namespace {

std::filesystem::path TempPath(const std::string& name) {
  const auto path =
      std::filesystem::temp_directory_path() /
      (name + "_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::remove(path);
  return path;
}

TEST(AuditLog, AppendsOneJsonLinePerRelease) {
  const auto log_path = TempPath("audit.jsonl");
  const auto data_path = TempPath("data.csv");
  std::ofstream(data_path) << "kommun,dod\n1814,1\n";
  FileAuditLog log(log_path.string());
  PublishContext context{
      "anna", "indicators spec.toml", IdentifyDataset(data_path.string()), &log, {}, {}};
  ResultRow row;
  row.indicator = "x";
  row.area_level = "riket";
  row.area = "00";
  row.dimension = "total";
  row.subgroup = "T";
  row.numerator = 2;
  row.denominator = 100;
  Publish({row}, DisclosureRules{}, context);
  PublishUnsuppressed({row}, context);

  std::ifstream in(log_path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0]["user"], "anna");
  EXPECT_EQ(lines[0]["action"], "publish");
  EXPECT_EQ(lines[0]["table"], "indicators spec.toml");
  EXPECT_EQ(lines[0]["dataset"]["path"], std::filesystem::absolute(data_path).string());
  EXPECT_EQ(lines[0]["dataset"]["size"], 18);
  EXPECT_EQ(lines[0]["rows"], 1);
  EXPECT_EQ(lines[0]["suppressed_rows"], 1);
  EXPECT_EQ(lines[1]["action"], "publish_unsuppressed");
  EXPECT_EQ(lines[1]["suppressed_rows"], 0);
  EXPECT_EQ(lines[0]["time"].get<std::string>().size(), 20U);  // 2026-11-23T19:05:10Z
}

TEST(AuditLog, RefusesDevices) {
  FileAuditLog log("/dev/null");
  try {
    log.Append({});
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kIo);
  }
}

TEST(AuditLog, FlagBeforeEnvironment) {
  EXPECT_EQ(AuditLogFromSettings(""), nullptr);
  EXPECT_NE(AuditLogFromSettings("/tmp/x.jsonl"), nullptr);
}

}  // namespace
}  // namespace jamlik
