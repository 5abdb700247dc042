#include "app/comparison_groups/comparison_groups.hpp"

#include <fmt/format.h>

#include <set>

#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "published/json_input.hpp"
#include "published/kolada.hpp"

namespace jamlik::app {
namespace {

constexpr const char* kSelect =
    "SELECT id, organisation_id, title, source, source_id, created_at, updated_at "
    "FROM comparison_groups";

[[noreturn]] void Invalid(const std::string& field, const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument, message, {}, field);
}

void CheckDraft(const GroupDraft& draft) {
  CheckName(draft.title, "title");
  if (draft.members.empty()) {
    Invalid("members", std::string(Tr("ange minst en medlem", "give at least one member")));
  }
  if (draft.members.size() > kMaxGroupMembers) {
    Invalid("members", fmt::format(fmt::runtime(Tr("högst {} medlemmar", "at most {} members")),
                                   kMaxGroupMembers));
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < draft.members.size(); ++i) {
    const std::string& code = draft.members[i];
    const std::string field = fmt::format("members/{}", i);
    if (FindMunicipality(code) == nullptr && FindCounty(code) == nullptr) {
      Invalid(field, fmt::format(fmt::runtime(Tr("'{}' är ingen kommun- eller länskod i kodlistan "
                                                 "(t.ex. \"1880\", \"18\")",
                                                 "'{}' is no municipality or county code of the "
                                                 "code lists (e.g. \"1880\", \"18\")")),
                                 code.size() > 40 ? code.substr(0, 40) + "…" : code));
    }
    if (!seen.insert(code).second) {
      Invalid(field, fmt::format(fmt::runtime(Tr("'{}' finns redan i gruppen",
                                                 "'{}' is in the group already")),
                                 code));
    }
  }
}

StoredGroup GroupFrom(const store::Row& row) {
  StoredGroup group;
  group.id = row.Int(0);
  group.organisation_id = row.Int(1);
  group.title = row.Text(2);
  group.source = row.Text(3) == "kolada" ? GroupSource::kKolada : GroupSource::kUser;
  group.source_id = row.Text(4);
  group.created_at = row.Int(5);
  group.updated_at = row.Int(6);
  return group;
}

// The members of `groups`, read in one query.
void ReadMembers(store::Connection& connection, std::vector<StoredGroup>& groups,
                 std::int64_t organisation) {
  std::map<std::int64_t, StoredGroup*> by_id;
  for (StoredGroup& group : groups) by_id[group.id] = &group;
  for (const store::Row& row : connection.Query(
           "SELECT m.group_id, m.area FROM comparison_group_members m JOIN comparison_groups g "
           "ON g.id = m.group_id WHERE g.organisation_id = $1 ORDER BY m.group_id, m.position",
           {organisation})) {
    const auto it = by_id.find(row.Int(0));
    if (it != by_id.end()) it->second->members.push_back(row.Text(1));
  }
}

void WriteMembers(store::Connection& connection, std::int64_t group,
                  const std::vector<std::string>& members) {
  connection.Query("DELETE FROM comparison_group_members WHERE group_id = $1", {group});
  std::vector<store::Params> rows;
  for (std::size_t i = 0; i < members.size(); ++i) {
    rows.push_back({group, static_cast<std::int64_t>(i), members[i]});
  }
  connection.ExecuteMany(
      "INSERT INTO comparison_group_members (group_id, position, area) VALUES ($1, $2, $3)", rows);
}

std::int64_t Insert(store::Connection& connection, std::int64_t organisation, std::int64_t user,
                    const GroupDraft& draft, GroupSource source, const std::string& source_id,
                    std::int64_t now) {
  const std::int64_t id =
      connection
          .Query(
              "INSERT INTO comparison_groups (organisation_id, title, source, source_id, "
              "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) "
              "RETURNING id",
              {organisation, draft.title, GroupSourceId(source), source_id, user, now})
          .at(0)
          .Int(0);
  WriteMembers(connection, id, draft.members);
  return id;
}

}  // namespace

const char* GroupSourceId(GroupSource source) {
  return source == GroupSource::kKolada ? "kolada" : "user";
}

StoredGroup CreateGroup(store::Store& store, std::int64_t organisation, std::int64_t user,
                        const GroupDraft& draft, std::int64_t now) {
  CheckDraft(draft);
  std::int64_t id = 0;
  {
    auto connection = store.Acquire();
    store::Transaction transaction(*connection);
    id = Insert(*connection, organisation, user, draft, GroupSource::kUser, "", now);
    transaction.Commit();
  }
  return *FindGroup(store, organisation, id);
}

std::optional<StoredGroup> UpdateGroup(store::Store& store, std::int64_t organisation,
                                       std::int64_t id, const GroupDraft& draft, std::int64_t now) {
  CheckDraft(draft);
  {
    auto connection = store.Acquire();
    store::Transaction transaction(*connection);
    if (connection
            ->Query("UPDATE comparison_groups SET title = $3, updated_at = $4 WHERE id = $1 AND "
                    "organisation_id = $2 RETURNING id",
                    {id, organisation, draft.title, now})
            .empty()) {
      return std::nullopt;
    }
    WriteMembers(*connection, id, draft.members);
    transaction.Commit();
  }
  return FindGroup(store, organisation, id);
}

bool DeleteGroup(store::Store& store, std::int64_t organisation, std::int64_t id) {
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  const bool found = !connection
                          ->Query(
                              "DELETE FROM comparison_groups WHERE id = $1 AND organisation_id = "
                              "$2 RETURNING id",
                              {id, organisation})
                          .empty();
  connection->Query(
      "DELETE FROM comparison_group_members WHERE group_id = $1 AND NOT EXISTS (SELECT 1 FROM "
      "comparison_groups WHERE id = $1)",
      {id});
  transaction.Commit();
  return found;
}

std::optional<StoredGroup> FindGroup(store::Store& store, std::int64_t organisation,
                                     std::int64_t id) {
  auto connection = store.Acquire();
  const store::Rows rows = connection->Query(
      std::string(kSelect) + " WHERE id = $1 AND organisation_id = $2", {id, organisation});
  if (rows.empty()) return std::nullopt;
  StoredGroup group = GroupFrom(rows[0]);
  for (const store::Row& row : connection->Query(
           "SELECT area FROM comparison_group_members WHERE group_id = $1 ORDER BY position",
           {id})) {
    group.members.push_back(row.Text(0));
  }
  return group;
}

std::vector<StoredGroup> ListGroups(store::Store& store, std::int64_t organisation) {
  auto connection = store.Acquire();
  std::vector<StoredGroup> groups;
  for (const store::Row& row :
       connection->Query(std::string(kSelect) + " WHERE organisation_id = $1 ORDER BY title, id",
                         {organisation})) {
    groups.push_back(GroupFrom(row));
  }
  ReadMembers(*connection, groups, organisation);
  return groups;
}

std::optional<StoredGroup> FindGroupByName(store::Store& store, std::int64_t organisation,
                                           std::string_view name) {
  const std::vector<StoredGroup> groups = ListGroups(store, organisation);
  for (const StoredGroup& group : groups) {
    if (std::to_string(group.id) == name) return group;
  }
  for (const StoredGroup& group : groups) {
    if (!group.source_id.empty() && group.source_id == name) return group;
  }
  for (const StoredGroup& group : groups) {
    if (group.title == name) return group;
  }
  return std::nullopt;
}

GroupImport ImportKoladaGroups(store::Store& store, std::int64_t organisation, std::int64_t user,
                               std::string_view bytes, const std::string& file, std::int64_t now) {
  if (bytes.size() > kMaxKoladaGroupsBytes) {
    Invalid(
        "file",
        fmt::format(fmt::runtime(Tr("filen är större än {} MiB", "the file is larger than {} MiB")),
                    kMaxKoladaGroupsBytes >> 20));
  }
  const std::vector<published::KoladaGroup> kolada =
      published::ParseKoladaGroups(published::ParseJson(bytes, file), file);
  if (kolada.empty()) {
    Invalid("values", std::string(Tr("filen har inga grupper", "the file holds no groups")));
  }
  if (kolada.size() > kMaxGroupsPerImport) {
    Invalid("values",
            fmt::format(fmt::runtime(Tr("högst {} grupper per fil", "at most {} groups a file")),
                        kMaxGroupsPerImport));
  }
  std::vector<GroupDraft> drafts;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < kolada.size(); ++i) {
    const std::string at = fmt::format("values/{}", i);
    if (kolada[i].id.empty() || kolada[i].id.size() > 100) {
      Invalid(at + "/id", std::string(Tr("gruppens id saknas eller är för långt",
                                         "the group's id is missing or too long")));
    }
    if (!ids.insert(kolada[i].id).second) {
      Invalid(at + "/id", fmt::format(fmt::runtime(Tr("gruppen {} finns två gånger",
                                                      "the group {} is given twice")),
                                      kolada[i].id));
    }
    GroupDraft draft{kolada[i].title, {}};
    std::set<std::string> seen;
    for (const PlacedArea& member : kolada[i].members) {
      if (seen.insert(member.code).second) draft.members.push_back(member.code);
    }
    try {
      CheckDraft(draft);
    } catch (const Error& error) {
      // The field in the file: "values/3/title", "values/3/members".
      const std::string field = error.field().starts_with("members/") ? "members" : error.field();
      throw Error(error.code(), fmt::format("{}: {}", kolada[i].id, error.message()), {},
                  at + "/" + field);
    }
    drafts.push_back(std::move(draft));
  }
  GroupImport imported;
  std::vector<std::pair<bool, std::int64_t>> written;  // (updated, id)
  {
    auto connection = store.Acquire();
    store::Transaction transaction(*connection);
    for (std::size_t i = 0; i < kolada.size(); ++i) {
      const store::Rows existing = connection->Query(
          "UPDATE comparison_groups SET title = $3, updated_at = $4 WHERE organisation_id = $1 "
          "AND source = 'kolada' AND source_id = $2 RETURNING id",
          {organisation, kolada[i].id, drafts[i].title, now});
      if (!existing.empty()) {
        WriteMembers(*connection, existing[0].Int(0), drafts[i].members);
        written.emplace_back(true, existing[0].Int(0));
      } else {
        written.emplace_back(false, Insert(*connection, organisation, user, drafts[i],
                                           GroupSource::kKolada, kolada[i].id, now));
      }
    }
    transaction.Commit();
  }
  std::map<std::int64_t, StoredGroup> all;
  for (StoredGroup& group : ListGroups(store, organisation)) all[group.id] = std::move(group);
  for (const auto& [updated, id] : written) {
    (updated ? imported.updated : imported.created).push_back(all.at(id));
  }
  return imported;
}

compare::ComparisonGroup ToComparisonGroup(const StoredGroup& group) {
  return {.id = group.source_id.empty() ? fmt::format("grupp-{}", group.id) : group.source_id,
          .title = group.title,
          .members = group.members};
}

}  // namespace jamlik::app
