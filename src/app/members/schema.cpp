// The members domain's tables. Organisations gain the meeting place's kind, county and membership
// state: existing kommun and region rows map to municipality and region (their county from their
// code); "annan" has no meeting-place kind until a coordinator gives it one. Applications for
// membership wait in their own table until a coordinator decides.
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule MembersSchema() {
  return {"members",
          {"accounts"},
          {
              {1, R"sql(
ALTER TABLE organisations ADD COLUMN member_kind TEXT CHECK (member_kind IN
  ('municipality', 'region', 'agency', 'civil_society', 'business', 'university'));
ALTER TABLE organisations ADD COLUMN county TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN member_state TEXT CHECK (member_state IN
  ('applied', 'approved', 'declined'));
ALTER TABLE organisations ADD COLUMN approved_at BIGINT;
UPDATE organisations SET member_kind = CASE kind WHEN 'kommun' THEN 'municipality'
  WHEN 'region' THEN 'region' ELSE NULL END;
UPDATE organisations SET county = CASE
  WHEN kind = 'kommun' AND length(code) = 4 THEN substr(code, 1, 2)
  WHEN kind = 'region' AND length(code) = 2 THEN code ELSE '' END;
CREATE INDEX organisations_member_state ON organisations (member_state);
CREATE TABLE membership_applications (
  id {id},
  organisation_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN
    ('municipality', 'region', 'agency', 'civil_society', 'business', 'university')),
  code TEXT NOT NULL,
  county TEXT NOT NULL,
  contact_name TEXT NOT NULL,
  email TEXT NOT NULL,
  message TEXT NOT NULL,
  consent_text TEXT NOT NULL,
  language TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('applied', 'approved', 'declined')),
  reason TEXT NOT NULL DEFAULT '',
  organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
  decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT
);
CREATE INDEX membership_applications_state ON membership_applications (state, created_at);
)sql"},
          }};
}

}  // namespace jamlik::app
