#include "core/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace jamlik {
namespace {

TEST(ParallelForTest, RunsEveryTaskExactlyOnce) {
  std::vector<std::atomic<int>> runs(1000);
  ParallelFor(runs.size(), [&](std::size_t i) { ++runs[i]; });
  for (const auto& count : runs) EXPECT_EQ(count.load(), 1);
}

TEST(ParallelForTest, RethrowsTheTasksErrorAfterAllThreadsStop) {
  EXPECT_THROW(ParallelFor(100,
                           [](std::size_t i) {
                             if (i == 42) throw std::runtime_error("task 42 failed");
                           }),
               std::runtime_error);
}

TEST(ParallelForTest, ZeroTasksIsFine) {
  ParallelFor(0, [](std::size_t) { FAIL(); });
}

TEST(WorkerCountTest, HonoursJamlikThreads) {
  setenv("JAMLIK_THREADS", "3", 1);
  EXPECT_EQ(WorkerCount(), 3U);
  unsetenv("JAMLIK_THREADS");
  EXPECT_GE(WorkerCount(), 1U);
}

}  // namespace
}  // namespace jamlik
