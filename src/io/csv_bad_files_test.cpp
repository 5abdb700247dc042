// Read every file in tests/data/bad_csv and compare the error with the one written beside it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/csv_reader.hpp"

namespace jamlik {
namespace {

namespace fs = std::filesystem;

const fs::path kBadCsvDir = fs::path(JAMLIK_TEST_DATA_DIR) / "bad_csv";

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string FirstLine(const fs::path& path) {
  std::string line = Slurp(path);
  return line.substr(0, line.find('\n'));
}

// Parse a NAME.schema sidecar: `column=type` a line.
CsvOptions OptionsFor(const fs::path& csv) {
  CsvOptions options;
  fs::path schema = csv;
  schema.replace_extension(".schema");
  if (!fs::exists(schema)) return options;
  std::istringstream lines(Slurp(schema));
  for (std::string line; std::getline(lines, line);) {
    const std::size_t equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string type = line.substr(equals + 1);
    CsvColumnSpec spec;
    spec.name = line.substr(0, equals);
    if (type == "int64") spec.type = ColumnType::kInt64;
    if (type == "double") spec.type = ColumnType::kDouble;
    if (type == "categorical") spec.type = ColumnType::kCategorical;
    if (type == "string") spec.type = ColumnType::kString;
    EXPECT_TRUE(spec.type) << schema << ": unknown type " << type;
    options.schema.push_back(spec);
  }
  return options;
}

// Read `name` from the corpus folder, so that messages name the file as a user would.
std::string ErrorReading(const std::string& name, const CsvOptions& options) {
  const fs::path previous = fs::current_path();
  fs::current_path(kBadCsvDir);
  std::string message = "(no error)";
  try {
    ReadCsvFile(name, options);
  } catch (const Error& error) {
    message = error.what();
  }
  fs::current_path(previous);
  return message;
}

std::vector<fs::path> BadFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kBadCsvDir)) {
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(CsvBadFilesTest, EveryFileFailsWithItsExpectedMessage) {
  const std::vector<fs::path> files = BadFiles();
  ASSERT_GE(files.size(), 15U);
  for (const auto& csv : files) {
    SCOPED_TRACE(csv.filename().string());
    fs::path expected = csv;
    expected.replace_extension(".expected");
    ASSERT_TRUE(fs::exists(expected));
    const CsvOptions options = OptionsFor(csv);
    SetLanguage(Language::kEnglish);
    EXPECT_EQ(ErrorReading(csv.filename().string(), options), FirstLine(expected));
    const fs::path swedish = fs::path(expected.string() + ".sv");
    if (fs::exists(swedish)) {
      SetLanguage(Language::kSwedish);
      EXPECT_EQ(ErrorReading(csv.filename().string(), options), FirstLine(swedish));
    }
  }
  SetLanguage(Language::kEnglish);
}

}  // namespace
}  // namespace jamlik
