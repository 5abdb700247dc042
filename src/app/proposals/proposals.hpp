#pragma once
// Members' proposals: "what should the meeting place do that is not already done elsewhere?"
// Members propose (optionally citing a measured gap: one of their organisation's analyses and an
// indicator in it), comment and vote — one vote per person, which the store enforces — and
// coordinators mark a proposal planned, done or declined with a reason.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/accounts.hpp"
#include "store/database.hpp"

namespace jamlik::app {

enum class ProposalStatus { kOpen, kPlanned, kDone, kDeclined };
const char* ProposalStatusId(ProposalStatus status);  // "open", "planned", "done", "declined"
std::optional<ProposalStatus> ParseProposalStatus(std::string_view id);

struct ProposalDraft {
  std::string title;                        // at most 200 characters
  std::string body;                         // at most 5 000 characters
  std::optional<std::int64_t> analysis_id;  // a measured gap, in an analysis the author may read
  std::string indicator;                    // an indicator of that analysis, or empty
};

struct Proposal {
  std::int64_t id = 0;
  ProposalDraft draft;
  std::string author_name;
  ProposalStatus status = ProposalStatus::kOpen;
  std::string status_reason;
  std::optional<std::int64_t> status_at;
  std::int64_t created_at = 0;
  std::int64_t votes = 0;
  std::int64_t comments = 0;
  bool voted = false;  // by the user it was read for
};

struct Comment {
  std::int64_t id = 0;
  std::string author_name;
  std::string body;
  std::int64_t created_at = 0;
};

enum class ProposalOrder { kVotes, kRecent };

// Check the draft (throws kInvalidArgument naming the field; an analysis the author cannot read
// is refused as "analysis_id") and store it as the author's.
Proposal Propose(store::Store& store, const User& author, const ProposalDraft& draft,
                 std::int64_t now);
// Proposals with their vote and comment counts and whether `reader` voted: by votes (most
// first, then newest) or newest first.
std::vector<Proposal> ListProposals(store::Store& store, std::int64_t reader, ProposalOrder order);
std::optional<Proposal> FindProposal(store::Store& store, std::int64_t id, std::int64_t reader);
std::vector<Comment> CommentsOn(store::Store& store, std::int64_t proposal);
// Add a comment (at most 2 000 characters); nullopt when there is no such proposal.
std::optional<Comment> AddComment(store::Store& store, std::int64_t proposal, const User& author,
                                  const std::string& body, std::int64_t now);
// Vote for the proposal; true when the vote is new, false when the user had voted already (the
// store's UNIQUE constraint keeps one vote per person). Throws kInvalidArgument for no proposal.
bool Vote(store::Store& store, std::int64_t proposal, std::int64_t user, std::int64_t now);
// Withdraw the user's vote; false when there was none.
bool WithdrawVote(store::Store& store, std::int64_t proposal, std::int64_t user);
// Mark the proposal (a reason is required for every status but open); false when there is none.
bool SetProposalStatus(store::Store& store, std::int64_t proposal, ProposalStatus status,
                       const std::string& reason, std::int64_t coordinator, std::int64_t now);

}  // namespace jamlik::app
