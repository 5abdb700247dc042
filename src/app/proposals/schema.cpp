// The members' proposals: what the meeting place should do, each member's vote (one per person,
// kept so by the store's UNIQUE constraint), comments, and the coordinators' status with a reason.
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule ProposalsSchema() {
  return {"proposals",
          {"accounts", "analyses"},
          {
              {1, R"sql(
CREATE TABLE proposals (
  id {id},
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  analysis_id BIGINT REFERENCES analyses (id) ON DELETE SET NULL,
  indicator TEXT NOT NULL,
  author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'planned', 'done', 'declined')),
  status_reason TEXT NOT NULL,
  status_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  status_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX proposals_created ON proposals (created_at);
CREATE TABLE proposal_votes (
  proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  UNIQUE (proposal_id, user_id)
);
CREATE INDEX proposal_votes_user ON proposal_votes (user_id);
CREATE TABLE proposal_comments (
  id {id},
  proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  author_name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX proposal_comments_proposal ON proposal_comments (proposal_id, created_at);
)sql"},
          }};
}

}  // namespace jamlik::app
