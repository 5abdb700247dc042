#pragma once
// Comparison groups as an organisation's data (issue 11 item 3): "similar municipalities" that a
// municipality compares itself with, each a title and its member areas (codes of the code lists),
// either the organisation's own or imported from Kolada's municipality_groups. The comparison
// (src/compare) takes a group's value as Kolada computes it: the group's own published row, else
// the unweighted mean of its members with a value.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compare/compare.hpp"
#include "store/database.hpp"

namespace jamlik::app {

inline constexpr std::size_t kMaxGroupMembers = 400;  // more than Sweden's 290 municipalities
inline constexpr std::size_t kMaxGroupsPerImport = 2'000;
inline constexpr std::size_t kMaxKoladaGroupsBytes = std::size_t{8} << 20;

enum class GroupSource { kUser, kKolada };
// "user", "kolada".
const char* GroupSourceId(GroupSource source);

// What an analyst writes: a title and the members, municipality or county codes ("1880", "18").
struct GroupDraft {
  std::string title;
  std::vector<std::string> members;
};

struct StoredGroup {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string title;
  std::vector<std::string> members;  // in the order given, without repeats
  GroupSource source = GroupSource::kUser;
  std::string source_id;  // Kolada's group id ("G124009"); "" for the organisation's own
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Check the draft (a title of at most kMaxNameCharacters, 1…kMaxGroupMembers members each a
// municipality or county of the code lists, no repeats) and store it; throws kInvalidArgument
// naming the field ("title", "members/3").
StoredGroup CreateGroup(store::Store& store, std::int64_t organisation, std::int64_t user,
                        const GroupDraft& draft, std::int64_t now);
// Replace the group's title and members (checked likewise); nothing when the organisation has no
// such group. An imported group edited keeps its source.
std::optional<StoredGroup> UpdateGroup(store::Store& store, std::int64_t organisation,
                                       std::int64_t id, const GroupDraft& draft, std::int64_t now);
bool DeleteGroup(store::Store& store, std::int64_t organisation, std::int64_t id);
std::optional<StoredGroup> FindGroup(store::Store& store, std::int64_t organisation,
                                     std::int64_t id);
// The organisation's groups by title.
std::vector<StoredGroup> ListGroups(store::Store& store, std::int64_t organisation);

// The group `name` names among the organisation's: its id ("12"), Kolada's id ("G124009") or its
// title, in that order; nothing when none.
std::optional<StoredGroup> FindGroupByName(store::Store& store, std::int64_t organisation,
                                           std::string_view name);

struct GroupImport {
  std::vector<StoredGroup> created;
  std::vector<StoredGroup> updated;  // a Kolada group imported before, replaced
};

// Import Kolada's municipality_groups response (`{"values": [{"id", "title", "members":
// [{"id"}]}]}`) read from `bytes` (`file` names it in errors): every group or none. A group
// imported before (the same Kolada id) is replaced. Throws kBadValue naming the JSON pointer of a
// bad value, and kInvalidArgument for more than kMaxGroupsPerImport groups or a group without
// members.
GroupImport ImportKoladaGroups(store::Store& store, std::int64_t organisation, std::int64_t user,
                               std::string_view bytes, const std::string& file, std::int64_t now);

// The group as the comparison takes it. Its id is Kolada's for an imported group (so that a
// published group row "G124009" is the group's own value) and "grupp-ID" for the organisation's
// own, which no area code can equal.
compare::ComparisonGroup ToComparisonGroup(const StoredGroup& group);

}  // namespace jamlik::app
