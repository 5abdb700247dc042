#include "effect/effect_json.hpp"

#include "compare/labels.hpp"

namespace jamlik::effect {
namespace {

using nlohmann::json;

json Optional(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json EstimateJson(const Estimate& estimate) {
  return {{"estimate", Optional(estimate.estimate)},
          {"standard_error", Optional(estimate.standard_error)},
          {"lower", Optional(estimate.lower)},
          {"upper", Optional(estimate.upper)}};
}

json GroupJson(const GroupValue& value) {
  return {{"estimate", Optional(value.estimate)},
          {"standard_error", Optional(value.standard_error)},
          {"lower", Optional(value.lower)},
          {"upper", Optional(value.upper)},
          {"method", value.method.empty() ? json(nullptr) : json(value.method)},
          {"reason", value.reason == EffectReason::kNone ? json(nullptr)
                                                         : json(std::string(EnumId(value.reason)))},
          {"detail", value.detail}};
}

json TrendJson(const compare::Trend& trend) {
  return {{"marker", trend.marker},
          {"label", GapTrendLabel(trend)},
          {"reason", trend.reason.empty() ? json(nullptr) : json(trend.reason)},
          {"chi_squared", Optional(trend.chi_squared)},
          {"slope", Optional(trend.slope)}};
}

json PeriodJson(const std::optional<followup::Period>& period) {
  return period ? json(period->Display()) : json(nullptr);
}

}  // namespace

std::string GapTrendLabel(const compare::Trend& trend) {
  std::string label = compare::ComparisonMarkLabel(trend.marker, CurrentLanguage());
  if (!trend.reason.empty()) {
    label += " (" + compare::ComparisonMarkLabel(trend.reason, CurrentLanguage()) + ")";
  }
  return label;
}

json EffectJson(const EffectAssessment& assessment) {
  const EffectQuery& query = assessment.query;
  json caveats = json::array();
  for (const Caveat caveat : assessment.caveats) {
    caveats.push_back(
        {{"id", std::string(EnumId(caveat))}, {"label", std::string(EnumLabel(caveat))}});
  }
  json series = json::array();
  for (const PeriodValues& values : assessment.series) {
    series.push_back({{"period", values.period.Display()},
                      {"phase", std::string(EnumId(values.phase))},
                      {"target", GroupJson(values.target)},
                      {"comparison", GroupJson(values.comparison)},
                      {"gap", EstimateJson(values.gap)}});
  }
  return {
      {"indicator", query.indicator},
      {"indicator_type", assessment.indicator_type},
      {"area", query.area},
      {"dimension", query.dimension},
      {"target_members", assessment.target_members},
      {"start", query.start},
      {"comparison",
       {{"kind", std::string(EnumId(query.comparison))},
        {"label", std::string(EnumLabel(query.comparison))},
        {"members", assessment.comparison_members}}},
      {"polarity", compare::PolarityId(assessment.polarity)},
      {"confidence", query.confidence},
      {"method", kEffectMethod},
      {"before_period", PeriodJson(assessment.before_period)},
      {"after_period", PeriodJson(assessment.after_period)},
      {"target",
       {{"before", GroupJson(assessment.target_before)},
        {"after", GroupJson(assessment.target_after)},
        {"change", EstimateJson(assessment.target_change)}}},
      {"comparison_group",
       {{"before", GroupJson(assessment.comparison_before)},
        {"after", GroupJson(assessment.comparison_after)},
        {"change", EstimateJson(assessment.comparison_change)}}},
      {"gap",
       {{"before", EstimateJson(assessment.gap_before)},
        {"after", EstimateJson(assessment.gap_after)}}},
      {"difference_in_differences", EstimateJson(assessment.difference_in_differences)},
      {"verdict", std::string(EnumId(assessment.verdict))},
      {"verdict_label", std::string(EnumLabel(assessment.verdict))},
      {"reason", assessment.reason == EffectReason::kNone
                     ? json(nullptr)
                     : json(std::string(EnumId(assessment.reason)))},
      {"reason_label", std::string(EnumLabel(assessment.reason))},
      {"detail", assessment.detail},
      {"caveats", caveats},
      {"summary", EffectSummary(assessment)},
      {"gap_trend_before", TrendJson(assessment.gap_trend_before)},
      {"gap_trend_after", TrendJson(assessment.gap_trend_after)},
      {"series", series},
  };
}

}  // namespace jamlik::effect
