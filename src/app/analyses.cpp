#include "app/analyses.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "app/accounts.hpp"
#include "app/audit_trail.hpp"
#include "app/datasets.hpp"
#include "app/indicator_json.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/compute_indicators.hpp"
#include "inequality/result_inequality.hpp"
#include "privacy/publish.hpp"

namespace jamlik::app {
namespace {

constexpr const char* kAnalysisColumns =
    "id, organisation_id, dataset_id, name, definitions, result_count, created_at";

// The result columns in table order; the store's analysis_results mirrors ResultRow.
constexpr const char* kResultColumns =
    "indicator, indicator_name, indicator_type, area_level, area, period, dimension, subgroup, "
    "subgroup_order, ordered_dimension, reference_subgroup, favourable_indicator, "
    "indicator_scale, estimate, lower, upper, confidence, lower_2, upper_2, confidence_2, "
    "numerator, denominator, population, method, flag, suppressed, suppression_reason";

Analysis AnalysisFrom(const store::Row& row) {
  return {row.Int(0),  row.Int(1), row.OptionalInt(2), row.Text(3),
          row.Text(4), row.Int(5), row.Int(6)};
}

store::Value Optional(const std::optional<double>& value) {
  return value ? store::Value(*value) : store::Value(std::monostate{});
}

store::Params ResultParams(std::int64_t analysis, std::size_t ordinal, const ResultRow& r) {
  return {analysis,
          static_cast<std::int64_t>(ordinal),
          r.indicator,
          r.indicator_name,
          r.indicator_type,
          r.area_level,
          r.area,
          r.period,
          r.dimension,
          r.subgroup,
          r.subgroup_order,
          std::int64_t{r.ordered_dimension},
          std::int64_t{r.reference_subgroup},
          std::int64_t{r.favourable_indicator},
          r.indicator_scale,
          Optional(r.estimate),
          Optional(r.lower),
          Optional(r.upper),
          r.confidence,
          Optional(r.lower_2),
          Optional(r.upper_2),
          Optional(r.confidence_2),
          Optional(r.numerator),
          Optional(r.denominator),
          Optional(r.population),
          r.method,
          r.flag,
          std::int64_t{r.suppressed},
          r.suppression_reason};
}

ResultRow ResultFrom(const store::Row& row) {
  ResultRow r;
  r.indicator = row.Text(0);
  r.indicator_name = row.Text(1);
  r.indicator_type = row.Text(2);
  r.area_level = row.Text(3);
  r.area = row.Text(4);
  r.period = row.Text(5);
  r.dimension = row.Text(6);
  r.subgroup = row.Text(7);
  r.subgroup_order = row.Int(8);
  r.ordered_dimension = row.Int(9) != 0;
  r.reference_subgroup = row.Int(10) != 0;
  r.favourable_indicator = row.Int(11) != 0;
  r.indicator_scale = row.Double(12);
  r.estimate = row.OptionalDouble(13);
  r.lower = row.OptionalDouble(14);
  r.upper = row.OptionalDouble(15);
  r.confidence = row.Double(16);
  r.lower_2 = row.OptionalDouble(17);
  r.upper_2 = row.OptionalDouble(18);
  r.confidence_2 = row.OptionalDouble(19);
  r.numerator = row.OptionalDouble(20);
  r.denominator = row.OptionalDouble(21);
  r.population = row.OptionalDouble(22);
  r.method = row.Text(23);
  r.flag = row.Text(24);
  r.suppressed = row.Int(25) != 0;
  r.suppression_reason = row.Text(26);
  return r;
}

// How the audit log names a dataset of the store: its id, name and file, size and upload time.
DatasetIdentity IdentityOf(const Dataset& dataset) {
  return {fmt::format("dataset {}: {} ({})", dataset.id, dataset.name, dataset.file_name),
          static_cast<std::uintmax_t>(dataset.bytes),
          IsoTime(std::chrono::system_clock::from_time_t(dataset.created_at))};
}

// How the audit log names a user: by e-mail, or by id once the account is gone.
std::string UserName(store::Store& store, std::int64_t user) {
  const auto who = FindUser(store, user);
  return who ? who->email : fmt::format("user {}", user);
}

}  // namespace

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
  const PublishedResults published =
      Publish(ComputeIndicators(LoadDatasetTable(data_dir, *source), definitions),
              DeploymentDisclosureRules(), context);
  const std::vector<ResultRow>& results = published.rows();

  Analysis analysis{0,
                    organisation,
                    dataset,
                    name,
                    IndicatorDefinitionsToJson(definitions).dump(),
                    static_cast<std::int64_t>(results.size()),
                    static_cast<std::int64_t>(std::time(nullptr))};
  std::vector<store::Params> rows;
  rows.reserve(results.size());
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  analysis.id = connection
                    ->Query(
                        "INSERT INTO analyses (organisation_id, dataset_id, name, definitions, "
                        "result_count, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
                        "$7) RETURNING id",
                        {organisation, dataset, name, analysis.definitions_json,
                         analysis.result_count, user, analysis.created_at})
                    .at(0)
                    .Int(0);
  for (std::size_t i = 0; i < results.size(); ++i) {
    rows.push_back(ResultParams(analysis.id, i, results[i]));
  }
  connection->ExecuteMany(
      fmt::format("INSERT INTO analysis_results (analysis_id, ordinal, {}) VALUES ($1, $2, $3, "
                  "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
                  "$20, $21, $22, $23, $24, $25, $26, $27, $28, $29)",
                  kResultColumns),
      rows);
  transaction.Commit();
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

std::vector<ResultRow> PublishResults(store::Store& store, const Analysis& analysis,
                                      std::int64_t user, std::string_view action) {
  std::vector<ResultRow> rows;
  rows.reserve(analysis.result_count);
  for (const auto& row : store.Acquire()->Query(
           fmt::format("SELECT {} FROM analysis_results WHERE analysis_id = $1 ORDER BY ordinal",
                       kResultColumns),
           {analysis.id})) {
    rows.push_back(ResultFrom(row));
  }
  AuditRecord record;
  record.action = std::string(action);
  record.table = fmt::format("analysis {} '{}'", analysis.id, analysis.name);
  if (analysis.dataset_id) {
    if (const auto dataset =
            FindDatasetRecord(store, analysis.organisation_id, *analysis.dataset_id)) {
      record.dataset = IdentityOf(*dataset);
    }
  }
  if (record.dataset.path.empty()) record.dataset.path = "(deleted dataset)";
  record.user = UserName(store, user);
  record.rows = rows.size();
  for (const ResultRow& row : rows) record.suppressed_rows += row.suppressed;
  StoreAuditLog(store, analysis.organisation_id, user).Append(std::move(record));
  return rows;
}

Table AnalysisInequality(store::Store& store, const Analysis& analysis, std::int64_t user,
                         const std::vector<std::string>& measures) {
  const Table results = ResultRowsToTable(PublishResults(store, analysis, user, "inequality"));
  return inequality::ComputeInequality(results, {.measures = measures});
}

}  // namespace jamlik::app
