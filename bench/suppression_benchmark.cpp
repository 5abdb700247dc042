// Complementary suppression of a DeSO table: 6 000 DeSOs in 300 municipalities × 2 sexes × 4 birth
// regions with every margin (sex and region totals, municipality and nation rows): 94 515 cells,
// of which the populations 1–9 are primary. Measures ProtectTable's heuristic (the size is far
// above the exact MIP's limit) against the naive "suppress the next smallest" rule, and counts the
// primary cells each leaves narrower than their protection interval (attacker's LP, not timed).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

#include "privacy/disclosure_rules.hpp"
#include "privacy/suppression.hpp"

namespace jamlik {
namespace {

constexpr std::size_t kSexes = 2, kRegions = 4;
constexpr std::size_t kSubgroups = (kSexes + 1) * (kRegions + 1);  // margins last in each axis

std::size_t At(std::size_t area, std::size_t sex, std::size_t region) {
  return area * kSubgroups + sex * (kRegions + 1) + region;
}

// `desos` small areas of `smallest`–`largest` persons in `municipalities` larger ones and the
// nation. The defaults are the DeSO table above; NationalTable() is a small national file's.
SuppressionProblem DesoTable(std::size_t desos = 6000, std::size_t municipalities = 300,
                             double smallest = 700, double largest = 2700) {
  const std::size_t areas = desos + municipalities + 1;
  std::mt19937_64 random(2026);
  SuppressionProblem problem;
  auto& values = problem.table.values;
  values.assign(areas * kSubgroups, 0);
  std::uniform_real_distribution<double> size(smallest, largest);
  std::gamma_distribution<double> outside(0.8, 0.12);
  std::uniform_real_distribution<double> nordic(0.005, 0.05), europe(0.02, 0.1);
  for (std::size_t deso = 0; deso < desos; ++deso) {
    const double persons = size(random);
    const double shares[kRegions] = {0, nordic(random), europe(random),
                                     std::min(outside(random), 0.7)};
    for (std::size_t sex = 0; sex < kSexes; ++sex) {
      double rest = persons / 2;
      for (std::size_t region = 1; region < kRegions; ++region) {
        std::poisson_distribution<int> count(persons / 2 * shares[region]);
        values[At(deso, sex, region)] = count(random);
        rest -= values[At(deso, sex, region)];
      }
      values[At(deso, sex, 0)] = std::max(0.0, std::round(rest));
    }
  }
  auto parent = [&](std::size_t deso) {
    return desos + std::min(deso / (desos / municipalities), municipalities - 1);
  };
  const std::size_t nation = areas - 1;
  for (std::size_t deso = 0; deso < desos; ++deso) {
    for (std::size_t sex = 0; sex < kSexes; ++sex) {
      for (std::size_t region = 0; region < kRegions; ++region) {
        const double value = values[At(deso, sex, region)];
        for (std::size_t area : {deso, parent(deso), nation}) {
          values[At(area, sex, region)] += area == deso ? 0 : value;
          values[At(area, sex, kRegions)] += value;
          values[At(area, kSexes, region)] += value;
          values[At(area, kSexes, kRegions)] += value;
        }
      }
    }
  }
  auto& equations = problem.table.equations;
  for (std::size_t area = 0; area < areas; ++area) {
    for (std::size_t sex = 0; sex <= kSexes; ++sex) {
      Equation equation{At(area, sex, kRegions), {}};
      for (std::size_t region = 0; region < kRegions; ++region)
        equation.parts.push_back(At(area, sex, region));
      equations.push_back(equation);
    }
    for (std::size_t region = 0; region <= kRegions; ++region) {
      Equation equation{At(area, kSexes, region), {}};
      for (std::size_t sex = 0; sex < kSexes; ++sex)
        equation.parts.push_back(At(area, sex, region));
      equations.push_back(equation);
    }
  }
  for (std::size_t subgroup = 0; subgroup < kSubgroups; ++subgroup) {
    for (std::size_t m = 0; m < municipalities; ++m) {
      Equation equation{(desos + m) * kSubgroups + subgroup, {}};
      for (std::size_t deso = 0; deso < desos; ++deso) {
        if (parent(deso) == desos + m) equation.parts.push_back(deso * kSubgroups + subgroup);
      }
      equations.push_back(equation);
    }
    Equation equation{nation * kSubgroups + subgroup, {}};
    for (std::size_t m = 0; m < municipalities; ++m)
      equation.parts.push_back((desos + m) * kSubgroups + subgroup);
    equations.push_back(equation);
  }
  for (double value : values) problem.table.costs.push_back(1 + value);
  problem.status.assign(values.size(), CellStatus::kPublished);
  problem.protection.assign(values.size(), {});
  const DisclosureRules rules;
  for (std::size_t cell = 0; cell < values.size(); ++cell) {
    if (values[cell] > 0 && values[cell] < rules.min_denominator) {
      problem.status[cell] = CellStatus::kPrimary;
      problem.protection[cell] = {rules.protection_absolute,
                                  std::min(values[cell], rules.protection_absolute)};
    }
  }
  return problem;
}

// The naive rule: while an equation has exactly one suppressed cell, suppress its next smallest.
void NaiveSuppression(SuppressionProblem& problem) {
  auto& status = problem.status;
  const auto& values = problem.table.values;
  for (bool changed = true; changed;) {
    changed = false;
    for (const Equation& equation : problem.table.equations) {
      std::vector<std::size_t> cells = equation.parts;
      cells.push_back(equation.total);
      const auto hidden = std::count_if(cells.begin(), cells.end(), [&](std::size_t cell) {
        return status[cell] != CellStatus::kPublished;
      });
      if (hidden != 1) continue;
      std::size_t smallest = cells.size();
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (status[cells[i]] == CellStatus::kPublished &&
            (smallest == cells.size() || values[cells[i]] < values[cells[smallest]]))
          smallest = i;
      }
      status[cells[smallest]] = CellStatus::kSecondary;
      changed = true;
    }
  }
}

// Primary cells whose attacker's range is narrower than their protection interval.
double Unprotected(const SuppressionProblem& problem) {
  std::vector<std::size_t> primaries;
  for (std::size_t cell = 0; cell < problem.status.size(); ++cell) {
    if (problem.status[cell] == CellStatus::kPrimary) primaries.push_back(cell);
  }
  const auto ranges = AttackerRanges(problem.table, problem.status, primaries);
  double unprotected = 0;
  for (std::size_t i = 0; i < primaries.size(); ++i) {
    const double value = problem.table.values[primaries[i]];
    const Protection& protection = problem.protection[primaries[i]];
    if (ranges[i].upper < value + protection.upper - 1e-6 ||
        ranges[i].lower > value - protection.lower + 1e-6)
      ++unprotected;
  }
  return unprotected;
}

void Report(benchmark::State& state, const SuppressionProblem& problem) {
  double primary = 0, secondary = 0, cost = 0;
  for (std::size_t cell = 0; cell < problem.status.size(); ++cell) {
    primary += problem.status[cell] == CellStatus::kPrimary ? 1 : 0;
    if (problem.status[cell] == CellStatus::kSecondary) {
      ++secondary;
      cost += problem.table.values[cell];
    }
  }
  state.counters["cells"] = static_cast<double>(problem.status.size());
  state.counters["primary"] = primary;
  state.counters["secondary"] = secondary;
  state.counters["secondary_value"] = cost;
  state.counters["unprotected"] = Unprotected(problem);
}

void BM_Heuristic(benchmark::State& state) {
  const SuppressionProblem table = DesoTable();
  SuppressionProblem problem;
  for (auto _ : state) {
    state.PauseTiming();
    problem = table;
    state.ResumeTiming();
    ProtectTable(problem, DisclosureRules{});
  }
  Report(state, problem);
}
BENCHMARK(BM_Heuristic)->Unit(benchmark::kMillisecond)->MinTime(2);

void BM_NaiveNextSmallest(benchmark::State& state) {
  const SuppressionProblem table = DesoTable();
  SuppressionProblem problem;
  for (auto _ : state) {
    state.PauseTiming();
    problem = table;
    state.ResumeTiming();
    NaiveSuppression(problem);
  }
  Report(state, problem);
}
BENCHMARK(BM_NaiveNextSmallest)->Unit(benchmark::kMillisecond)->MinTime(2);

// The linked table of a small national file (as the example spec's indicators on 200 000 persons):
// 290 municipalities of 20–400 persons in 21 counties and the nation, by sex × birth region with
// every margin; most municipal cells of the small groups are primary, all linked through the
// county and nation totals.
void BM_HeuristicNational(benchmark::State& state) {
  const SuppressionProblem table = DesoTable(290, 21, 20, 400);
  SuppressionProblem problem;
  for (auto _ : state) {
    state.PauseTiming();
    problem = table;
    state.ResumeTiming();
    ProtectTable(problem, DisclosureRules{});
  }
  Report(state, problem);
}
BENCHMARK(BM_HeuristicNational)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace
}  // namespace jamlik
