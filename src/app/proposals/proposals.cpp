#include "app/proposals/proposals.hpp"

#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::app {
namespace {

constexpr std::size_t kMaxBodyCharacters = 5'000;
constexpr std::size_t kMaxCommentCharacters = 2'000;

[[noreturn]] void Invalid(const char* field, std::string_view swedish, std::string_view english) {
  throw Error(ErrorCode::kInvalidArgument, std::string(Tr(swedish, english)), {}, field);
}

// $1 is the reader, whose vote `voted` says.
constexpr const char* kSelect =
    "SELECT p.id, p.title, p.body, p.analysis_id, p.indicator, p.author_name, p.status, "
    "p.status_reason, p.status_at, p.created_at, "
    "(SELECT COUNT(*) FROM proposal_votes v WHERE v.proposal_id = p.id), "
    "(SELECT COUNT(*) FROM proposal_comments c WHERE c.proposal_id = p.id), "
    "(SELECT COUNT(*) FROM proposal_votes v WHERE v.proposal_id = p.id AND v.user_id = $1) "
    "FROM proposals p";

Proposal ProposalFrom(const store::Row& row) {
  Proposal proposal;
  proposal.id = row.Int(0);
  proposal.draft = {row.Text(1), row.Text(2), row.OptionalInt(3), row.Text(4)};
  proposal.author_name = row.Text(5);
  proposal.status = ParseProposalStatus(row.Text(6)).value_or(ProposalStatus::kOpen);
  proposal.status_reason = row.Text(7);
  proposal.status_at = row.OptionalInt(8);
  proposal.created_at = row.Int(9);
  proposal.votes = row.Int(10);
  proposal.comments = row.Int(11);
  proposal.voted = row.Int(12) > 0;
  return proposal;
}

}  // namespace

const char* ProposalStatusId(ProposalStatus status) {
  switch (status) {
    case ProposalStatus::kOpen:
      return "open";
    case ProposalStatus::kPlanned:
      return "planned";
    case ProposalStatus::kDone:
      return "done";
    case ProposalStatus::kDeclined:
      return "declined";
  }
  return "open";
}

std::optional<ProposalStatus> ParseProposalStatus(std::string_view id) {
  for (const ProposalStatus status : {ProposalStatus::kOpen, ProposalStatus::kPlanned,
                                      ProposalStatus::kDone, ProposalStatus::kDeclined}) {
    if (id == ProposalStatusId(status)) return status;
  }
  return std::nullopt;
}

Proposal Propose(store::Store& store, const User& author, const ProposalDraft& draft,
                 std::int64_t now) {
  CheckName(draft.title, "title");
  CheckName(draft.body, "body", kMaxBodyCharacters);
  if (!draft.indicator.empty()) CheckName(draft.indicator, "indicator");
  if (!draft.indicator.empty() && !draft.analysis_id) {
    Invalid("analysis_id", "en indikator anges med sin analys",
            "an indicator is cited with its analysis");
  }
  auto connection = store.Acquire();
  if (draft.analysis_id) {
    // Only an analysis of one of the author's organisations: a proposal must not reveal another
    // organisation's analysis, nor confirm that an id exists.
    const store::Rows readable = connection->Query(
        "SELECT 1 FROM analyses a JOIN memberships m ON m.organisation_id = a.organisation_id "
        "WHERE a.id = $1 AND m.user_id = $2",
        {*draft.analysis_id, author.id});
    if (readable.empty()) {
      Invalid("analysis_id", "analysen finns inte bland dina organisationers analyser",
              "the analysis is not among your organisations' analyses");
    }
  }
  const store::Value analysis =
      draft.analysis_id ? store::Value(*draft.analysis_id) : store::Value();
  const std::int64_t id =
      connection
          ->Query(
              "INSERT INTO proposals (title, body, analysis_id, indicator, author_id, "
              "author_name, status, status_reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
              "'open', '', $7) RETURNING id",
              {draft.title, draft.body, analysis, draft.indicator, author.id, author.name, now})
          .at(0)
          .Int(0);
  return *FindProposal(store, id, author.id);
}

std::vector<Proposal> ListProposals(store::Store& store, std::int64_t reader, ProposalOrder order) {
  const std::string sql =
      std::string(kSelect) + (order == ProposalOrder::kVotes
                                  ? " ORDER BY 11 DESC, p.created_at DESC, p.id DESC"
                                  : " ORDER BY p.created_at DESC, p.id DESC");
  std::vector<Proposal> proposals;
  for (const auto& row : store.Acquire()->Query(sql, {reader})) {
    proposals.push_back(ProposalFrom(row));
  }
  return proposals;
}

std::optional<Proposal> FindProposal(store::Store& store, std::int64_t id, std::int64_t reader) {
  const store::Rows rows =
      store.Acquire()->Query(std::string(kSelect) + " WHERE p.id = $2", {reader, id});
  if (rows.empty()) return std::nullopt;
  return ProposalFrom(rows[0]);
}

std::vector<Comment> CommentsOn(store::Store& store, std::int64_t proposal) {
  std::vector<Comment> comments;
  for (const auto& row : store.Acquire()->Query(
           "SELECT id, author_name, body, created_at FROM proposal_comments WHERE proposal_id = "
           "$1 ORDER BY created_at, id",
           {proposal})) {
    comments.push_back({row.Int(0), row.Text(1), row.Text(2), row.Int(3)});
  }
  return comments;
}

std::optional<Comment> AddComment(store::Store& store, std::int64_t proposal, const User& author,
                                  const std::string& body, std::int64_t now) {
  CheckName(body, "body", kMaxCommentCharacters);
  const store::Rows rows = store.Acquire()->Query(
      "INSERT INTO proposal_comments (proposal_id, author_id, author_name, body, created_at) "
      "SELECT id, $2, $3, $4, $5 FROM proposals WHERE id = $1 RETURNING id",
      {proposal, author.id, author.name, body, now});
  if (rows.empty()) return std::nullopt;
  return Comment{rows[0].Int(0), author.name, body, now};
}

bool Vote(store::Store& store, std::int64_t proposal, std::int64_t user, std::int64_t now) {
  auto connection = store.Acquire();
  if (connection->Query("SELECT 1 FROM proposals WHERE id = $1", {proposal}).empty()) {
    Invalid("proposal", "förslaget finns inte", "there is no such proposal");
  }
  // Two votes at once from one person both reach the insert: the constraint keeps one.
  return !connection
              ->Query(
                  "INSERT INTO proposal_votes (proposal_id, user_id, created_at) VALUES ($1, $2, "
                  "$3) ON CONFLICT (proposal_id, user_id) DO NOTHING RETURNING proposal_id",
                  {proposal, user, now})
              .empty();
}

bool WithdrawVote(store::Store& store, std::int64_t proposal, std::int64_t user) {
  return !store.Acquire()
              ->Query(
                  "DELETE FROM proposal_votes WHERE proposal_id = $1 AND user_id = $2 RETURNING "
                  "proposal_id",
                  {proposal, user})
              .empty();
}

bool SetProposalStatus(store::Store& store, std::int64_t proposal, ProposalStatus status,
                       const std::string& reason, std::int64_t coordinator, std::int64_t now) {
  if (status != ProposalStatus::kOpen || !reason.empty()) {
    CheckName(reason, "reason", kMaxCommentCharacters);
  }
  return !store.Acquire()
              ->Query(
                  "UPDATE proposals SET status = $1, status_reason = $2, status_by = $3, "
                  "status_at = $4 WHERE id = $5 RETURNING id",
                  {std::string(ProposalStatusId(status)), reason, coordinator, now, proposal})
              .empty();
}

}  // namespace jamlik::app
