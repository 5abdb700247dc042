// Concentration indices of individual data (value y, frequency weight w, ranking variable such as
// income), persons sorted by rank with tie-aware fractional ranks: a block of persons with equal
// rank shares the midpoint of its cumulative weight, R = (weight below the block + block / 2) / W.
//   rci = C = 2 cov_w(y, R) / μ;  ci_generalized = μ·C;
//   ci_erreygers = 4 μ* C* and ci_wagstaff = C* / (1 − μ*), with y* = (y − a)/(b − a) on the known
//   bounds [a, b] (options.lower_bound/upper_bound, default 0 and 1) and C* its concentration
//   index (equal to C when a = 0).
// Interval (rci only): Kakwani, Wagstaff & van Doorslaer (1997) variance
//   var = (1/W) [Σ w a_i² / W − (1 + C)²], a_i = (y_i/μ)(2R_i − 1 − C) + 2 − q_{i−1} − q_i,
// q_i the concentration curve's ordinate after person i, accumulated in rank order and, within a
// tied block, in input order (as Stata's conindex; the value depends on that order, exact for
// unit weights). The others have no interval here. Undefined: no observations, μ = 0 (rci,
// Wagstaff), μ* = 1 (Wagstaff), b ≤ a. Reference: O'Donnell et al. (2008) ch. 8; Erreygers
// (2009); Wagstaff (2005); Stata conindex; values in concentration_expected.csv. Memory: the
// sample.
#include <cmath>
#include <string>
#include <utility>

#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality {
namespace {

struct Ranked {
  std::vector<Observation> persons;  // sorted by rank, ties in input order
  std::vector<double> fractional_rank;
  double total_weight = 0.0;
  double mean = 0.0;
  double covariance = 0.0;  // cov_w(y, R)
};

tl::expected<Ranked, MeasureReason> Rank(const Sample& sample) {
  Ranked ranked;
  ranked.persons = sample.SortedByRank();
  for (const Observation& o : ranked.persons) {
    ranked.total_weight += o.weight;
    ranked.mean += o.weight * o.value;
  }
  if (ranked.total_weight <= 0.0) {
    return tl::unexpected(MeasureReason::kNoObservations);
  }
  ranked.mean /= ranked.total_weight;
  ranked.fractional_rank.resize(ranked.persons.size());
  double below = 0.0;
  for (std::size_t start = 0; start < ranked.persons.size();) {
    std::size_t end = start;
    double block = 0.0;
    while (end < ranked.persons.size() && ranked.persons[end].rank == ranked.persons[start].rank) {
      block += ranked.persons[end++].weight;
    }
    for (std::size_t i = start; i < end; ++i) {
      ranked.fractional_rank[i] = (below + block / 2.0) / ranked.total_weight;
    }
    below += block;
    start = end;
  }
  for (std::size_t i = 0; i < ranked.persons.size(); ++i) {
    ranked.covariance += ranked.persons[i].weight * (ranked.persons[i].value - ranked.mean) *
                         (ranked.fractional_rank[i] - 0.5);
  }
  ranked.covariance /= ranked.total_weight;
  return ranked;
}

double KakwaniVariance(const Ranked& r, double c) {
  double q = 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < r.persons.size(); ++i) {
    const Observation& o = r.persons[i];
    const double previous = q;
    q += o.weight * o.value / (r.total_weight * r.mean);
    const double a =
        (o.value / r.mean) * (2.0 * r.fractional_rank[i] - 1.0 - c) + 2.0 - previous - q;
    sum += o.weight * a * a;
  }
  return (sum / r.total_weight - (1.0 + c) * (1.0 + c)) / r.total_weight;
}

using RankedStatistic =
    std::function<tl::expected<double, MeasureReason>(const Ranked&, const MeasureOptions&)>;

// The rescaled mean μ* = (μ − a)/(b − a) and C* = 2 cov(y*, R)/μ*, or why they are undefined.
tl::expected<std::pair<double, double>, MeasureReason> Rescaled(const Ranked& r,
                                                                const MeasureOptions& options) {
  const double range = options.upper_bound - options.lower_bound;
  if (!(range > 0.0)) {
    return tl::unexpected(MeasureReason::kBoundsReversed);
  }
  const double mean = (r.mean - options.lower_bound) / range;
  if (mean == 0.0) return tl::unexpected(MeasureReason::kZeroMean);
  return std::pair{mean, 2.0 * (r.covariance / range) / mean};
}

struct Variant {
  const char* id;
  const char* label_sv;
  const char* label_en;
  MeasureScale scale;
  const char* interpretation_sv;
  const char* interpretation_en;
  RankedStatistic statistic;
};

}  // namespace

void RegisterConcentrationIndividual(Registry& registry) {
  const Variant variants[] = {
      {"rci", "Koncentrationsindex (individdata)", "Concentration index (individual data)",
       MeasureScale::kRelative, "Mellan −1 och 1.", "Between −1 and 1.",
       [](const Ranked& r, const MeasureOptions&) -> tl::expected<double, MeasureReason> {
         if (r.mean == 0.0) return tl::unexpected(MeasureReason::kZeroMean);
         return 2.0 * r.covariance / r.mean;
       }},
      {"ci_generalized", "Generaliserat koncentrationsindex (individdata)",
       "Generalized concentration index (individual data)", MeasureScale::kAbsolute,
       "μ·C, i indikatorns enhet.", "μ·C, in the indicator's unit.",
       [](const Ranked& r, const MeasureOptions&) -> tl::expected<double, MeasureReason> {
         return 2.0 * r.covariance;
       }},
      {"ci_erreygers", "Erreygers koncentrationsindex (individdata)",
       "Erreygers concentration index (individual data)", MeasureScale::kAbsolute,
       "4·μ*·C* på de kända gränserna [a, b].", "4·μ*·C* on the known bounds [a, b].",
       [](const Ranked& r, const MeasureOptions& options) -> tl::expected<double, MeasureReason> {
         const auto rescaled = Rescaled(r, options);
         if (!rescaled) return tl::unexpected(rescaled.error());
         return 4.0 * rescaled->first * rescaled->second;
       }},
      {"ci_wagstaff", "Wagstaffs koncentrationsindex (individdata)",
       "Wagstaff concentration index (individual data)", MeasureScale::kRelative,
       "C* / (1 − μ*) på de kända gränserna [a, b].", "C* / (1 − μ*) on the known bounds [a, b].",
       [](const Ranked& r, const MeasureOptions& options) -> tl::expected<double, MeasureReason> {
         const auto rescaled = Rescaled(r, options);
         if (!rescaled) return tl::unexpected(rescaled.error());
         if (rescaled->first == 1.0) {
           return tl::unexpected(MeasureReason::kMeanOnUpperBound);
         }
         return rescaled->second / (1.0 - rescaled->first);
       }},
  };
  for (const Variant& variant : variants) {
    const bool kakwani = std::string(variant.id) == "rci";
    MeasureDescriptor descriptor{
        .id = variant.id,
        .label_sv = variant.label_sv,
        .label_en = variant.label_en,
        .input = InputKind::kIndividuals,
        .applicability = {.ordered = true},
        .weighted = true,
        .scale = variant.scale,
        .no_inequality = 0.0,
        .needs = {.rank = true},
        .interval = kakwani ? IntervalMethod::kKakwaniWagstaffVanDoorslaer : IntervalMethod::kNone,
        .sign = SignConvention::kAdvantagedEnd,
        .interpretation_sv = std::string(variant.interpretation_sv) +
                             " Positivt: koncentrerat till dem med högre rang; 0: ingen "
                             "ojämlikhet.",
        .interpretation_en = std::string(variant.interpretation_en) +
                             " Positive: concentrated among those ranked higher; 0: no "
                             "inequality.",
        .reference =
            "O'Donnell, van Doorslaer, Wagstaff & Lindelow (2008) ch. 8; Kakwani, "
            "Wagstaff & van Doorslaer (1997); Erreygers (2009); Wagstaff (2005)",
    };
    descriptor.compute_individuals = [statistic = variant.statistic, kakwani](
                                         const Sample& sample,
                                         const MeasureOptions& options) -> MeasureResult {
      const auto ranked = Rank(sample);
      if (!ranked) return internal::Undefined(ranked.error());
      const auto estimate = statistic(*ranked, options);
      if (!estimate) return internal::Undefined(estimate.error());
      if (!kakwani) {
        return internal::PointOnly(*estimate, MeasureReason::kNoIntervalMethod);
      }
      const double variance = KakwaniVariance(*ranked, *estimate);
      if (!(variance >= 0.0)) {
        return internal::PointOnly(*estimate, MeasureReason::kVarianceUndefined);
      }
      return internal::NormalInterval(*estimate, std::sqrt(variance), options.confidence);
    };
    registry.Add(std::move(descriptor));
  }
}

}  // namespace jamlik::inequality
