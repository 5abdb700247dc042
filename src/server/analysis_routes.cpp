// Analyses: run indicator definitions on a dataset, list and reopen saved analyses, and read
// their results as JSON, CSV or Excel, and the audit log of who did so. Every result leaves
// through app::PublishResults.
#include <fmt/format.h>

#include <set>
#include <sstream>

#include "app/analyses/analyses.hpp"
#include "app/analyses/audit_trail.hpp"
#include "app/analyses/indicator_json.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/result_table.hpp"
#include "inequality/registry.hpp"
#include "inequality/result_inequality.hpp"
#include "io/table_writer.hpp"
#include "pipeline/pipeline.hpp"
#include "server/result_cache.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {

using nlohmann::json;

namespace {

std::optional<app::Analysis> Find(Context& context) {
  auto analysis = app::FindAnalysis(context.state.store, context.org_id(), context.ids.at(1));
  if (!analysis) context.Fail(Problem::kNotFound);
  return analysis;
}

void List(Context& context) {
  json analyses = json::array();
  for (const auto& analysis : app::ListAnalyses(context.state.store, context.org_id())) {
    json summary = AnalysisJson(analysis);
    summary.erase("indicators");
    analyses.push_back(std::move(summary));
  }
  context.Json(200, {{"analyses", analyses}});
}

void Create(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  if (!body->contains("dataset_id") || !body->at("dataset_id").is_number_integer()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("dataset_id krävs och ska vara ett heltal",
                               "dataset_id is required and must be an integer")),
                {}, "dataset_id");
  }
  const auto definitions = app::IndicatorDefinitionsFromRequest(*body);
  const auto analysis = app::RunAnalysis(
      context.state.store, context.state.config.store.data_dir, context.org_id(), context.user().id,
      StringField(*body, "name"), body->at("dataset_id").get<std::int64_t>(), definitions);
  if (!analysis) return context.FailAtField(Problem::kNotFound, "dataset_id");
  context.response.set_header("Location", "/api/organisations/" + std::to_string(context.org_id()) +
                                              "/analyses/" + std::to_string(analysis->id));
  context.Json(201, AnalysisJson(*analysis));
}

// Serialised once per analysis and language, then sent from memory (result_cache.hpp); the
// analysis is looked up in the store first, so a deleted one answers 404 at once.
void Results(Context& context) {
  if (const auto analysis = Find(context)) ServeResults(context, *analysis);
}

json MeasureJson(const inequality::MeasureDescriptor& m) {
  return {{"id", m.id},
          {"label", Tr(m.label_sv, m.label_en)},
          {"interpretation", Tr(m.interpretation_sv, m.interpretation_en)},
          {"scale", m.scale == inequality::MeasureScale::kAbsolute ? "absolute" : "relative"},
          {"no_inequality", m.no_inequality},
          {"applicability",
           {{"binary", m.applicability.binary},
            {"ordered", m.applicability.ordered},
            {"unordered", m.applicability.unordered}}},
          {"se_on_log_scale", m.se_on_log_scale}};
}

// The measures of every indicator × area × period × dimension of the analysis' published results
// (app::AnalysisInequality), labels and reasons in the request's language.
void Inequality(Context& context) {
  const auto analysis = Find(context);
  if (!analysis) return;
  std::string asked = context.request.get_param_value("measures");
  if (asked.empty()) asked = app::kDefaultInequalityMeasures;
  const std::vector<std::string> ids = inequality::ParseMeasureList(asked);
  const std::string sii = context.request.get_param_value("sii");
  const Table table =
      app::AnalysisInequality(context.state.store, *analysis, context.user().id, ids,
                              inequality::ParseSlopeForm(sii.empty() ? "auto" : sii));

  // The measures asked for, each followed by the linear form the rows may carry instead (sii of
  // a rate is sii_linear), each once and only if some row has it or it was asked for.
  const Column& measure_column = table.GetColumn("measure");
  std::set<std::string> in_rows;
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    in_rows.insert(measure_column.ValueToString(row));
  }
  json measures = json::array();
  std::set<std::string> listed;
  const auto list = [&](const std::string& id) {
    if (!listed.insert(id).second) return;
    measures.push_back(
        MeasureJson(*inequality::MeasureRegistry().Find(inequality::InputKind::kSubgroups, id)));
  };
  for (const std::string& id : ids) {
    if (in_rows.contains(id) || in_rows.empty()) list(id);
    if (id == "sii" || id == "rii") {
      if (in_rows.contains(id + "_linear")) list(id + "_linear");
    }
  }
  // Text columns as strings ("" for a missing period), numbers and the reason as null when missing.
  std::vector<std::pair<const char*, const Column*>> texts, numbers;
  for (const char* name : {"indicator", "area_level", "area", "area_name", "period", "dimension",
                           "measure", "measure_label", "se_scale"}) {
    texts.emplace_back(name, &table.GetColumn(name));
  }
  for (const char* name : {"estimate", "se", "lower", "upper", "confidence"}) {
    numbers.emplace_back(name, &table.GetColumn(name));
  }
  const Column& reason = table.GetColumn("reason");
  const Column& reading = table.GetColumn(inequality::inequality_column::kReading);
  json rows = json::array();
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    json out = json::object();
    for (const auto& [name, column] : texts) {
      out[name] = column->IsNull(row) ? "" : column->ValueToString(row);
    }
    for (const auto& [name, column] : numbers) {
      out[name] = column->IsNull(row) ? json(nullptr) : json(column->NumericAt(row));
    }
    out["reason"] = reason.IsNull(row) ? json(nullptr) : json(reason.ValueToString(row));
    out["reading"] = reading.IsNull(row) ? json(nullptr) : json(reading.ValueToString(row));
    rows.push_back(std::move(out));
  }
  context.Json(200, {{"analysis_id", analysis->id},
                     {"language", CurrentLanguage() == Language::kSwedish ? "sv" : "en"},
                     {"measures", std::move(measures)},
                     {"rows", std::move(rows)}});
}

Table WithHeaderLabels(const Table& table) {
  std::vector<Column> columns = table.columns();
  for (Column& column : columns) column.set_name(pipeline::ColumnHeaderLabel(column.name()));
  return Table(std::move(columns));
}

// The results (and the measures) as people open them: codes with their labels beside them in the
// request's language, headers in words. CSV as the interface's Excel opens it (Swedish: ';' and
// a decimal comma; `decimal=point` for ',' and points), UTF-8 with a byte order mark; Excel with
// the results and the inequality measures on two sheets, numbers formatted. `table=inequality`
// makes the CSV of the measures.
void Export(Context& context) {
  const auto analysis = Find(context);
  if (!analysis) return;
  const std::string format = Choice(context.request, "format", {"csv", "xlsx"}, "");
  if (format.empty()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("format ska vara csv eller xlsx", "format must be csv or xlsx")), {},
                "format");
  }
  const std::string part = Choice(context.request, "table", {"results", "inequality"}, "results");
  const Language language = CurrentLanguage();
  const std::string decimal = Choice(context.request, "decimal", {"comma", "point"},
                                     language == Language::kSwedish ? "comma" : "point");
  const bool with_results = format == "xlsx" || part == "results";
  const bool with_measures = format == "xlsx" || part == "inequality";
  Table results, measures;
  if (with_results) {
    results = WithResultLabelColumns(
        pipeline::ResultTable(app::PublishResults(context.state.store, *analysis, context.user().id,
                                                  "export_" + format)),
        language);
  }
  if (with_measures) {
    measures = WithResultLabelColumns(
        app::AnalysisInequality(context.state.store, *analysis, context.user().id,
                                inequality::ParseMeasureList(app::kDefaultInequalityMeasures),
                                inequality::SlopeForm::kByIndicatorType,
                                "export_" + format + "_inequality"),
        language);
  }
  std::string content;
  std::string type;
  std::string file_name = analysis->name;
  if (format == "csv") {
    std::ostringstream out;
    CsvWriteOptions options = kSwedishExcelCsv;
    if (decimal == "point") options = {.delimiter = ',', .byte_order_mark = true};
    WriteCsv(WithHeaderLabels(with_results ? results : measures), out, options);
    content = out.str();
    type = "text/csv; charset=utf-8";
    if (part == "inequality") file_name += Tr(" – ojämlikhet", " – inequality");
  } else {
    const XlsxSheet sheets[] = {
        {std::string(Tr("Indikatorer", "Indicators")), &results, pipeline::ColumnHeaderLabel,
         [](const std::string& column) { return std::string(ResultColumnNumberFormat(column)); }},
        {std::string(Tr("Ojämlikhet", "Inequality")), &measures, pipeline::ColumnHeaderLabel,
         [](const std::string& column) {
           return std::string(inequality::InequalityColumnNumberFormat(column));
         }},
    };
    content = XlsxContent(sheets, context.state.config);
    type = kXlsxContentType;
  }
  context.response.set_header("Content-Disposition", ContentDisposition(file_name, format));
  context.response.set_content(content, type);
}

void Delete(Context& context) {
  if (!app::DeleteAnalysis(context.state.store, context.org_id(), context.ids.at(1))) {
    return context.Fail(Problem::kNotFound);
  }
  context.state.result_cache->Erase(context.ids.at(1));
  context.response.status = 204;
}

json AuditEntryJson(const app::AuditEntry& entry) {
  const AuditRecord& r = entry.record;
  return {{"id", entry.id},
          {"time", r.time},
          {"user_id", entry.user_id},
          {"user", r.user},
          {"action", r.action},
          {"table", r.table},
          {"dataset", r.dataset.path},
          {"dataset_bytes", r.dataset.size},
          {"dataset_modified", r.dataset.modified},
          {"rows", r.rows},
          {"suppressed_rows", r.suppressed_rows}};
}

void ListAuditLog(Context& context) {
  std::int64_t limit = 500;
  if (const std::string given = context.request.get_param_value("limit"); !given.empty()) {
    try {
      std::size_t used = 0;
      limit = std::stoll(given, &used);
      if (used != given.size()) throw std::invalid_argument(given);
    } catch (const std::logic_error&) {
      limit = 0;
    }
    if (limit < 1 || limit > 10000) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(Tr("limit ska vara ett heltal 1–10000",
                                 "limit must be a whole number 1–10000")),
                  {}, "limit");
    }
  }
  json entries = json::array();
  for (const auto& entry : app::ListAuditEntries(context.state.store, context.org_id(), limit)) {
    entries.push_back(AuditEntryJson(entry));
  }
  context.Json(200, {{"entries", std::move(entries)}});
}

}  // namespace

// The source of published results ({"format", "files"}) or null for a computed analysis.
json AnalysisJson(const app::Analysis& analysis) {
  return {{"id", analysis.id},
          {"organisation_id", analysis.organisation_id},
          {"dataset_id", analysis.dataset_id ? json(*analysis.dataset_id) : json(nullptr)},
          {"name", analysis.name},
          {"indicators", json::parse(analysis.definitions_json)},
          {"result_count", analysis.result_count},
          {"created_at", analysis.created_at},
          {"source", analysis.source.empty() ? json(nullptr) : json::parse(analysis.source)}};
}

void AddAnalysisRoutes(std::vector<Route>& routes) {
  const std::string base = "/api/organisations/{org}/analyses";
  routes.push_back({"GET", base, Access::kOrgRead, List});
  routes.push_back({"POST", base, Access::kOrgWrite, Create});
  routes.push_back({"GET", base + "/{analysis}", Access::kOrgRead, [](Context& context) {
                      if (const auto analysis = Find(context)) {
                        context.Json(200, AnalysisJson(*analysis));
                      }
                    }});
  routes.push_back({"DELETE", base + "/{analysis}", Access::kOrgWrite, Delete});
  routes.push_back({"GET", base + "/{analysis}/results", Access::kOrgRead, Results});
  routes.push_back({"GET", base + "/{analysis}/export", Access::kOrgRead, Export});
  routes.push_back({"GET", base + "/{analysis}/inequality", Access::kOrgRead, Inequality});
  routes.push_back(
      {"GET", "/api/organisations/{org}/audit-log", Access::kOrgManagement, ListAuditLog});
}

}  // namespace jamlik::server
