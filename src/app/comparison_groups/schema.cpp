// An organisation's comparison groups and their members, in the order the analyst gave them.
// source_id is Kolada's group id for an imported group ('' for the organisation's own), unique per
// organisation among imported groups so that importing again replaces them.
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule ComparisonGroupsSchema() {
  return {"comparison_groups",
          {"accounts"},
          {
              {1, R"sql(
CREATE TABLE comparison_groups (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('user', 'kolada')),
  source_id TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX comparison_groups_organisation ON comparison_groups (organisation_id, title);
CREATE TABLE comparison_group_members (
  group_id BIGINT NOT NULL REFERENCES comparison_groups (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  area TEXT NOT NULL,
  PRIMARY KEY (group_id, position),
  UNIQUE (group_id, area)
);
)sql"},
          }};
}

}  // namespace jamlik::app
