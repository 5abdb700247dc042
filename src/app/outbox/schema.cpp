// The outbox: mail written in the same transaction as the change it tells about, sent later by
// whichever server's sender claims it first.
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule OutboxSchema() {
  return {"outbox",
          {},
          {
              {1, R"sql(
CREATE TABLE outbox (
  id {id},
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at BIGINT
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE sent_at IS NULL;
)sql"},
          }};
}

}  // namespace jamlik::app
