// The SQLite tokenizer "swedish" against PostgreSQL's `swedish` configuration: the same words of
// a text, stemmed and without stop words, so that full-text search answers alike on both. The
// reference is PostgreSQL's own implementation (to_tsvector), when a server is at hand.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "store/database.hpp"
#include "store/testing.hpp"

namespace jamlik::store {
namespace {

// A text with the inflections a search meets: definite and plural forms, genitives, compounds,
// å ä ö, stop words, digits.
constexpr const char* kText =
    "Skolorna och förskolorna i Örebro län: förskolor, förskolan, skola, skolans elever. "
    "Barnens hälsa, barnen och föräldrarna på vårdcentralerna. Äldreomsorgen utvecklades "
    "2024 med nyanlända kvinnor och män; hälsosamtal för alla som ville delta i samtalen. "
    "Kommunernas jämlikhetsarbete gav resultat: skillnaderna minskade.";

std::set<std::string> SqliteTerms(Store& store, const std::string& text) {
  auto connection = store.Acquire();
  connection->ExecuteScript(
      "CREATE VIRTUAL TABLE words USING fts5(x, tokenize = 'swedish'); "
      "CREATE VIRTUAL TABLE terms USING fts5vocab(words, 'row')");
  connection->Query("INSERT INTO words (x) VALUES ($1)", {text});
  std::set<std::string> terms;
  for (const Row& row : connection->Query("SELECT term FROM terms")) terms.insert(row.Text(0));
  return terms;
}

TEST(SwedishTokenizerTest, StemsSwedishAndDropsStopWords) {
  testing::ScratchDatabase scratch("sqlite");
  const auto store = OpenStore(scratch.config());
  const std::set<std::string> terms = SqliteTerms(*store, "Skolorna och förskolor i ÖREBRO, skola");
  EXPECT_EQ(terms, (std::set<std::string>{"skol", "förskol", "örebro"}));
}

TEST(SwedishTokenizerTest, IndexesTheWordsPostgresqlsSwedishConfigurationDoes) {
  if (!testing::Available("postgresql")) GTEST_SKIP() << "JAMLIK_TEST_DATABASE_URL is not set";
  testing::ScratchDatabase sqlite("sqlite");
  const auto sqlite_store = OpenStore(sqlite.config());
  testing::ScratchDatabase postgres("postgresql");
  const auto postgres_store = OpenStore(postgres.config());
  std::set<std::string> lexemes;
  for (const Row& row : postgres_store->Acquire()->Query(
           "SELECT unnest(tsvector_to_array(to_tsvector('swedish', $1)))", {std::string(kText)})) {
    lexemes.insert(row.Text(0));
  }
  EXPECT_GT(lexemes.size(), 25U);  // 27: the stop words and repeated stems left out
  EXPECT_EQ(SqliteTerms(*sqlite_store, kText), lexemes);
}

}  // namespace
}  // namespace jamlik::store
