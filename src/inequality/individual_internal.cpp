#include "inequality/individual_internal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "core/parallel.hpp"

#include "core/i18n.hpp"
#include "inequality/subgroup_internal.hpp"
#include "stats/distributions.hpp"

namespace jamlik::inequality::internal {

tl::expected<Distribution, MeasureReason> Summarise(const Sample& sample) {
  Distribution distribution;
  distribution.sorted = sample.SortedByValue();
  double weighted_sum = 0.0;
  for (const Observation& o : distribution.sorted) {
    if (o.value < 0.0) {
      return tl::unexpected(MeasureReason::kNegativeValues);
    }
    distribution.has_zero = distribution.has_zero || (o.value == 0.0 && o.weight > 0.0);
    distribution.total_weight += o.weight;
    weighted_sum += o.weight * o.value;
  }
  if (distribution.total_weight <= 0.0) {
    return tl::unexpected(MeasureReason::kNoObservations);
  }
  distribution.mean = weighted_sum / distribution.total_weight;
  if (distribution.mean <= 0.0) {
    return tl::unexpected(MeasureReason::kZeroMean);
  }
  return distribution;
}

PoissonSampler::PoissonSampler(double mean) {
  if (mean > kMaxPiece) pieces_ = static_cast<std::uint32_t>(std::ceil(mean / kMaxPiece));
  const double piece = mean / static_cast<double>(pieces_);
  // P(X ≤ k) by the recurrence p_k = p_(k−1)·piece/k, until the pmf past the mean is below 2^−64.
  double probability = std::exp(-piece);
  double cumulative = probability;
  cdf_.push_back(cumulative);
  for (double k = 1.0; !(k > piece && probability < 0x1.0p-64) && cumulative < 1.0; k += 1.0) {
    probability *= piece / k;
    cumulative += probability;
    cdf_.push_back(cumulative);
  }
  cdf_.back() = std::numeric_limits<double>::infinity();
  // Entry j: the smallest k with P(X ≤ k) > j/4096, flagged when the CDF steps again before
  // (j+1)/4096, i.e. when the interval's draw also depends on the lower bits.
  constexpr double kWidth = 1.0 / static_cast<double>(std::size_t{1} << kGuideBits);
  std::size_t k = 0;
  for (std::size_t j = 0; j < guide_.size(); ++j) {
    const double low = static_cast<double>(j) * kWidth;
    while (cdf_[k] <= low) ++k;
    const bool steps_inside = cdf_[k] < low + kWidth;
    guide_[j] = static_cast<std::uint16_t>(steps_inside ? kSearch + k : k);
  }
}

namespace {

// Collapse a sorted distribution into its distinct values with their total weights (values of
// weight 0 are never drawn and are left out).
std::vector<Observation> DistinctValues(const Distribution& d) {
  std::vector<Observation> distinct;
  for (const Observation& o : d.sorted) {
    if (o.weight <= 0.0) continue;
    if (!distinct.empty() && distinct.back().value == o.value) {
      distinct.back().weight += o.weight;
    } else {
      distinct.push_back(Observation{.value = o.value, .weight = o.weight});
    }
  }
  return distinct;
}

// Resamples computed together: each distinct value's sampler serves the block's draws in turn
// while its table is in the cache.
constexpr std::size_t kBlock = 64;
// At most this many samplers (8 KB each) are built up front, for the most common means; a value
// whose mean has none builds its own in every block (weights that are not small integers).
constexpr std::size_t kMaxSamplers = 512;
// Below this many draws of values (≈ 1 ms), the resamples are computed on the calling thread.
constexpr std::size_t kParallelWork = std::size_t{1} << 20;
constexpr std::uint32_t kNoSampler = std::numeric_limits<std::uint32_t>::max();

// The distinct values and the sampler of each one's mean.
struct BootstrapPlan {
  std::vector<Observation> distinct;
  std::vector<std::uint32_t> sampler_of;  // per distinct value; kNoSampler when built on the fly
  std::vector<PoissonSampler> samplers;
};

BootstrapPlan Plan(std::vector<Observation> distinct) {
  BootstrapPlan plan;
  plan.distinct = std::move(distinct);
  std::unordered_map<double, std::size_t> uses;
  for (const Observation& o : plan.distinct) ++uses[o.weight];
  std::vector<std::pair<double, std::size_t>> means(uses.begin(), uses.end());
  // Most used first; ties by mean, so the plan does not depend on the hash order.
  std::sort(means.begin(), means.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  means.resize(std::min(means.size(), kMaxSamplers));
  std::unordered_map<double, std::uint32_t> index;
  plan.samplers.reserve(means.size());
  for (const auto& [mean, count] : means) {
    index.emplace(mean, static_cast<std::uint32_t>(plan.samplers.size()));
    plan.samplers.emplace_back(mean);
  }
  plan.sampler_of.reserve(plan.distinct.size());
  for (const Observation& o : plan.distinct) {
    const auto found = index.find(o.weight);
    plan.sampler_of.push_back(found == index.end() ? kNoSampler : found->second);
  }
  return plan;
}

// Return the start of resample d's stream: the d-th number of a SplitMix64 stream seeded by seed.
std::uint64_t ResampleStream(std::uint64_t seed, std::uint64_t draw) {
  std::uint64_t state = seed + draw * 0x9E3779B97F4A7C15ULL;
  return SplitMix64(state);
}

// Add the value x drawn count times to a resample's sums.
inline void Accumulate(ResampleSums& sums, double x, double count) {
  const double drawn = count * x;
  sums.cross += drawn * (sums.weight + 0.5 * count);
  sums.weight += count;
  sums.sum += drawn;
}

// Add the value x, drawn by sampler, to the resamples of a block.
inline void DrawValue(const PoissonSampler& sampler, double x, std::uint64_t* streams,
                      ResampleSums* sums, std::size_t count) {
  if (sampler.pieces() == 1) {
    for (std::size_t b = 0; b < count; ++b) {
      Accumulate(sums[b], x, sampler.DrawPiece(SplitMix64(streams[b])));
    }
  } else {
    for (std::size_t b = 0; b < count; ++b) Accumulate(sums[b], x, sampler.Draw(streams[b]));
  }
}

// Compute resamples [first, first + count) into values.
void ResampleBlock(const BootstrapPlan& plan, const ResampleStatistic& resample, std::uint64_t seed,
                   std::size_t first, std::size_t count, std::vector<double>& values) {
  std::array<std::uint64_t, kBlock> streams{};
  std::array<ResampleSums, kBlock> sums{};
  for (std::size_t b = 0; b < count; ++b) streams[b] = ResampleStream(seed, first + b);
  for (std::size_t i = 0; i < plan.distinct.size(); ++i) {
    const Observation& o = plan.distinct[i];
    if (plan.sampler_of[i] != kNoSampler) {
      DrawValue(plan.samplers[plan.sampler_of[i]], o.value, streams.data(), sums.data(), count);
    } else {
      DrawValue(PoissonSampler(o.weight), o.value, streams.data(), sums.data(), count);
    }
  }
  for (std::size_t b = 0; b < count; ++b) values[first + b] = resample(sums[b]);
}

}  // namespace

IndividualCompute BootstrapCompute(DistributionStatistic statistic, ResampleStatistic resample) {
  return [statistic = std::move(statistic), resample = std::move(resample)](
             const Sample& sample, const MeasureOptions& options) -> MeasureResult {
    const auto distribution = Summarise(sample);
    if (!distribution) return Undefined(distribution.error());
    const auto estimate = statistic(*distribution, options);
    if (!estimate) return Undefined(estimate.error());
    if (options.bootstrap_draws < 2) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(Tr("Bootstrap behöver minst två dragningar",
                                 "The bootstrap needs at least two draws")));
    }
    TwoSidedNormalQuantile(options.confidence);  // validates the level before the work
    const BootstrapPlan plan = Plan(DistinctValues(*distribution));
    const auto draws = static_cast<std::size_t>(options.bootstrap_draws);
    std::vector<double> values(draws);
    const std::size_t blocks = (draws + kBlock - 1) / kBlock;
    const auto block = [&](std::size_t k) {
      const std::size_t first = k * kBlock;
      ResampleBlock(plan, resample, options.seed, first, std::min(kBlock, draws - first), values);
    };
    if (plan.distinct.size() * draws < kParallelWork) {
      for (std::size_t k = 0; k < blocks; ++k) block(k);
    } else {
      ParallelFor(blocks, block);
    }
    return FromDraws(*estimate, std::move(values), options.confidence);
  };
}

namespace {

// One Poisson(mean) draw by inverting the CDF from 0, as PoissonSampler does, for a mean with no
// prepared sampler (weights that are not among the common ones); means above kMaxPiece in pieces.
double PoissonBySearch(double mean, std::uint64_t& stream) {
  const double pieces =
      mean > PoissonSampler::kMaxPiece ? std::ceil(mean / PoissonSampler::kMaxPiece) : 1.0;
  const double piece = mean / pieces;
  double total = 0.0;
  for (double p = 0.0; p < pieces; p += 1.0) {
    const double u = static_cast<double>(SplitMix64(stream) >> 11) * 0x1.0p-53;
    double probability = std::exp(-piece);
    double cumulative = probability;
    double k = 0.0;
    while (u >= cumulative && probability > 0.0) {
      k += 1.0;
      probability *= piece / k;
      cumulative += probability;
    }
    total += k;
  }
  return total;
}

// Resample `draw` as a distribution of the distinct values weighted by their Poisson counts;
// nullopt when it has no weight or a mean of 0.
std::optional<Distribution> Resample(const BootstrapPlan& plan, std::uint64_t seed,
                                     std::size_t draw) {
  std::uint64_t stream = ResampleStream(seed, draw);
  Distribution resample;
  resample.sorted.reserve(plan.distinct.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < plan.distinct.size(); ++i) {
    const Observation& o = plan.distinct[i];
    const double count = plan.sampler_of[i] != kNoSampler
                             ? plan.samplers[plan.sampler_of[i]].Draw(stream)
                             : PoissonBySearch(o.weight, stream);
    if (count <= 0.0) continue;
    resample.sorted.push_back(Observation{.value = o.value, .weight = count});
    resample.total_weight += count;
    sum += count * o.value;
    resample.has_zero = resample.has_zero || o.value == 0.0;
  }
  if (resample.total_weight <= 0.0 || sum <= 0.0) return std::nullopt;
  resample.mean = sum / resample.total_weight;
  return resample;
}

}  // namespace

IndividualCompute DistributionBootstrap(DistributionStatistic statistic) {
  return [statistic = std::move(statistic)](const Sample& sample,
                                            const MeasureOptions& options) -> MeasureResult {
    const auto distribution = Summarise(sample);
    if (!distribution) return Undefined(distribution.error());
    const auto estimate = statistic(*distribution, options);
    if (!estimate) return Undefined(estimate.error());
    if (options.bootstrap_draws < 2) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(Tr("Bootstrap behöver minst två dragningar",
                                 "The bootstrap needs at least two draws")));
    }
    TwoSidedNormalQuantile(options.confidence);  // validates the level before the work
    const BootstrapPlan plan = Plan(DistinctValues(*distribution));
    const auto draws = static_cast<std::size_t>(options.bootstrap_draws);
    std::vector<double> values(draws, std::numeric_limits<double>::quiet_NaN());
    const auto one = [&](std::size_t d) {
      const auto resample = Resample(plan, options.seed, d);
      if (!resample) return;
      const auto value = statistic(*resample, options);
      if (value) values[d] = *value;
    };
    if (plan.distinct.size() * draws < kParallelWork) {
      for (std::size_t d = 0; d < draws; ++d) one(d);
    } else {
      ParallelFor(draws, one);
    }
    return FromDraws(*estimate, std::move(values), options.confidence);
  };
}

MeasureDescriptor DistributionDescriptor(std::string id, std::string label_sv, std::string label_en,
                                         MeasureScale scale, std::string interpretation_sv,
                                         std::string interpretation_en, std::string reference,
                                         DistributionStatistic statistic,
                                         ResampleStatistic resample) {
  return MeasureDescriptor{
      .id = std::move(id),
      .label_sv = std::move(label_sv),
      .label_en = std::move(label_en),
      .input = InputKind::kIndividuals,
      .weighted = true,
      .scale = scale,
      .no_inequality = 0.0,
      .interval = IntervalMethod::kBootstrap,
      .interpretation_sv = std::move(interpretation_sv),
      .interpretation_en = std::move(interpretation_en),
      .reference = std::move(reference),
      .compute_individuals = resample ? BootstrapCompute(std::move(statistic), std::move(resample))
                                      : DistributionBootstrap(std::move(statistic)),
  };
}

}  // namespace jamlik::inequality::internal
