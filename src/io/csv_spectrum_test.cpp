// Conformance with csv-spectrum, a public suite of CSV files with their expected content as JSON
// (tests/data/csv-spectrum/README.md says where it comes from).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/csv_reader.hpp"

namespace jamlik {
namespace {

namespace fs = std::filesystem;

const fs::path kSpectrumDir = fs::path(JAMLIK_TEST_DATA_DIR) / "csv-spectrum";

// Where csv-spectrum 2.0.0's JSON disagrees with its own CSV: the CSV's value is checked.
struct Erratum {
  const char* file;
  std::size_t row;
  const char* column;
  const char* csv_value;
};
constexpr Erratum kErrata[] = {
    {"location_coordinates", 0, "Contact Phone Number", "2095257564"},
};

std::string Expected(const std::string& file, std::size_t row, const std::string& column,
                     const nlohmann::json& value) {
  for (const auto& erratum : kErrata) {
    if (file == erratum.file && row == erratum.row && column == erratum.column) {
      return erratum.csv_value;
    }
  }
  return value.get<std::string>();
}

TEST(CsvSpectrumTest, EveryFileReadsAsItsJsonSays) {
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(kSpectrumDir / "csvs")) {
    const std::string name = entry.path().stem().string();
    SCOPED_TRACE(name);
    std::ifstream json_file(kSpectrumDir / "json" / (name + ".json"));
    nlohmann::json rows = nlohmann::json::parse(json_file);
    // One file holds its single row as an object rather than an array of one.
    if (rows.is_object()) rows = nlohmann::json::array({rows});
    ASSERT_FALSE(rows.empty());
    CsvOptions options;
    for (const auto& [column, value] : rows[0].items()) {
      options.schema.push_back({column, ColumnType::kString, {}, false});
    }
    const Table table = ReadCsvFile(entry.path().string(), options);
    ASSERT_EQ(table.num_rows(), rows.size());
    ASSERT_EQ(table.num_columns(), rows[0].size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
      for (const auto& [column, value] : rows[row].items()) {
        const Column& cells = table.GetColumn(column);
        // Empty fields are nulls; csv-spectrum writes them as "".
        const std::string actual = cells.IsNull(row) ? "" : cells.strings()[row];
        EXPECT_EQ(actual, Expected(name, row, column, value)) << "row " << row << ", " << column;
      }
    }
    ++files;
  }
  EXPECT_EQ(files, 12U);
}

}  // namespace
}  // namespace jamlik
