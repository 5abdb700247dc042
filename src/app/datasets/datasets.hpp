#pragma once
// Datasets an organisation uploads: the file, read once through the engine's CSV reader to learn
// its columns, kept under the data folder, and its metadata in the store. The analyst marks each
// column's role (dimension, outcome, weight …) and, for dimensions, whether its categories are
// ordered and which end is advantaged; analyses read the file back with those marks.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/column.hpp"
#include "core/dimensions.hpp"
#include "core/table.hpp"
#include "store/database.hpp"

namespace jamlik::app {

// What a column is for in analyses: area, period, dimension, outcome, weight, age or other.
bool IsColumnRole(const std::string& role);

struct DatasetColumn {
  std::string name;
  ColumnType type = ColumnType::kString;
  std::string role;
  bool ordered = false;
  AdvantagedEnd advantaged = AdvantagedEnd::kNone;  // of `categories` as listed
  // Categorical columns: the categories in the analyst's order (at most kMaxListedCategories).
  std::vector<std::string> categories;
  std::int64_t distinct_count = 0;  // categories in the file, listed or not
  std::int64_t null_count = 0;
};

inline constexpr std::size_t kMaxListedCategories = 1000;

const char* AdvantagedEndId(AdvantagedEnd end);  // "none", "first", "last"
std::optional<AdvantagedEnd> ParseAdvantagedEnd(std::string_view id);

struct Dataset {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string name;
  std::string file_name;  // as uploaded
  std::string stored_as;  // relative to the data folder
  std::int64_t bytes = 0;
  std::int64_t row_count = 0;
  std::string delimiter;  // ",", ";" or "\t"
  std::string encoding;   // of the file as uploaded
  bool decimal_comma = false;
  std::vector<std::string> notes;  // the reader's observations, in the uploader's language
  std::int64_t created_at = 0;
  std::vector<DatasetColumn> columns;  // empty in listings
};

// Read the upload at `upload_path` (a file inside `data_dir`) with the engine's CSV reader. On
// success move it under data_dir/datasets/ and record it with its columns; on failure remove it
// and let the reader's Error (with line, column, field and value) through: nothing is stored.
Dataset ImportDataset(store::Store& store, const std::string& data_dir, std::int64_t organisation,
                      std::int64_t user, const std::string& name, const std::string& file_name,
                      const std::string& upload_path);

std::vector<Dataset> ListDatasets(store::Store& store, std::int64_t organisation);
// Return the dataset with its columns when it belongs to `organisation`.
std::optional<Dataset> FindDataset(store::Store& store, std::int64_t organisation, std::int64_t id);
// The same without its columns: one row read, for what needs only its identity (the audit log).
std::optional<Dataset> FindDatasetRecord(store::Store& store, std::int64_t organisation,
                                         std::int64_t id);

// A change of one column's marks; unset fields stay as they are.
struct ColumnMarks {
  std::string name;
  std::optional<std::string> role;
  std::optional<bool> ordered;
  std::optional<AdvantagedEnd> advantaged;
  std::optional<std::vector<std::string>> categories;  // a reordering of the same categories
};

// Rename and re-mark in one transaction; throws kInvalidArgument or kUnknownColumn naming the
// column. Returns nullopt when the dataset is not the organisation's.
std::optional<Dataset> UpdateDataset(store::Store& store, std::int64_t organisation,
                                     std::int64_t id, const std::optional<std::string>& name,
                                     const std::vector<ColumnMarks>& marks);
// Remove the record and the file; false when the dataset is not the organisation's.
bool DeleteDataset(store::Store& store, const std::string& data_dir, std::int64_t organisation,
                   std::int64_t id);

// What start-up recovery removed (SweepDataFolder).
struct SweepReport {
  std::size_t unfinished_uploads = 0;  // uploads/*.part of requests a crash cut off
  std::size_t orphaned_files = 0;      // files under datasets/ that no dataset row names
};

// Undo what a crash left half-done, before the server takes requests: an upload is written to
// uploads/, moved under datasets/ and made durable, and only then is its row committed; a
// deletion removes the row first, then the file. So a file without a row is always a step that
// never completed, and is removed (it may hold microdata no one could see or delete). Call only
// while no upload is in progress (the data folder belongs to one server).
SweepReport SweepDataFolder(store::Store& store, const std::string& data_dir);

// Read the stored file with the analyst's marks: categories in the marked order, with the
// advantaged end last (the engine's convention for ordered dimensions).
Table LoadDatasetTable(const std::string& data_dir, const Dataset& dataset);

}  // namespace jamlik::app
