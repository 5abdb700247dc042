#include "app/members/members.hpp"

#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"

namespace jamlik::app {
namespace {

// An organisation made by accounts alone has no member_kind or county: its accounts kind and
// area (its area code, else its code: "demo" is no municipality, its area 1880 is) still say
// municipality or region, and which county.
constexpr const char* kMemberColumns =
    "o.id, o.code, o.name, o.kind, o.area_code, COALESCE(o.member_kind, CASE o.kind WHEN "
    "'kommun' THEN 'municipality' WHEN 'region' THEN 'region' ELSE NULL END), CASE WHEN "
    "o.county <> '' THEN o.county WHEN o.kind = 'kommun' AND "
    "length(COALESCE(NULLIF(o.area_code, ''), o.code)) = 4 THEN "
    "substr(COALESCE(NULLIF(o.area_code, ''), o.code), 1, 2) WHEN o.kind = 'region' AND "
    "length(COALESCE(NULLIF(o.area_code, ''), o.code)) = 2 THEN "
    "COALESCE(NULLIF(o.area_code, ''), o.code) ELSE '' END, "
    "o.member_state, o.approved_at";

MemberOrganisation MemberFrom(const store::Row& row) {
  MemberOrganisation member;
  member.organisation = {row.Int(0), row.Text(1), row.Text(2),
                         ParseOrganisationKind(row.Text(3)).value_or(OrganisationKind::kAnnan),
                         row.Text(4)};
  if (!row.IsNull(5)) member.kind = ParseMemberKind(row.Text(5));
  member.county = row.Text(6);
  if (!row.IsNull(7)) member.state = ParseMemberState(row.Text(7));
  member.approved_at = row.OptionalInt(8);
  return member;
}

}  // namespace

const char* MemberKindId(MemberKind kind) {
  switch (kind) {
    case MemberKind::kMunicipality:
      return "municipality";
    case MemberKind::kRegion:
      return "region";
    case MemberKind::kAgency:
      return "agency";
    case MemberKind::kCivilSociety:
      return "civil_society";
    case MemberKind::kBusiness:
      return "business";
    case MemberKind::kUniversity:
      return "university";
  }
  return "agency";
}

std::optional<MemberKind> ParseMemberKind(std::string_view id) {
  for (const MemberKind kind : kMemberKinds) {
    if (id == MemberKindId(kind)) return kind;
  }
  return std::nullopt;
}

const char* MemberStateId(MemberState state) {
  switch (state) {
    case MemberState::kApplied:
      return "applied";
    case MemberState::kApproved:
      return "approved";
    case MemberState::kDeclined:
      return "declined";
  }
  return "applied";
}

std::optional<MemberState> ParseMemberState(std::string_view id) {
  for (const MemberState state :
       {MemberState::kApplied, MemberState::kApproved, MemberState::kDeclined}) {
    if (id == MemberStateId(state)) return state;
  }
  return std::nullopt;
}

std::optional<MemberOrganisation> FindMemberOrganisation(store::Store& store,
                                                         std::int64_t organisation) {
  const store::Rows rows = store.Acquire()->Query(
      std::string("SELECT ") + kMemberColumns + " FROM organisations o WHERE o.id = $1",
      {organisation});
  if (rows.empty()) return std::nullopt;
  return MemberFrom(rows[0]);
}

std::vector<MemberOrganisation> ApprovedMembers(store::Store& store) {
  std::vector<MemberOrganisation> members;
  for (const auto& row : store.Acquire()->Query(
           std::string("SELECT ") + kMemberColumns +
           " FROM organisations o WHERE o.member_state = 'approved' ORDER BY o.name, o.id")) {
    members.push_back(MemberFrom(row));
  }
  return members;
}

bool SetMemberState(store::Store& store, std::int64_t organisation, MemberState state,
                    std::int64_t now) {
  return SetMemberState(*store.Acquire(), organisation, state, now);
}

bool SetMemberState(store::Connection& connection, std::int64_t organisation, MemberState state,
                    std::int64_t now) {
  const bool approved = state == MemberState::kApproved;
  return !connection
              .Query(
                  "UPDATE organisations SET member_state = $1, approved_at = CASE WHEN $2 = 1 "
                  "THEN COALESCE(approved_at, $3) ELSE NULL END WHERE id = $4 RETURNING id",
                  {std::string(MemberStateId(state)), std::int64_t{approved}, now, organisation})
              .empty();
}

void SetMemberProfile(store::Store& store, std::int64_t organisation, MemberKind kind,
                      const std::string& county) {
  SetMemberProfile(*store.Acquire(), organisation, kind, county);
}

void SetMemberProfile(store::Connection& connection, std::int64_t organisation, MemberKind kind,
                      const std::string& county) {
  std::string effective = county;
  if (kind == MemberKind::kMunicipality || kind == MemberKind::kRegion) {
    const store::Rows found = connection.Query(
        "SELECT COALESCE(NULLIF(area_code, ''), code) FROM organisations WHERE id = $1",
        {organisation});
    if (found.empty()) return;
    const std::string& code = found[0].Text(0);  // the area: "demo" is coded 1880
    effective = kind == MemberKind::kMunicipality ? code.substr(0, 2) : code;
  }
  if (!effective.empty() && !FindCounty(effective)) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("Länet finns inte", "There is no such county")), {}, "county");
  }
  connection.Query("UPDATE organisations SET member_kind = $1, county = $2 WHERE id = $3",
                   {std::string(MemberKindId(kind)), effective, organisation});
}

std::optional<Organisation> MemberOrganisationOf(store::Store& store, std::int64_t user) {
  const store::Rows rows = store.Acquire()->Query(
      "SELECT o.id, o.code, o.name, o.kind, o.area_code FROM memberships m JOIN organisations o "
      "ON o.id = m.organisation_id WHERE m.user_id = $1 AND o.member_state = 'approved' "
      "ORDER BY o.name, o.id LIMIT 1",
      {user});
  if (rows.empty()) return std::nullopt;
  return Organisation{rows[0].Int(0), rows[0].Text(1), rows[0].Text(2),
                      ParseOrganisationKind(rows[0].Text(3)).value_or(OrganisationKind::kAnnan),
                      rows[0].Text(4)};
}

bool BelongsToMember(store::Store& store, std::int64_t user) {
  return !store.Acquire()
              ->Query(
                  "SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id "
                  "WHERE m.user_id = $1 AND o.member_state = 'approved' LIMIT 1",
                  {user})
              .empty();
}

bool IsMeetingPlaceMember(store::Store& store, const User& user) {
  return IsCoordinator(user) || BelongsToMember(store, user.id);
}

}  // namespace jamlik::app
