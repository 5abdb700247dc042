#include "io/xlsx_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace jamlik {
namespace {

TEST(WriteXlsxTest, WritesAZipWorkbookWithTheHeaderLabels) {
  const auto path = std::filesystem::temp_directory_path() / "jamlik_xlsx_test.xlsx";
  Validity validity = Validity::AllValid(2);
  validity.Clear(1);
  const Table table({Column::CategoricalFromStrings("subgroup", {"förgymnasial", "gymnasial"}),
                     Column::Double("estimate", {12.5, 0}, std::move(validity))});
  WriteXlsx(table, path.string(), "Resultat", [](const std::string& name) {
    return name == "estimate" ? "Skattning" : "Undergrupp";
  });
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // An .xlsx file is a zip archive ("PK") holding the workbook; no scratch file stays behind.
  ASSERT_GT(bytes.size(), 100U);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  for (const auto& entry : std::filesystem::directory_iterator(path.parent_path())) {
    EXPECT_EQ(entry.path().string().find("jamlik_xlsx_test.xlsx.build"), std::string::npos);
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace jamlik
