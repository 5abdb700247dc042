#include "server/result_cache.hpp"

#include <fmt/format.h>

#include <chrono>
#include <functional>

#include "app/accounts/credentials.hpp"
#include "app/analyses/analyses.hpp"
#include "app/analyses/audit_trail.hpp"
#include "app/datasets/datasets.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {

using nlohmann::json;

std::size_t ResultCache::KeyHash::operator()(const Key& key) const {
  std::size_t hash = std::hash<std::int64_t>()(key.analysis);
  hash ^= std::hash<std::int64_t>()(key.organisation) + 0x9e3779b97f4a7c15ULL + (hash << 6) +
          (hash >> 2);
  return hash * 31 + static_cast<std::size_t>(key.language);
}

std::shared_ptr<const CachedResults> ResultCache::Find(const Key& key) {
  const std::lock_guard lock(mutex_);
  const auto found = index_.find(key);
  if (found == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, found->second);
  return found->second->second;
}

void ResultCache::Insert(const Key& key, std::shared_ptr<const CachedResults> results) {
  if (!results || results->body.size() > capacity_) return;
  const std::lock_guard lock(mutex_);
  if (const auto found = index_.find(key); found != index_.end()) {
    // Another request serialised the same immutable results meanwhile: keep one copy.
    lru_.splice(lru_.begin(), lru_, found->second);
    return;
  }
  bytes_ += results->body.size();
  lru_.emplace_front(key, std::move(results));
  index_.emplace(key, lru_.begin());
  EvictOverCapacity();
}

void ResultCache::Erase(std::int64_t analysis) {
  const std::lock_guard lock(mutex_);
  for (auto entry = lru_.begin(); entry != lru_.end();) {
    if (entry->first.analysis == analysis) {
      bytes_ -= entry->second->body.size();
      index_.erase(entry->first);
      entry = lru_.erase(entry);
    } else {
      ++entry;
    }
  }
}

void ResultCache::EvictOverCapacity() {
  while (bytes_ > capacity_ && !lru_.empty()) {
    bytes_ -= lru_.back().second->body.size();
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

std::size_t ResultCache::bytes() const {
  const std::lock_guard lock(mutex_);
  return bytes_;
}
std::size_t ResultCache::entries() const {
  const std::lock_guard lock(mutex_);
  return lru_.size();
}
std::size_t ResultCache::hits() const {
  const std::lock_guard lock(mutex_);
  return hits_;
}
std::size_t ResultCache::misses() const {
  const std::lock_guard lock(mutex_);
  return misses_;
}

std::shared_ptr<const CachedResults> SerialiseResults(Context& context,
                                                      const app::Analysis& analysis) {
  const PublishedResults published =
      app::PublishResults(context.state.store, analysis, context.user().id, "view");
  json rows = json::array();
  auto results = std::make_shared<CachedResults>();
  for (const auto& row : published.rows()) {
    rows.push_back(ResultRowJson(row));
    ++results->rows;
    results->suppressed_rows += row.suppressed;
  }
  // As Context::Json writes it.
  results->body = json{{"analysis_id", analysis.id}, {"rows", std::move(rows)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
  const std::string hash = app::Sha256Hex(results->body);
  results->etag.reserve(34);
  results->etag.push_back('"');
  results->etag.append(hash, 0, 32);
  results->etag.push_back('"');
  return results;
}

namespace {

// The audit record app::PublishResults appends for a "view", for an answer from the cache: the
// reader's name from the session read for this request, the counts from the immutable results.
void AppendViewRecord(Context& context, const app::Analysis& analysis,
                      const CachedResults& results) {
  app::AuditResultsRead(context.state.store, analysis, context.user().id, context.user().email,
                        "view", results.rows, results.suppressed_rows);
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

bool IfNoneMatchMatches(std::string_view header, std::string_view etag) {
  const auto opaque = [](std::string_view tag) {
    return tag.starts_with("W/") ? tag.substr(2) : tag;
  };
  if (Trim(header) == "*") return true;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    const std::string_view tag = Trim(header.substr(0, comma));
    if (!tag.empty() && opaque(tag) == opaque(etag)) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

void ServeResults(Context& context, const app::Analysis& analysis) {
  ResultCache* cache = context.state.result_cache.get();
  const ResultCache::Key key{analysis.id, analysis.organisation_id, CurrentLanguage()};
  std::shared_ptr<const CachedResults> results = cache ? cache->Find(key) : nullptr;
  if (results) {
    AppendViewRecord(context, analysis, *results);
  } else {
    results = SerialiseResults(context, analysis);  // audited by app::PublishResults
    if (cache) cache->Insert(key, results);
  }
  context.response.set_header("ETag", results->etag);
  if (IfNoneMatchMatches(context.request.get_header_value("If-None-Match"), results->etag)) {
    context.response.status = 304;
    return;
  }
  context.response.status = 200;
  context.JsonText(results->body);
}

}  // namespace jamlik::server
