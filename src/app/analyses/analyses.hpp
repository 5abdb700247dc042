#pragma once
// Analyses: indicator definitions run on one of the organisation's datasets by the engine
// (pipeline::ComputeAndPublish), saved with their long-format results so they can be reopened and
// exported without recomputing.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"
#include "indicators/indicator_definition.hpp"
#include "indicators/result_table.hpp"
#include "inequality/result_inequality.hpp"
#include "pipeline/distribution.hpp"
#include "privacy/publish.hpp"
#include "store/database.hpp"

namespace jamlik::app {

struct Analysis {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::optional<std::int64_t> dataset_id;  // unset once the dataset is deleted
  std::string name;
  std::string definitions_json;  // the indicator definitions in their JSON form
  std::int64_t result_count = 0;
  std::int64_t created_at = 0;
  // Where published results came from (published_analyses.hpp), as JSON text: {"format":
  // "kolada", "files": ["page_1.json", …]}; empty for an analysis computed on a dataset.
  std::string source;
};

// Compute the definitions on the dataset, apply disclosure control (src/privacy: the deployment's
// rules, JAMLIK_DISCLOSURE_RULES) and save the analysis with its published results in one
// transaction; the computation is recorded in the audit log. Returns nullopt when the dataset is
// not the organisation's; the engine's errors (an unknown column, a bad definition) pass through
// and nothing is saved.
std::optional<Analysis> RunAnalysis(store::Store& store, const std::string& data_dir,
                                    std::int64_t organisation, std::int64_t user,
                                    const std::string& name, std::int64_t dataset,
                                    const std::vector<IndicatorDefinition>& definitions);

std::vector<Analysis> ListAnalyses(store::Store& store, std::int64_t organisation);
std::optional<Analysis> FindAnalysis(store::Store& store, std::int64_t organisation,
                                     std::int64_t id);
bool DeleteAnalysis(store::Store& store, std::int64_t organisation, std::int64_t id);

// Return a saved analysis' results as they may be shown, recording in the audit log that `user`
// read them for `action` ("view", "export_csv", …): the one way results leave the store for any
// output (API, CSV, Excel). They were stored only after disclosure control (RunAnalysis), so they
// come back as the release they were (KeptRelease).
PublishedResults PublishResults(store::Store& store, const Analysis& analysis, std::int64_t user,
                                std::string_view action);

// Append the audit record of `user_name` (user id `user`) reading an analysis' released results,
// `rows` rows of which `suppressed_rows` suppressed, for `action`: what PublishResults records,
// for a door that serves the same immutable results from elsewhere (the server's result cache).
void AuditResultsRead(store::Store& store, const Analysis& analysis, std::int64_t user,
                      const std::string& user_name, std::string_view action, std::size_t rows,
                      std::size_t suppressed_rows);

// The measures the web application shows unless asked for others: D and R (every dimension
// type) and SII, RII, ACI and RCI (ordered dimensions such as education).
inline constexpr std::string_view kDefaultInequalityMeasures = "d,r,sii,rii,aci,rci";

// Return the subgroup inequality measures (pipeline::Measures, ids as
// inequality::ParseMeasureList gives them) of every indicator × area × period × dimension of a
// saved analysis. They are computed from PublishResults(…, "inequality") only, so from figures
// that may be shown: a suppressed subgroup counts as missing and no measure reveals it. Labels and
// reasons are in the calling thread's language (ScopedLanguage).
// slope_form: the form of sii and rii (by default logistic for proportions only). `action` is the
// audit record's (an export of the measures says so).
Table AnalysisInequality(store::Store& store, const Analysis& analysis, std::int64_t user,
                         const std::vector<std::string>& measures,
                         inequality::SlopeForm slope_form = inequality::SlopeForm::kByIndicatorType,
                         std::string_view action = "inequality");

// Return the distribution measures of a dataset of the organisation (pipeline::DistributionFigures)
// released under the deployment's disclosure rules and recorded in the organisation's audit log as
// a release of "distribution VALUE by BY" (where FILTER); nullopt when the dataset is not the
// organisation's. Nothing is stored.
std::optional<ReleasedSummary> DatasetDistribution(store::Store& store, const std::string& data_dir,
                                                   std::int64_t organisation, std::int64_t user,
                                                   std::int64_t dataset,
                                                   const pipeline::DistributionRequest& request);

}  // namespace jamlik::app
