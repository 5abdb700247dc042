#include "app/analyses/analyses.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <type_traits>
#include <variant>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses_internal.hpp"
#include "app/analyses/audit_trail.hpp"
#include "app/analyses/indicator_json.hpp"
#include "app/datasets/datasets.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "pipeline/pipeline.hpp"
#include "privacy/publish.hpp"

namespace jamlik::app {
namespace {

constexpr const char* kAnalysisColumns =
    "id, organisation_id, dataset_id, name, definitions, result_count, created_at, source";

// The store's analysis_results columns in the result fields' order (ResultFields).
const std::vector<std::string>& ResultColumns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> names;
    for (const ResultField& field : ResultFields()) {
      for (auto& name : StoredColumnNames(field)) names.push_back(std::move(name));
    }
    return names;
  }();
  return columns;
}

Analysis AnalysisFrom(const store::Row& row) {
  return {row.Int(0),  row.Int(1), row.OptionalInt(2), row.Text(3),
          row.Text(4), row.Int(5), row.Int(6),         row.Text(7)};
}

store::Params ResultParams(std::int64_t analysis, std::size_t ordinal, const ResultRow& r) {
  store::Params params{analysis, static_cast<std::int64_t>(ordinal)};
  for (const ResultField& field : ResultFields()) {
    std::visit(
        [&](auto member) {
          const auto& value = r.*member;
          using Value = std::remove_cvref_t<decltype(value)>;
          if constexpr (std::is_same_v<Value, BilingualText>) {
            params.emplace_back(value.sv);
            params.emplace_back(value.en);
          } else if constexpr (std::is_same_v<Value, std::optional<double>>) {
            params.push_back(value ? store::Value(*value) : store::Value(std::monostate{}));
          } else if constexpr (std::is_same_v<Value, bool>) {
            params.emplace_back(std::int64_t{value});
          } else if constexpr (LabelledEnum<Value>) {
            params.emplace_back(std::string(EnumId(value)));
          } else {
            params.emplace_back(value);
          }
        },
        field.member);
  }
  return params;
}

ResultRow ResultFrom(const store::Row& row) {
  ResultRow r;
  std::size_t index = 0;
  for (const ResultField& field : ResultFields()) {
    std::visit(
        [&](auto member) {
          auto& value = r.*member;
          using Value = std::remove_cvref_t<decltype(value)>;
          if constexpr (std::is_same_v<Value, BilingualText>) {
            value.sv = row.Text(index++);
            value.en = row.Text(index++);
          } else if constexpr (std::is_same_v<Value, std::optional<double>>) {
            value = row.OptionalDouble(index++);
          } else if constexpr (std::is_same_v<Value, bool>) {
            value = row.Int(index++) != 0;
          } else if constexpr (std::is_same_v<Value, std::int64_t>) {
            value = row.Int(index++);
          } else if constexpr (std::is_same_v<Value, double>) {
            value = row.Double(index++);
          } else if constexpr (LabelledEnum<Value>) {
            value = ResultFieldEnum<Value>(field, row.Text(index++));
          } else {
            value = row.Text(index++);
          }
        },
        field.member);
  }
  return r;
}

// How the audit log names a dataset of the store: its id, name and file, size and upload time.
DatasetIdentity IdentityOf(const Dataset& dataset) {
  return {fmt::format("dataset {}: {} ({})", dataset.id, dataset.name, dataset.file_name),
          static_cast<std::uintmax_t>(dataset.bytes), IsoTime(dataset.created_at)};
}

}  // namespace

std::string UserName(store::Store& store, std::int64_t user) {
  // A command run on the server's store (`jamlik plan report` without --user) reads as no account.
  if (user == 0) return "command line";
  const auto who = FindUser(store, user);
  return who ? who->email : fmt::format("user {}", user);
}

void InsertAnalysis(store::Store& store, Analysis& analysis, const std::vector<ResultRow>& results,
                    std::int64_t user) {
  std::vector<store::Params> rows;
  rows.reserve(results.size());
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  analysis.id =
      connection
          ->Query(
              "INSERT INTO analyses (organisation_id, dataset_id, name, definitions, result_count, "
              "created_by, created_at, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "
              "id",
              {analysis.organisation_id,
               analysis.dataset_id ? store::Value(*analysis.dataset_id)
                                   : store::Value(std::monostate{}),
               analysis.name, analysis.definitions_json, analysis.result_count, user,
               analysis.created_at, analysis.source})
          .at(0)
          .Int(0);
  for (std::size_t i = 0; i < results.size(); ++i) {
    rows.push_back(ResultParams(analysis.id, i, results[i]));
  }
  std::string placeholders = "$1, $2";
  for (std::size_t i = 0; i < ResultColumns().size(); ++i) {
    placeholders += fmt::format(", ${}", i + 3);
  }
  connection->ExecuteMany(
      fmt::format("INSERT INTO analysis_results (analysis_id, ordinal, {}) VALUES ({})",
                  fmt::join(ResultColumns(), ", "), placeholders),
      rows);
  transaction.Commit();
}

std::optional<Analysis> RunAnalysis(store::Store& store, const std::string& data_dir,
                                    std::int64_t organisation, std::int64_t user,
                                    const std::string& name, std::int64_t dataset,
                                    const std::vector<IndicatorDefinition>& definitions) {
  CheckName(name, "name");
  const std::optional<Dataset> source = FindDataset(store, organisation, dataset);
  if (!source) return std::nullopt;
  // Disclosure control before anything is stored: the store never holds a cell that may not be
  // shown, and every view and export reads the same protected table.
  StoreAuditLog audit(store, organisation, user);
  PublishContext context;
  context.user = UserName(store, user);
  context.table = fmt::format("analysis '{}'", name);
  context.dataset = IdentityOf(*source);
  context.audit = &audit;
  const PublishedResults published = pipeline::ComputeAndPublish(
      LoadDatasetTable(data_dir, *source), definitions, DeploymentDisclosureRules(), context);
  const std::vector<ResultRow>& results = published.rows();

  Analysis analysis{0,
                    organisation,
                    dataset,
                    name,
                    IndicatorDefinitionsToJson(definitions).dump(),
                    static_cast<std::int64_t>(results.size()),
                    static_cast<std::int64_t>(std::time(nullptr)),
                    {}};
  InsertAnalysis(store, analysis, results, user);
  return analysis;
}

std::vector<Analysis> ListAnalyses(store::Store& store, std::int64_t organisation) {
  std::vector<Analysis> analyses;
  for (const auto& row :
       store.Acquire()->Query(fmt::format("SELECT {} FROM analyses WHERE organisation_id = $1 "
                                          "ORDER BY created_at DESC, id DESC",
                                          kAnalysisColumns),
                              {organisation})) {
    analyses.push_back(AnalysisFrom(row));
  }
  return analyses;
}

std::optional<Analysis> FindAnalysis(store::Store& store, std::int64_t organisation,
                                     std::int64_t id) {
  const store::Rows rows = store.Acquire()->Query(
      fmt::format("SELECT {} FROM analyses WHERE id = $1 AND organisation_id = $2",
                  kAnalysisColumns),
      {id, organisation});
  if (rows.empty()) return std::nullopt;
  return AnalysisFrom(rows[0]);
}

bool DeleteAnalysis(store::Store& store, std::int64_t organisation, std::int64_t id) {
  return !store.Acquire()
              ->Query("DELETE FROM analyses WHERE id = $1 AND organisation_id = $2 RETURNING id",
                      {id, organisation})
              .empty();
}

void AuditResultsRead(store::Store& store, const Analysis& analysis, std::int64_t user,
                      const std::string& user_name, std::string_view action, std::size_t rows,
                      std::size_t suppressed_rows) {
  AuditRecord record;
  record.action = std::string(action);
  record.table = fmt::format("analysis {} '{}'", analysis.id, analysis.name);
  if (analysis.dataset_id) {
    if (const auto dataset =
            FindDatasetRecord(store, analysis.organisation_id, *analysis.dataset_id)) {
      record.dataset = IdentityOf(*dataset);
    }
  }
  if (record.dataset.path.empty() && !analysis.source.empty()) {
    record.dataset.path = PublishedSourceName(analysis.source);
  }
  if (record.dataset.path.empty()) record.dataset.path = "(deleted dataset)";
  record.user = user_name;
  record.rows = rows;
  record.suppressed_rows = suppressed_rows;
  StoreAuditLog(store, analysis.organisation_id, user).Append(std::move(record));
}

PublishedResults PublishResults(store::Store& store, const Analysis& analysis, std::int64_t user,
                                std::string_view action) {
  std::vector<ResultRow> rows;
  rows.reserve(analysis.result_count);
  for (const auto& row : store.Acquire()->Query(
           fmt::format("SELECT {} FROM analysis_results WHERE analysis_id = $1 ORDER BY ordinal",
                       fmt::join(ResultColumns(), ", ")),
           {analysis.id})) {
    rows.push_back(ResultFrom(row));
  }
  std::size_t suppressed = 0;
  for (const ResultRow& row : rows) suppressed += row.suppressed;
  AuditResultsRead(store, analysis, user, UserName(store, user), action, rows.size(), suppressed);
  return KeptRelease(std::move(rows));
}

Table AnalysisInequality(store::Store& store, const Analysis& analysis, std::int64_t user,
                         const std::vector<std::string>& measures, inequality::SlopeForm slope_form,
                         std::string_view action) {
  const Table results = pipeline::ResultTable(PublishResults(store, analysis, user, action));
  return pipeline::Measures(results, {.measures = measures, .slope_form = slope_form});
}

std::optional<ReleasedSummary> DatasetDistribution(store::Store& store, const std::string& data_dir,
                                                   std::int64_t organisation, std::int64_t user,
                                                   std::int64_t dataset,
                                                   const pipeline::DistributionRequest& request) {
  const std::optional<Dataset> source = FindDataset(store, organisation, dataset);
  if (!source) return std::nullopt;
  StoreAuditLog audit(store, organisation, user);
  PublishContext context;
  context.user = UserName(store, user);
  context.table = pipeline::DistributionTableName(request);
  context.dataset = IdentityOf(*source);
  context.audit = &audit;
  return pipeline::DistributionAndPublish(LoadDatasetTable(data_dir, *source), request,
                                          DeploymentDisclosureRules(), context);
}

}  // namespace jamlik::app
