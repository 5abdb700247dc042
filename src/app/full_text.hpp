#pragma once
// Full-text search over a table's search_text column, the same on both databases: PostgreSQL's
// `swedish` text search configuration over a GIN index, SQLite's FTS5 table <table>_fts with the
// store's "swedish" tokenizer (Snowball's Swedish stemmer, the one PostgreSQL uses). Every word of
// the query must occur, stemmed: "skolorna" finds "skola", "förskolor" finds "förskola".
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace jamlik::app {

// The words of a search query: runs of letters and digits (any non-ASCII character counts as a
// letter), lower-cased in ASCII, at most 20 of at most 100 bytes each.
std::vector<std::string> SearchWords(std::string_view query);

// A WHERE condition and the value of its one parameter.
struct TextCondition {
  std::string sql;
  std::string parameter;
};

// The condition that the row `alias` of `table` (its id and search_text) holds every word of
// `query`, with its parameter as $`placeholder`; always true (`$n = ''`) for a query without
// words. The words reach the database as a parameter only, each quoted as an FTS5 string on
// SQLite, so no operator or column filter can come from the query.
TextCondition MatchingEveryWord(store::Dialect dialect, std::string_view table,
                                std::string_view alias, std::string_view query, int placeholder);

}  // namespace jamlik::app
