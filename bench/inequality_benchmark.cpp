// Inequality measures at national scale (issue 4): (1) every applicable subgroup measure for
// 10 indicators × 290 municipalities × 6 dimensions from the long result table, with analytic
// intervals only and with every measure (simulated intervals, 1000 draws); (2) the Gini
// coefficient with a 1000-resample bootstrap in each of 290 municipalities of 10.5 million
// persons with a continuous income (one decimal, as jamlik synth writes it). Data are generated
// in memory with fixed seeds; municipality sizes follow a lognormal spread like the real ones.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "indicators/result_table.hpp"
#include "inequality/registry.hpp"
#include "inequality/result_inequality.hpp"

namespace jamlik::inequality {
namespace {

constexpr int kIndicators = 10;
constexpr int kMunicipalities = 290;
constexpr std::size_t kPersons = 10'500'000;

struct DimensionShape {
  const char* name;
  int subgroups;
  bool ordered;
};
constexpr DimensionShape kDimensions[] = {{"kon", 2, false},
                                          {"utbildning", 3, true},
                                          {"inkomstkvintil", 5, true},
                                          {"fodelseregion", 4, false},
                                          {"funktionsnedsattning", 2, false},
                                          {"aldersgrupp", 6, true}};

Table ResultTable() {
  std::mt19937_64 engine(1);
  std::uniform_real_distribution<double> level(5.0, 60.0), shift(-0.3, 0.3);
  std::vector<ResultRow> rows;
  for (int i = 0; i < kIndicators; ++i) {
    for (int m = 0; m < kMunicipalities; ++m) {
      for (const DimensionShape& d : kDimensions) {
        const double base = level(engine);
        for (int j = 1; j <= d.subgroups; ++j) {
          ResultRow row;
          row.indicator = "indicator_" + std::to_string(i);
          row.area_level = "kommun";
          row.area = std::to_string(1000 + m);
          row.period = "2025";
          row.dimension = d.name;
          row.subgroup = std::to_string(j);
          row.subgroup_order = d.ordered ? j : 0;
          row.ordered_dimension = d.ordered;
          row.favourable_indicator = i % 2 == 0;
          row.indicator_scale = 100;
          row.estimate = base * (1.0 + shift(engine));
          row.lower = *row.estimate - 3.0;
          row.upper = *row.estimate + 3.0;
          row.population = 2000.0 + 100.0 * j;
          rows.push_back(std::move(row));
        }
      }
    }
  }
  return ResultRowsToTable(rows);
}

std::vector<std::string> AnalyticMeasures() {
  std::vector<std::string> ids;
  for (const MeasureDescriptor* m : MeasureRegistry().All()) {
    if (m->input == InputKind::kSubgroups && m->interval != IntervalMethod::kSimulation) {
      ids.push_back(m->id);
    }
  }
  return ids;
}

void BM_SubgroupMeasures(benchmark::State& state, bool analytic_only) {
  const Table results = ResultTable();
  const InequalityOptions options{.measures =
                                      analytic_only ? AnalyticMeasures() : ParseMeasureList("all")};
  std::size_t rows = 0;
  for (auto _ : state) {
    const Table out = ComputeInequality(results, options);
    rows = out.num_rows();
    benchmark::DoNotOptimize(rows);
  }
  state.counters["measure_rows"] = static_cast<double>(rows);
  state.counters["measures"] = static_cast<double>(options.measures.size());
}
BENCHMARK_CAPTURE(BM_SubgroupMeasures, analytic, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SubgroupMeasures, all_simulated_1000, false)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// Persons per municipality: lognormal sizes (median ~16 000, a few very large) summing to 10.5 M;
// income lognormal with median 250 (thousand SEK), one decimal.
std::vector<Sample> Municipalities() {
  std::mt19937_64 engine(2);
  std::lognormal_distribution<double> size(0.0, 1.0), income(std::log(250.0), 0.5);
  std::vector<double> weights(kMunicipalities);
  double total = 0.0;
  for (double& w : weights) total += (w = size(engine));
  std::vector<Sample> samples(kMunicipalities);
  for (int m = 0; m < kMunicipalities; ++m) {
    const auto n = static_cast<std::size_t>(weights[m] / total * kPersons);
    for (std::size_t i = 0; i < n; ++i) {
      samples[m].Update(Observation{.value = std::round(income(engine) * 10.0) / 10.0});
    }
  }
  return samples;
}

void BM_GiniBootstrapPerMunicipality(benchmark::State& state) {
  const std::vector<Sample> samples = Municipalities();
  MeasureOptions options;
  options.bootstrap_draws = 1000;
  std::vector<MeasureResult> results(samples.size());
  for (auto _ : state) {
    ParallelFor(samples.size(),
                [&](std::size_t m) { results[m] = Compute("gini", samples[m], options); });
    benchmark::DoNotOptimize(results.data());
  }
  std::size_t persons = 0;
  for (const Sample& s : samples) persons += s.observations().size();
  state.counters["persons"] = static_cast<double>(persons);
  state.counters["threads"] = static_cast<double>(WorkerCount());
}
BENCHMARK(BM_GiniBootstrapPerMunicipality)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace jamlik::inequality
