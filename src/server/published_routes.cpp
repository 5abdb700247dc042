// Published statistics uploaded as an analysis: POST /api/organisations/{org}/published-results
// takes Kolada API v3 pages (one or several `file` parts), an SCB PxWeb response or a WHO HEAT
// Plus template (CSV or xlsx), imports them with the importers of src/published (format detected
// or given) and saves the rows as an analysis of published results (app/analyses/
// published_analyses.hpp), which every route of a saved analysis reads unchanged. The parts stream
// to files in the data folder, within a limit; a bad file answers the importer's problem (the
// file as the user named it, the JSON pointer or line and column) and nothing is saved.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "app/accounts/credentials.hpp"
#include "app/analyses/published_analyses.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/utf8.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Published responses are parsed in memory: Kolada's pages hold 5 000 values, SCB's calls 150 000
// cells, a few MB each. 64 MiB in all is far beyond any of them, and the deployment's upload limit
// applies when it is lower.
constexpr std::size_t kMaxPublishedBytes = std::size_t{64} << 20;
// Kolada's pages of one response or several: a hundred files is more than any query gives.
constexpr std::size_t kMaxPublishedFiles = 100;

// The uploaded parts' files, removed when the request is done, whatever happened.
struct PartFiles {
  std::vector<app::PublishedFile> files;
  ~PartFiles() {
    for (const auto& file : files) {
      std::error_code ignored;
      fs::remove(file.path, ignored);
    }
  }
};

std::string PartName(const std::string& name, std::size_t index) {
  // The client's file name is shown and audited: made valid UTF-8 before it is cut.
  const std::string base = RepairUtf8(fs::path(name).filename().string());
  return base.empty() ? "file" + std::to_string(index + 1)
                      : TruncateUtf8(base, app::kMaxNameCharacters);
}

// What was imported, for the analyst to check before going on: the indicators, areas and periods
// in the order the file gives them (periods sorted), the number of values and of missing ones.
json ImportSummary(const app::PublishedImport& imported) {
  json indicators = json::array(), areas = json::array(), notes = json::array();
  std::set<std::string> seen_indicators, seen_areas, periods;
  std::size_t values = 0, missing = 0;
  for (const ResultRow& row : imported.results.rows) {
    if (seen_indicators.insert(row.indicator).second) {
      indicators.push_back(
          {{"id", row.indicator}, {"name", std::string(row.indicator_name.InCurrentLanguage())}});
    }
    if (seen_areas.insert(row.area_level + "\x1f" + row.area).second) {
      areas.push_back({{"level", row.area_level},
                       {"code", row.area},
                       {"name", std::string(row.area_name.InCurrentLanguage())}});
    }
    periods.insert(row.period);
    (row.estimate ? values : missing) += 1;
  }
  for (const std::string& note : imported.results.notes) notes.push_back(note);
  return {{"format", imported.format}, {"indicators", std::move(indicators)},
          {"areas", std::move(areas)}, {"periods", json(periods)},
          {"values", values},          {"missing", missing},
          {"notes", std::move(notes)}};
}

void Import(Context& context) {
  if (!context.request.is_multipart_form_data()) {
    return context.Fail(Problem::kUnsupportedMediaType, "multipart/form-data");
  }
  const fs::path folder = fs::path(context.state.config.store.data_dir) / "uploads";
  fs::create_directories(folder);
  const std::size_t limit = std::min(kMaxPublishedBytes, context.state.config.max_upload_bytes);
  PartFiles parts;
  std::string name, format;
  std::string part;
  std::ofstream out;
  std::size_t bytes = 0;
  bool too_many = false, too_large = false;
  const bool received = (*context.reader)(
      [&](const httplib::MultipartFormData& header) {
        if (out.is_open()) out.close();
        part = header.name;
        if (part == "file") {
          if (parts.files.size() == kMaxPublishedFiles) {
            too_many = true;  // read on (within the limit), refuse when the body is in
            part.clear();
            return true;
          }
          const std::size_t index = parts.files.size();
          parts.files.push_back({PartName(header.filename, index),
                                 (folder / (app::RandomHex(16) + ".published.part")).string()});
          out.open(parts.files.back().path, std::ios::binary);
          return static_cast<bool>(out);
        }
        return true;
      },
      [&](const char* data, std::size_t size) {
        if (part == "file" || (part.empty() && too_many)) {
          bytes += size;
          if (bytes > limit) {
            too_large = true;
            return false;
          }
          if (part.empty()) return true;
          out.write(data, static_cast<std::streamsize>(size));
          return static_cast<bool>(out);
        }
        // A name or a format is short: more than a few times the longest allowed is not one.
        std::string& text = part == "name" ? name : format;
        if ((part == "name" || part == "format") && text.size() < 8 * app::kMaxNameCharacters) {
          text.append(data, size);
        }
        return true;
      });
  if (out.is_open()) out.close();
  if (too_large) {
    context.response.set_header("Connection", "close");
    context.Fail(Problem::kPayloadTooLarge, std::to_string(limit));
    return AnswerAndClose(context.request, context.response);
  }
  if (too_many) {
    throw Error(
        ErrorCode::kInvalidArgument,
        fmt::format(fmt::runtime(Tr("högst {} filer åt gången", "at most {} files at once")),
                    kMaxPublishedFiles),
        {}, "file");
  }
  if (!received || parts.files.empty()) {
    throw Error(
        ErrorCode::kUsage,
        std::string(!parts.files.empty() ? Tr("uppladdningen avbröts", "the upload was interrupted")
                                         : Tr("delen 'file' saknas", "the 'file' part is missing")),
        {}, "file");
  }
  // A typed name is checked as every name is (UTF-8, at most 200 characters); without one the
  // analysis is named after its first file.
  if (name.empty()) {
    name = parts.files.front().name;
  } else {
    app::CheckName(name, "name");
  }
  // Whole or nothing: every file is read before anything is stored.
  const app::PublishedImport imported = app::ImportPublishedFiles(parts.files, format);
  const app::Analysis analysis = app::SavePublishedAnalysis(
      context.state.store, context.org_id(), context.user().id, name, parts.files, imported);
  json answer = ImportSummary(imported);
  answer["analysis"] = AnalysisJson(analysis);
  json files = json::array();
  for (const auto& file : parts.files) files.push_back(file.name);
  answer["files"] = std::move(files);
  context.response.set_header("Location", "/api/organisations/" + std::to_string(context.org_id()) +
                                              "/analyses/" + std::to_string(analysis.id));
  context.Json(201, answer);
}

}  // namespace

void AddPublishedRoutes(std::vector<Route>& routes) {
  routes.push_back({"POST", "/api/organisations/{org}/published-results", Access::kOrgWrite, Import,
                    Body::kUpload});
}

}  // namespace jamlik::server
