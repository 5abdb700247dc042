#include "app/full_text.hpp"

#include <fmt/format.h>

namespace jamlik::app {

std::vector<std::string> SearchWords(std::string_view query) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty() && words.size() < 20) words.push_back(word.substr(0, 100));
    word.clear();
  };
  for (const char c : query) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
      word += c;
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else {
      flush();
    }
  }
  flush();
  return words;
}

TextCondition MatchingEveryWord(store::Dialect dialect, std::string_view table,
                                std::string_view alias, std::string_view query, int placeholder) {
  const std::vector<std::string> words = SearchWords(query);
  if (words.empty()) return {fmt::format("${} = ''", placeholder), ""};
  const bool sqlite = dialect == store::Dialect::kSqlite;
  // SQLite: each word a quoted FTS5 string (implicitly ANDed); PostgreSQL: plainto_tsquery ANDs
  // the words it stems.
  std::string match;
  for (const std::string& word : words) {
    if (!match.empty()) match += ' ';
    match += sqlite ? "\"" + word + "\"" : word;
  }
  if (sqlite) {
    return {fmt::format("{0}.id IN (SELECT rowid FROM {1}_fts WHERE {1}_fts MATCH ${2})", alias,
                        table, placeholder),
            match};
  }
  return {fmt::format("to_tsvector('swedish', {}.search_text) @@ plainto_tsquery('swedish', ${})",
                      alias, placeholder),
          match};
}

}  // namespace jamlik::app
