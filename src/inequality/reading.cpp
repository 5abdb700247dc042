#include "inequality/reading.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/i18n.hpp"
#include "inequality/subgroup_internal.hpp"

namespace jamlik::inequality {
namespace {

// A value this close to the no-inequality value is no inequality (rounding of exact data).
bool IsNoInequality(double value, double no_inequality) {
  return std::abs(value - no_inequality) <= 1e-12 * std::max(1.0, std::abs(value));
}

// The figure as the web table writes it: more decimals for indices near 0 and ratios near 1.
std::string Figure(double value) {
  const double size = std::abs(value);
  const int decimals = size >= 10.0 ? 1 : size >= 1.0 ? 2 : 3;
  return LocalNumbers(fmt::format("{:.{}f}", value, decimals));
}

// The unit of a difference: percentage points for a percentage, else the indicator's own.
std::string GapUnit(double scale) {
  return scale == 100.0 ? std::string(Tr(" procentenheter", " percentage points")) : "";
}

std::string Polarity(bool favourable) {
  return std::string(favourable ? Tr("högt värde är gynnsamt", "high values are favourable")
                                : Tr("lågt värde är gynnsamt", "low values are favourable"));
}

// "; högt värde är gynnsamt, så män har det sämre."
std::string WorseOff(bool favourable, const std::string& worse) {
  return fmt::format(
      fmt::runtime(Tr("; {}, så {} har det sämre.", "; {}, which leaves {} worse off.")),
      Polarity(favourable), worse);
}

std::string PairReading(const MeasureDescriptor& measure, const internal::Prepared& data,
                        double value) {
  const auto pair = internal::HeatPair(data);
  if (!pair) return {};
  const std::string& first = data.name[pair->first];
  const std::string& second = data.name[pair->second];
  if (IsNoInequality(value, measure.no_inequality)) {
    return fmt::format(
        fmt::runtime(Tr("{} och {} har samma värde.", "{} and {} have the same value.")), first,
        second);
  }
  const bool first_higher = value > measure.no_inequality;
  // The worse-off group: the lower one when high values are favourable, else the higher.
  const std::string& worse = (first_higher == data.favourable) ? second : first;
  std::string text;
  if (measure.scale == MeasureScale::kRelative) {
    text = fmt::format(
        fmt::runtime(Tr("{} har {} gånger värdet för {}", "{} has {} times the value of {}")),
        first, Figure(value), second);
  } else {
    text = fmt::format(
        fmt::runtime(first_higher
                         ? Tr("{} har {}{} högre värde än {}", "{} is {}{} higher than {}")
                         : Tr("{} har {}{} lägre värde än {}", "{} is {}{} lower than {}")),
        first, Figure(std::abs(value)), GapUnit(data.scale), second);
  }
  return text + WorseOff(data.favourable, worse);
}

std::string EndReading(const MeasureDescriptor& measure, const internal::Prepared& data,
                       double value) {
  if (IsNoInequality(value, measure.no_inequality)) {
    return std::string(Tr("Ingen ojämlikhet mellan den gynnade och den missgynnade änden.",
                          "No inequality between the advantaged and the disadvantaged end."));
  }
  const bool above = value > measure.no_inequality;
  const bool ratio = measure.no_inequality == 1.0;
  const std::string sign =
      std::string(ratio ? (above ? Tr("Över 1", "Above 1") : Tr("Under 1", "Below 1"))
                        : (above ? Tr("Positivt", "Positive") : Tr("Negativt", "Negative")));
  const std::string ends = data.name.empty()
                               ? std::string()
                               : fmt::format(" ({} – {})", data.name.front(), data.name.back());
  // Higher values at the advantaged end leave the disadvantaged worse off when high is good.
  const bool disadvantaged_worse = above == data.favourable;
  return fmt::format(
             fmt::runtime(
                 above ? Tr("{}: högre värden mot den gynnade änden än mot den missgynnade{}",
                            "{}: higher values toward the advantaged end than the "
                            "disadvantaged end{}")
                       : Tr("{}: lägre värden mot den gynnade änden än mot den missgynnade{}",
                            "{}: lower values toward the advantaged end than the "
                            "disadvantaged end{}")),
             sign, ends) +
         WorseOff(data.favourable,
                  std::string(disadvantaged_worse
                                  ? Tr("den missgynnade gruppen", "the disadvantaged group")
                                  : Tr("den gynnade gruppen", "the advantaged group")));
}

std::string ReferenceReading(const MeasureDescriptor& measure, const internal::Prepared& data,
                             double value) {
  // HEAT's reference of PAR and PAF: the most advantaged subgroup (ordered) or the best.
  const std::size_t reference = data.ordered ? data.y.size() - 1 : data.BestIndex();
  const std::string& name = data.name[reference];
  if (IsNoInequality(value, measure.no_inequality)) {
    return fmt::format(fmt::runtime(Tr("Genomsnittet blir inte bättre om alla får värdet för {}.",
                                       "The average would not improve if everyone had the "
                                       "value of {}.")),
                       name);
  }
  const std::string amount = measure.scale == MeasureScale::kRelative
                                 ? Figure(std::abs(value)) + " %"
                                 : Figure(std::abs(value)) + GapUnit(data.scale);
  return fmt::format(fmt::runtime(value > 0.0 ? Tr("Om alla hade värdet för {} skulle "
                                                   "genomsnittet bli {} högre ({}).",
                                                   "If everyone had the value of {}, the "
                                                   "average would be {} higher ({}).")
                                              : Tr("Om alla hade värdet för {} skulle "
                                                   "genomsnittet bli {} lägre ({}).",
                                                   "If everyone had the value of {}, the "
                                                   "average would be {} lower ({}).")),
                     name, amount, Polarity(data.favourable));
}

}  // namespace

std::string MeasureReading(const MeasureDescriptor& measure, const SubgroupData& data,
                           const MeasureResult& result, const MeasureOptions& options) {
  if (!result.estimate) return {};
  const double value = *result.estimate;
  if (measure.input == InputKind::kIndividuals) return {};
  if (measure.sign == SignConvention::kSpread) {
    if (IsNoInequality(value, measure.no_inequality)) {
      return std::string(
          Tr("Ingen skillnad mellan grupperna.", "No difference between the subgroups."));
    }
    return std::string(
        Tr("Måttet har ingen riktning: ju större värde, desto större skillnader "
           "mellan grupperna.",
           "The measure has no direction: the larger the value, the larger the "
           "differences between the subgroups."));
  }
  const bool pair = measure.sign == SignConvention::kPair;
  const auto prepared =
      internal::Prepare(data, internal::RulesFor(measure, /*simple=*/pair), options);
  if (!prepared) return {};
  switch (measure.sign) {
    case SignConvention::kPair:
      return PairReading(measure, *prepared, value);
    case SignConvention::kAdvantagedEnd:
      return EndReading(measure, *prepared, value);
    case SignConvention::kReferenceGain:
      return ReferenceReading(measure, *prepared, value);
    case SignConvention::kSpread:
      break;
  }
  return {};
}

}  // namespace jamlik::inequality
