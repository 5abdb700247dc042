// Datasets: upload (multipart/form-data with a "file" part, or the raw CSV as the body), list,
// describe, mark columns, delete. Uploads stream to a file in the data folder, never into memory.
#include <filesystem>
#include <fstream>

#include "app/accounts/credentials.hpp"
#include "app/datasets/datasets.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/utf8.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json ColumnJson(const app::DatasetColumn& column) {
  return {{"name", column.name},
          {"type", ColumnTypeName(column.type)},
          {"role", column.role},
          {"ordered", column.ordered},
          {"advantaged", app::AdvantagedEndId(column.advantaged)},
          {"categories", column.categories},
          {"distinct_count", column.distinct_count},
          {"null_count", column.null_count}};
}

json DatasetJson(const app::Dataset& dataset, bool with_columns) {
  json object = {{"id", dataset.id},
                 {"organisation_id", dataset.organisation_id},
                 {"name", dataset.name},
                 {"file_name", dataset.file_name},
                 {"bytes", dataset.bytes},
                 {"row_count", dataset.row_count},
                 {"delimiter", dataset.delimiter},
                 {"encoding", dataset.encoding},
                 {"decimal_comma", dataset.decimal_comma},
                 {"notes", dataset.notes},
                 {"created_at", dataset.created_at}};
  if (with_columns) {
    json columns = json::array();
    for (const auto& column : dataset.columns) columns.push_back(ColumnJson(column));
    object["columns"] = std::move(columns);
  }
  return object;
}

void List(Context& context) {
  json datasets = json::array();
  for (const auto& dataset : app::ListDatasets(context.state.store, context.org_id())) {
    datasets.push_back(DatasetJson(dataset, false));
  }
  context.Json(200, {{"datasets", datasets}});
}

void Describe(Context& context) {
  const auto dataset = app::FindDataset(context.state.store, context.org_id(), context.ids.at(1));
  if (!dataset) return context.Fail(Problem::kNotFound);
  context.Json(200, DatasetJson(*dataset, true));
}

// The upload's name as the user gave it, without any folder part, cut between characters.
std::string BaseName(const std::string& name) {
  const std::string base = fs::path(name).filename().string();
  return base.empty() ? "upload.csv" : TruncateUtf8(base, app::kMaxNameCharacters);
}

void Upload(Context& context) {
  const std::string type = context.request.get_header_value("Content-Type");
  const bool multipart = context.request.is_multipart_form_data();
  if (!multipart && !type.starts_with("text/csv") && !type.starts_with("text/plain") &&
      !type.starts_with("application/octet-stream")) {
    return context.Fail(Problem::kUnsupportedMediaType,
                        "multipart/form-data, text/csv or application/octet-stream");
  }
  const fs::path folder = fs::path(context.state.config.store.data_dir) / "uploads";
  fs::create_directories(folder);
  const fs::path path = folder / (app::RandomHex(16) + ".part");
  std::string name = context.request.get_param_value("name");
  std::string file_name = context.request.get_param_value("file_name");
  bool has_file = !multipart;
  bool received = false;
  // Counted after decompression (Content-Encoding: gzip), so a small compressed body cannot grow
  // past the limit on disk.
  const std::size_t limit = context.state.config.max_upload_bytes;
  std::size_t file_bytes = 0;
  const auto within_limit = [&](std::size_t size) {
    file_bytes += size;
    return file_bytes <= limit;
  };
  {
    std::ofstream out(path, std::ios::binary);
    if (multipart) {
      std::string part;
      received = (*context.reader)(
          [&](const httplib::MultipartFormData& header) {
            part = header.name;
            if (part == "file") {
              has_file = true;
              file_name = header.filename;
            }
            return true;
          },
          [&](const char* data, std::size_t size) {
            if (part == "file") {
              if (!within_limit(size)) return false;
              out.write(data, static_cast<std::streamsize>(size));
            }
            // A name is short: more than a few times the longest allowed is not one.
            if (part == "name" && name.size() < 8 * app::kMaxNameCharacters) {
              name.append(data, size);
            }
            return static_cast<bool>(out);
          });
    } else {
      received = (*context.reader)([&](const char* data, std::size_t size) {
        if (!within_limit(size)) return false;
        out.write(data, static_cast<std::streamsize>(size));
        return static_cast<bool>(out);
      });
    }
    out.close();
    received = received && static_cast<bool>(out);
  }
  if (file_bytes > limit) {
    fs::remove(path);
    context.response.set_header("Connection", "close");
    context.Fail(Problem::kPayloadTooLarge, std::to_string(limit));
    return AnswerAndClose(context.request, context.response);
  }
  if (!received || !has_file) {
    fs::remove(path);
    throw Error(ErrorCode::kUsage,
                std::string(has_file ? Tr("uppladdningen avbröts", "the upload was interrupted")
                                     : Tr("delen 'file' saknas", "the 'file' part is missing")),
                {}, "file");
  }
  const app::Dataset dataset = app::ImportDataset(
      context.state.store, context.state.config.store.data_dir, context.org_id(), context.user().id,
      TruncateUtf8(name, app::kMaxNameCharacters), BaseName(file_name), path.string());
  context.response.set_header("Location", "/api/organisations/" + std::to_string(context.org_id()) +
                                              "/datasets/" + std::to_string(dataset.id));
  context.Json(201, DatasetJson(dataset, true));
}

[[noreturn]] void InvalidColumns(const std::string& field) {
  throw Error(ErrorCode::kInvalidArgument,
              std::string(Tr("columns ska vara en lista av objekt med 'name'",
                             "columns must be a list of objects with 'name'")),
              {}, field);
}

std::vector<app::ColumnMarks> MarksFrom(const json& body) {
  std::vector<app::ColumnMarks> marks;
  if (!body.contains("columns")) return marks;
  const json& columns = body.at("columns");
  if (!columns.is_array()) InvalidColumns("columns");
  for (const auto& column : columns) {
    if (!column.is_object()) InvalidColumns("columns");
    app::ColumnMarks mark;
    mark.name = StringField(column, "name");
    if (column.contains("role")) mark.role = StringField(column, "role");
    if (column.contains("ordered")) {
      if (!column.at("ordered").is_boolean()) InvalidColumns(mark.name);
      mark.ordered = column.at("ordered").get<bool>();
    }
    if (column.contains("advantaged")) {
      mark.advantaged = app::ParseAdvantagedEnd(StringField(column, "advantaged"));
      if (!mark.advantaged) {
        throw Error(ErrorCode::kInvalidArgument,
                    std::string(Tr("advantaged ska vara none, first eller last",
                                   "advantaged must be none, first or last")),
                    {}, mark.name);
      }
    }
    if (column.contains("categories")) {
      const json& categories = column.at("categories");
      if (!categories.is_array() || !std::all_of(categories.begin(), categories.end(),
                                                 [](const json& c) { return c.is_string(); })) {
        InvalidColumns(mark.name);
      }
      mark.categories = categories.get<std::vector<std::string>>();
    }
    marks.push_back(std::move(mark));
  }
  return marks;
}

void Update(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  std::optional<std::string> name;
  if (body->contains("name")) name = StringField(*body, "name");
  const auto dataset = app::UpdateDataset(context.state.store, context.org_id(), context.ids.at(1),
                                          name, MarksFrom(*body));
  if (!dataset) return context.Fail(Problem::kNotFound);
  context.Json(200, DatasetJson(*dataset, true));
}

void Delete(Context& context) {
  if (!app::DeleteDataset(context.state.store, context.state.config.store.data_dir,
                          context.org_id(), context.ids.at(1))) {
    return context.Fail(Problem::kNotFound);
  }
  context.response.status = 204;
}

}  // namespace

void AddDatasetRoutes(std::vector<Route>& routes) {
  const std::string base = "/api/organisations/{org}/datasets";
  routes.push_back({"GET", base, Access::kOrgRead, List});
  routes.push_back({"POST", base, Access::kOrgWrite, Upload, Body::kUpload});
  routes.push_back({"GET", base + "/{dataset}", Access::kOrgRead, Describe});
  routes.push_back({"PATCH", base + "/{dataset}", Access::kOrgWrite, Update});
  routes.push_back({"DELETE", base + "/{dataset}", Access::kOrgWrite, Delete});
}

}  // namespace jamlik::server
