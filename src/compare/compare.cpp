#include "compare/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <tuple>

#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "io/csv_reader.hpp"
#include "published/json_input.hpp"
#include "published/kolada.hpp"
#include "stats/proportion.hpp"
#include "stats/quantile_groups.hpp"

namespace jamlik::compare {
namespace {

constexpr double kLevel = 0.95;
constexpr double kLevel2 = 0.998;
constexpr std::size_t kTrendPeriods = 5;  // Fingertips' recent trend: the last five points

bool Near(double a, double b) { return std::abs(a - b) < 1e-9; }

[[noreturn]] void BadArgument(std::string_view field, std::string message) {
  throw Error(ErrorCode::kInvalidArgument, std::move(message), {}, std::string(field));
}

// The critical value of χ² on one degree of freedom at `confidence`.
double ChiSquaredCritical(double confidence) {
  return boost::math::quantile(boost::math::chi_squared_distribution<double>(1.0), confidence);
}

// A figure that can be compared: there, and not suppressed.
bool HasValue(const ResultRow& row) { return row.estimate.has_value() && !row.suppressed; }

// The row's interval at `level`: its own at that level, or for a proportion with counts the
// Wilson interval (the engine's and Fingertips' method for proportions).
std::optional<Limits> IntervalAt(const ResultRow& row, double level) {
  if (!HasValue(row)) return std::nullopt;
  if (Near(row.confidence, level) && row.lower && row.upper) {
    return Limits{*row.lower, *row.upper};
  }
  if (row.confidence_2 && Near(*row.confidence_2, level) && row.lower_2 && row.upper_2) {
    return Limits{*row.lower_2, *row.upper_2};
  }
  if (row.indicator_type == "proportion" && row.numerator && row.denominator &&
      *row.denominator > 0) {
    const auto wilson = WilsonInterval(*row.numerator, *row.denominator, level);
    if (wilson) {
      return Limits{wilson->lower * row.indicator_scale, wilson->upper * row.indicator_scale};
    }
  }
  return std::nullopt;
}

// The standard error read back from the 95 % interval: its width over 2·1.96.
std::optional<double> StandardError(const ResultRow& row) {
  const auto interval = IntervalAt(row, kLevel);
  if (!interval) return std::nullopt;
  const double z = boost::math::quantile(boost::math::normal_distribution<double>(), 0.975);
  const double se = (interval->upper - interval->lower) / (2.0 * z);
  if (!(se > 0.0)) return std::nullopt;
  return se;
}

Polarity PolarityOf(const ResultRow& row, const CompareOptions& options) {
  if (const auto it = options.polarity.find(row.indicator); it != options.polarity.end()) {
    return it->second;
  }
  if (const auto it = options.polarity.find(""); it != options.polarity.end()) return it->second;
  if (row.indicator_type == "published" || row.indicator_type.empty()) {
    return Polarity::kNoJudgement;
  }
  return row.favourable_indicator ? Polarity::kHighIsGood : Polarity::kLowIsGood;
}

// The figure's key without the area: indicator, period, dimension, subgroup.
using FigureKey = std::tuple<std::string, std::string, std::string, std::string>;
FigureKey KeyOf(const ResultRow& row) {
  return {row.indicator, row.period, row.dimension, row.subgroup};
}

struct ComparatorFigure {
  std::string area{};
  std::string name{};
  std::optional<double> value{};
  std::optional<double> se{};  // known only for a comparator row with an interval
  bool self = false;           // the row is its own comparator
};

class ComparatorLookup {
 public:
  ComparatorLookup(std::span<const ResultRow> rows, const CompareOptions& options)
      : rows_(rows), against_(options.against) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& [indicator, period, dimension, subgroup] = KeyOf(rows[i]);
      by_area_[{indicator, period, dimension, subgroup, rows[i].area}] = i;
    }
    if (against_.kind == Comparator::Kind::kArea &&
        std::none_of(rows.begin(), rows.end(),
                     [&](const ResultRow& row) { return row.area == against_.code; })) {
      BadArgument("against", fmt::format(fmt::runtime(Tr("området {} finns inte i resultaten",
                                                         "the area {} is not in the results")),
                                         against_.code));
    }
    if (against_.kind == Comparator::Kind::kGroup) {
      for (const ComparisonGroup& group : options.groups) {
        if (group.id == against_.code || group.title == against_.code) group_ = &group;
      }
      if (group_ == nullptr) {
        std::vector<std::string> known;
        for (const ComparisonGroup& group : options.groups) known.push_back(group.id);
        BadArgument(
            "against",
            known.empty()
                ? fmt::format(fmt::runtime(Tr("gruppen {} finns inte: ange grupperna med --groups",
                                              "the group {} is not known: give the groups with "
                                              "--groups")),
                              against_.code)
                : fmt::format(fmt::runtime(Tr("gruppen {} finns inte bland {}",
                                              "the group {} is not among {}")),
                              against_.code, fmt::join(known, ", ")));
      }
    }
  }

  std::optional<ComparatorFigure> For(const ResultRow& row) const {
    switch (against_.kind) {
      case Comparator::Kind::kCounty: {
        if (row.area_level == area_level::kCounty || row.area_level == area_level::kNation) {
          return std::nullopt;
        }
        const auto county = ContainingArea(row.area_level, row.area, area_level::kCounty);
        if (!county) return std::nullopt;
        return AreaFigure(row, *county);
      }
      case Comparator::Kind::kNation:
        return AreaFigure(row, std::string(kNationCode));
      case Comparator::Kind::kArea:
        return AreaFigure(row, against_.code);
      case Comparator::Kind::kGroup:
        return GroupFigure(row);
    }
    return std::nullopt;
  }

 private:
  const ResultRow* Find(const ResultRow& row, const std::string& area) const {
    const auto& [indicator, period, dimension, subgroup] = KeyOf(row);
    const auto it = by_area_.find({indicator, period, dimension, subgroup, area});
    return it == by_area_.end() ? nullptr : &rows_[it->second];
  }

  ComparatorFigure AreaFigure(const ResultRow& row, const std::string& area) const {
    ComparatorFigure figure{.area = area, .self = row.area == area};
    const ResultRow* found = Find(row, area);
    if (found != nullptr) {
      figure.name = found->area_name.InCurrentLanguage();
      if (HasValue(*found)) figure.value = found->estimate;
      figure.se = StandardError(*found);
    } else {
      for (std::string_view level :
           {area_level::kNation, area_level::kCounty, area_level::kMunicipality}) {
        if ((level == area_level::kNation && area == kNationCode) ||
            (level == area_level::kCounty && FindCounty(area) != nullptr) ||
            (level == area_level::kMunicipality && FindMunicipality(area) != nullptr)) {
          figure.name = AreaName(level, area).InCurrentLanguage();
          break;
        }
      }
    }
    return figure;
  }

  // Kolada's group value: the group's own published figure when the table has it, else the
  // unweighted mean of the members that have a value.
  ComparatorFigure GroupFigure(const ResultRow& row) const {
    ComparatorFigure figure{.area = group_->id,
                            .name = group_->title.empty() ? group_->id : group_->title,
                            .self = row.area == group_->id};
    if (const ResultRow* own = Find(row, group_->id); own != nullptr) {
      if (HasValue(*own)) figure.value = own->estimate;
      return figure;
    }
    double sum = 0;
    std::size_t count = 0;
    for (const std::string& member : group_->members) {
      const ResultRow* found = Find(row, member);
      if (found == nullptr || !HasValue(*found)) continue;
      sum += *found->estimate;
      ++count;
    }
    if (count > 0) figure.value = sum / static_cast<double>(count);
    return figure;
  }

  std::span<const ResultRow> rows_;
  Comparator against_;
  const ComparisonGroup* group_ = nullptr;
  std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>, std::size_t>
      by_area_;
};

// The control limits of a row around the comparator's value, on the row's scale.
std::optional<Limits> FunnelOf(const ResultRow& row, double comparator, double confidence) {
  const double scale = row.indicator_scale > 0 ? row.indicator_scale : 1.0;
  const double target = comparator / scale;
  std::optional<Limits> limits;
  if (row.indicator_type == "proportion") {
    if (!row.denominator) return std::nullopt;
    limits = BinomialFunnel(*row.denominator, target, confidence);
  } else if (row.indicator_type == "rate") {
    if (!row.denominator) return std::nullopt;
    limits = PoissonFunnel(*row.denominator, target, confidence);
  } else if (row.indicator_type == "dsr" || row.indicator_type == "isr") {
    // The exposure a crude rate with the same events and value would have (PHE's funnels for
    // standardised rates and ratios): events × scale / value — for a ratio, the expected events.
    if (!row.numerator || !row.estimate || !(*row.estimate > 0) || !(*row.numerator > 0)) {
      return std::nullopt;
    }
    limits = PoissonFunnel(*row.numerator * scale / *row.estimate, target, confidence);
  } else {
    return std::nullopt;
  }
  if (!limits) return std::nullopt;
  return Limits{limits->lower * scale, limits->upper * scale};
}

std::string MarkFor(const ResultRow& row, const ComparatorFigure& figure, double level,
                    Polarity polarity) {
  if (figure.self || !figure.value) return "not_compared";
  const auto interval = IntervalAt(row, level);
  if (!interval) return "not_compared";
  return CompareInterval(interval->lower, interval->upper, *figure.value, polarity);
}

// Rank and quartile within indicator × period × dimension × subgroup × area level.
void RankRows(std::span<const ResultRow> rows, std::vector<Comparison>& out) {
  std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>,
           std::vector<std::size_t>>
      peers;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!HasValue(rows[i])) continue;
    const auto& [indicator, period, dimension, subgroup] = KeyOf(rows[i]);
    peers[{indicator, period, dimension, subgroup, rows[i].area_level}].push_back(i);
  }
  for (const auto& [key, members] : peers) {
    std::vector<std::optional<double>> values;
    for (std::size_t i : members) values.push_back(rows[i].estimate);
    const auto quartiles = AssignQuantileGroups(values, 4, QuantileOrder::kLowestFirst);
    for (std::size_t k = 0; k < members.size(); ++k) {
      const std::size_t i = members[k];
      const bool lowest_best = out[i].polarity == Polarity::kLowIsGood;
      std::int64_t better = 0;
      for (std::size_t j : members) {
        const double other = *rows[j].estimate, own = *rows[i].estimate;
        if (lowest_best ? other < own : other > own) ++better;
      }
      out[i].rank = better + 1;
      out[i].rank_of = static_cast<std::int64_t>(members.size());
      if (quartiles && (*quartiles)[k]) out[i].quartile = *(*quartiles)[k];
    }
  }
}

struct GapPointOf {
  double estimate;
  double se;
};

// The recent trends of every row: over the last five periods of its series up to its own.
void Trends(std::span<const ResultRow> rows, const ComparatorLookup& lookup,
            std::vector<Comparison>& out) {
  std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>,
           std::vector<std::size_t>>
      series;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ResultRow& row = rows[i];
    series[{row.indicator, row.area_level, row.area, row.dimension, row.subgroup}].push_back(i);
  }
  for (auto& [key, members] : series) {
    std::sort(members.begin(), members.end(),
              [&](std::size_t a, std::size_t b) { return rows[a].period < rows[b].period; });
    for (std::size_t k = 0; k < members.size(); ++k) {
      Comparison& comparison = out[members[k]];
      const std::size_t first = k + 1 >= kTrendPeriods ? k + 1 - kTrendPeriods : 0;
      std::vector<const ResultRow*> window;
      for (std::size_t j = first; j <= k; ++j) window.push_back(&rows[members[j]]);

      // The indicator's trend: χ² for linear trend on counts of a proportion, else the weighted
      // slope on the standard errors its intervals give.
      Trend trend;
      std::vector<double> numerators, denominators, estimates, ses;
      bool counts = true, intervals = true, values = true;
      for (const ResultRow* row : window) {
        values = values && HasValue(*row);
        counts = counts && row->indicator_type == "proportion" && row->numerator &&
                 row->denominator && *row->denominator > 0;
        if (counts) {
          numerators.push_back(*row->numerator);
          denominators.push_back(*row->denominator);
        }
        const auto se = StandardError(*row);
        intervals = intervals && se.has_value();
        if (intervals) {
          estimates.push_back(*row->estimate);
          ses.push_back(*se);
        }
      }
      if (window.size() < kTrendPeriods) {
        trend.reason = "fewer_than_five_periods";
      } else if (!values) {
        trend.reason = "missing_value";
      } else if (counts) {
        trend = ProportionTrend(numerators, denominators);
      } else if (intervals) {
        trend = WeightedTrend(estimates, ses);
      } else {
        trend.reason = "no_counts_or_intervals";
      }
      comparison.trend = trend.marker;
      comparison.trend_reason = trend.reason;
      comparison.trend_chi_squared = trend.chi_squared;

      // The gap to the comparator: the weighted slope of (area − comparator), se² the sum of
      // both variances (a comparator without an interval, such as a group's mean, counts as
      // exact).
      Trend gap;
      std::vector<double> gaps, gap_ses;
      bool gap_ok = true;
      std::string gap_reason;
      for (const ResultRow* row : window) {
        const auto figure = lookup.For(*row);
        if (!figure || figure->self || !figure->value || !HasValue(*row)) {
          gap_ok = false;
          gap_reason = "no_comparator_value";
          break;
        }
        const auto se = StandardError(*row);
        if (!se) {
          gap_ok = false;
          gap_reason = "no_standard_error";
          break;
        }
        const double comparator_se = figure->se.value_or(0.0);
        gaps.push_back(*row->estimate - *figure->value);
        gap_ses.push_back(std::sqrt(*se * *se + comparator_se * comparator_se));
      }
      if (window.size() < kTrendPeriods) {
        gap.reason = "fewer_than_five_periods";
      } else if (!gap_ok) {
        gap.reason = gap_reason;
      } else {
        gap = GapTrend(gaps, gap_ses);
      }
      comparison.gap_trend = gap.marker;
      comparison.gap_trend_reason = gap.reason;
      comparison.gap_trend_chi_squared = gap.chi_squared;
    }
  }
}

// The smallest r with P(X ≤ r) ≥ p, and Spiegelhalter's interpolated limit (r − α).
template <class Distribution>
double InterpolatedQuantile(const Distribution& distribution, double p, double upper_bound) {
  double r = std::floor(boost::math::quantile(distribution, p));
  r = std::clamp(r, 0.0, upper_bound);
  while (r > 0 && boost::math::cdf(distribution, r - 1) >= p) --r;
  while (r < upper_bound && boost::math::cdf(distribution, r) < p) ++r;
  const double at = boost::math::pdf(distribution, r);
  const double alpha = at > 0 ? (boost::math::cdf(distribution, r) - p) / at : 0.0;
  // At very small expected counts the interpolation passes below zero events; no limit does.
  return std::max(r - alpha, 0.0);
}

}  // namespace

const char* PolarityId(Polarity polarity) {
  switch (polarity) {
    case Polarity::kHighIsGood:
      return "high";
    case Polarity::kLowIsGood:
      return "low";
    case Polarity::kNoJudgement:
      return "none";
  }
  return "none";
}

Polarity ParsePolarity(std::string_view text, std::string_view field) {
  if (text == "high") return Polarity::kHighIsGood;
  if (text == "low") return Polarity::kLowIsGood;
  if (text == "none") return Polarity::kNoJudgement;
  BadArgument(field,
              fmt::format(fmt::runtime(Tr("polaritet ska vara high, low eller none, inte '{}'",
                                          "polarity must be high, low or none, not '{}'")),
                          text));
}

Comparator ParseComparator(std::string_view text, std::string_view field) {
  if (text == "lan") return {Comparator::Kind::kCounty, ""};
  if (text == "riket") return {Comparator::Kind::kNation, std::string(kNationCode)};
  if (text.starts_with("group:")) {
    const std::string_view name = text.substr(6);
    if (name.empty()) {
      BadArgument(field, std::string(Tr("group: ska följas av gruppens id eller namn",
                                        "group: must be followed by the group's id or title")));
    }
    return {Comparator::Kind::kGroup, std::string(name)};
  }
  if (text.empty()) {
    BadArgument(field, std::string(Tr("ange lan, riket, group:NAMN eller en områdeskod",
                                      "give lan, riket, group:NAME or an area code")));
  }
  return {Comparator::Kind::kArea, std::string(text)};
}

std::vector<ComparisonGroup> GroupsFromTable(const Table& table, const std::string& file) {
  for (const char* column : {"group", "area"}) {
    if (table.FindColumn(column) == nullptr) {
      throw Error(ErrorCode::kBadValue,
                  fmt::format(fmt::runtime(Tr(
                                  "kolumnen '{}' saknas (en rad per medlem: group, area)",
                                  "the column '{}' is missing (one row per member: group, area)")),
                              column),
                  {.file = file}, column);
    }
  }
  const Column& ids = table.GetColumn("group");
  const Column& areas = table.GetColumn("area");
  const Column* titles = table.FindColumn("group_title");
  std::vector<ComparisonGroup> groups;
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    if (ids.IsNull(row) || areas.IsNull(row)) continue;
    const std::string id = ids.ValueToString(row);
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const ComparisonGroup& group) { return group.id == id; });
    if (it == groups.end()) {
      groups.push_back({.id = id,
                        .title = titles != nullptr && !titles->IsNull(row)
                                     ? titles->ValueToString(row)
                                     : std::string(),
                        .members = {}});
      it = groups.end() - 1;
    }
    it->members.push_back(areas.ValueToString(row));
  }
  return groups;
}

std::vector<ComparisonGroup> ReadGroups(const std::string& path) {
  if (std::filesystem::path(path).extension() == ".json") {
    std::vector<ComparisonGroup> groups;
    for (const published::KoladaGroup& kolada :
         published::ParseKoladaGroups(published::ReadJsonFile(path), path)) {
      ComparisonGroup group{.id = kolada.id, .title = kolada.title, .members = {}};
      for (const PlacedArea& member : kolada.members) group.members.push_back(member.code);
      groups.push_back(std::move(group));
    }
    return groups;
  }
  CsvOptions options;
  options.schema = {
      {.name = "group", .type = ColumnType::kString, .categories = {}, .ordered = false},
      {.name = "area", .type = ColumnType::kString, .categories = {}, .ordered = false}};
  return GroupsFromTable(ReadCsvFile(path, options), path);
}

std::string CompareInterval(double lower, double upper, double comparator, Polarity polarity) {
  int side = 0;  // +1 wholly above, −1 wholly below
  if (lower > comparator) side = 1;
  if (upper < comparator) side = -1;
  if (side == 0) return "similar";
  switch (polarity) {
    case Polarity::kHighIsGood:
      return side > 0 ? "better" : "worse";
    case Polarity::kLowIsGood:
      return side > 0 ? "worse" : "better";
    case Polarity::kNoJudgement:
      return side > 0 ? "higher" : "lower";
  }
  return "similar";
}

std::optional<Limits> BinomialFunnel(double trials, double target, double confidence) {
  const double n = std::round(trials);
  if (!(n >= 1) || !(target > 0 && target < 1)) return std::nullopt;
  const boost::math::binomial_distribution<double> distribution(n, target);
  const double p = (1.0 - confidence) / 2.0;
  return Limits{InterpolatedQuantile(distribution, p, n) / n,
                InterpolatedQuantile(distribution, 1.0 - p, n) / n};
}

std::optional<Limits> PoissonFunnel(double exposure, double target, double confidence) {
  if (!(exposure > 0) || !(target > 0)) return std::nullopt;
  const boost::math::poisson_distribution<double> distribution(exposure * target);
  const double p = (1.0 - confidence) / 2.0;
  const double bound = std::numeric_limits<double>::max();
  return Limits{InterpolatedQuantile(distribution, p, bound) / exposure,
                InterpolatedQuantile(distribution, 1.0 - p, bound) / exposure};
}

Trend ProportionTrend(std::span<const double> numerators, std::span<const double> denominators) {
  Trend trend;
  if (numerators.size() < kTrendPeriods || numerators.size() != denominators.size()) {
    trend.reason = "fewer_than_five_periods";
    return trend;
  }
  double n_total = 0, r_total = 0, nx = 0, nxx = 0, rx = 0;
  for (std::size_t i = 0; i < numerators.size(); ++i) {
    const double x = static_cast<double>(i + 1);
    n_total += denominators[i];
    r_total += numerators[i];
    nx += denominators[i] * x;
    nxx += denominators[i] * x * x;
    rx += numerators[i] * x;
  }
  const double p = r_total / n_total, x_mean = nx / n_total;
  const double t = rx - r_total * x_mean;
  const double variance = p * (1 - p) * (nxx - n_total * x_mean * x_mean);
  if (!(variance > 0)) {
    trend.reason = "no_variation";
    return trend;
  }
  trend.chi_squared = t * t / variance;
  trend.slope = t;
  trend.marker = *trend.chi_squared > ChiSquaredCritical(kLevel2)
                     ? (t > 0 ? "increasing" : "decreasing")
                     : "no_significant_change";
  return trend;
}

Trend WeightedTrend(std::span<const double> estimates, std::span<const double> standard_errors) {
  Trend trend;
  if (estimates.size() < kTrendPeriods || estimates.size() != standard_errors.size()) {
    trend.reason = "fewer_than_five_periods";
    return trend;
  }
  double w_total = 0, wx = 0, wy = 0;
  for (std::size_t i = 0; i < estimates.size(); ++i) {
    if (!(standard_errors[i] > 0)) {
      trend.reason = "no_standard_error";
      return trend;
    }
    const double w = 1.0 / (standard_errors[i] * standard_errors[i]);
    w_total += w;
    wx += w * static_cast<double>(i + 1);
    wy += w * estimates[i];
  }
  const double x_mean = wx / w_total, y_mean = wy / w_total;
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < estimates.size(); ++i) {
    const double w = 1.0 / (standard_errors[i] * standard_errors[i]);
    const double dx = static_cast<double>(i + 1) - x_mean;
    sxx += w * dx * dx;
    sxy += w * dx * (estimates[i] - y_mean);
  }
  const double slope = sxy / sxx, z = slope * std::sqrt(sxx);
  trend.slope = slope;
  trend.chi_squared = z * z;
  trend.marker = *trend.chi_squared > ChiSquaredCritical(kLevel2)
                     ? (slope > 0 ? "increasing" : "decreasing")
                     : "no_significant_change";
  return trend;
}

Trend GapTrend(std::span<const double> gaps, std::span<const double> standard_errors) {
  Trend gap = WeightedTrend(gaps, standard_errors);
  if (gap.slope && gap.marker != "no_significant_change") {
    double weighted = 0, total = 0;
    for (std::size_t j = 0; j < gaps.size(); ++j) {
      const double w = 1.0 / (standard_errors[j] * standard_errors[j]);
      weighted += w * gaps[j];
      total += w;
    }
    // Towards zero from the side the gap lies on is narrowing.
    const bool towards_zero = (weighted / total > 0) == (*gap.slope < 0);
    gap.marker = towards_zero ? "narrowing" : "widening";
  }
  return gap;
}

std::vector<Comparison> Compare(std::span<const ResultRow> rows, const CompareOptions& options) {
  const ComparatorLookup lookup(rows, options);
  std::vector<Comparison> out(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ResultRow& row = rows[i];
    Comparison& comparison = out[i];
    comparison.polarity = PolarityOf(row, options);
    const auto figure = lookup.For(row);
    if (!figure) continue;
    comparison.comparator_area = figure->area;
    comparison.comparator_name = figure->name;
    comparison.comparator_value = figure->value;
    comparison.comparison = MarkFor(row, *figure, kLevel, comparison.polarity);
    comparison.comparison_2 = MarkFor(row, *figure, kLevel2, comparison.polarity);
    if (!figure->value || figure->self) continue;
    if (HasValue(row)) comparison.difference = *row.estimate - *figure->value;
    if (const auto limits = FunnelOf(row, *figure->value, kLevel)) {
      comparison.funnel_lower = limits->lower;
      comparison.funnel_upper = limits->upper;
    }
    if (const auto limits = FunnelOf(row, *figure->value, kLevel2)) {
      comparison.funnel_lower_2 = limits->lower;
      comparison.funnel_upper_2 = limits->upper;
    }
  }
  RankRows(rows, out);
  Trends(rows, lookup, out);
  return out;
}

std::span<const char* const> ComparisonColumns() {
  static constexpr const char* kColumns[] = {"comparator_area",
                                             "comparator_name",
                                             "comparator_value",
                                             "polarity",
                                             "comparison",
                                             "comparison_2",
                                             "difference",
                                             "funnel_lower",
                                             "funnel_upper",
                                             "funnel_lower_2",
                                             "funnel_upper_2",
                                             "rank",
                                             "rank_of",
                                             "quartile",
                                             "trend",
                                             "trend_reason",
                                             "trend_chi_squared",
                                             "gap_trend",
                                             "gap_trend_reason",
                                             "gap_trend_chi_squared"};
  return kColumns;
}

Table ComparisonTable(std::span<const ResultRow> rows, std::span<const Comparison> comparisons) {
  Table table = ResultRowsToTable(std::vector<ResultRow>(rows.begin(), rows.end()));
  const auto text = [&](const char* name, auto member) {
    std::vector<std::optional<std::string>> values;
    for (const Comparison& c : comparisons) {
      const std::string value = member(c);
      values.push_back(value.empty() ? std::nullopt : std::optional<std::string>(value));
    }
    table.AddColumn(Column::CategoricalFromStrings(name, values));
  };
  const auto number = [&](const char* name, auto member) {
    std::vector<double> values;
    Validity validity = Validity::AllValid(comparisons.size());
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
      const std::optional<double> value = member(comparisons[i]);
      values.push_back(value.value_or(0.0));
      if (!value) validity.Clear(i);
    }
    table.AddColumn(Column::Double(name, std::move(values), std::move(validity)));
  };
  const auto integer = [&](const char* name, auto member) {
    std::vector<std::int64_t> values;
    Validity validity = Validity::AllValid(comparisons.size());
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
      const std::optional<std::int64_t> value = member(comparisons[i]);
      values.push_back(value.value_or(0));
      if (!value) validity.Clear(i);
    }
    table.AddColumn(Column::Int64(name, std::move(values), std::move(validity)));
  };
  text("comparator_area", [](const Comparison& c) { return c.comparator_area; });
  text("comparator_name", [](const Comparison& c) { return c.comparator_name; });
  number("comparator_value", [](const Comparison& c) { return c.comparator_value; });
  text("polarity", [](const Comparison& c) { return std::string(PolarityId(c.polarity)); });
  text("comparison", [](const Comparison& c) { return c.comparison; });
  text("comparison_2", [](const Comparison& c) { return c.comparison_2; });
  number("difference", [](const Comparison& c) { return c.difference; });
  number("funnel_lower", [](const Comparison& c) { return c.funnel_lower; });
  number("funnel_upper", [](const Comparison& c) { return c.funnel_upper; });
  number("funnel_lower_2", [](const Comparison& c) { return c.funnel_lower_2; });
  number("funnel_upper_2", [](const Comparison& c) { return c.funnel_upper_2; });
  integer("rank", [](const Comparison& c) { return c.rank; });
  integer("rank_of", [](const Comparison& c) { return c.rank_of; });
  integer("quartile", [](const Comparison& c) { return c.quartile; });
  text("trend", [](const Comparison& c) { return c.trend; });
  text("trend_reason", [](const Comparison& c) { return c.trend_reason; });
  number("trend_chi_squared", [](const Comparison& c) { return c.trend_chi_squared; });
  text("gap_trend", [](const Comparison& c) { return c.gap_trend; });
  text("gap_trend_reason", [](const Comparison& c) { return c.gap_trend_reason; });
  number("gap_trend_chi_squared", [](const Comparison& c) { return c.gap_trend_chi_squared; });
  return table;
}

}  // namespace jamlik::compare
