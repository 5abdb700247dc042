#include "app/news/news.hpp"

#include "app/full_text.hpp"
#include "app/text_field.hpp"
#include "io/html_sanitiser.hpp"

namespace jamlik::app {
namespace {

constexpr const char* kNewsColumns =
    "id, title, summary, body, author, created_at, updated_at, published_at";

NewsItem NewsFrom(const store::Row& row) {
  NewsItem item;
  item.id = row.Int(0);
  item.title = row.Text(1);
  item.summary = row.Text(2);
  item.body = row.Text(3);
  item.author = row.Text(4);
  item.created_at = row.Int(5);
  item.updated_at = row.Int(6);
  item.published_at = row.OptionalInt(7);
  return item;
}

// The draft checked, its body sanitised.
NewsDraft Checked(const NewsDraft& draft) {
  CheckName(draft.title, "title");
  if (!draft.summary.empty()) CheckName(draft.summary, "summary", kMaxNewsSummaryCharacters);
  CheckName(draft.body, "body", kMaxNewsBodyCharacters);
  return {draft.title, draft.summary, SanitiseHtml(draft.body)};
}

// What full-text search sees: the texts, the body without its tags.
std::string SearchText(const NewsDraft& safe) {
  return safe.title + "\n" + safe.summary + "\n" + HtmlToText(safe.body);
}

}  // namespace

NewsItem CreateNews(store::Store& store, std::int64_t user, const std::string& author,
                    const NewsDraft& draft, std::int64_t now) {
  const NewsDraft safe = Checked(draft);
  auto connection = store.Acquire();
  const store::Rows rows = connection->Query(
      "INSERT INTO news (title, summary, body, author, created_by, created_at, updated_at, "
      "search_text) VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
      {safe.title, safe.summary, safe.body, author, user, now, SearchText(safe)});
  NewsItem item;
  static_cast<NewsDraft&>(item) = safe;
  item.id = rows.at(0).Int(0);
  item.author = author;
  item.created_at = now;
  item.updated_at = now;
  return item;
}

std::optional<NewsItem> UpdateNews(store::Store& store, std::int64_t id, const NewsDraft& draft,
                                   std::int64_t now) {
  const NewsDraft safe = Checked(draft);
  {
    auto connection = store.Acquire();
    const store::Rows rows = connection->Query(
        "UPDATE news SET title = $1, summary = $2, body = $3, updated_at = $4, search_text = $6 "
        "WHERE id = $5 RETURNING id",
        {safe.title, safe.summary, safe.body, now, id, SearchText(safe)});
    if (rows.empty()) return std::nullopt;
  }
  return FindNews(store, id);
}

std::optional<NewsItem> SetNewsPublished(store::Store& store, std::int64_t id, bool published,
                                         std::int64_t now) {
  {
    auto connection = store.Acquire();
    const store::Rows rows =
        published ? connection->Query(
                        "UPDATE news SET published_at = COALESCE(first_published_at, $1), "
                        "first_published_at = COALESCE(first_published_at, $1) WHERE id = $2 "
                        "RETURNING id",
                        {now, id})
                  : connection->Query(
                        "UPDATE news SET published_at = NULL WHERE id = $1 RETURNING id", {id});
    if (rows.empty()) return std::nullopt;
  }
  return FindNews(store, id);
}

std::optional<NewsItem> FindNews(store::Store& store, std::int64_t id) {
  auto connection = store.Acquire();
  const store::Rows rows =
      connection->Query(std::string("SELECT ") + kNewsColumns + " FROM news WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return NewsFrom(rows[0]);
}

std::vector<NewsItem> ListNews(store::Store& store, const NewsFilter& filter) {
  auto connection = store.Acquire();
  const auto limit = static_cast<std::int64_t>(filter.limit);
  const store::Dialect dialect = connection->dialect();
  store::Rows rows;
  if (filter.include_unpublished) {
    const TextCondition search = MatchingEveryWord(dialect, "news", "n", filter.query, 2);
    rows = connection->Query(std::string("SELECT ") + kNewsColumns + " FROM news n WHERE " +
                                 search.sql + " ORDER BY updated_at DESC, id DESC LIMIT $1",
                             {limit, search.parameter});
  } else {
    const TextCondition search = MatchingEveryWord(dialect, "news", "n", filter.query, 3);
    rows = connection->Query(std::string("SELECT ") + kNewsColumns + " FROM news n WHERE " +
                                 search.sql +
                                 " AND published_at IS NOT NULL AND published_at > $1"
                                 " ORDER BY published_at DESC, id DESC LIMIT $2",
                             {filter.published_after, limit, search.parameter});
  }
  std::vector<NewsItem> items;
  items.reserve(rows.size());
  for (const store::Row& row : rows) items.push_back(NewsFrom(row));
  return items;
}

}  // namespace jamlik::app
