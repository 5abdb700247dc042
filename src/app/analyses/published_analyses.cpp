#include "app/analyses/published_analyses.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/analyses/analyses_internal.hpp"
#include "app/analyses/audit_trail.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/xlsx_reader.hpp"
#include "published/heat_plus.hpp"
#include "published/json_input.hpp"
#include "published/kolada.hpp"
#include "published/scb.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

std::string ReadText(const PublishedFile& file) {
  std::ifstream in(file.path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    throw Error(ErrorCode::kIo, std::string(Tr("kan inte läsa filen", "cannot read the file")),
                {file.name});
  }
  return text.str();
}

// The first character that is not white space (after a UTF-8 byte order mark).
char FirstSignificant(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const auto at = text.find_first_not_of(" \t\r\n");
  return at == std::string_view::npos ? '\0' : text[at];
}

std::string_view WithoutBom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

bool LooksLikeKolada(const json& document) {
  if (!document.is_object()) return false;
  const auto values = document.find("values");
  if (values == document.end() || !values->is_array()) return false;
  if (values->empty()) return document.contains("next_url") || document.contains("previous_url");
  const json& first = values->front();
  return first.is_object() && first.contains("kpi") && first.contains("municipality");
}

[[noreturn]] void OneFileOnly(std::string_view format) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("{} läses från en fil åt gången; bara Koladas sidor "
                                          "kan ges flera",
                                          "{} is read one file at a time; only Kolada's pages "
                                          "may be given several")),
                          format == "scb" ? "SCB" : "HEAT Plus"),
              {}, "file");
}

// The importers name the file they read; on the server that is a file of the data folder, which is
// never shown: name the user's file instead.
[[noreturn]] void Rethrow(const Error& error, const PublishedFile& file) {
  std::string message = error.message();
  for (std::size_t at = message.find(file.path); at != std::string::npos;
       at = message.find(file.path, at + file.name.size())) {
    message.replace(at, file.path.size(), file.name);
  }
  SourceLocation location = error.location();
  location.file = file.name;
  // The server shows the message, not the location's file: with several files, say which.
  if (message.find(file.name) == std::string::npos) message = file.name + ": " + message;
  throw Error(error.code(), std::move(message), std::move(location), error.field(), error.value());
}

}  // namespace

std::string DetectPublishedFormat(const PublishedFile& file) {
  const std::string text = ReadText(file);
  if (LooksLikeZip(text)) return "heat";
  const char first = FirstSignificant(text);
  if (first != '{' && first != '[') return "heat";
  const json document = published::ParseJson(WithoutBom(text), file.name);
  return LooksLikeKolada(document) ? "kolada" : "scb";
}

PublishedImport ImportPublishedFiles(const std::vector<PublishedFile>& files,
                                     std::string_view format) {
  if (files.empty()) {
    throw Error(ErrorCode::kUsage,
                std::string(Tr("delen 'file' saknas", "the 'file' part is missing")), {}, "file");
  }
  PublishedImport imported;
  if (format.empty() || format == "auto") {
    try {
      imported.format = DetectPublishedFormat(files.front());
    } catch (const Error& error) {
      Rethrow(error, files.front());
    }
  } else if (std::find(std::begin(kPublishedFormats), std::end(kPublishedFormats), format) !=
             std::end(kPublishedFormats)) {
    imported.format = std::string(format);
  } else {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("format ska vara auto, kolada, scb eller heat",
                               "format must be auto, kolada, scb or heat")),
                {}, "format", std::string(format));
  }
  if (imported.format != "kolada" && files.size() > 1) OneFileOnly(imported.format);

  const PublishedFile* current = &files.front();
  try {
    if (imported.format == "kolada") {
      std::vector<published::KoladaPage> pages;
      std::vector<std::string> names;
      for (const PublishedFile& file : files) {
        current = &file;
        pages.push_back(published::ParseKoladaPage(
            published::ParseJson(WithoutBom(ReadText(file)), file.name), file.name));
        names.push_back(file.name);
      }
      imported.results = published::KoladaResults(pages, names);
    } else if (imported.format == "scb") {
      const PublishedFile& file = files.front();
      imported.results = published::ScbTableToResults(published::ParseScb(
          published::ParseJson(WithoutBom(ReadText(file)), file.name), file.name));
    } else {
      const PublishedFile& file = files.front();
      imported.results = published::ImportHeatPlus(ReadTableFile(file.path), file.name);
    }
  } catch (const Error& error) {
    Rethrow(error, *current);
  }
  return imported;
}

std::string PublishedSourceName(const std::string& source) {
  const json parsed = json::parse(source, nullptr, false);
  if (!parsed.is_object()) return "published";
  std::vector<std::string> names;
  if (parsed.contains("files") && parsed["files"].is_array()) {
    for (const json& name : parsed["files"]) {
      if (name.is_string()) names.push_back(name.get<std::string>());
    }
  }
  return fmt::format("published {}: {}", parsed.value("format", std::string()),
                     fmt::join(names, ", "));
}

Analysis SavePublishedAnalysis(store::Store& store, std::int64_t organisation, std::int64_t user,
                               const std::string& name, const std::vector<PublishedFile>& files,
                               const PublishedImport& imported) {
  CheckName(name, "name");
  json names = json::array();
  for (const PublishedFile& file : files) names.push_back(file.name);
  Analysis analysis;
  analysis.organisation_id = organisation;
  analysis.name = name;
  analysis.definitions_json = "[]";
  analysis.result_count = static_cast<std::int64_t>(imported.results.rows.size());
  analysis.created_at = static_cast<std::int64_t>(std::time(nullptr));
  analysis.source = json{{"format", imported.format}, {"files", names}}.dump();
  InsertAnalysis(store, analysis, imported.results.rows, user);

  // The import is a release into the store like a computation's: who, what, from which files.
  AuditRecord record;
  record.action = "import_published";
  record.table = fmt::format("analysis {} '{}'", analysis.id, analysis.name);
  record.dataset.path = PublishedSourceName(analysis.source);
  for (const PublishedFile& file : files) {
    std::error_code ignored;
    const auto size = std::filesystem::file_size(file.path, ignored);
    if (!ignored) record.dataset.size += size;
  }
  record.dataset.modified = IsoTime(analysis.created_at);
  record.user = UserName(store, user);
  record.rows = imported.results.rows.size();
  StoreAuditLog(store, organisation, user).Append(std::move(record));
  return analysis;
}

}  // namespace jamlik::app
