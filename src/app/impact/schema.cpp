// The impact assessments' table: one row per assessment of a plan, its document with a version,
// and the decision once made (after which nothing changes the row). Every change is written to
// the plan's audit trail (plan_changes) in the same transaction.
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule ImpactSchema() {
  return {"impact",
          {"plans"},
          {
              {1, R"sql(
CREATE TABLE plan_impact_assessments (
  id {id},
  plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  document TEXT NOT NULL,
  version BIGINT NOT NULL,
  decision TEXT,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  decided_by BIGINT,
  decided_at BIGINT
);
CREATE INDEX plan_impact_assessments_plan ON plan_impact_assessments (plan_id, id);
)sql"},
          }};
}

}  // namespace jamlik::app
