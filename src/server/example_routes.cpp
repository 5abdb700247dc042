// Learning examples. The public reads and searches the examples coordinators have not hidden, and
// downloads their attachments; members (an organisation's analysts and admins) write their own
// organisation's examples and attach files; coordinators hide or show any example (moderation).
// Attachments are served as downloads only: Content-Disposition attachment, nosniff, and a CSP
// that lets nothing in them run or load.
#include <fmt/format.h>

#include <ctime>
#include <filesystem>
#include <fstream>

#include "app/examples/examples.hpp"
#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Who hides and shows examples: the meeting place's coordinators.
constexpr Access kModerator = Access::kCoordinator;

template <typename E>
json Labelled(const std::vector<E>& values) {
  json out = json::array();
  for (const E value : values) out.push_back({{"id", EnumId(value)}, {"label", EnumLabel(value)}});
  return out;
}

json AttachmentJson(const app::Example& example, const app::Attachment& attachment) {
  return {
      {"id", attachment.id},
      {"file_name", attachment.file_name},
      {"content_type", attachment.content_type},
      {"bytes", attachment.bytes},
      {"url", fmt::format("/api/public/examples/{}/attachments/{}", example.id, attachment.id)}};
}

json ExampleJson(store::Store& store, const app::Example& example, bool with_attachments) {
  json groups = json::array();
  for (const std::string& group : example.groups) {
    groups.push_back({{"id", group}, {"label", DimensionLabel(group, CurrentLanguage())}});
  }
  json body = {{"id", example.id},
               {"organisation_id", example.organisation_id},
               {"organisation_name", example.organisation_name},
               {"title", example.title},
               {"what", example.what},
               {"for_whom", example.for_whom},
               {"results", example.results},
               {"evidence", example.evidence},
               {"analysis_id", example.analysis_id ? json(*example.analysis_id) : json(nullptr)},
               {"contact_name", example.contact_name},
               {"contact_email", example.contact_email},
               {"recommendations", Labelled(example.recommendations)},
               {"welfare_areas", Labelled(example.welfare_areas)},
               {"groups", std::move(groups)},
               {"hidden", example.hidden},
               {"created_at", example.created_at},
               {"updated_at", example.updated_at}};
  if (with_attachments) {
    json attachments = json::array();
    for (const auto& attachment : app::ListAttachments(store, example.id)) {
      attachments.push_back(AttachmentJson(example, attachment));
    }
    body["attachments"] = std::move(attachments);
  }
  return body;
}

json ListJson(store::Store& store, const std::vector<app::Example>& examples) {
  json list = json::array();
  for (const auto& example : examples) list.push_back(ExampleJson(store, example, false));
  return {{"examples", std::move(list)}};
}

template <typename E>
std::optional<E> EnumParameter(const httplib::Request& request, const char* name) {
  const std::string value = request.get_param_value(name);
  if (value.empty()) return std::nullopt;
  const auto parsed = EnumFromId<E>(value);
  if (!parsed) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("okänt värde på {}", "unknown value of {}")), name), {},
                name, value);
  }
  return parsed;
}

// q (words that must all occur), recommendation, welfare_area, group.
app::ExampleFilter FilterFrom(const httplib::Request& request) {
  app::ExampleFilter filter;
  filter.query = request.get_param_value("q");
  if (filter.query.size() > 500) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("sökfrågan är för lång", "the query is too long")), {}, "q");
  }
  filter.recommendation = EnumParameter<app::Recommendation>(request, "recommendation");
  filter.welfare_area = EnumParameter<app::WelfareArea>(request, "welfare_area");
  filter.group = request.get_param_value("group");
  const DimensionInfo* group = filter.group.empty() ? nullptr : FindDimension(filter.group);
  if (!filter.group.empty() && (group == nullptr || group->kind != DimensionKind::kGroup)) {
    throw Error(ErrorCode::kInvalidArgument, std::string(Tr("okänd grupp", "unknown group")), {},
                "group", filter.group);
  }
  return filter;
}

// ---- Public ----

void ListPublic(Context& context) {
  context.Json(200, ListJson(context.state.store,
                             app::ListExamples(context.state.store, FilterFrom(context.request))));
}

std::optional<app::Example> FindVisible(Context& context) {
  auto example = app::FindExample(context.state.store, context.ids.at(0));
  if (!example || example->hidden) return std::nullopt;
  return example;
}

void ShowPublic(Context& context) {
  const auto example = FindVisible(context);
  if (!example) return context.Fail(Problem::kNotFound);
  context.Json(200, ExampleJson(context.state.store, *example, true));
}

// The tags' ids and labels in the request's language, for the forms and filters.
void Options(Context& context) {
  json recommendations = json::array();
  for (const auto& entry : EnumTable<app::Recommendation>::Entries()) {
    recommendations.push_back({{"id", EnumId(entry.value)}, {"label", EnumLabel(entry.value)}});
  }
  json areas = json::array();
  for (const auto& entry : EnumTable<app::WelfareArea>::Entries()) {
    areas.push_back({{"id", EnumId(entry.value)}, {"label", EnumLabel(entry.value)}});
  }
  json groups = json::array();
  for (const DimensionInfo& dimension : KnownDimensions()) {
    if (dimension.kind != DimensionKind::kGroup) continue;
    groups.push_back(
        {{"id", dimension.column}, {"label", DimensionLabel(dimension.column, CurrentLanguage())}});
  }
  context.Json(200, {{"recommendations", std::move(recommendations)},
                     {"welfare_areas", std::move(areas)},
                     {"groups", std::move(groups)}});
}

std::string Extension(const std::string& content_type) {
  if (content_type == "application/pdf") return "pdf";
  if (content_type == "image/png") return "png";
  return "jpg";
}

// An attachment as a download, never as a page of this site.
void Download(Context& context) {
  const auto example = FindVisible(context);
  if (!example) return context.Fail(Problem::kNotFound);
  const auto attachment = app::FindAttachment(context.state.store, example->id, context.ids.at(1));
  if (!attachment) return context.Fail(Problem::kNotFound);
  std::ifstream in(app::AttachmentPath(context.state.config.store.data_dir, *attachment),
                   std::ios::binary);
  if (!in) return context.Fail(Problem::kNotFound);
  std::string content(std::istreambuf_iterator<char>(in), {});
  const std::string stem = fs::path(attachment->file_name).stem().string();
  context.response.set_header("Content-Disposition",
                              ContentDisposition(stem, Extension(attachment->content_type)));
  // In place of the site's defaults, not beside them.
  context.response.headers.erase("Content-Security-Policy");
  context.response.headers.erase("X-Content-Type-Options");
  context.response.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
  context.response.set_header("X-Content-Type-Options", "nosniff");
  context.response.set_header("Cache-Control", "private, no-transform");
  context.response.set_content(std::move(content), attachment->content_type);
}

// ---- Members: their own organisation's examples ----

std::vector<std::string> StringList(const json& body, const char* field) {
  std::vector<std::string> out;
  if (!body.contains(field)) return out;
  const json& value = body.at(field);
  if (!value.is_array()) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("'{}' ska vara en lista med id:n",
                                            "'{}' must be a list of ids")),
                            field),
                {}, field);
  }
  for (const json& item : value) {
    if (!item.is_string()) {
      throw Error(ErrorCode::kInvalidArgument,
                  fmt::format(fmt::runtime(Tr("'{}' ska vara en lista med id:n",
                                              "'{}' must be a list of ids")),
                              field),
                  {}, field);
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

app::ExampleDraft DraftFrom(const json& body) {
  app::ExampleDraft draft;
  draft.title = StringField(body, "title");
  draft.what = StringField(body, "what");
  draft.for_whom = StringField(body, "for_whom", false);
  draft.results = StringField(body, "results", false);
  draft.evidence = StringField(body, "evidence", false);
  if (body.contains("analysis_id") && !body.at("analysis_id").is_null()) {
    if (!body.at("analysis_id").is_number_integer()) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(Tr("analysis_id ska vara ett heltal eller null",
                                 "analysis_id must be an integer or null")),
                  {}, "analysis_id");
    }
    draft.analysis_id = body.at("analysis_id").get<std::int64_t>();
  }
  draft.contact_name = StringField(body, "contact_name");
  draft.contact_email = StringField(body, "contact_email");
  std::string recommendations;
  for (const std::string& id : StringList(body, "recommendations")) {
    recommendations += (recommendations.empty() ? "" : ",") + id;
  }
  draft.recommendations = app::ParseRecommendations(recommendations, "recommendations");
  for (const std::string& id : StringList(body, "welfare_areas")) {
    const auto area = EnumFromId<app::WelfareArea>(id);
    if (!area) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(Tr("okänt välfärdsområde", "unknown welfare area")), {},
                  "welfare_areas", id);
    }
    draft.welfare_areas.push_back(*area);
  }
  draft.groups = StringList(body, "groups");
  return draft;
}

std::optional<app::Example> FindOwn(Context& context) {
  auto example = app::FindExample(context.state.store, context.ids.at(1));
  if (!example || example->organisation_id != context.org_id()) return std::nullopt;
  return example;
}

void ListOwn(Context& context) {
  app::ExampleFilter filter = FilterFrom(context.request);
  filter.organisation = context.org_id();
  filter.include_hidden = true;
  context.Json(200, ListJson(context.state.store, app::ListExamples(context.state.store, filter)));
}

void CreateOwn(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const app::Example example = app::CreateExample(context.state.store, context.org_id(),
                                                  context.user().id, DraftFrom(*body), Now());
  context.response.set_header(
      "Location", fmt::format("/api/organisations/{}/examples/{}", context.org_id(), example.id));
  context.Json(201, ExampleJson(context.state.store, example, true));
}

void ShowOwn(Context& context) {
  const auto example = FindOwn(context);
  if (!example) return context.Fail(Problem::kNotFound);
  context.Json(200, ExampleJson(context.state.store, *example, true));
}

void EditOwn(Context& context) {
  const auto example = FindOwn(context);
  if (!example) return context.Fail(Problem::kNotFound);
  const auto body = context.JsonBody();
  if (!body) return;
  const auto edited = app::UpdateExample(context.state.store, example->id, DraftFrom(*body), Now());
  if (!edited) return context.Fail(Problem::kNotFound);
  context.Json(200, ExampleJson(context.state.store, *edited, true));
}

// The file is the body, named by ?file_name=, or a form's field "file"; whatever the Content-Type
// or the name say, its type is read from its bytes.
void Attach(Context& context) {
  const auto example = FindOwn(context);
  if (!example) return context.Fail(Problem::kNotFound);
  std::string content;
  std::string file_name = context.request.get_param_value("file_name");
  bool too_large = false;
  const auto append = [&](const char* data, std::size_t size) {
    too_large = content.size() + size > app::kMaxAttachmentBytes;
    if (!too_large) content.append(data, size);
    return !too_large;
  };
  if (context.reader != nullptr && context.request.is_multipart_form_data()) {
    // A form's file field "file"; other fields are ignored.
    std::string part;
    (*context.reader)(
        [&](const httplib::MultipartFormData& header) {
          part = header.name;
          if (part == "file") file_name = header.filename;
          return true;
        },
        [&](const char* data, std::size_t size) { return part != "file" || append(data, size); });
  } else if (context.reader != nullptr) {
    (*context.reader)(append);
  }
  if (too_large) {
    context.response.set_header("Connection", "close");
    context.Fail(Problem::kPayloadTooLarge, "10 MiB");
    AnswerAndClose(context.request, context.response);
    return;
  }
  const app::Attachment attachment =
      app::AddAttachment(context.state.store, context.state.config.store.data_dir, example->id,
                         file_name, content, Now());
  context.Json(201, AttachmentJson(*example, attachment));
}

void Detach(Context& context) {
  const auto example = FindOwn(context);
  if (!example) return context.Fail(Problem::kNotFound);
  if (!app::RemoveAttachment(context.state.store, context.state.config.store.data_dir, example->id,
                             context.ids.at(2))) {
    return context.Fail(Problem::kNotFound);
  }
  context.response.status = 204;
}

// ---- Coordinators ----

void Moderate(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  if (!body->contains("hidden") || !body->at("hidden").is_boolean()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("hidden ska vara true eller false", "hidden must be true or false")),
                {}, "hidden");
  }
  const auto example =
      app::SetExampleHidden(context.state.store, context.ids.at(0), body->at("hidden").get<bool>());
  if (!example) return context.Fail(Problem::kNotFound);
  context.Json(200, ExampleJson(context.state.store, *example, true));
}

}  // namespace

void AddExampleRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/public/examples", Access::kPublic, ListPublic});
  routes.push_back({"GET", "/api/public/examples/{example}", Access::kPublic, ShowPublic});
  routes.push_back({"GET", "/api/public/example-options", Access::kPublic, Options});
  routes.push_back({"GET", "/api/public/examples/{example}/attachments/{attachment}",
                    Access::kPublic, Download});
  routes.push_back({"GET", "/api/organisations/{org}/examples", Access::kOrgRead, ListOwn});
  routes.push_back({"POST", "/api/organisations/{org}/examples", Access::kOrgWrite, CreateOwn});
  routes.push_back(
      {"GET", "/api/organisations/{org}/examples/{example}", Access::kOrgRead, ShowOwn});
  routes.push_back(
      {"PUT", "/api/organisations/{org}/examples/{example}", Access::kOrgWrite, EditOwn});
  routes.push_back({"POST", "/api/organisations/{org}/examples/{example}/attachments",
                    Access::kOrgWrite, Attach, Body::kUpload});
  routes.push_back({"DELETE",
                    "/api/organisations/{org}/examples/{example}/attachments/{attachment}",
                    Access::kOrgWrite, Detach});
  routes.push_back({"PATCH", "/api/examples/{example}", kModerator, Moderate});
}

}  // namespace jamlik::server
