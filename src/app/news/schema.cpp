// The news table. The body is stored sanitised; published_at is empty for drafts and for items
// taken down again, which the public never sees.
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule NewsSchema() {
  return {"news",
          {"accounts"},
          {
              {1, R"sql(
CREATE TABLE news (
  id {id},
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT,
  first_published_at BIGINT
);
CREATE INDEX news_published ON news (published_at);
)sql"},
          }};
}

}  // namespace jamlik::app
