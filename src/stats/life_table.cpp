// The abridged life table (Chiang II, Silcocks); formulas and references in life_table.hpp.
#include "stats/life_table.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "stats/check_internal.hpp"
#include "stats/distributions.hpp"

namespace jamlik {
namespace {

// PHE tests the width of the 95% interval with this rounded z (1.95996398… exactly); keeping it
// reproduces PHE's suppression exactly at the boundary.
constexpr double kPheZ95 = 1.959964;
constexpr double kRadix = 100000;

// Return why the whole group has no life table, if it has none.
std::optional<UndefinedReason> GroupUndefinedReason(std::span<const LifeTableBand> sorted,
                                                    const LifeTableOptions& options) {
  if (!std::equal(sorted.begin(), sorted.end(), kLifeTableStartAges.begin(),
                  kLifeTableStartAges.end(),
                  [](const LifeTableBand& band, int age) { return band.start_age == age; })) {
    return UndefinedReason::kIncompleteAgeBands;
  }
  double total_population = 0;
  for (const LifeTableBand& band : sorted) {
    if (band.deaths < 0) return UndefinedReason::kNegativeCount;
    if (band.population <= 0) return UndefinedReason::kNonPositivePopulation;
    if (band.deaths > band.population) return UndefinedReason::kCountExceedsPopulation;
    total_population += band.population;
  }
  if (total_population <= options.min_total_population) {
    return UndefinedReason::kPopulationBelowMinimum;
  }
  if (sorted.back().deaths == 0) return UndefinedReason::kZeroDeathsInOpenBand;
  return std::nullopt;
}

// The share of the band lived by those who die in it: infant deaths come early in the first year.
double FractionLivedByDying(int start_age) { return start_age == 0 ? 0.1 : 0.5; }

}  // namespace

std::vector<LifeExpectancy> AbridgedLifeTable(std::span<const LifeTableBand> bands,
                                              const LifeTableOptions& options) {
  RequireConfidence(options.confidence);
  stats_internal::RequireNonNegative(options.min_total_population, "min_total_population");
  stats_internal::RequirePositive(options.max_half_width_95, "max_half_width_95");
  for (const LifeTableBand& band : bands) {
    stats_internal::RequireFinite(band.population, "population");
    stats_internal::RequireFinite(band.deaths, "deaths");
  }
  std::vector<LifeTableBand> sorted(bands.begin(), bands.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.start_age < b.start_age; });

  const std::size_t k = sorted.size();
  std::vector<LifeExpectancy> rows(k);
  double population_used = 0;
  double deaths_used = 0;
  for (std::size_t i = k; i-- > 0;) {
    population_used += sorted[i].population;
    deaths_used += sorted[i].deaths;
    rows[i].start_age = sorted[i].start_age;
    rows[i].population_used = population_used;
    rows[i].deaths_used = deaths_used;
  }
  if (const auto reason = GroupUndefinedReason(sorted, options)) {
    for (LifeExpectancy& row : rows) {
      row.value = Undefined(*reason);
      row.interval = Undefined(*reason);
      row.standard_error = Undefined(*reason);
    }
    return rows;
  }

  // The group has exactly the standard bands now. l has one more entry: l[k] = 0, nobody survives
  // the open band.
  constexpr std::size_t kBands = kLifeTableStartAges.size();
  std::array<double, kBands> q{};
  std::array<double, kBands + 1> l{};
  std::array<double, kBands> person_years{};
  l[0] = kRadix;
  for (std::size_t i = 0; i < k; ++i) {
    const LifeTableBand& band = sorted[i];
    const double rate = band.deaths / band.population;
    if (i + 1 == k) {
      q[i] = 1;
      l[i + 1] = 0;
      person_years[i] = l[i] / rate;
      continue;
    }
    const double width = sorted[i + 1].start_age - band.start_age;
    const double fraction = FractionLivedByDying(band.start_age);
    // The formula exceeds 1 when more die than could within the band; then everyone dies.
    q[i] = band.deaths <= band.population / (width * fraction)
               ? rate * width / (1 + rate * width * (1 - fraction))
               : 1;
    l[i + 1] = l[i] * (1 - q[i]);
    person_years[i] = width * (l[i + 1] + fraction * (l[i] - l[i + 1]));
  }

  // Walk down from the open band, accumulating T (person-years) and Σ W (variance terms).
  const double z = TwoSidedNormalQuantile(options.confidence);
  double total_years = 0;
  double variance_sum = 0;
  double next_expectancy = 0;
  for (std::size_t i = k; i-- > 0;) {
    const LifeTableBand& band = sorted[i];
    total_years += person_years[i];
    if (i + 1 == k) {
      const double rate = band.deaths / band.population;
      const double s2 = 4 / (band.deaths * rate * rate);
      variance_sum += (l[i] / 2) * (l[i] / 2) * s2;
    } else if (band.deaths > 0) {
      const double width = sorted[i + 1].start_age - band.start_age;
      const double fraction = FractionLivedByDying(band.start_age);
      const double s2 = q[i] * q[i] * (1 - q[i]) / band.deaths;
      const double years = (1 - fraction) * width + next_expectancy;
      variance_sum += s2 * l[i] * l[i] * years * years;
    }
    LifeExpectancy& row = rows[i];
    if (l[i] == 0) {
      row.value = Undefined(UndefinedReason::kNoSurvivors);
      row.interval = Undefined(UndefinedReason::kNoSurvivors);
      row.standard_error = Undefined(UndefinedReason::kNoSurvivors);
      next_expectancy = 0;
      continue;
    }
    const double expectancy = total_years / l[i];
    const double standard_error = std::sqrt(variance_sum) / l[i];
    row.standard_error = standard_error;
    row.interval = Interval{expectancy - z * standard_error, expectancy + z * standard_error};
    if (kPheZ95 * standard_error > options.max_half_width_95) {
      row.value = Undefined(UndefinedReason::kIntervalTooWide);
    } else {
      row.value = expectancy;
    }
    next_expectancy = expectancy;
  }
  return rows;
}

}  // namespace jamlik
