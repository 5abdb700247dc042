#pragma once
// The meeting place's members: organisations (municipalities, regions, agencies, civil society,
// businesses, universities) whose membership a coordinator approved, and their people. A member
// organisation is an ordinary organisation (accounts) with the meeting place's kind, its county
// and its membership state; a person is a member through a membership in an approved one.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/accounts/accounts.hpp"
#include "store/database.hpp"

namespace jamlik::app {

enum class MemberKind { kMunicipality, kRegion, kAgency, kCivilSociety, kBusiness, kUniversity };
// "municipality", "region", "agency", "civil_society", "business", "university"
const char* MemberKindId(MemberKind kind);
std::optional<MemberKind> ParseMemberKind(std::string_view id);
// Every kind, in the order forms list them.
inline constexpr MemberKind kMemberKinds[] = {MemberKind::kMunicipality, MemberKind::kRegion,
                                              MemberKind::kAgency,       MemberKind::kCivilSociety,
                                              MemberKind::kBusiness,     MemberKind::kUniversity};

enum class MemberState { kApplied, kApproved, kDeclined };
const char* MemberStateId(MemberState state);  // "applied", "approved", "declined"
std::optional<MemberState> ParseMemberState(std::string_view id);

struct MemberOrganisation {
  Organisation organisation;
  // The meeting place's kind; an organisation made before the meeting place as "annan" has none
  // until a coordinator sets it (kommun and region map to municipality and region).
  std::optional<MemberKind> kind;
  std::string county;                // two digits ("18") for municipalities and regions, else ""
  std::optional<MemberState> state;  // none: not a member of the meeting place
  std::optional<std::int64_t> approved_at;  // Unix seconds
};

std::optional<MemberOrganisation> FindMemberOrganisation(store::Store& store,
                                                         std::int64_t organisation);
// The approved member organisations, by name.
std::vector<MemberOrganisation> ApprovedMembers(store::Store& store);
// Set the organisation's membership state; approving records `now` as approved_at (kept when it
// was approved before). False when there is no such organisation.
bool SetMemberState(store::Store& store, std::int64_t organisation, MemberState state,
                    std::int64_t now);
// Set the organisation's kind and county. A municipality's county is its code's first two digits
// and a region's its code, whatever `county` says; throws kInvalidArgument (field "county") for a
// county that is not one.
void SetMemberProfile(store::Store& store, std::int64_t organisation, MemberKind kind,
                      const std::string& county);
// The same two on a connection, inside the caller's transaction.
bool SetMemberState(store::Connection& connection, std::int64_t organisation, MemberState state,
                    std::int64_t now);
void SetMemberProfile(store::Connection& connection, std::int64_t organisation, MemberKind kind,
                      const std::string& county);

// The approved member organisation the user belongs to (the first by name when several), or
// nullopt: what a member's registration to an activity names as their organisation.
std::optional<Organisation> MemberOrganisationOf(store::Store& store, std::int64_t user);
// Whether the user belongs to an approved member organisation.
bool BelongsToMember(store::Store& store, std::int64_t user);
// Whether the user may enter the members' space: a person of an approved member organisation, or
// a coordinator (site administrators count as coordinators).
bool IsMeetingPlaceMember(store::Store& store, const User& user);

}  // namespace jamlik::app
