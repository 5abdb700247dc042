#pragma once
// A progress bar on stderr for work that takes more than about two seconds, shown only when
// stderr is a terminal (so logs and pipes stay clean).
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace jamlik::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Report the fraction done (0..1); safe to call from any thread.
  void Update(double fraction);
  std::function<void(double)> Callback() {
    return [this](double fraction) { Update(fraction); };
  }

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::mutex mutex_;
};

}  // namespace jamlik::cli
