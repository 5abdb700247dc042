// The accounts domain's tables: organisations, users and their memberships, sessions, log-in
// throttling, invitations and the public routes' rate limits. The first steps are the history of
// the global migrations 1, 4, 5, 6 and 7 that made them, unchanged.
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule AccountsSchema() {
  return {"accounts",
          {},
          {
              {1, R"sql(
CREATE TABLE organisations (
  id {id},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('kommun', 'region', 'annan')),
  created_at BIGINT NOT NULL
);
CREATE TABLE users (
  id {id},
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  site_admin INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE TABLE memberships (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('reader', 'analyst', 'admin')),
  PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX memberships_organisation ON memberships (organisation_id);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE TABLE login_failures (
  subject TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (subject, at);
)sql",
               1},
              // Growing delays per subject (accounts/throttle.hpp) instead of counting failures in
              // a window.
              {2, R"sql(
DROP TABLE login_failures;
CREATE TABLE login_throttle (
  subject TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  blocked_until BIGINT NOT NULL,
  last_at BIGINT NOT NULL
);
)sql",
               4},
              // Idle timeout and the list of one's sessions; disabled accounts; initial passwords
              // that must be changed at first log-in.
              {3, R"sql(
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
)sql",
               5},
              // Invitations to an organisation: an admin invites an e-mail address, the person
              // accepts.
              {4, R"sql(
CREATE TABLE invitations (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('reader', 'analyst', 'admin')),
  invited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  UNIQUE (organisation_id, email)
);
CREATE INDEX invitations_email ON invitations (email);
)sql",
               6},
              // Requests per client address and minute on the routes that need no account.
              {5, R"sql(
CREATE TABLE rate_limits (
  subject TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  count BIGINT NOT NULL
);
)sql",
               7},
              // The area an organisation answers for (a municipality's code, 1880; a region's, 18):
              // the web app opens results there. Empty for members without one.
              {6, R"sql(
ALTER TABLE organisations ADD COLUMN area_code TEXT NOT NULL DEFAULT '';
)sql"},
              // Coordinators of the meeting place: they approve members, publish and moderate.
              {7, R"sql(
ALTER TABLE users ADD COLUMN coordinator INTEGER NOT NULL DEFAULT 0;
)sql"},
          }};
}

}  // namespace jamlik::app
