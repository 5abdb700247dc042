#include "cli/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace jamlik::cli {
namespace {

constexpr auto kQuietPeriod = std::chrono::seconds(2);
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr int kBarWidth = 30;

}  // namespace

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fputs("\r\033[K", stderr);
}

void ProgressBar::Update(double fraction) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (now - start_ < kQuietPeriod || now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  drawn_ = true;
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int filled = static_cast<int>(fraction * kBarWidth);
  fmt::print(stderr, "\r[{}{}] {:3.0f} % {}", std::string(filled, '#'),
             std::string(kBarWidth - filled, ' '), fraction * 100, label_);
  std::fflush(stderr);
}

}  // namespace jamlik::cli
