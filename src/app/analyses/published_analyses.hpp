#pragma once
// Analyses of published results: a Kolada, SCB PxWeb or WHO HEAT Plus file uploaded by an analyst
// is read by the importers of src/published (the CLI's `jamlik import`) and saved as an analysis
// whose results are the imported rows, so that every door that reads a saved analysis (results,
// comparisons, inequality measures, plan targets, exports) reads it unchanged. An analyst without
// microdata works from such files alone.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/analyses/analyses.hpp"
#include "published/published_row.hpp"
#include "store/database.hpp"

namespace jamlik::app {

// The formats an upload may be, as the API names them; "auto" detects.
inline constexpr std::string_view kPublishedFormats[] = {"kolada", "scb", "heat"};

struct PublishedFile {
  std::string name;  // as the user named it ("page_1.json"): what errors and the source show
  std::string path;  // where it lies on the server (never shown)
};

struct PublishedImport {
  std::string format;  // kolada, scb or heat
  published::ImportedResults results;
};

// Return the format of a file by its content: an Excel workbook or text that is no JSON is a
// HEAT Plus template; JSON with Kolada's `values` of `kpi` and `municipality` is Kolada's; other
// JSON is SCB's (whose formats the SCB registry recognises, or refuses naming them).
std::string DetectPublishedFormat(const PublishedFile& file);

// Import the files as `format` (kolada, scb, heat or "auto"/"" to detect it from the first
// file): Kolada's pages as one response (or several), one SCB response, one HEAT Plus template.
// Throws the importers' errors (kBadValue naming the file as the user named it and the JSON
// pointer or row and column; kEmptyFile; kNotCsv) and kInvalidArgument at the field "format" or
// "file" when the format is unknown or several files are given for SCB or HEAT Plus.
PublishedImport ImportPublishedFiles(const std::vector<PublishedFile>& files,
                                     std::string_view format);

// Save the imported rows as an analysis of `organisation` named `name`, with its source (the
// format and the files' names) in one transaction, and record the import in the audit log. The
// figures are public already: no disclosure rule runs on them, but they leave the store as every
// analysis' results do, through PublishResults. Throws kInvalidArgument at "name" for a bad name.
Analysis SavePublishedAnalysis(store::Store& store, std::int64_t organisation, std::int64_t user,
                               const std::string& name, const std::vector<PublishedFile>& files,
                               const PublishedImport& imported);

}  // namespace jamlik::app
