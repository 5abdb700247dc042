#pragma once
// Age standardisation: directly standardised rates (DSR) with Dobson's or Fay and Feuer's interval,
// and indirectly standardised ratios and rates (SMR-type) with exact or Byar's limits.
// Standardising removes the effect of a municipality's age structure, so that an old and a young
// municipality can be compared.
#include <optional>
#include <span>
#include <vector>

#include "stats/interval.hpp"
#include "stats/poisson.hpp"

namespace jamlik {

// Dobson's interval for a directly standardised rate, on the rate's own scale (no multiplier):
//   limits = DSR + √(V/O)·(B(O) − O),
// where O is the total event count, V the variance of the DSR and B(O) Byar's lower or upper limit
// for O (ByarsLower/ByarsUpper). Reference: Dobson, Kuulasmaa, Eberle & Scherer (1991) Stat Med
// 10:457–462; Public Health England, Technical Guide: Confidence Intervals.
// Undefined: where Byar's lower limit is (kNegativeLimit), which includes O = 0.
// Throws kInvalidArgument for a negative input or a confidence outside [0.9, 1).
OrUndefined<Interval> DobsonInterval(double rate, double variance, double count, double confidence);

// Fay and Feuer's gamma interval for a directly standardised rate y = Σ w_i·x_i, on the rate's own
// scale, with v = Σ w_i²·x_i and w_M = max w_i (w_i the weight of one event in band i):
//   lower = G⁻¹(α/2; shape y²/v, scale v/y)  (0 when y = 0),
//   upper = G⁻¹(1 − α/2; shape (y + w_M)²/(v + w_M²), scale (v + w_M²)/(y + w_M)),
// G⁻¹ the gamma quantile. Reference: Fay & Feuer (1997) Stat Med 16:791–801. Conservative, and
// meaningful at small counts where Dobson's is not; with one age band it is the exact Poisson
// interval. Always defined. Throws kInvalidArgument for a negative input, w_M = 0, or a confidence
// outside [0.9, 1).
Interval FayFeuerInterval(double rate, double variance, double max_weight, double confidence);

// One age band of a group: events, population (or person-time) and the standard population.
struct DsrBand {
  std::optional<double> count;  // events; missing counts as 0, as PHE does
  double population = 0;        // > 0
  double standard_population = 0;
};

// The persons of one age band who each had `events` events (non-independent events, e.g.
// admissions of the same person).
struct PersonsWithEvents {
  double events = 1;
  std::optional<double> persons;  // missing counts as 0
};

struct DsrBandByFrequency {
  double population = 0;  // > 0
  double standard_population = 0;
  std::vector<PersonsWithEvents> persons;
};

enum class DsrIntervalMethod { kDobson, kFayFeuer };

struct DsrOptions {
  double multiplier = 100000;
  double confidence = 0.95;
  DsrIntervalMethod method = DsrIntervalMethod::kDobson;  // as PHE and Fingertips publish
  // Below this total count the value and interval are undefined (kCountBelowMinimum): PHE
  // publishes no DSR from fewer than 10 events, where Dobson's interval is unreliable.
  double min_total_count = 10;
};

struct DsrEstimate : Estimate {
  double total_count = 0;  // O = Σ x_i
  double total_population = 0;
};

// Return the directly standardised rate of independent events over age bands i (PHE's
// calculate_dsr):
//   DSR = Σ x_i·w_i/n_i / Σ w_i × multiplier,  V = Σ x_i·(w_i/n_i)² / (Σ w_i)²,
// x = events, n = population, w = standard population, with the interval of options.method.
// Undefined: total count below options.min_total_count (kCountBelowMinimum), or as the interval
// is. Throws kInvalidArgument for no bands, a population <= 0, a negative count or standard
// population, a standard population summing to 0, or invalid options.
DsrEstimate DirectlyStandardisedRate(std::span<const DsrBand> bands,
                                     const DsrOptions& options = {});

// Return the DSR of events that are not independent (one person can have several), from persons
// by number of events f (PHE's calculate_dsr with independent_events = FALSE): events per band are
// Σ_f f·persons_{f,i}, and the variance becomes Σ_f f²·V_f, V_f the variance above computed from
// persons_{f,·} over the bands that list frequency f. Reference: PHEindicatormethods
// calculate_dsr (method notes in the PHE conformance README, see src/stats/README.md).
// Dobson's interval only (Fay and Feuer's is not defined for this case: kInvalidArgument).
// Otherwise undefined cases and errors as above, plus a negative or non-finite frequency.
DsrEstimate DirectlyStandardisedRate(std::span<const DsrBandByFrequency> bands,
                                     const DsrOptions& options = {});

// One age band of a group with the reference (standard) rates of that band.
struct IsrBand {
  std::optional<double> count;            // observed events; missing is dropped
  std::optional<double> population;       // missing counts as 0 expected events
  std::optional<double> reference_count;  // missing counts as 0
  double reference_population = 0;        // > 0
};

struct IsrEstimate : Estimate {
  double observed = 0;                   // O = Σ x_i
  double expected = 0;                   // E = Σ n_i·X_i/N_i
  std::optional<double> reference_rate;  // the rate variant only: Σ X_i / Σ N_i × multiplier
  PoissonMethod method = PoissonMethod::kExact;
};

// Return the indirectly standardised ratio O/E × reference_value (the SMR; 1 or 100) with the
// Poisson interval of O (PoissonCountInterval: exact below 10, Byar's from 10, or exact at every
// count with PoissonLimits::kExact) divided by E and
// multiplied alike. Reference: Breslow & Day (1987) ch. 2; PHE's calculate_ISRatio.
// Undefined: E = 0 (kZeroExpected). Throws kInvalidArgument for no bands, a negative count,
// population or reference count, a reference population <= 0, a non-positive reference_value or
// a confidence outside [0.9, 1).
IsrEstimate IndirectlyStandardisedRatio(std::span<const IsrBand> bands, double reference_value = 1,
                                        double confidence = 0.95,
                                        PoissonLimits limits = PoissonLimits::kPheRule);

// Return the indirectly standardised rate O/E × reference rate, with the interval scaled alike
// (PHE's calculate_ISRate). Undefined cases and errors as the ratio.
IsrEstimate IndirectlyStandardisedRate(std::span<const IsrBand> bands, double multiplier = 100000,
                                       double confidence = 0.95);

}  // namespace jamlik
