// The datasets domain's tables: an organisation's uploaded files and their columns. The first step
// is the part of the global migration 1 that made them, unchanged.
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule DatasetsSchema() {
  return {"datasets",
          {"accounts"},
          {
              {1, R"sql(
CREATE TABLE datasets (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  file_name TEXT NOT NULL,
  stored_as TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  row_count BIGINT NOT NULL,
  delimiter TEXT NOT NULL,
  encoding TEXT NOT NULL,
  decimal_comma INTEGER NOT NULL,
  notes TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX datasets_organisation ON datasets (organisation_id);
CREATE TABLE dataset_columns (
  dataset_id BIGINT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  role TEXT NOT NULL,
  ordered INTEGER NOT NULL,
  advantaged TEXT NOT NULL,
  categories TEXT NOT NULL,
  distinct_count BIGINT NOT NULL,
  null_count BIGINT NOT NULL,
  PRIMARY KEY (dataset_id, ordinal)
);
)sql",
               1},
          }};
}

}  // namespace jamlik::app
