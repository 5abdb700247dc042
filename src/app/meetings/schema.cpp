// The meeting place's tables: activities and the registrations to them. A registration keeps
// only what the organiser needs (name, organisation, e-mail, optional needs) and the consent text
// the person accepted; its cancellation token is kept as a digest, like session tokens. Since
// version 2 the mails to a registrant (in the outbox: their address, name and cancellation link)
// are linked to the registration, so that they go with its personal data.
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule MeetingsSchema() {
  return {"meetings",
          {"accounts", "outbox"},
          {
              {1, R"sql(
CREATE TABLE activities (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  theme TEXT NOT NULL,
  recommendations TEXT NOT NULL,
  place TEXT NOT NULL,
  link TEXT NOT NULL,
  county TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  registration_deadline BIGINT NOT NULL,
  capacity BIGINT NOT NULL CHECK (capacity >= 0),
  members_only INTEGER NOT NULL,
  personal_data_deleted_at BIGINT,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX activities_start ON activities (starts_at);
CREATE TABLE registrations (
  id {id},
  activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  sequence BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  organisation TEXT NOT NULL,
  needs TEXT NOT NULL,
  consent TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('sv', 'en')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  promoted_at BIGINT,
  cancelled_at BIGINT,
  UNIQUE (activity_id, sequence)
);
CREATE INDEX registrations_queue ON registrations (activity_id, status, sequence);
CREATE UNIQUE INDEX registrations_person ON registrations (activity_id, email)
  WHERE status <> 'cancelled' AND email <> '';
)sql"},
              {2, R"sql(
CREATE TABLE registration_mails (
  registration_id BIGINT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
  outbox_id BIGINT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  PRIMARY KEY (registration_id, outbox_id)
);
CREATE INDEX registration_mails_outbox ON registration_mails (outbox_id);
)sql"},
          }};
}

}  // namespace jamlik::app
