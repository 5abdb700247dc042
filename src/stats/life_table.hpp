#pragma once
// Life expectancy at each age from deaths and population in age bands: the abridged life table by
// Chiang's method II with Silcocks' confidence interval, as PHE and Fingertips publish it.
#include <array>
#include <span>
#include <vector>

#include "stats/interval.hpp"

namespace jamlik {

// The start ages of the abridged table's bands: 0, 1-4, 5-9, …, 85-89 and the open band 90+.
inline constexpr std::array<int, 20> kLifeTableStartAges = {0,  1,  5,  10, 15, 20, 25, 30, 35, 40,
                                                            45, 50, 55, 60, 65, 70, 75, 80, 85, 90};

struct LifeTableBand {
  int start_age = 0;
  double population = 0;  // mid-year population (or person-years / years of data)
  double deaths = 0;
};

struct LifeTableOptions {
  double confidence = 0.95;
  // The whole group is undefined when its total population is at or below this. PHE's 5 000 follows
  // Eayres & Williams (2004), below which the estimate is too unstable to publish.
  double min_total_population = 5000;
  // A life expectancy whose 95% half-width exceeds this many years is undefined (its interval is
  // still given), as PHE suppresses values with a 95% interval wider than 20 years.
  double max_half_width_95 = 10;
};

struct LifeExpectancy : Estimate {
  int start_age = 0;
  double population_used = 0;  // population from this age upwards
  double deaths_used = 0;      // deaths from this age upwards
  OrUndefined<double> standard_error = Undefined(UndefinedReason::kMissingInput);
};

// Return the life expectancy at the start of each band, sorted by start age. Per band i, with
// M = deaths/population, width n (next start − start), a = 0.1 at age 0 and 0.5 otherwise:
//   q_i = M·n/(1 + M·n·(1 − a)), or 1 when deaths > population/(n·a); q = 1 in the open band;
//   l_0 = 100 000, l_{i+1} = l_i·(1 − q_i), d_i = l_i − l_{i+1} (d = l in the open band);
//   L_i = n·(l_{i+1} + a·d_i), L = l/M in the open band; T_i = Σ_{j≥i} L_j; e_i = T_i/l_i.
// Variance (Chiang II with Silcocks' open band): s²_i = q²(1 − q)/deaths (0 without deaths),
// s² = 4/(deaths·M²) in the open band; W_i = s²_i·l_i²·((1 − a)·n + e_{i+1})², W = (l/2)²·s² in
// the open band; SE_i = √(Σ_{j≥i} W_j)/l_i; interval e_i ∓ z·SE_i.
// References: Chiang (1984) The Life Table and its Applications, Krieger; Silcocks, Jenner & Reza
// (2001) J Epidemiol Community Health 55:38–43; Eayres & Williams (2004) J Epidemiol Community
// Health 58:243–249; PHEindicatormethods phe_life_expectancy.
// Undefined for the whole group: bands other than exactly kLifeTableStartAges
// (kIncompleteAgeBands), negative deaths (kNegativeCount), a population <= 0
// (kNonPositivePopulation), deaths > population in a band (kCountExceedsPopulation), a total
// population at or below the minimum (kPopulationBelowMinimum), no deaths in the open band
// (kZeroDeathsInOpenBand). Per age: nobody surviving to it (kNoSurvivors, where PHE reports 0),
// and the value, not the interval, when the 95% interval is too wide (kIntervalTooWide; PHE's
// z = 1.959964 is used for this test whatever the confidence).
// Throws kInvalidArgument for a non-finite input or invalid options.
std::vector<LifeExpectancy> AbridgedLifeTable(std::span<const LifeTableBand> bands,
                                              const LifeTableOptions& options = {});

}  // namespace jamlik
