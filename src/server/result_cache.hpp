#pragma once
// The serialised JSON of saved analyses' results, kept in memory (issue 14 item 6).
//
// A saved analysis' results never change: they are written once, in the transaction that creates
// the analysis, and analysis ids are never reused (AUTOINCREMENT on SQLite, an identity column on
// PostgreSQL). So the bytes of GET …/analyses/{id}/results depend only on the store, the id and the
// request's language, and each server process can keep them without asking the others: several
// servers over one PostgreSQL each fill their own cache from the same immutable rows. What may
// change — whether the analysis still exists, who may read it, the dataset's name and the reader
// in the audit record — is read from the store on every request, before the cache is consulted:
// a deletion or a withdrawn membership takes effect on the next request.
//
// Every answer, a 304 too, appends its audit record through the group-commit writer and is sent
// only once the record is committed.
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/i18n.hpp"

namespace jamlik::app {
struct Analysis;
}

namespace jamlik::server {

struct Context;

// One analysis' results as sent: the JSON body, its strong ETag and what the audit record counts.
struct CachedResults {
  std::string body;
  std::string etag;  // "\"…\"": the first 128 bits of the body's SHA-256, in hex
  std::size_t rows = 0;
  std::size_t suppressed_rows = 0;
};

// Least recently used entries leave first once the bodies exceed `capacity_bytes`; a body larger
// than the capacity is not kept (0 keeps nothing). Thread-safe.
class ResultCache {
 public:
  struct Key {
    std::int64_t analysis = 0;
    std::int64_t organisation = 0;
    Language language = Language::kSwedish;
    bool operator==(const Key&) const = default;
  };

  explicit ResultCache(std::size_t capacity_bytes) : capacity_(capacity_bytes) {}

  std::shared_ptr<const CachedResults> Find(const Key& key);
  void Insert(const Key& key, std::shared_ptr<const CachedResults> results);
  // Forget every language's entry of the analysis (its deletion; the store decides reachability
  // anyway, this frees the memory).
  void Erase(std::int64_t analysis);

  std::size_t bytes() const;
  std::size_t entries() const;
  std::size_t hits() const;
  std::size_t misses() const;

 private:
  struct KeyHash {
    std::size_t operator()(const Key& key) const;
  };
  using Lru = std::list<std::pair<Key, std::shared_ptr<const CachedResults>>>;

  void EvictOverCapacity();  // with mutex_ held

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  Lru lru_;  // most recently used first
  std::unordered_map<Key, Lru::iterator, KeyHash> index_;
  std::size_t bytes_ = 0;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

// The results' JSON as the API sends it: {"analysis_id": …, "rows": [ResultRowJson…]}, labels in
// the calling thread's language. Reads them through app::PublishResults, which audits the read.
std::shared_ptr<const CachedResults> SerialiseResults(Context& context,
                                                      const app::Analysis& analysis);

// Answer GET …/results for an analysis found in the path's organisation: from the cache (or
// serialised and kept), 304 when If-None-Match names the ETag; either way audited as a "view".
void ServeResults(Context& context, const app::Analysis& analysis);

// Whether an If-None-Match header value ("*", or a list of entity tags, weak or strong) matches
// `etag` (RFC 9110 §13.1.2: weak comparison).
bool IfNoneMatchMatches(std::string_view header, std::string_view etag);

}  // namespace jamlik::server
