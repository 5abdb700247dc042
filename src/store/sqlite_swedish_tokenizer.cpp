// The FTS5 tokenizer "swedish": SQLite's unicode61 tokenizer (case folded, diacritics kept, so å ä
// ö stay letters of their own) with each token stemmed by Snowball's Swedish stemmer (libstemmer,
// the algorithm PostgreSQL's `swedish` text search configuration uses), so that full-text search
// finds "skola" for "skolorna" and "förskola" for "förskolor" on SQLite as on PostgreSQL.
// Snowball's Swedish stop words (och, att, för … — the list PostgreSQL's swedish.stop holds) are
// dropped, as PostgreSQL drops them; a query is tokenized the same way as the text, so a query of
// stop words alone finds nothing on either database.
//
// Registered on every connection when it opens, before anything can touch a table that uses it.
// A Snowball stemmer is not thread-safe; each tokenizer instance has its own, and an instance is
// used by one connection, which one thread holds at a time.
#include <libstemmer.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/connections_internal.hpp"

namespace jamlik::store::internal {
namespace {

// Snowball's Swedish stop word list (snowballstem.org/algorithms/swedish/stop.txt), as
// PostgreSQL ships it in tsearch_data/swedish.stop; sorted for binary search.
constexpr auto kStopWords = [] {
  std::array<std::string_view, 114> words = {
      "och",    "det",   "att",   "i",      "en",     "jag",   "hon",    "som",    "han",
      "på",     "den",   "med",   "var",    "sig",    "för",   "så",     "till",   "är",
      "men",    "ett",   "om",    "hade",   "de",     "av",    "icke",   "mig",    "du",
      "henne",  "då",    "sin",   "nu",     "har",    "inte",  "hans",   "honom",  "skulle",
      "hennes", "där",   "min",   "man",    "ej",     "vid",   "kunde",  "något",  "från",
      "ut",     "när",   "efter", "upp",    "vi",     "dem",   "vara",   "vad",    "över",
      "än",     "dig",   "kan",   "sina",   "här",    "ha",    "mot",    "alla",   "under",
      "någon",  "eller", "allt",  "mycket", "sedan",  "ju",    "denna",  "själv",  "detta",
      "åt",     "utan",  "varit", "hur",    "ingen",  "mitt",  "ni",     "bli",    "blev",
      "oss",    "din",   "dessa", "några",  "deras",  "blir",  "mina",   "samma",  "vilken",
      "er",     "sådan", "vår",   "blivit", "dess",   "inom",  "mellan", "sådant", "varför",
      "varje",  "vilka", "ditt",  "vem",    "vilket", "sitta", "sådana", "vart",   "dina",
      "vars",   "vårt",  "våra",  "ert",    "era",    "vilkas"};
  std::sort(words.begin(), words.end());
  return words;
}();

bool IsStopWord(std::string_view token) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), token);
}

struct SwedishTokenizer {
  fts5_tokenizer parent{};
  Fts5Tokenizer* parent_instance = nullptr;
  sb_stemmer* stemmer = nullptr;
};

struct TokenContext {
  void* context;
  int (*token)(void*, int, const char*, int, int, int);
  sb_stemmer* stemmer;
};

// The fts5_api of the connection, through the documented `SELECT fts5(?1)` with a bound pointer.
fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK) {
    return nullptr;
  }
  sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(statement);
  sqlite3_finalize(statement);
  return api;
}

void Delete(Fts5Tokenizer* instance) {
  auto* tokenizer = reinterpret_cast<SwedishTokenizer*>(instance);
  if (tokenizer->parent_instance != nullptr) tokenizer->parent.xDelete(tokenizer->parent_instance);
  if (tokenizer->stemmer != nullptr) sb_stemmer_delete(tokenizer->stemmer);
  delete tokenizer;
}

// Arguments go to unicode61 after "remove_diacritics 0" (a later one may override it).
int Create(void* api_pointer, const char** arguments, int count, Fts5Tokenizer** out) {
  auto* api = static_cast<fts5_api*>(api_pointer);
  auto* tokenizer = new (std::nothrow) SwedishTokenizer;
  if (tokenizer == nullptr) return SQLITE_NOMEM;
  void* user_data = nullptr;
  int rc = api->xFindTokenizer(api, "unicode61", &user_data, &tokenizer->parent);
  if (rc == SQLITE_OK) {
    std::vector<const char*> parent_arguments = {"remove_diacritics", "0"};
    parent_arguments.insert(parent_arguments.end(), arguments, arguments + count);
    rc = tokenizer->parent.xCreate(user_data, parent_arguments.data(),
                                   static_cast<int>(parent_arguments.size()),
                                   &tokenizer->parent_instance);
  }
  if (rc == SQLITE_OK) {
    tokenizer->stemmer = sb_stemmer_new("swedish", "UTF_8");
    if (tokenizer->stemmer == nullptr) rc = SQLITE_ERROR;
  }
  if (rc != SQLITE_OK) {
    Delete(reinterpret_cast<Fts5Tokenizer*>(tokenizer));
    return rc;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(tokenizer);
  return SQLITE_OK;
}

int StemToken(void* pointer, int flags, const char* token, int bytes, int start, int end) {
  auto* context = static_cast<TokenContext*>(pointer);
  if (IsStopWord(std::string_view(token, static_cast<std::size_t>(bytes)))) return SQLITE_OK;
  const sb_symbol* stem =
      sb_stemmer_stem(context->stemmer, reinterpret_cast<const sb_symbol*>(token), bytes);
  if (stem == nullptr) return SQLITE_NOMEM;
  return context->token(context->context, flags, reinterpret_cast<const char*>(stem),
                        sb_stemmer_length(context->stemmer), start, end);
}

int Tokenize(Fts5Tokenizer* instance, void* context, int flags, const char* text, int bytes,
             int (*token)(void*, int, const char*, int, int, int)) {
  auto* tokenizer = reinterpret_cast<SwedishTokenizer*>(instance);
  TokenContext stemming{context, token, tokenizer->stemmer};
  return tokenizer->parent.xTokenize(tokenizer->parent_instance, &stemming, flags, text, bytes,
                                     &StemToken);
}

}  // namespace

void RegisterSwedishTokenizer(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) {
    throw Error(ErrorCode::kInternal, "SQLite lacks FTS5: the swedish tokenizer needs it");
  }
  static fts5_tokenizer tokenizer = {&Create, &Delete, &Tokenize};
  if (api->xCreateTokenizer(api, "swedish", api, &tokenizer, nullptr) != SQLITE_OK) {
    throw Error(ErrorCode::kInternal, "cannot register the swedish FTS5 tokenizer");
  }
}

}  // namespace jamlik::store::internal
