#pragma once
// The pipeline facade: read → define → compute → release → measures. The front doors (the CLI's
// commands, the Python module) call these functions instead of reaching into the engine's pieces,
// so that every door reads, releases and measures the same way. Every result a door receives is a
// released one (PublishedResults, ReleasedTable, ReleasedSummary), which only the release step in
// src/privacy constructs. Thin: each step is the engine's own
// function with the choices a door would otherwise repeat.
#include <cstddef>
#include <string>
#include <vector>

#include "core/group_by.hpp"
#include "core/table.hpp"
#include "indicators/indicator_definition.hpp"
#include "inequality/horizontal_inequity.hpp"
#include "inequality/registry.hpp"
#include "inequality/result_inequality.hpp"
#include "io/csv_reader.hpp"
#include "pipeline/distribution.hpp"  // distribution → release
#include "privacy/group_by_release.hpp"
#include "privacy/publish.hpp"
#include "privacy/summary_release.hpp"
#include "published/heat_plus.hpp"
#include "published/kolada.hpp"
#include "published/scb.hpp"

namespace jamlik::pipeline {

// ---- read ----

struct ReadOptions {
  CsvOptions csv{};  // delimiter, encoding, column types and orders (the schema)
  bool raw = false;  // skip the known-dimension catalogue
};

// Read a CSV file, or an Excel workbook's first sheet (io/xlsx_reader.hpp), and apply the known
// dimensions' category orders and area-code rules (unless raw), leaving the columns the schema
// declares as declared. Throws Error with file:line:column.
Table ReadData(const std::string& path, const ReadOptions& options = {},
               CsvFormat* format = nullptr);

// Apply the known-dimension catalogue to a table built elsewhere (a Python data frame), as ReadData
// does to a file's; the columns named in `declared` are left as they are.
Table PrepareData(Table table, const std::vector<std::string>& declared = {});

// ---- define ----

struct Definitions {
  std::vector<IndicatorDefinition> indicators;
  std::string source;  // the file's path, or the name that stands for TOML text
  std::string folder;  // what a standard-population file is relative to
};

// Read and validate the [[indicator]] definitions of a TOML file.
Definitions ReadDefinitions(const std::string& path);

// Read and validate definitions held as TOML text; `display_name` stands for the file in error
// messages, `folder` is what relative file names in them are relative to.
Definitions ParseDefinitions(const std::string& text, const std::string& display_name,
                             const std::string& folder = ".");

// ---- compute → release ----

// Compute the indicators of `definitions` on `data` and release them through disclosure control
// (or unsuppressed, when the request says so). The request's table is filled in from the
// definitions' source when empty; its dataset_path names the data's file (empty for data held in
// memory).
PublishedResults ComputeAndRelease(const Table& data, const Definitions& definitions,
                                   ReleaseRequest request);

// The same for a server, which brings its own rules (the deployment's) and audit log (the store's):
// compute and Publish under `context`.
PublishedResults ComputeAndPublish(const Table& data,
                                   const std::vector<IndicatorDefinition>& definitions,
                                   const DisclosureRules& rules, const PublishContext& context);

// The released rows as the long result table (ResultRowsToTable): what every door writes.
Table ResultTable(const PublishedResults& published);

// ---- import published statistics ----
// Kolada's and SCB's figures are published already, under their publishers' disclosure control;
// they become the long result table as they are (no Publish step, nothing recomputed), so that
// the comparisons and measures read them like computed results. Throws Error naming the file and
// where in it (line:column or a JSON pointer).

// Import Kolada API v3 files: the data pages of one response, optional KPI metadata (titles) and
// municipality groups (comparison groups).
published::KoladaImport ImportKolada(const published::KoladaFiles& files);

// Import an SCB PxWeb response: API v2 JSON-stat 2.0, API v1 json or JSON-stat.
published::ImportedResults ImportScb(const std::string& path);

// Import a WHO HEAT Plus template (CSV): its setting averages become total rows.
published::ImportedResults ImportHeatPlus(const std::string& path);

// The imported rows as the long result table (ResultRowsToTable).
Table ImportedTable(const published::ImportedResults& imported);

// ---- aggregate → release ----

struct AggregateRequest {
  GroupByRequest group_by{};                           // keys, values, weight, margins
  std::vector<Statistic> statistics{Statistic::kSum};  // per value column
};

// What the group-by step took, for a door that reports it (jamlik aggregate --timings).
struct AggregateTimings {
  double group_by_ms = 0.0;
  std::size_t groups = 0;
};

// Group `data` (GroupBy) and release the table through disclosure control (ReleaseGroupBy), or
// unsuppressed when the request says so. The request's table is "aggregate by KEYS" when empty.
ReleasedTable AggregateAndRelease(const Table& data, const AggregateRequest& aggregate,
                                  ReleaseRequest request, AggregateTimings* timings = nullptr);

// ---- inequity → release ----

struct InequityRequest {
  inequality::InequitySpec spec{};
  std::string filter{};                  // which persons, e.g. "alder >= 65"; empty: everyone
  std::string filter_name = "--filter";  // what names the filter in its error messages
  inequality::MeasureOptions measure{};  // the intervals' confidence
};

// The figures of a horizontal-inequity analysis for release: the table (item, kind, estimate, se,
// lower, upper, coefficient, mean, elasticity, concentration, persons; one row per summary — c_use,
// c_need_expected, hi — then the intercept, each regressor's contribution, need_total,
// nonneed_total and residual), the persons each row rests on (a category's regressor: the smaller
// of its category and the reference category) and the identities between the rows' estimates
// (README.md in src/privacy).
SummaryFigures InequityFigures(const inequality::InequityResult& result);

// Compute horizontal inequity on person data (inequality::HorizontalInequity, on the persons the
// filter keeps) and release its figures through disclosure control (ReleaseSummary), or
// unsuppressed when the request says so. The request's table is "inequity USE by RANK" (and
// "where FILTER") when empty.
ReleasedSummary InequityAndRelease(const Table& persons, const InequityRequest& inequity,
                                   ReleaseRequest request);

// ---- measures ----

// Inequality measures over released results (or a results file read back, or a HEAT Plus
// template): inequality::ComputeInequality.
Table Measures(const Table& results, const inequality::InequalityOptions& options);

// The measure registry as a table: id, input, label_sv, label_en, applicability, scale,
// no_inequality, interval, interpretation, reference (texts in the user's language).
Table MeasureRegistryTable();

// A measure's applicability ("binary, ordered") and interval method, in the user's language.
std::string ApplicabilityText(const inequality::MeasureDescriptor& measure);
std::string IntervalText(inequality::IntervalMethod method);

// Return the header people read of a column of a result, label or measure table, in the user's
// language ("estimate" → "Skattning", "measure_label" → "Mått", "kon" → "Kön"); other names as
// they are. For the doors people read: exports, the terminal.
std::string ColumnHeaderLabel(const std::string& column);

}  // namespace jamlik::pipeline
