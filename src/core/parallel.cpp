#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/i18n.hpp"

namespace jamlik {

std::size_t WorkerCount() {
  if (const char* env = std::getenv("JAMLIK_THREADS"); env != nullptr) {
    const long requested = std::strtol(env, nullptr, 10);
    if (requested >= 1) return static_cast<std::size_t>(requested);
  }
  return std::max(1U, std::thread::hardware_concurrency());
}

void ParallelFor(std::size_t count, const std::function<void(std::size_t)>& task) {
  const std::size_t workers = std::min(WorkerCount(), count);
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  const std::optional<Language> language = ThreadLanguage();
  auto work = [&] {
    std::optional<ScopedLanguage> scoped;
    if (language) scoped.emplace(*language);  // the caller's request language, on every worker
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        next = count;  // stop handing out work
      }
    }
  };
  std::vector<std::jthread> threads;
  threads.reserve(workers - 1);
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  threads.clear();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace jamlik
