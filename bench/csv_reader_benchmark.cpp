// Throughput of ReadCsvFile on a synthetic person register of the kind municipalities export:
// 15 columns, codes with leading zeros, few-valued text, integers, decimals and empty fields.
// JAMLIK_CSV_BENCH_MB sets the file's size (default 80). Besides bytes per second it reports
// the table's size and the process's peak resident memory, to compare the two.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "core/splitmix64.hpp"
#include "io/csv_reader.hpp"

namespace jamlik {
namespace {

// The same text on every run (core/splitmix64.hpp).
class Random {
 public:
  std::uint64_t Below(std::uint64_t n) { return SplitMix64(state_) % n; }

 private:
  std::uint64_t state_ = 20240101;
};

constexpr std::array<const char*, 3> kEducation = {"förgymnasial", "gymnasial", "eftergymnasial"};
constexpr std::array<const char*, 4> kBirthRegion = {"Sverige", "Norden", "Europa",
                                                     "utanför Europa"};

// Write about `target_bytes` of CSV to a temporary file, removed when the program ends.
class PersonFile {
 public:
  explicit PersonFile(std::size_t target_bytes)
      : path_((std::filesystem::temp_directory_path() /
               fmt::format("jamlik_csv_benchmark_{}.csv", ::getpid()))
                  .string()) {
    std::ofstream out(path_, std::ios::binary);
    std::string block =
        "kommun,kon,alder,utbildning,inkomst,sysselsatt,utrikes_fodd,funktionsnedsattning,"
        "hushall,barn,deso,fodelseregion,inkomstdecil,lopnummer,bmi\n";
    Random random;
    for (std::uint64_t row = 0; size_ + block.size() < target_bytes; ++row) {
      const std::uint64_t kommun = 100 + random.Below(290) * 8;
      const std::uint64_t age = random.Below(101);
      const bool employed = random.Below(10) < 7;
      fmt::format_to(std::back_inserter(block), "{:04},{},{},", kommun,
                     random.Below(2) == 0 ? 'K' : 'M', age);
      if (random.Below(20) != 0) block += kEducation[random.Below(3)];
      block += ',';
      if (random.Below(25) != 0) {
        fmt::format_to(std::back_inserter(block), "{}.{:02}", random.Below(900000),
                       random.Below(100));
      }
      fmt::format_to(std::back_inserter(block), ",{},{},{},{},{},{:04}C{:04},{},{},{},{}.{}\n",
                     employed ? 1 : 0, random.Below(5) == 0 ? 1 : 0, random.Below(8) == 0 ? 1 : 0,
                     1 + random.Below(8), random.Below(6), kommun, random.Below(20),
                     kBirthRegion[random.Below(4)], 1 + random.Below(10), row,
                     17 + random.Below(20), random.Below(10));
      if (block.size() > (1 << 20)) {
        out.write(block.data(), static_cast<std::streamsize>(block.size()));
        size_ += block.size();
        block.clear();
      }
    }
    out.write(block.data(), static_cast<std::streamsize>(block.size()));
    size_ += block.size();
  }
  PersonFile(const PersonFile&) = delete;
  PersonFile& operator=(const PersonFile&) = delete;
  ~PersonFile() { std::filesystem::remove(path_); }

  const std::string& path() const { return path_; }
  std::size_t size() const { return size_; }

 private:
  std::string path_;
  std::size_t size_ = 0;
};

std::size_t TargetBytes() {
  const char* mb = std::getenv("JAMLIK_CSV_BENCH_MB");
  return (mb != nullptr ? std::strtoull(mb, nullptr, 10) : 80) << 20;
}

// Peak resident memory of this process so far (VmHWM), in bytes.
double PeakResidentBytes() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stod(line.substr(6)) * 1024;
  }
  return 0;
}

void BM_ReadCsvFile(benchmark::State& state) {
  static const PersonFile file(TargetBytes());
  std::size_t rows = 0;
  std::size_t table_bytes = 0;
  std::optional<Table> table;
  for (auto _ : state) {
    // Freeing the previous table is not reading.
    state.PauseTiming();
    table.reset();
    state.ResumeTiming();
    table = ReadCsvFile(file.path());
    rows = table->num_rows();
    table_bytes = table->MemoryBytes();
    benchmark::DoNotOptimize(rows);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file.size()));
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["table_MB"] = static_cast<double>(table_bytes) / (1 << 20);
  state.counters["peak_rss_MB"] = PeakResidentBytes() / (1 << 20);
}
BENCHMARK(BM_ReadCsvFile)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace jamlik
