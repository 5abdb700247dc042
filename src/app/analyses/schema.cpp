// The analyses domain's tables: analyses, their published result rows and the audit log of every
// computation, view and export. The first steps are the history of the global migrations 1, 2 and
// 8 that made them, unchanged.
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule AnalysesSchema() {
  return {"analyses",
          {"accounts", "datasets"},
          {
              {1, R"sql(
CREATE TABLE analyses (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  dataset_id BIGINT REFERENCES datasets (id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  definitions TEXT NOT NULL,
  result_count BIGINT NOT NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX analyses_organisation ON analyses (organisation_id);
CREATE TABLE analysis_results (
  analysis_id BIGINT NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
  ordinal BIGINT NOT NULL,
  indicator TEXT NOT NULL,
  indicator_name TEXT NOT NULL,
  indicator_type TEXT NOT NULL,
  area_level TEXT NOT NULL,
  area TEXT NOT NULL,
  period TEXT NOT NULL,
  dimension TEXT NOT NULL,
  subgroup TEXT NOT NULL,
  subgroup_order BIGINT NOT NULL,
  ordered_dimension INTEGER NOT NULL,
  reference_subgroup INTEGER NOT NULL,
  favourable_indicator INTEGER NOT NULL,
  indicator_scale DOUBLE PRECISION NOT NULL,
  estimate DOUBLE PRECISION,
  lower DOUBLE PRECISION,
  upper DOUBLE PRECISION,
  confidence DOUBLE PRECISION NOT NULL,
  lower_2 DOUBLE PRECISION,
  upper_2 DOUBLE PRECISION,
  confidence_2 DOUBLE PRECISION,
  numerator DOUBLE PRECISION,
  denominator DOUBLE PRECISION,
  population DOUBLE PRECISION,
  method TEXT NOT NULL,
  flag TEXT NOT NULL,
  PRIMARY KEY (analysis_id, ordinal)
);
)sql",
               1},
              // Results are stored as published (disclosure control applied, src/privacy), and
              // every computation, view and export of them is recorded in an append-only audit log:
              // nothing updates or deletes its rows, and they name users and organisations by id
              // without foreign keys so that a record outlives what it names.
              {2, R"sql(
ALTER TABLE analysis_results ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE analysis_results ADD COLUMN suppression_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_log (
  id {id},
  time TEXT NOT NULL,
  organisation_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  table_name TEXT NOT NULL,
  dataset TEXT NOT NULL,
  dataset_bytes BIGINT NOT NULL,
  dataset_modified TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  suppressed_rows BIGINT NOT NULL
);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, id);
)sql",
               2},
              // Results are stored language-neutral: the indicator's name in both languages (the
              // existing name, stored in the language of the request that ran the analysis, serves
              // as both), and the area's name, which older analyses did not record (their areas
              // show by code).
              {3, R"sql(
ALTER TABLE analysis_results ADD COLUMN indicator_name_en TEXT NOT NULL DEFAULT '';
UPDATE analysis_results SET indicator_name_en = indicator_name;
ALTER TABLE analysis_results ADD COLUMN area_name TEXT NOT NULL DEFAULT '';
ALTER TABLE analysis_results ADD COLUMN area_name_en TEXT NOT NULL DEFAULT '';
)sql",
               8},
              // Analyses of published results (Kolada, SCB, HEAT Plus files) have no dataset:
              // their source names the format and the files, JSON; empty for computed analyses.
              {4, R"sql(
ALTER TABLE analyses ADD COLUMN source TEXT NOT NULL DEFAULT '';
)sql"},
          }};
}

}  // namespace jamlik::app
