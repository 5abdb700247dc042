// Time `jamlik indicators` after the load (issue 3), which the CLI has no --timings for: read the
// CSV as the CLI does (ReadCsvFile, then ApplyKnownDimensions), then time ComputeIndicators
// (estimates and intervals), Release (disclosure control, or the unsuppressed pass) and the
// conversion to the long result table separately, REPEAT times on the loaded table. Prints one
// JSON line. JAMLIK_THREADS sets the threads as for the CLI.
//   indicators_timing SPEC CSV [--unsuppressed] [--repeat N]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/dimensions.hpp"
#include "core/parallel.hpp"
#include "indicators/compute_indicators.hpp"
#include "indicators/indicator_definition.hpp"
#include "indicators/result_table.hpp"
#include "io/csv_reader.hpp"
#include "privacy/publish.hpp"

namespace {

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

std::string Join(const std::vector<double>& values) {
  std::string text;
  for (double v : values) text += fmt::format("{}{:.1f}", text.empty() ? "" : ", ", v);
  return "[" + text + "]";
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: indicators_timing SPEC CSV [--unsuppressed] [--repeat N]\n");
    return 2;
  }
  const std::string spec = argv[1], csv = argv[2];
  bool unsuppressed = false;
  int repeat = 3;
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--unsuppressed") unsuppressed = true;
    if (arg == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
  }
  using jamlik::ResultRow;
  const auto definitions = jamlik::ReadIndicatorDefinitions(spec);

  auto start = std::chrono::steady_clock::now();
  const jamlik::Table data = jamlik::ApplyKnownDimensions(jamlik::ReadCsvFile(csv));
  const double load_ms = MillisecondsSince(start);

  std::vector<double> compute_ms, release_ms, table_ms, total_ms;
  std::size_t rows = 0;
  for (int r = 0; r < repeat; ++r) {
    start = std::chrono::steady_clock::now();
    std::vector<ResultRow> computed = jamlik::ComputeIndicators(
        data, definitions, {std::filesystem::path(spec).parent_path().string()});
    compute_ms.push_back(MillisecondsSince(start));

    auto step = std::chrono::steady_clock::now();
    jamlik::ReleaseRequest request;
    request.table = "indicators " + spec;
    request.dataset_path = csv;
    request.unsuppressed = unsuppressed;
    const jamlik::PublishedResults published = jamlik::Release(std::move(computed), request);
    release_ms.push_back(MillisecondsSince(step));

    step = std::chrono::steady_clock::now();
    const jamlik::Table results = jamlik::ResultRowsToTable(published.rows());
    table_ms.push_back(MillisecondsSince(step));
    total_ms.push_back(MillisecondsSince(start));
    rows = results.num_rows();
  }
  fmt::print(
      "{{\"tool\": \"jamlik\", \"spec\": \"{}\", \"persons\": {}, \"threads\": {}, "
      "\"unsuppressed\": {}, \"load_ms\": {:.1f}, \"after_load_ms\": {:.1f}, "
      "\"compute_ms\": {}, \"release_ms\": {}, \"to_table_ms\": {}, \"after_load_runs_ms\": {}, "
      "\"result_rows\": {}}}\n",
      spec, data.num_rows(), jamlik::WorkerCount(), unsuppressed, load_ms, Median(total_ms),
      Join(compute_ms), Join(release_ms), Join(table_ms), Join(total_ms), rows);
  return 0;
}
