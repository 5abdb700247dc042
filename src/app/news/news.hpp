#pragma once
// The meeting place's news: written by coordinators, kept as drafts until published, and
// unpublished again when needed. The body is rich text, stored only after the allow-list
// sanitiser (io/html_sanitiser.hpp) has made it safe, so every reader — the web page, the Atom
// feed, "the latest" — can show it as HTML without sanitising again.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace jamlik::app {

inline constexpr std::size_t kMaxNewsBodyCharacters = 50'000;
inline constexpr std::size_t kMaxNewsSummaryCharacters = 500;

// What a coordinator writes. `body` is HTML; it is sanitised when stored.
struct NewsDraft {
  std::string title;
  std::string summary;  // plain text, optional: the list and the feed readers show it
  std::string body;
};

struct NewsItem : NewsDraft {
  std::int64_t id = 0;
  std::string author;  // the writer's name when written
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> published_at;  // empty: a draft, or unpublished

  bool published() const { return published_at.has_value(); }
};

// Check the draft (title, summary and body as text of at most their lengths, valid UTF-8), sanitise
// the body and store it as a draft; throws kInvalidArgument naming the field.
NewsItem CreateNews(store::Store& store, std::int64_t user, const std::string& author,
                    const NewsDraft& draft, std::int64_t now);
// Replace the item's text (sanitised likewise); nothing when there is no such item.
std::optional<NewsItem> UpdateNews(store::Store& store, std::int64_t id, const NewsDraft& draft,
                                   std::int64_t now);
// Publish (at `now`, keeping the first publication time if it was published before and is
// re-published) or unpublish; nothing when there is no such item.
std::optional<NewsItem> SetNewsPublished(store::Store& store, std::int64_t id, bool published,
                                         std::int64_t now);
std::optional<NewsItem> FindNews(store::Store& store, std::int64_t id);

struct NewsFilter {
  // Words that must all occur in the title, summary or body, stemmed (app/full_text.hpp); empty:
  // every item.
  std::string query = {};
  bool include_unpublished = false;
  std::int64_t published_after = 0;  // with published items only: newer than this
  std::size_t limit = 50;
};

// Published items newest first; with include_unpublished, drafts too (newest change first).
std::vector<NewsItem> ListNews(store::Store& store, const NewsFilter& filter);

}  // namespace jamlik::app
