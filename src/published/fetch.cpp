#include "published/fetch.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::published {
namespace fs = std::filesystem;

Clock::TimePoint SystemClock::Now() {
  return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now());
}

void SystemClock::SleepFor(Duration duration) { std::this_thread::sleep_for(duration); }

std::string UrlKey(const std::string& url) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char c : url) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

std::string PercentEncode(const std::string& text, const std::string& keep) {
  std::string out;
  for (const unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved || keep.find(static_cast<char>(c)) != std::string::npos) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

void CallWindow::Acquire(Clock& clock) {
  if (max_calls_ == 0) return;
  Clock::TimePoint now = clock.Now();
  while (!calls_.empty() && calls_.front() + window_ <= now) calls_.pop_front();
  if (calls_.size() >= max_calls_) {
    // The oldest call of the window leaves it at front + window: wait until then.
    clock.SleepFor(calls_.front() + window_ - now);
    now = clock.Now();
    while (!calls_.empty() && calls_.front() + window_ <= now) calls_.pop_front();
  }
  calls_.push_back(now);
}

namespace {

std::optional<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Write `body` to `path` whole or not at all (a temporary file renamed over it).
void WriteWhole(const fs::path& path, const std::string& body) {
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  const fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << body;
    if (!out.flush()) {
      throw Error(ErrorCode::kIo,
                  std::string(Tr("kunde inte skriva svaret", "could not write the response")),
                  {path.string()});
    }
  }
  fs::rename(temporary, path, error);
  if (error) {
    throw Error(ErrorCode::kIo,
                std::string(Tr("kunde inte skriva svaret", "could not write the response")),
                {path.string()});
  }
}

}  // namespace

fs::path DiskCache::PathOf(const std::string& url) const { return dir_ / (UrlKey(url) + ".json"); }

std::optional<std::string> DiskCache::Find(const std::string& url) const {
  const fs::path path = PathOf(url);
  std::error_code error;
  const auto written = fs::last_write_time(path, error);
  if (error) return std::nullopt;
  if (fs::file_time_type::clock::now() - written > max_age_) return std::nullopt;
  return ReadWhole(path);
}

void DiskCache::Store(const std::string& url, const std::string& body) const {
  // A cache that cannot be written is no reason to fail a download.
  try {
    WriteWhole(PathOf(url), body);
  } catch (const Error&) {
  }
}

fs::path DefaultCacheDir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return fs::path(xdg) / "jamlik" / "fetch";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return fs::path(home) / ".cache" / "jamlik" / "fetch";
  }
  return fs::temp_directory_path() / "jamlik-fetch-cache";
}

HttpResponse ReplayTransport::Get(const std::string& url) {
  const fs::path path = dir_ / (UrlKey(url) + ".json");
  std::optional<std::string> body = ReadWhole(path);
  if (!body) {
    throw Error(
        ErrorCode::kIo,
        fmt::format(fmt::runtime(Tr("{} finns inte i inspelningen {} (väntade filen {})",
                                    "{} is not in the recording {} (expected the file {})")),
                    url, dir_.string(), path.filename().string()));
  }
  return HttpResponse{200, std::move(*body), {}};
}

RecordingTransport::RecordingTransport(HttpTransport& inner, fs::path dir)
    : inner_(inner), dir_(std::move(dir)) {}

HttpResponse RecordingTransport::Get(const std::string& url) {
  HttpResponse response = inner_.Get(url);
  if (response.status == 200) {
    WriteWhole(dir_ / (UrlKey(url) + ".json"), response.body);
    std::ofstream index(dir_ / "urls.tsv", std::ios::app);
    index << UrlKey(url) << '\t' << url << '\n';
  }
  return response;
}

FetchLimits ScbLimits() {
  FetchLimits limits;
  limits.max_calls = 30;
  limits.window = std::chrono::seconds(10);
  return limits;
}

FetchLimits KoladaLimits() { return FetchLimits{}; }

Fetcher::Fetcher(HttpTransport& transport, Clock& clock, FetchLimits limits, const DiskCache* cache)
    : transport_(transport),
      clock_(clock),
      limits_(limits),
      cache_(cache),
      window_(limits.max_calls, limits.window) {}

namespace {

// Retry-After in seconds ("120"); an HTTP date or anything else: nullopt (the back-off applies).
std::optional<Clock::Duration> RetryAfter(const HttpResponse& response) {
  const auto header = response.headers.find("retry-after");
  if (header == response.headers.end()) return std::nullopt;
  std::string_view text = header->second;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  long seconds = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (error != std::errc() || end != text.data() + text.size() || seconds < 0) return std::nullopt;
  return std::chrono::seconds(seconds);
}

// What a service says about an error in its body, when it says it in JSON ({"title": …} from
// PxWeb's problem details, {"message": …}): ": Too many cells selected"; else "".
std::string ErrorDetail(const std::string& body) {
  const nlohmann::json document = nlohmann::json::parse(body, nullptr, false);
  if (!document.is_object()) return {};
  for (const char* key : {"detail", "title", "message", "error"}) {
    const auto it = document.find(key);
    if (it != document.end() && it->is_string() && !it->get<std::string>().empty()) {
      std::string text = it->get<std::string>().substr(0, 300);
      for (char& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
      }
      return ": " + text;
    }
  }
  return {};
}

}  // namespace

std::string Fetcher::Get(const std::string& url) {
  if (cache_) {
    if (std::optional<std::string> body = cache_->Find(url)) {
      ++cache_hits_;
      return std::move(*body);
    }
  }
  Clock::Duration backoff = limits_.first_backoff;
  for (std::size_t attempt = 1;; ++attempt) {
    window_.Acquire(clock_);
    ++transport_calls_;
    HttpResponse response = transport_.Get(url);
    if (response.status == 200) {
      if (cache_) cache_->Store(url, response.body);
      return std::move(response.body);
    }
    const bool retryable = response.status == 429 || response.status >= 500;
    if (!retryable || attempt >= limits_.max_attempts) {
      throw Error(
          ErrorCode::kIo,
          retryable ? fmt::format(fmt::runtime(Tr("{} svarade HTTP {} också efter {} försök",
                                                  "{} answered HTTP {} also after {} attempts")),
                                  url, response.status, attempt)
                    : fmt::format(fmt::runtime(Tr("{} svarade HTTP {}{}", "{} answered HTTP {}{}")),
                                  url, response.status, ErrorDetail(response.body)));
    }
    Clock::Duration wait = backoff;
    if (const auto after = RetryAfter(response)) wait = *after;
    if (wait > limits_.max_wait) {
      throw Error(ErrorCode::kIo,
                  fmt::format(fmt::runtime(Tr("{} svarade HTTP {} och ber om {} s väntan; försök "
                                              "igen senare",
                                              "{} answered HTTP {} and asks for a wait of {} s; "
                                              "try again later")),
                              url, response.status,
                              std::chrono::duration_cast<std::chrono::seconds>(wait).count()));
    }
    clock_.SleepFor(wait);
    backoff *= 2;
  }
}

}  // namespace jamlik::published
