#include "app/datasets/datasets.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "app/accounts/credentials.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/csv_reader.hpp"
#include "pipeline/pipeline.hpp"

namespace jamlik::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRoles[] = {"area",   "period", "dimension", "outcome",
                                  "weight", "age",    "other"};

// Removes a file when it goes out of scope unless released: the upload is never left behind
// when reading or recording it fails.
class FileGuard {
 public:
  explicit FileGuard(fs::path path) : path_(std::move(path)) {}
  ~FileGuard() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove(path_, ignored);
  }
  FileGuard(const FileGuard&) = delete;
  FileGuard& operator=(const FileGuard&) = delete;
  void Release() { path_.clear(); }

 private:
  fs::path path_;
};

// Make a file's content, or a folder's entries (a rename into it), survive a power loss before
// the row that names it is committed.
void Sync(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) {
    throw Error(ErrorCode::kIo,
                fmt::format(fmt::runtime(Tr("kan inte skriva till disk: {}", "cannot sync: {}")),
                            std::strerror(errno)));
  }
}

std::optional<ColumnType> ParseColumnType(std::string_view name) {
  for (auto type :
       {ColumnType::kInt64, ColumnType::kDouble, ColumnType::kCategorical, ColumnType::kString}) {
    if (name == ColumnTypeName(type)) return type;
  }
  return std::nullopt;
}

std::string DefaultRole(const Column& column) {
  if (const DimensionInfo* known = FindDimension(column.name())) {
    switch (known->kind) {
      case DimensionKind::kArea:
        return "area";
      case DimensionKind::kPeriod:
        return "period";
      case DimensionKind::kGroup:
        return "dimension";
    }
  }
  if (column.name() == "alder") return "age";
  if (column.type() == ColumnType::kCategorical) return "dimension";
  return column.IsNumeric() ? "outcome" : "other";
}

DatasetColumn Describe(const Column& column) {
  DatasetColumn described;
  described.name = column.name();
  described.type = column.type();
  described.role = DefaultRole(column);
  described.null_count = static_cast<std::int64_t>(column.NullCount());
  if (column.type() == ColumnType::kCategorical) {
    const Dictionary& dictionary = column.categorical().dictionary;
    described.ordered = dictionary.ordered();
    const auto& categories = dictionary.categories();
    described.distinct_count = dictionary.size();
    described.categories.assign(
        categories.begin(),
        categories.begin() + std::min<std::size_t>(categories.size(), kMaxListedCategories));
    if (const DimensionInfo* known = FindDimension(column.name()); known && described.ordered) {
      described.advantaged = known->advantaged;
    }
  }
  return described;
}

std::string DelimiterText(char delimiter) { return std::string(1, delimiter); }

constexpr const char* kDatasetColumns =
    "id, organisation_id, name, file_name, stored_as, bytes, row_count, delimiter, encoding, "
    "decimal_comma, notes, created_at";

Dataset DatasetFrom(const store::Row& row) {
  Dataset dataset{row.Int(0), row.Int(1),  row.Text(2), row.Text(3), row.Text(4),
                  row.Int(5), row.Int(6),  row.Text(7), row.Text(8), row.Int(9) != 0,
                  {},         row.Int(11), {}};
  dataset.notes = nlohmann::json::parse(row.Text(10)).get<std::vector<std::string>>();
  return dataset;
}

std::vector<DatasetColumn> ColumnsOf(store::Connection& connection, std::int64_t dataset) {
  std::vector<DatasetColumn> columns;
  for (const auto& row :
       connection.Query("SELECT name, type, role, ordered, advantaged, categories, distinct_count, "
                        "null_count FROM dataset_columns WHERE dataset_id = $1 ORDER BY ordinal",
                        {dataset})) {
    columns.push_back({row.Text(0), ParseColumnType(row.Text(1)).value_or(ColumnType::kString),
                       row.Text(2), row.Int(3) != 0,
                       ParseAdvantagedEnd(row.Text(4)).value_or(AdvantagedEnd::kNone),
                       nlohmann::json::parse(row.Text(5)).get<std::vector<std::string>>(),
                       row.Int(6), row.Int(7)});
  }
  return columns;
}

store::Params ColumnParams(std::int64_t dataset, std::size_t ordinal, const DatasetColumn& column) {
  return {dataset,
          static_cast<std::int64_t>(ordinal),
          column.name,
          std::string(ColumnTypeName(column.type)),
          column.role,
          std::int64_t{column.ordered},
          std::string(AdvantagedEndId(column.advantaged)),
          nlohmann::json(column.categories).dump(),
          column.distinct_count,
          column.null_count};
}

void InsertColumns(store::Connection& connection, std::int64_t dataset,
                   const std::vector<DatasetColumn>& columns) {
  std::vector<store::Params> rows;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    rows.push_back(ColumnParams(dataset, i, columns[i]));
  }
  connection.ExecuteMany(
      "INSERT INTO dataset_columns (dataset_id, ordinal, name, type, role, ordered, advantaged, "
      "categories, distinct_count, null_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      rows);
}

[[noreturn]] void InvalidMark(const std::string& column, std::string_view swedish,
                              std::string_view english) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("kolumnen '{}': {}", "column '{}': {}")), column,
                          Tr(swedish, english)),
              {}, column);
}

void ApplyMarks(DatasetColumn& column, const ColumnMarks& marks) {
  if (marks.role) {
    if (!IsColumnRole(*marks.role)) {
      InvalidMark(column.name,
                  "rollen ska vara area, period, dimension, outcome, weight, age eller other",
                  "the role must be area, period, dimension, outcome, weight, age or other");
    }
    column.role = *marks.role;
  }
  const bool categorical = column.type == ColumnType::kCategorical;
  if ((marks.ordered || marks.categories) && !categorical) {
    InvalidMark(column.name, "bara kategoriska kolumner kan ordnas",
                "only categorical columns can be ordered");
  }
  if (marks.ordered) column.ordered = *marks.ordered;
  if (marks.advantaged) column.advantaged = *marks.advantaged;
  if (!column.ordered) column.advantaged = AdvantagedEnd::kNone;
  if (marks.categories) {
    const std::set<std::string> before(column.categories.begin(), column.categories.end());
    const std::set<std::string> after(marks.categories->begin(), marks.categories->end());
    if (column.distinct_count != static_cast<std::int64_t>(column.categories.size()) ||
        before != after || after.size() != marks.categories->size()) {
      InvalidMark(column.name, "kategorierna ska vara samma som i filen, i ny ordning",
                  "the categories must be those of the file, reordered");
    }
    column.categories = *marks.categories;
  }
}

}  // namespace

bool IsColumnRole(const std::string& role) {
  return std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles);
}

const char* AdvantagedEndId(AdvantagedEnd end) {
  switch (end) {
    case AdvantagedEnd::kNone:
      return "none";
    case AdvantagedEnd::kFirst:
      return "first";
    case AdvantagedEnd::kLast:
      return "last";
  }
  return "none";
}

std::optional<AdvantagedEnd> ParseAdvantagedEnd(std::string_view id) {
  for (auto end : {AdvantagedEnd::kNone, AdvantagedEnd::kFirst, AdvantagedEnd::kLast}) {
    if (id == AdvantagedEndId(end)) return end;
  }
  return std::nullopt;
}

Dataset ImportDataset(store::Store& store, const std::string& data_dir, std::int64_t organisation,
                      std::int64_t user, const std::string& name, const std::string& file_name,
                      const std::string& upload_path) {
  FileGuard upload(upload_path);
  CheckName(file_name, "file_name");
  if (!name.empty()) CheckName(name, "name");
  CsvFormat format;
  const Table table = pipeline::ReadData(upload_path, {}, &format);

  const fs::path relative =
      fs::path("datasets") / std::to_string(organisation) / (RandomHex(16) + ".csv");
  const fs::path target = fs::path(data_dir) / relative;
  fs::create_directories(target.parent_path());
  fs::rename(upload_path, target);
  upload.Release();
  FileGuard stored(target);
  Sync(target, O_RDONLY);
  Sync(target.parent_path(), O_RDONLY | O_DIRECTORY);

  Dataset dataset{0,
                  organisation,
                  name.empty() ? file_name : name,
                  file_name,
                  relative.string(),
                  static_cast<std::int64_t>(format.bytes),
                  static_cast<std::int64_t>(table.num_rows()),
                  DelimiterText(format.delimiter),
                  TextEncodingName(format.encoding),
                  format.decimal_mark == DecimalMark::kComma,
                  format.notes,
                  static_cast<std::int64_t>(std::time(nullptr)),
                  {}};
  for (const auto& column : table.columns()) dataset.columns.push_back(Describe(column));

  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  dataset.id =
      connection
          ->Query(
              "INSERT INTO datasets (organisation_id, name, file_name, stored_as, bytes, "
              "row_count, delimiter, encoding, decimal_comma, notes, created_by, created_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
              {organisation, dataset.name, dataset.file_name, dataset.stored_as, dataset.bytes,
               dataset.row_count, dataset.delimiter, dataset.encoding,
               std::int64_t{dataset.decimal_comma}, nlohmann::json(dataset.notes).dump(), user,
               dataset.created_at})
          .at(0)
          .Int(0);
  InsertColumns(*connection, dataset.id, dataset.columns);
  transaction.Commit();
  stored.Release();
  return dataset;
}

std::vector<Dataset> ListDatasets(store::Store& store, std::int64_t organisation) {
  std::vector<Dataset> datasets;
  for (const auto& row : store.Acquire()->Query(
           fmt::format("SELECT {} FROM datasets WHERE organisation_id = $1 ORDER BY created_at "
                       "DESC, id DESC",
                       kDatasetColumns),
           {organisation})) {
    datasets.push_back(DatasetFrom(row));
  }
  return datasets;
}

std::optional<Dataset> FindDatasetRecord(store::Store& store, std::int64_t organisation,
                                         std::int64_t id) {
  const store::Rows rows = store.Acquire()->Query(
      fmt::format("SELECT {} FROM datasets WHERE id = $1 AND organisation_id = $2",
                  kDatasetColumns),
      {id, organisation});
  if (rows.empty()) return std::nullopt;
  return DatasetFrom(rows[0]);
}

std::optional<Dataset> FindDataset(store::Store& store, std::int64_t organisation,
                                   std::int64_t id) {
  std::optional<Dataset> dataset = FindDatasetRecord(store, organisation, id);
  if (dataset) dataset->columns = ColumnsOf(*store.Acquire(), id);
  return dataset;
}

std::optional<Dataset> UpdateDataset(store::Store& store, std::int64_t organisation,
                                     std::int64_t id, const std::optional<std::string>& name,
                                     const std::vector<ColumnMarks>& marks) {
  std::optional<Dataset> dataset = FindDataset(store, organisation, id);
  if (!dataset) return std::nullopt;
  const Dataset before = *dataset;
  for (const auto& mark : marks) {
    auto column = std::find_if(dataset->columns.begin(), dataset->columns.end(),
                               [&](const DatasetColumn& c) { return c.name == mark.name; });
    if (column == dataset->columns.end()) {
      throw Error(ErrorCode::kUnknownColumn,
                  fmt::format(fmt::runtime(Tr("kolumnen '{}' finns inte i datamängden",
                                              "column '{}' is not in the dataset")),
                              mark.name),
                  {}, mark.name);
    }
    ApplyMarks(*column, mark);
  }
  if (name) {
    CheckName(*name, "name");
    dataset->name = *name;
  }
  // Only what changed is written: a rename rewrites one row, not every column's.
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  if (dataset->name != before.name) {
    connection->Query("UPDATE datasets SET name = $1 WHERE id = $2", {dataset->name, id});
  }
  for (std::size_t i = 0; i < dataset->columns.size(); ++i) {
    const DatasetColumn& column = dataset->columns[i];
    const DatasetColumn& old = before.columns[i];
    if (column.role == old.role && column.ordered == old.ordered &&
        column.advantaged == old.advantaged && column.categories == old.categories) {
      continue;
    }
    connection->Query(
        "UPDATE dataset_columns SET role = $1, ordered = $2, advantaged = $3, categories = $4 "
        "WHERE dataset_id = $5 AND ordinal = $6",
        {column.role, std::int64_t{column.ordered}, std::string(AdvantagedEndId(column.advantaged)),
         nlohmann::json(column.categories).dump(), id, static_cast<std::int64_t>(i)});
  }
  transaction.Commit();
  return dataset;
}

bool DeleteDataset(store::Store& store, const std::string& data_dir, std::int64_t organisation,
                   std::int64_t id) {
  const store::Rows rows = store.Acquire()->Query(
      "DELETE FROM datasets WHERE id = $1 AND organisation_id = $2 RETURNING stored_as",
      {id, organisation});
  if (rows.empty()) return false;
  // The record goes first: a crash between the two leaves an unused file, never a record
  // without its file.
  std::error_code ignored;
  fs::remove(fs::path(data_dir) / rows[0].Text(0), ignored);
  return true;
}

SweepReport SweepDataFolder(store::Store& store, const std::string& data_dir) {
  SweepReport report;
  std::error_code error;
  const fs::path uploads = fs::path(data_dir) / "uploads";
  for (fs::directory_iterator it(uploads, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file() && fs::remove(it->path(), error)) ++report.unfinished_uploads;
  }
  const fs::path datasets = fs::path(data_dir) / "datasets";
  if (!fs::exists(datasets, error)) return report;
  std::set<std::string> named;
  for (const auto& row : store.Acquire()->Query("SELECT stored_as FROM datasets")) {
    named.insert(fs::path(row.Text(0)).lexically_normal().string());
  }
  for (fs::recursive_directory_iterator it(datasets, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_regular_file()) continue;
    const std::string relative =
        it->path().lexically_relative(data_dir).lexically_normal().string();
    if (!named.contains(relative) && fs::remove(it->path(), error)) ++report.orphaned_files;
  }
  return report;
}

Table LoadDatasetTable(const std::string& data_dir, const Dataset& dataset) {
  CsvOptions options;
  for (const auto& column : dataset.columns) {
    const DimensionInfo* known = FindDimension(column.name);
    // Area codes keep the catalogue's rules (zero padding); incomplete lists cannot be declared.
    if (column.type != ColumnType::kCategorical || (known && known->kind == DimensionKind::kArea) ||
        column.distinct_count != static_cast<std::int64_t>(column.categories.size())) {
      continue;
    }
    CsvColumnSpec spec{column.name, ColumnType::kCategorical, column.categories, column.ordered};
    if (column.advantaged == AdvantagedEnd::kFirst) {
      std::reverse(spec.categories.begin(), spec.categories.end());
    }
    options.schema.push_back(std::move(spec));
  }
  // ReadData leaves the schema's columns as declared and applies the catalogue to the others.
  return pipeline::ReadData((fs::path(data_dir) / dataset.stored_as).string(), {.csv = options});
}

}  // namespace jamlik::app
