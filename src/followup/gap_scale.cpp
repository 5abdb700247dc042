#include "followup/gap_scale.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "inequality/registry.hpp"

namespace jamlik::followup {

GapScale GapScaleOf(std::string_view measure) {
  const inequality::MeasureDescriptor* descriptor =
      inequality::MeasureRegistry().Find(inequality::InputKind::kSubgroups, measure);
  if (descriptor == nullptr) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("okänt mått '{}'", "unknown measure '{}'")), measure));
  }
  // A ratio's standard error is on the log scale (R, RII and their linear forms): its distance
  // from equality is too.
  return {.no_inequality = descriptor->no_inequality, .log_scale = descriptor->se_on_log_scale};
}

std::optional<double> GapDistance(const GapScale& scale, double value) {
  if (!scale.log_scale) return std::abs(value - scale.no_inequality);
  if (!(value > 0) || !(scale.no_inequality > 0)) return std::nullopt;
  return std::abs(std::log(value / scale.no_inequality));
}

Value GapDistance(const GapScale& scale, const Value& measure) {
  Value distance;
  distance.reason = measure.reason;
  distance.detail = measure.detail;
  if (!measure.estimate) return distance;
  distance.estimate = GapDistance(scale, *measure.estimate);
  if (!distance.estimate) {
    distance.reason = StatusReason::kUndefined;
    return distance;
  }
  if (!measure.lower || !measure.upper) return distance;
  const double low = std::min(*measure.lower, *measure.upper);
  const double high = std::max(*measure.lower, *measure.upper);
  const std::optional<double> to_low = GapDistance(scale, low);
  const std::optional<double> to_high = GapDistance(scale, high);
  if (!to_low || !to_high) return distance;
  const bool holds_equality = low <= scale.no_inequality && scale.no_inequality <= high;
  distance.lower = holds_equality ? 0.0 : std::min(*to_low, *to_high);
  distance.upper = std::max(*to_low, *to_high);
  return distance;
}

double GapDisplay(const GapScale& scale, double distance) {
  return scale.log_scale ? scale.no_inequality * std::exp(distance) : distance;
}

}  // namespace jamlik::followup
