#pragma once
// Invitations to an organisation. An admin adding a member by e-mail learns nothing about
// accounts outside the organisation: the address is invited whether or not it has an account,
// with the same answer, and the person (once they have an account with that address) accepts or
// declines. An invitation lasts 14 days; inviting the address again renews it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/accounts.hpp"
#include "store/database.hpp"

namespace jamlik::app {

inline constexpr std::int64_t kInvitationSeconds = 14 * 24 * 3600;

struct Invitation {
  std::int64_t id = 0;
  Organisation organisation;
  std::string email;  // normalised
  Role role = Role::kReader;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

// Invite `email` (checked, normalised) to `organisation` with `role`, or renew the invitation.
Invitation Invite(store::Store& store, std::int64_t organisation, const std::string& email,
                  Role role, std::int64_t invited_by, std::int64_t now);
// The same on a connection, inside the caller's transaction.
Invitation Invite(store::Connection& connection, std::int64_t organisation,
                  const std::string& email, Role role, std::int64_t invited_by, std::int64_t now);
// The organisation's pending invitations, newest first.
std::vector<Invitation> InvitationsOf(store::Store& store, std::int64_t organisation,
                                      std::int64_t now);
// The pending invitations to `user`'s e-mail address.
std::vector<Invitation> InvitationsFor(store::Store& store, const User& user, std::int64_t now);
// Make `user` a member as the invitation says, if it is theirs and pending; return it.
std::optional<Invitation> AcceptInvitation(store::Store& store, std::int64_t id, const User& user,
                                           std::int64_t now);
// Remove the invitation if it is `user`'s (declining) or, with `organisation`, the
// organisation's (withdrawing); false when there is none.
bool DeclineInvitation(store::Store& store, std::int64_t id, const User& user);
bool WithdrawInvitation(store::Store& store, std::int64_t organisation, std::int64_t id);

}  // namespace jamlik::app
