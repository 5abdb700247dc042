// The news table. The body is stored sanitised; published_at is empty for drafts and for items
// taken down again, which the public never sees. search_text (since version 2) holds the title,
// summary and body without markup for full-text search: PostgreSQL indexes it with a GIN index over
// to_tsvector('swedish', …), SQLite with an FTS5 table with the store's "swedish" tokenizer
// (Snowball's Swedish stemmer, as PostgreSQL's configuration), kept in step by triggers.
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
              // Items written before search existed are found by their text with the markup's
              // words; saving one again drops those.
              {2, R"sql(
ALTER TABLE news ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE news SET search_text = title || ' ' || summary || ' ' || body;
{postgres}
CREATE INDEX news_search ON news USING GIN (to_tsvector('swedish', search_text));
{/postgres}
{sqlite}
CREATE VIRTUAL TABLE news_fts USING fts5(search_text, content = 'news', content_rowid = 'id',
  tokenize = 'swedish');
INSERT INTO news_fts (news_fts) VALUES ('rebuild');
CREATE TRIGGER news_fts_insert AFTER INSERT ON news BEGIN
  INSERT INTO news_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER news_fts_delete AFTER DELETE ON news BEGIN
  INSERT INTO news_fts (news_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER news_fts_update AFTER UPDATE OF search_text ON news BEGIN
  INSERT INTO news_fts (news_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO news_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
{/sqlite}
)sql"},
          }};
}

}  // namespace jamlik::app
