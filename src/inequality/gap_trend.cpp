// Trend of a gap: weighted least squares with known variances (stats/regression.hpp,
// kKnownVariance), so the slope's se is exact given the measures' se and the test is normal (no
// residual variance is estimated; with few periods this is what PHE's and the Public Health
// Agency's trend markers do).
#include "inequality/gap_trend.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>
#include <boost/math/distributions/normal.hpp>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "inequality/registry.hpp"
#include "inequality/result_inequality.hpp"
#include "inequality/subgroup_internal.hpp"
#include "stats/distributions.hpp"
#include "stats/regression.hpp"

namespace jamlik::inequality {

const char* TrendMarkerId(TrendMarker marker) {
  switch (marker) {
    case TrendMarker::kNarrowing:
      return "narrowing";
    case TrendMarker::kWidening:
      return "widening";
    case TrendMarker::kNoSignificantChange:
      return "no_significant_change";
  }
  return "";
}

GapTrend TrendOfGap(std::span<const GapPoint> points, double no_inequality, bool log_scale) {
  GapTrend trend;
  std::set<double> periods;
  std::vector<double> y, weights;
  for (const GapPoint& point : points) {
    if (!(point.se > 0.0) || (log_scale && !(point.estimate > 0.0))) {
      trend.reason = std::string(Tr("Standardfel saknas eller skattningen är inte positiv",
                                    "An se is missing or an estimate is not positive"));
      return trend;
    }
    periods.insert(point.period);
    y.push_back(log_scale ? std::log(point.estimate) : point.estimate);
    weights.push_back(1.0 / (point.se * point.se));
  }
  if (periods.size() < 2) {
    trend.reason = std::string(
        Tr("Minst två perioder behövs för en trend", "A trend needs at least two periods"));
    return trend;
  }
  // Periods counted from the first keep the normal equations well conditioned (years are far
  // from 0); the slope is the same.
  std::vector<double> ones(points.size(), 1.0), period(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) period[i] = points[i].period - *periods.begin();
  const auto fit =
      WeightedLeastSquares({.columns = {ones, period}, .response = y, .weights = weights},
                           RegressionCovariance::kKnownVariance);
  if (!fit) {
    trend.reason = fit.error().message;
    return trend;
  }
  const double slope = fit->coefficients[1], se = fit->StandardError(1), z = slope / se;
  // The weighted mean of the series, the side it lies on.
  double weighted_sum = 0.0, weight_total = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    weighted_sum += weights[i] * y[i];
    weight_total += weights[i];
  }
  const double y_mean = weighted_sum / weight_total;
  trend.slope = slope;
  trend.se = se;
  trend.z = z;
  trend.p_value =
      2.0 * boost::math::cdf(boost::math::complement(boost::math::normal(), std::abs(z)));
  const double reference = log_scale ? std::log(no_inequality) : no_inequality;
  // Moving towards the no-inequality value from the side the series lies on.
  const bool towards = (y_mean > reference) == (slope < 0.0);
  const auto mark = [&](double confidence) {
    if (std::abs(z) <= TwoSidedNormalQuantile(confidence)) {
      return TrendMarker::kNoSignificantChange;
    }
    return towards ? TrendMarker::kNarrowing : TrendMarker::kWidening;
  };
  trend.marker_95 = mark(0.95);
  trend.marker_998 = mark(0.998);
  return trend;
}

namespace {

double PeriodNumber(const Column& column, std::size_t row) {
  if (column.IsNumeric()) return column.NumericAt(row);
  const std::string text = column.ValueToString(row);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw Error(
        ErrorCode::kBadValue,
        fmt::format("{} '{}'",
                    Tr("Perioden är inte ett tal (år):", "The period is not a number (year):"),
                    text),
        {}, "period", text);
  }
  return value;
}

}  // namespace

Table GapTrends(const Table& measures) {
  const Column& indicator = measures.GetColumn("indicator");
  const Column& level = measures.GetColumn("area_level");
  const Column& area = measures.GetColumn("area");
  const Column& period = measures.GetColumn("period");
  const Column& dimension = measures.GetColumn("dimension");
  const Column& measure = measures.GetColumn("measure");
  const Column& estimate = measures.GetColumn("estimate");
  const Column& se = measures.GetColumn("se");
  using Key = std::array<std::string, 5>;
  std::map<Key, std::vector<GapPoint>> series;
  for (std::size_t row = 0; row < measures.num_rows(); ++row) {
    const Key key{indicator.ValueToString(row), level.ValueToString(row), area.ValueToString(row),
                  dimension.ValueToString(row), measure.ValueToString(row)};
    auto& points = series[key];
    if (estimate.IsNull(row) || se.IsNull(row) || period.IsNull(row)) continue;
    points.push_back({PeriodNumber(period, row), estimate.NumericAt(row), se.NumericAt(row)});
  }
  std::vector<std::optional<std::string>> text[8];  // 5 key columns, trend_95, trend_998, reason
  std::vector<std::optional<double>> numbers[7];    // periods, first, last, slope, se, z, p
  for (const auto& [key, points] : series) {
    const MeasureDescriptor* descriptor = MeasureRegistry().Find(InputKind::kSubgroups, key[4]);
    const bool log_scale = descriptor != nullptr && descriptor->se_on_log_scale;
    const GapTrend trend =
        TrendOfGap(points, descriptor != nullptr ? descriptor->no_inequality : 0.0, log_scale);
    for (std::size_t k = 0; k < key.size(); ++k) {
      text[k].push_back(key[k].empty() ? std::nullopt : std::optional(key[k]));
    }
    const bool defined = trend.slope.has_value();
    text[5].push_back(defined ? std::optional<std::string>(TrendMarkerId(trend.marker_95))
                              : std::nullopt);
    text[6].push_back(defined ? std::optional<std::string>(TrendMarkerId(trend.marker_998))
                              : std::nullopt);
    text[7].push_back(trend.reason.empty() ? std::nullopt : std::optional(trend.reason));
    const auto [first, last] = std::minmax_element(
        points.begin(), points.end(),
        [](const GapPoint& a, const GapPoint& b) { return a.period < b.period; });
    numbers[0].push_back(static_cast<double>(points.size()));
    numbers[1].push_back(points.empty() ? std::nullopt : std::optional(first->period));
    numbers[2].push_back(points.empty() ? std::nullopt : std::optional(last->period));
    numbers[3].push_back(trend.slope);
    numbers[4].push_back(trend.se);
    numbers[5].push_back(trend.z);
    numbers[6].push_back(trend.p_value);
  }
  static constexpr const char* kText[] = {"indicator", "area_level", "area",      "dimension",
                                          "measure",   "trend_95",   "trend_998", "reason"};
  static constexpr const char* kNumbers[] = {
      "periods", "first_period", "last_period", "slope", "se", "z", "p_value"};
  std::vector<Column> columns;
  for (std::size_t k = 0; k < 5; ++k)
    columns.push_back(Column::CategoricalFromStrings(kText[k], text[k]));
  for (std::size_t k = 0; k < 7; ++k)
    columns.push_back(NullableDoubleColumn(kNumbers[k], numbers[k]));
  for (std::size_t k = 5; k < 8; ++k)
    columns.push_back(Column::CategoricalFromStrings(kText[k], text[k]));
  return Table(std::move(columns));
}

}  // namespace jamlik::inequality
