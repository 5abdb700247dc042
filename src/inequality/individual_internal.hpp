#pragma once
// Shared machinery of the individual-data measures: the checks every distribution measure makes
// and the sorted, summarised sample they compute from.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "core/splitmix64.hpp"
#include "inequality/measure.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality::internal {

// A sample sorted by value with its totals.
struct Distribution {
  std::vector<Observation> sorted;  // by value, ties in input order
  double total_weight = 0.0;
  double mean = 0.0;
  bool has_zero = false;
};

// Return the sorted sample, or why a distribution measure is undefined for it: no observations,
// a total weight of 0, a negative value, or a mean of 0.
tl::expected<Distribution, MeasureReason> Summarise(const Sample& sample);

using DistributionStatistic =
    std::function<tl::expected<double, MeasureReason>(const Distribution&, const MeasureOptions&)>;

// The running sums of a resample over the distinct values in ascending order, value x drawn c
// times: weight W = Σ c, sum S = Σ c·x and cross = Σ c·x·(B + c/2), B the count drawn below x.
// The Gini coefficient is 2·cross/(W·S) − 1.
struct ResampleSums {
  double weight = 0.0;
  double sum = 0.0;
  double cross = 0.0;
};

// A statistic of a resample from its sums; NaN when it is undefined for that resample.
using ResampleStatistic = std::function<double(const ResampleSums&)>;

// Exact Poisson(mean) draws by inverting the CDF at the 53-bit uniform u = (r >> 11)·2^−53 of one
// 64-bit random number r. A guide table of the 4096 intervals [j/4096, (j+1)/4096) (the top 12
// bits of r) gives the answer directly when the CDF takes no step inside the interval and the
// first candidate otherwise, so a draw is one table look-up and rarely a short search. Means above
// kMaxPiece are split into equal pieces (a sum of Poissons is Poisson), which keeps e^(−piece) far
// from underflow and the table short. Memory: 8 KB and the CDF of a piece (≈ 8 (piece + 10√piece)
// bytes).
class PoissonSampler {
 public:
  static constexpr double kMaxPiece = 256.0;
  static constexpr int kGuideBits = 12;

  explicit PoissonSampler(double mean);

  // Return a draw, taking one number of the stream per piece.
  double Draw(std::uint64_t& stream) const {
    double total = 0.0;
    for (std::uint32_t p = 0; p < pieces_; ++p) total += DrawPiece(SplitMix64(stream));
    return total;
  }
  // Return the draw of one piece at the random number r.
  double DrawPiece(std::uint64_t r) const {
    const std::uint16_t entry = guide_[r >> (64 - kGuideBits)];
    if (entry < kSearch) return entry;
    const double u = static_cast<double>(r >> 11) * 0x1.0p-53;
    std::size_t k = entry - kSearch;
    while (u >= cdf_[k]) ++k;
    return static_cast<double>(k);
  }
  std::uint32_t pieces() const { return pieces_; }

 private:
  static constexpr std::uint16_t kSearch = 0x8000;  // flag: search the CDF from the entry's value
  std::uint32_t pieces_ = 1;
  std::vector<double> cdf_;  // P(X ≤ k) of one piece; the last entry is +∞ and takes the tail
  std::array<std::uint16_t, std::size_t{1} << kGuideBits> guide_{};
};

// Wrap a statistic into a compute function with a seeded percentile bootstrap interval
// (options.bootstrap_draws resamples). It is the Poisson bootstrap (Hanley & MacGibbon 2006):
// each person is drawn Poisson(1) times, so a block of tied values of total weight m is drawn
// Poisson(m) times, and a resample costs O(distinct values) on the already sorted sample instead
// of a draw and a sort per person. Its resample size varies around n, which scale-free measures
// such as Gini do not notice; it matches the multinomial bootstrap as n grows. The point estimate
// is statistic(sample); each resample's value is resample(its sums), computed in one pass over
// the distinct values without building the resample. Resample d draws its counts from its own
// SplitMix64 stream, seeded from (options.seed, d), so the interval depends on the seed only, not
// on the number of threads (JAMLIK_THREADS) that share the resamples.
IndividualCompute BootstrapCompute(DistributionStatistic statistic, ResampleStatistic resample);

// Wrap a statistic into a compute function with a seeded percentile bootstrap interval for
// statistics that need the whole resample (percentiles, shares, GE, Atkinson, CV): the same
// Poisson bootstrap and streams as BootstrapCompute (resample d from (options.seed, d), each
// distinct value drawn Poisson(its weight) times), but each resample is built as a distribution
// of its distinct values weighted by their counts and given to statistic itself. A resample on
// which the statistic is undefined is left out of the percentiles. Cost: O(distinct values) a
// resample plus the statistic's; memory: one resample per thread.
IndividualCompute DistributionBootstrap(DistributionStatistic statistic);

// Return the descriptor of a distribution measure on individual data (weighted by frequency
// weights, applicable to no subgroup dimension: it takes a sample, not subgroups), with a bootstrap
// interval: from the running sums when resample is given (BootstrapCompute), else from whole
// resamples (DistributionBootstrap).
MeasureDescriptor DistributionDescriptor(std::string id, std::string label_sv, std::string label_en,
                                         MeasureScale scale, std::string interpretation_sv,
                                         std::string interpretation_en, std::string reference,
                                         DistributionStatistic statistic,
                                         ResampleStatistic resample = {});

}  // namespace jamlik::inequality::internal
