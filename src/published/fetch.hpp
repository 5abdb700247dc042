#pragma once
// Downloading published statistics (`jamlik fetch`): HTTP behind a small interface, so that the
// services' limits, the retries, the paging and the cache are tested with a fake transport and a
// fake clock (no network, no real sleeping); libcurl is the real transport (fetch_curl.cpp).
//
//   Fetcher::Get(url):  cache (fresh entry → no call)
//                       → CallWindow (at most N calls in any window of W: SCB 30 per 10 s)
//                       → transport (curl, a recording, or a test's fake)
//                       → 429 / 5xx: wait (Retry-After, else 1 s, 2 s, 4 s …), bounded attempts
//                       → 200: the body, written to the cache
//
// A recording (`--record DIR`) keeps each response body in DIR/<key>.json, <key> being UrlKey(url),
// and the URLs in DIR/urls.tsv for people; `--replay DIR` serves them and fails naming the URL of a
// request that was not recorded, so that tests never touch the network.
#include <chrono>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jamlik::published {

struct HttpResponse {
  long status = 0;  // 200, 429, 503 …
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
};

// What sends a GET. Throws jamlik::Error (kIo) when no response comes at all (no network, DNS).
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual HttpResponse Get(const std::string& url) = 0;
};

// Time, injectable: tests advance a fake clock instead of sleeping.
class Clock {
 public:
  using Duration = std::chrono::milliseconds;
  using TimePoint = std::chrono::time_point<std::chrono::steady_clock, Duration>;
  virtual ~Clock() = default;
  virtual TimePoint Now() = 0;
  virtual void SleepFor(Duration duration) = 0;
};

// The steady clock and std::this_thread::sleep_for.
class SystemClock final : public Clock {
 public:
  TimePoint Now() override;
  void SleepFor(Duration duration) override;
};

// libcurl: redirects followed, gzip accepted, 60 s timeout per request, a User-Agent naming
// jamlik. Defined in fetch_curl.cpp.
std::unique_ptr<HttpTransport> MakeCurlTransport();

// The key of a URL in a cache or a recording: FNV-1a 64 of its bytes, 16 hex digits.
std::string UrlKey(const std::string& url);

// Percent-encode a URL component (RFC 3986): all but unreserved characters and `keep`.
std::string PercentEncode(const std::string& text, const std::string& keep = "");

// At most `max_calls` calls in any window of `window`: a token bucket whose tokens come back one
// window after they are spent (a sliding window, so no window ever holds more than max_calls; a
// bucket refilled at a steady rate would let 2 × max_calls through a window after a burst).
class CallWindow {
 public:
  CallWindow(std::size_t max_calls, Clock::Duration window)
      : max_calls_(max_calls), window_(window) {}
  // Wait on `clock` until a call may go, and count it.
  void Acquire(Clock& clock);

 private:
  std::size_t max_calls_;  // 0: no limit
  Clock::Duration window_;
  std::deque<Clock::TimePoint> calls_;
};

// Responses on disk, keyed by UrlKey, fresh for `max_age` (the file's modification time).
class DiskCache {
 public:
  DiskCache(std::filesystem::path dir, std::chrono::seconds max_age)
      : dir_(std::move(dir)), max_age_(max_age) {}
  std::optional<std::string> Find(const std::string& url) const;
  void Store(const std::string& url, const std::string& body) const;
  std::filesystem::path PathOf(const std::string& url) const;

 private:
  std::filesystem::path dir_;
  std::chrono::seconds max_age_;
};

// The default cache folder: $XDG_CACHE_HOME/jamlik/fetch, else ~/.cache/jamlik/fetch.
std::filesystem::path DefaultCacheDir();

// Serve recorded responses (as 200) from DIR/<UrlKey>.json. A URL not recorded is an error
// naming it.
class ReplayTransport final : public HttpTransport {
 public:
  explicit ReplayTransport(std::filesystem::path dir) : dir_(std::move(dir)) {}
  HttpResponse Get(const std::string& url) override;

 private:
  std::filesystem::path dir_;
};

// Pass requests to `inner` and record each 200 response into DIR (the replay's layout).
class RecordingTransport final : public HttpTransport {
 public:
  RecordingTransport(HttpTransport& inner, std::filesystem::path dir);
  HttpResponse Get(const std::string& url) override;

 private:
  HttpTransport& inner_;
  std::filesystem::path dir_;
};

struct FetchLimits {
  std::size_t max_calls = 0;  // per window; 0: no limit
  Clock::Duration window = std::chrono::seconds(10);
  std::size_t max_attempts = 5;                             // per URL, the first included
  Clock::Duration first_backoff = std::chrono::seconds(1);  // doubled each retry
  Clock::Duration max_wait = std::chrono::seconds(120);     // a longer Retry-After is an error
};

// SCB's PxWeb API v2 (its /config): 30 calls per 10 s.
FetchLimits ScbLimits();
// Kolada publishes no call limit; it answers 429 with Retry-After when pressed.
FetchLimits KoladaLimits();

// GET with cache, call limit and retries. Not thread-safe: one per command.
class Fetcher {
 public:
  // `cache` may be null (--no-cache, --record, --replay).
  Fetcher(HttpTransport& transport, Clock& clock, FetchLimits limits,
          const DiskCache* cache = nullptr);
  // The body of a 200 response. Throws kIo naming the URL: HTTP status other than 200 (after the
  // retries for 429 and 5xx), a Retry-After beyond max_wait, no response.
  std::string Get(const std::string& url);

  std::size_t transport_calls() const { return transport_calls_; }
  std::size_t cache_hits() const { return cache_hits_; }

 private:
  HttpTransport& transport_;
  Clock& clock_;
  FetchLimits limits_;
  const DiskCache* cache_;
  CallWindow window_;
  std::size_t transport_calls_ = 0;
  std::size_t cache_hits_ = 0;
};

}  // namespace jamlik::published
