#include "inequality/individual_internal.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

#include "core/error.hpp"

#include "core/i18n.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality::internal {

tl::expected<Distribution, std::string> Summarise(const Sample& sample) {
  Distribution distribution;
  distribution.sorted = sample.SortedByValue();
  double weighted_sum = 0.0;
  for (const Observation& o : distribution.sorted) {
    if (o.value < 0.0) {
      return tl::unexpected(std::string(Tr("Negativa värden", "Negative values")));
    }
    distribution.has_zero = distribution.has_zero || (o.value == 0.0 && o.weight > 0.0);
    distribution.total_weight += o.weight;
    weighted_sum += o.weight * o.value;
  }
  if (distribution.total_weight <= 0.0) {
    return tl::unexpected(std::string(Tr("Inga observationer", "No observations")));
  }
  distribution.mean = weighted_sum / distribution.total_weight;
  if (distribution.mean <= 0.0) {
    return tl::unexpected(std::string(Tr("Medelvärdet är 0", "The mean is 0")));
  }
  return distribution;
}

IndividualCompute PointCompute(DistributionStatistic statistic) {
  return [statistic = std::move(statistic)](const Sample& sample,
                                            const MeasureOptions& options) -> MeasureResult {
    const auto distribution = Summarise(sample);
    if (!distribution) return Undefined(distribution.error());
    const auto estimate = statistic(*distribution, options);
    if (!estimate) return Undefined(estimate.error());
    return PointOnly(*estimate, std::string(Tr("Måttet har ingen intervallmetod",
                                               "The measure has no interval method")));
  };
}

namespace {

// Poisson means up to this are drawn by inversion in one go; larger ones are split into pieces
// (a sum of Poissons is Poisson), which keeps e^(−λ) far from underflow and the search short.
constexpr double kPoissonPiece = 30.0;

// A Poisson mean split into pieces, with e^(−piece) computed once: the bootstrap draws the same
// means a thousand times, and the exponential would otherwise dominate its cost.
struct PoissonMean {
  explicit PoissonMean(double lambda)
      : full_pieces(std::floor(lambda / kPoissonPiece)),
        remainder(lambda - full_pieces * kPoissonPiece),
        exp_remainder(std::exp(-remainder)) {}
  double full_pieces;
  double remainder;
  double exp_remainder;
};

// Draw from Poisson(piece) by inverting its CDF at a platform-independent uniform.
double DrawPoissonPiece(std::mt19937_64& engine, double piece, double exp_minus_piece) {
  const double u = Uniform(engine);
  double k = 0.0;
  double probability = exp_minus_piece;
  double cumulative = probability;
  while (u > cumulative && probability > 0.0) {
    k += 1.0;
    probability *= piece / k;
    cumulative += probability;
  }
  return k;
}

double DrawPoisson(std::mt19937_64& engine, const PoissonMean& mean) {
  static const double kExpMinusPiece = std::exp(-kPoissonPiece);
  double total = 0.0;
  for (double i = 0.0; i < mean.full_pieces; i += 1.0) {
    total += DrawPoissonPiece(engine, kPoissonPiece, kExpMinusPiece);
  }
  if (mean.remainder > 0.0) {
    total += DrawPoissonPiece(engine, mean.remainder, mean.exp_remainder);
  }
  return total;
}

// Collapse a sorted distribution into its distinct values with their total weights.
std::vector<Observation> DistinctValues(const Distribution& d) {
  std::vector<Observation> distinct;
  for (const Observation& o : d.sorted) {
    if (!distinct.empty() && distinct.back().value == o.value) {
      distinct.back().weight += o.weight;
    } else {
      distinct.push_back(Observation{.value = o.value, .weight = o.weight});
    }
  }
  return distinct;
}

}  // namespace

IndividualCompute BootstrapCompute(DistributionStatistic statistic) {
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
    NormalQuantile(options.confidence);  // validates the level before the work
    const std::vector<Observation> distinct = DistinctValues(*distribution);
    std::vector<PoissonMean> means;
    means.reserve(distinct.size());
    for (const Observation& o : distinct) means.emplace_back(o.weight);
    std::mt19937_64 engine(options.seed);
    Distribution resample;
    resample.sorted.reserve(distinct.size());
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(options.bootstrap_draws));
    for (int draw = 0; draw < options.bootstrap_draws; ++draw) {
      resample.sorted.clear();
      resample.total_weight = 0.0;
      resample.has_zero = false;
      double sum = 0.0;
      for (std::size_t i = 0; i < distinct.size(); ++i) {
        const Observation& o = distinct[i];
        const double count = DrawPoisson(engine, means[i]);
        if (count == 0.0) continue;
        resample.sorted.push_back(Observation{.value = o.value, .weight = count});
        resample.total_weight += count;
        resample.has_zero = resample.has_zero || o.value == 0.0;
        sum += count * o.value;
      }
      if (resample.total_weight <= 0.0 || sum <= 0.0) continue;
      resample.mean = sum / resample.total_weight;
      if (const auto value = statistic(resample, options)) values.push_back(*value);
    }
    return FromDraws(*estimate, std::move(values), options.confidence);
  };
}

std::string ZeroValueReason() {
  return std::string(Tr("Odefinierat när något värde är 0", "Undefined when a value is 0"));
}

MeasureDescriptor DistributionDescriptor(std::string id, std::string label_sv, std::string label_en,
                                         MeasureScale scale, std::string interpretation_sv,
                                         std::string interpretation_en, std::string reference,
                                         DistributionStatistic statistic, IntervalMethod interval) {
  return MeasureDescriptor{
      .id = std::move(id),
      .label_sv = std::move(label_sv),
      .label_en = std::move(label_en),
      .input = InputKind::kIndividuals,
      .weighted = true,
      .scale = scale,
      .no_inequality = 0.0,
      .interval = interval,
      .interpretation_sv = std::move(interpretation_sv),
      .interpretation_en = std::move(interpretation_en),
      .reference = std::move(reference),
      .compute_individuals = interval == IntervalMethod::kBootstrap
                                 ? BootstrapCompute(std::move(statistic))
                                 : PointCompute(std::move(statistic)),
  };
}

}  // namespace jamlik::inequality::internal
