// An organisation's comparison groups (issue 11 item 3): readers list them, analysts and admins
// create, edit, delete and import Kolada's municipality_groups (the JSON file as the body, or a
// form's field "file"); and the code lists' municipalities and counties that a group's members
// are picked from. The comparison route takes a group as against=group:ID (compare_routes.cpp).
#include <fmt/format.h>

#include "app/comparison_groups/comparison_groups.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

std::string MemberName(const std::string& code) {
  if (const Municipality* municipality = FindMunicipality(code)) return municipality->name;
  if (const County* county = FindCounty(code)) return county->name;
  return code;
}

json GroupJson(const app::StoredGroup& group) {
  json members = json::array();
  for (const std::string& code : group.members) {
    members.push_back({{"code", code}, {"name", MemberName(code)}});
  }
  return {{"id", group.id},
          {"title", group.title},
          {"members", std::move(members)},
          {"source", app::GroupSourceId(group.source)},
          {"source_id", group.source_id},
          {"against", fmt::format("group:{}", group.id)},
          {"created_at", group.created_at},
          {"updated_at", group.updated_at}};
}

app::GroupDraft DraftFrom(const json& body) {
  app::GroupDraft draft{StringField(body, "title"), {}};
  if (!body.contains("members") || !body.at("members").is_array()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("members ska vara en lista med områdeskoder",
                               "members must be a list of area codes")),
                {}, "members");
  }
  const json& members = body.at("members");
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (!members[i].is_string()) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(Tr("en medlem ska vara en områdeskod (text)",
                                 "a member must be an area code (text)")),
                  {}, fmt::format("members/{}", i));
    }
    draft.members.push_back(members[i].get<std::string>());
  }
  return draft;
}

void List(Context& context) {
  json groups = json::array();
  for (const app::StoredGroup& group : app::ListGroups(context.state.store, context.org_id())) {
    groups.push_back(GroupJson(group));
  }
  context.Json(200, {{"groups", std::move(groups)}});
}

void Create(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const app::StoredGroup group = app::CreateGroup(context.state.store, context.org_id(),
                                                  context.user().id, DraftFrom(*body), Now());
  context.response.set_header("Location", fmt::format("/api/organisations/{}/comparison-groups/{}",
                                                      context.org_id(), group.id));
  context.Json(201, GroupJson(group));
}

void Show(Context& context) {
  const auto group = app::FindGroup(context.state.store, context.org_id(), context.ids.at(1));
  if (!group) return context.Fail(Problem::kNotFound);
  context.Json(200, GroupJson(*group));
}

void Update(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const auto group = app::UpdateGroup(context.state.store, context.org_id(), context.ids.at(1),
                                      DraftFrom(*body), Now());
  if (!group) return context.Fail(Problem::kNotFound);
  context.Json(200, GroupJson(*group));
}

void Delete(Context& context) {
  if (!app::DeleteGroup(context.state.store, context.org_id(), context.ids.at(1))) {
    return context.Fail(Problem::kNotFound);
  }
  context.response.status = 204;
}

// Kolada's municipality_groups response: the body itself, or a form's field "file".
void Import(Context& context) {
  std::string content;
  std::string file_name = "municipality_groups.json";
  bool too_large = false;
  const auto append = [&](const char* data, std::size_t size) {
    too_large = content.size() + size > app::kMaxKoladaGroupsBytes;
    if (!too_large) content.append(data, size);
    return !too_large;
  };
  if (context.reader != nullptr && context.request.is_multipart_form_data()) {
    std::string part;
    (*context.reader)(
        [&](const httplib::MultipartFormData& header) {
          part = header.name;
          if (part == "file" && !header.filename.empty()) file_name = header.filename;
          return true;
        },
        [&](const char* data, std::size_t size) { return part != "file" || append(data, size); });
  } else if (context.reader != nullptr) {
    (*context.reader)(append);
  }
  if (too_large) {
    context.response.set_header("Connection", "close");
    context.Fail(Problem::kPayloadTooLarge,
                 fmt::format("{} MiB", app::kMaxKoladaGroupsBytes >> 20));
    AnswerAndClose(context.request, context.response);
    return;
  }
  if (content.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(ErrorCode::kEmptyFile,
                std::string(Tr("filen med Koladas kommungrupper är tom",
                               "the file of Kolada's municipality groups is empty")),
                {}, "file");
  }
  const app::GroupImport imported = app::ImportKoladaGroups(
      context.state.store, context.org_id(), context.user().id, content, file_name, Now());
  json created = json::array(), updated = json::array();
  for (const app::StoredGroup& group : imported.created) created.push_back(GroupJson(group));
  for (const app::StoredGroup& group : imported.updated) updated.push_back(GroupJson(group));
  context.Json(200, {{"created", std::move(created)}, {"updated", std::move(updated)}});
}

// The code lists' counties and municipalities, for picking a group's members.
void Areas(Context& context) {
  json areas = json::array();
  for (const County& county : Counties()) {
    areas.push_back(
        {{"code", county.code}, {"name", county.name}, {"level", "lan"}, {"county", county.code}});
  }
  for (const Municipality& municipality : Municipalities()) {
    areas.push_back({{"code", municipality.code},
                     {"name", municipality.name},
                     {"level", "kommun"},
                     {"county", municipality.county_code}});
  }
  context.Json(200, {{"areas", std::move(areas)}});
}

}  // namespace

void AddComparisonGroupRoutes(std::vector<Route>& routes);

void AddComparisonGroupRoutes(std::vector<Route>& routes) {
  const std::string base = "/api/organisations/{org}/comparison-groups";
  routes.push_back({"GET", base, Access::kOrgRead, List});
  routes.push_back({"POST", base, Access::kOrgWrite, Create});
  routes.push_back({"POST", base + "/import", Access::kOrgWrite, Import, Body::kUpload});
  routes.push_back({"GET", base + "/{group}", Access::kOrgRead, Show});
  routes.push_back({"PUT", base + "/{group}", Access::kOrgWrite, Update});
  routes.push_back({"DELETE", base + "/{group}", Access::kOrgWrite, Delete});
  routes.push_back({"GET", "/api/areas", Access::kSignedIn, Areas});
}

}  // namespace jamlik::server
