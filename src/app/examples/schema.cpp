// Learning examples, their attachments and their full-text index. search_text holds every text of
// an example without markup; PostgreSQL indexes it with a GIN index over to_tsvector('swedish',
// …) (Swedish stemming and stop words), SQLite with an FTS5 table over the same column, kept in
// step by triggers: first with the porter (English) stemmer, since version 2 with the store's
// "swedish" tokenizer (unicode61 keeping å ä ö, then Snowball's Swedish stemmer, as PostgreSQL).
#include "app/schema.hpp"

namespace jamlik::app {

store::SchemaModule ExamplesSchema() {
  return {"examples",
          {"accounts", "analyses"},
          {
              {1, R"sql(
CREATE TABLE examples (
  id {id},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  what TEXT NOT NULL,
  for_whom TEXT NOT NULL,
  results TEXT NOT NULL,
  evidence TEXT NOT NULL,
  analysis_id BIGINT REFERENCES analyses (id) ON DELETE SET NULL,
  contact_name TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  recommendations TEXT NOT NULL,
  welfare_areas TEXT NOT NULL,
  group_dimensions TEXT NOT NULL,
  hidden INTEGER NOT NULL,
  search_text TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX examples_created ON examples (created_at);
CREATE TABLE example_attachments (
  id {id},
  example_id BIGINT NOT NULL REFERENCES examples (id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  stored_name TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE INDEX example_attachments_example ON example_attachments (example_id);
{postgres}
CREATE INDEX examples_search ON examples USING GIN (to_tsvector('swedish', search_text));
{/postgres}
{sqlite}
CREATE VIRTUAL TABLE examples_fts USING fts5(search_text, content = 'examples',
  content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 0');
CREATE TRIGGER examples_fts_insert AFTER INSERT ON examples BEGIN
  INSERT INTO examples_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER examples_fts_delete AFTER DELETE ON examples BEGIN
  INSERT INTO examples_fts (examples_fts, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER examples_fts_update AFTER UPDATE OF search_text ON examples BEGIN
  INSERT INTO examples_fts (examples_fts, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
  INSERT INTO examples_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
{/sqlite}
)sql"},
              // The index rebuilt with Swedish stemming; the triggers name the table, not its
              // tokenizer, and go on as they are. PostgreSQL stemmed Swedish from the start.
              // Each attachment's SHA-256 (hex) from now on, for the store check; empty for
              // those added before.
              {2, R"sql(
ALTER TABLE example_attachments ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
{sqlite}
DROP TABLE examples_fts;
CREATE VIRTUAL TABLE examples_fts USING fts5(search_text, content = 'examples',
  content_rowid = 'id', tokenize = 'swedish');
INSERT INTO examples_fts (examples_fts) VALUES ('rebuild');
{/sqlite}
)sql"},
          }};
}

}  // namespace jamlik::app
