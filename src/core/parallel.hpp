#pragma once
// Run independent tasks on the machine's cores. Threads are started per call: the work it is used
// for (a file, a table) dwarfs the start-up cost, and nothing lingers between calls.
#include <cstddef>
#include <functional>

namespace jamlik {

// Return the number of worker threads: JAMLIK_THREADS if set (≥ 1), else the hardware's.
std::size_t WorkerCount();

// Call task(i) for every i in [0, count), spread over up to WorkerCount() threads. The first
// exception a task throws is rethrown here after all threads have stopped.
void ParallelFor(std::size_t count, const std::function<void(std::size_t)>& task);

}  // namespace jamlik
