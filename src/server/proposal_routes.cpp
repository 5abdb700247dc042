// Members' proposals: members list, propose, comment and vote (and withdraw their vote);
// coordinators mark a proposal planned, done or declined with a reason.
#include <ctime>

#include "app/proposals/proposals.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

std::string StatusLabel(app::ProposalStatus status) {
  switch (status) {
    case app::ProposalStatus::kOpen:
      return std::string(Tr("Öppet", "Open"));
    case app::ProposalStatus::kPlanned:
      return std::string(Tr("Planerat", "Planned"));
    case app::ProposalStatus::kDone:
      return std::string(Tr("Genomfört", "Done"));
    case app::ProposalStatus::kDeclined:
      return std::string(Tr("Avböjt", "Declined"));
  }
  return {};
}

json ProposalJson(const app::Proposal& proposal) {
  return {{"id", proposal.id},
          {"title", proposal.draft.title},
          {"body", proposal.draft.body},
          {"analysis_id",
           proposal.draft.analysis_id ? json(*proposal.draft.analysis_id) : json(nullptr)},
          {"indicator", proposal.draft.indicator},
          {"author_name", proposal.author_name},
          {"status", app::ProposalStatusId(proposal.status)},
          {"status_label", StatusLabel(proposal.status)},
          {"status_reason", proposal.status_reason},
          {"status_at", proposal.status_at ? json(*proposal.status_at) : json(nullptr)},
          {"created_at", proposal.created_at},
          {"votes", proposal.votes},
          {"comments", proposal.comments},
          {"voted", proposal.voted}};
}

void List(Context& context) {
  const std::string sort = Choice(context.request, "sort", {"votes", "recent"}, "votes");
  json proposals = json::array();
  for (const auto& proposal : app::ListProposals(
           context.state.store, context.user().id,
           sort == "votes" ? app::ProposalOrder::kVotes : app::ProposalOrder::kRecent)) {
    proposals.push_back(ProposalJson(proposal));
  }
  context.Json(200, {{"proposals", proposals}});
}

void Create(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  app::ProposalDraft draft{StringField(*body, "title"), StringField(*body, "body"), std::nullopt,
                           StringField(*body, "indicator", false)};
  if (body->contains("analysis_id") && !body->at("analysis_id").is_null()) {
    if (!body->at("analysis_id").is_number_integer()) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(Tr("ska vara ett heltal", "must be an integer")), {}, "analysis_id");
    }
    draft.analysis_id = body->at("analysis_id").get<std::int64_t>();
  }
  context.Json(201, ProposalJson(app::Propose(context.state.store, context.user(), draft, Now())));
}

void Show(Context& context) {
  const auto proposal =
      app::FindProposal(context.state.store, context.ids.at(0), context.user().id);
  if (!proposal) return context.Fail(Problem::kNotFound);
  json body = ProposalJson(*proposal);
  json comments = json::array();
  for (const auto& comment : app::CommentsOn(context.state.store, proposal->id)) {
    comments.push_back({{"id", comment.id},
                        {"author_name", comment.author_name},
                        {"body", comment.body},
                        {"created_at", comment.created_at}});
  }
  body["comment_list"] = std::move(comments);
  context.Json(200, body);
}

void Comment(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const auto comment = app::AddComment(context.state.store, context.ids.at(0), context.user(),
                                       StringField(*body, "body"), Now());
  if (!comment) return context.Fail(Problem::kNotFound);
  context.Json(201, {{"id", comment->id},
                     {"author_name", comment->author_name},
                     {"body", comment->body},
                     {"created_at", comment->created_at}});
}

// The proposal as the voter now sees it.
void AnswerVotes(Context& context, int status) {
  const auto proposal =
      app::FindProposal(context.state.store, context.ids.at(0), context.user().id);
  if (!proposal) return context.Fail(Problem::kNotFound);
  context.Json(status, ProposalJson(*proposal));
}

void Vote(Context& context) {
  if (!app::FindProposal(context.state.store, context.ids.at(0), context.user().id)) {
    return context.Fail(Problem::kNotFound);
  }
  const bool added = app::Vote(context.state.store, context.ids.at(0), context.user().id, Now());
  AnswerVotes(context, added ? 201 : 200);
}

void Unvote(Context& context) {
  if (!app::FindProposal(context.state.store, context.ids.at(0), context.user().id)) {
    return context.Fail(Problem::kNotFound);
  }
  app::WithdrawVote(context.state.store, context.ids.at(0), context.user().id);
  AnswerVotes(context, 200);
}

void SetStatus(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const auto status = app::ParseProposalStatus(StringField(*body, "status"));
  if (!status) {
    throw Error(ErrorCode::kInvalidArgument, std::string(Tr("okänd status", "unknown status")), {},
                "status");
  }
  if (!app::SetProposalStatus(context.state.store, context.ids.at(0), *status,
                              StringField(*body, "reason", false), context.user().id, Now())) {
    return context.Fail(Problem::kNotFound);
  }
  AnswerVotes(context, 200);
}

}  // namespace

void AddProposalRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/proposals", Access::kMember, List});
  routes.push_back({"POST", "/api/proposals", Access::kMember, Create});
  routes.push_back({"GET", "/api/proposals/{proposal}", Access::kMember, Show});
  routes.push_back({"POST", "/api/proposals/{proposal}/comments", Access::kMember, Comment});
  routes.push_back({"PUT", "/api/proposals/{proposal}/vote", Access::kMember, Vote});
  routes.push_back({"DELETE", "/api/proposals/{proposal}/vote", Access::kMember, Unvote});
  routes.push_back({"POST", "/api/proposals/{proposal}/status", Access::kCoordinator, SetStatus});
}

}  // namespace jamlik::server
