// The plans domain's tables: plans (one per organisation and budget year, the document with its
// version), their audit trail, and the follow-up records, which nothing updates or deletes (a
// comment is a row of its own, appended).
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule PlansSchema() {
  return {"plans",
          {"accounts", "analyses"},
          {
              {1, R"sql(
CREATE TABLE plans (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  year BIGINT NOT NULL,
  document TEXT NOT NULL,
  version BIGINT NOT NULL,
  copied_from BIGINT REFERENCES plans (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (organisation_id, year)
);
CREATE TABLE plan_changes (
  id {id},
  plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  time BIGINT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL
);
CREATE INDEX plan_changes_plan ON plan_changes (plan_id, id);
CREATE TABLE plan_follow_ups (
  id {id},
  plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  target TEXT NOT NULL,
  target_snapshot TEXT NOT NULL,
  evaluated_period TEXT NOT NULL,
  baseline DOUBLE PRECISION,
  estimate DOUBLE PRECISION,
  lower DOUBLE PRECISION,
  upper DOUBLE PRECISION,
  path_value DOUBLE PRECISION,
  target_value DOUBLE PRECISION NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX plan_follow_ups_plan ON plan_follow_ups (plan_id, period, id);
CREATE TABLE plan_follow_up_comments (
  id {id},
  follow_up_id BIGINT NOT NULL REFERENCES plan_follow_ups (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  text TEXT NOT NULL,
  time BIGINT NOT NULL
);
CREATE INDEX plan_follow_up_comments_record ON plan_follow_up_comments (follow_up_id, id);
)sql"},
          }};
}

}  // namespace jamlik::app
