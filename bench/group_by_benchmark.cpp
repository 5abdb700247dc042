// The group-by hot path at national scale: 10.5 million persons by municipality (290) × sex (2)
// × education (3), with five outcome columns, some with nulls. Target: under 150 ms on 2 cores
// (JAMLIK_THREADS=2) without margins.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "core/group_by.hpp"

namespace jamlik {
namespace {

constexpr std::size_t kPersons = 10'500'000;
constexpr std::size_t kMunicipalities = 290;

Validity RandomNulls(std::mt19937_64& rng, double probability) {
  Validity validity = Validity::AllValid(kPersons);
  std::bernoulli_distribution is_null(probability);
  for (std::size_t row = 0; row < kPersons; ++row) {
    if (is_null(rng)) validity.Clear(row);
  }
  return validity;
}

// An integer column stored narrow, as every reader stores it (inkomst int32, sjukdagar int8, the
// 0/1 sysselsatt int8), or forced to int64 as before narrow columns, to compare the two.
Column IntegerColumn(bool narrow, std::string name, std::vector<std::int64_t> values,
                     Validity validity = {}) {
  if (narrow) return Column::Int64(std::move(name), std::move(values), std::move(validity));
  return Column::Integers(std::move(name), IntegerValues(std::move(values)), std::move(validity));
}

// Persons in random order, or sorted by municipality as registers often are (then consecutive
// rows update the same few groups).
Table MakePopulation(bool sorted_by_municipality, bool narrow) {
  std::mt19937_64 rng(2024);
  // Municipality sizes fall off like Sweden's: a few large, many small.
  std::vector<double> sizes(kMunicipalities);
  for (std::size_t m = 0; m < kMunicipalities; ++m) sizes[m] = 1.0 / static_cast<double>(m + 3);
  std::discrete_distribution<std::uint32_t> municipality(sizes.begin(), sizes.end());
  std::vector<std::uint8_t> kommun(kPersons);
  for (auto& code : kommun) code = static_cast<std::uint8_t>(municipality(rng));
  if (sorted_by_municipality) std::sort(kommun.begin(), kommun.end());
  std::vector<std::uint8_t> kon(kPersons);
  std::vector<std::uint8_t> utbildning(kPersons);
  std::discrete_distribution<int> education{0.2, 0.45, 0.35};
  for (std::size_t row = 0; row < kPersons; ++row) {
    kon[row] = static_cast<std::uint8_t>(rng() & 1);
    utbildning[row] = static_cast<std::uint8_t>(education(rng));
  }
  std::lognormal_distribution<double> income(12.5, 0.6);
  std::normal_distribution<double> bmi(26, 4);
  std::poisson_distribution<std::int64_t> sick_days(9);
  std::bernoulli_distribution employed(0.78);
  std::vector<std::int64_t> inkomst(kPersons);
  std::vector<std::int64_t> sysselsatt(kPersons);
  std::vector<double> bmi_values(kPersons);
  std::vector<std::int64_t> sjukdagar(kPersons);
  std::vector<double> ohalsa(kPersons);
  for (std::size_t row = 0; row < kPersons; ++row) {
    inkomst[row] = static_cast<std::int64_t>(income(rng));
    sysselsatt[row] = employed(rng) ? 1 : 0;
    bmi_values[row] = bmi(rng);
    sjukdagar[row] = sick_days(rng);
    ohalsa[row] = static_cast<double>(sjukdagar[row]) * 0.7;
  }
  std::vector<std::string> municipalities;
  for (std::size_t m = 0; m < kMunicipalities; ++m)
    municipalities.push_back(fmt::format("{:04}", m));
  Table table;
  table.AddColumn(
      Column::Categorical("kommun", Dictionary(std::move(municipalities)), std::move(kommun)));
  table.AddColumn(Column::Categorical("kon", Dictionary({"K", "M"}), std::move(kon)));
  table.AddColumn(Column::Categorical(
      "utbildning", Dictionary({"förgymnasial", "gymnasial", "eftergymnasial"}, true),
      std::move(utbildning)));
  table.AddColumn(IntegerColumn(narrow, "inkomst", std::move(inkomst), RandomNulls(rng, 0.03)));
  table.AddColumn(IntegerColumn(narrow, "sysselsatt", std::move(sysselsatt)));
  table.AddColumn(Column::Double("bmi", std::move(bmi_values), RandomNulls(rng, 0.2)));
  table.AddColumn(IntegerColumn(narrow, "sjukdagar", std::move(sjukdagar), RandomNulls(rng, 0.05)));
  table.AddColumn(Column::Double("ohalsotal", std::move(ohalsa)));
  return table;
}

const Table& Population(bool sorted_by_municipality, bool narrow) {
  if (!narrow) {
    static const Table wide = MakePopulation(false, false);
    return wide;
  }
  static const Table shuffled = MakePopulation(false, true);
  if (!sorted_by_municipality) return shuffled;
  static const Table sorted = MakePopulation(true, true);
  return sorted;
}

// Arguments: margins (0/1), rows sorted by municipality (0/1), integers narrow (1) or int64 (0),
// detail: counts and sums (0, as `jamlik aggregate --sum --unsuppressed`), with the top two
// magnitudes (1, as under disclosure control) or the full moments (2).
void BM_GroupBy(benchmark::State& state) {
  const Table& table = Population(state.range(1) != 0, state.range(2) != 0);
  GroupByRequest request{{"kommun", "kon", "utbildning"},
                         {"inkomst", "sysselsatt", "bmi", "sjukdagar", "ohalsotal"},
                         "",
                         state.range(0) != 0};
  request.detail = std::array{StateDetail::kSums, StateDetail::kSumsAndTop,
                              StateDetail::kMoments}[state.range(3)];
  for (auto _ : state) {
    GroupByResult result = GroupBy(table, request);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * table.num_rows()));
}
BENCHMARK(BM_GroupBy)
    ->ArgNames({"margins", "sorted", "narrow", "detail"})
    ->Args({0, 0, 1, 2})
    ->Args({1, 0, 1, 2})
    ->Args({0, 1, 1, 2})
    ->Args({0, 0, 0, 2})
    ->Args({0, 0, 1, 0})
    ->Args({0, 1, 1, 0})
    ->Args({0, 1, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()  // CPU time of all threads: steadier than wall time on a busy machine
    ->UseRealTime();

}  // namespace
}  // namespace jamlik
