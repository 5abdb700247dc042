#include "effect/effect.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "core/dimension_set.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

using effect::Caveat;
using effect::ComparisonKind;
using effect::EffectReason;
using effect::Phase;
using effect::Verdict;

// In the enumerators' order.
constexpr EnumEntry<Verdict> kVerdicts[] = {
    {Verdict::kImprovedMore, "improved_more",
     "Målgruppen har utvecklats bättre än jämförelsegruppen",
     "The target group has done better than the comparison"},
    {Verdict::kWorsenedMore, "worsened_more",
     "Målgruppen har utvecklats sämre än jämförelsegruppen",
     "The target group has done worse than the comparison"},
    {Verdict::kRoseMore, "rose_more", "Målgruppens värde har ökat mer än jämförelsegruppens",
     "The target group's value has risen more than the comparison's"},
    {Verdict::kFellMore, "fell_more", "Målgruppens värde har minskat mer än jämförelsegruppens",
     "The target group's value has fallen more than the comparison's"},
    {Verdict::kCannotTell, "cannot_tell",
     "Underlaget kan inte avgöra om målgruppen utvecklats annorlunda",
     "The data cannot tell whether the target group has done differently"},
    {Verdict::kNoData, "no_data", "Effekten kan inte bedömas", "The effect cannot be assessed"},
};

constexpr EnumEntry<EffectReason> kReasons[] = {
    {EffectReason::kNone, "", "", ""},
    {EffectReason::kIntervalSpansZero, "interval_spans_zero",
     "Intervallet för skillnaden i förändring omfattar 0",
     "The interval of the difference in differences includes 0"},
    {EffectReason::kNoPeriods, "no_periods", "Resultaten har inga perioder för indikatorn",
     "The results have no periods of the indicator"},
    {EffectReason::kNoPeriodBeforeStart, "no_period_before_start",
     "Ingen period slutade före insatsens start", "No period ended before the measure started"},
    {EffectReason::kNotStartedYet, "not_started_yet",
     "Ingen period ligger helt efter insatsens start än",
     "No period lies wholly after the measure's start yet"},
    {EffectReason::kSuppressed, "suppressed", "Ett värde som behövs är skyddat (röjandekontroll)",
     "A value needed is suppressed (disclosure control)"},
    {EffectReason::kMissing, "missing", "Resultaten saknar ett värde som behövs",
     "The results lack a value needed"},
    {EffectReason::kUndefined, "undefined", "En skattning som behövs är odefinierad",
     "An estimate needed is undefined"},
    {EffectReason::kNoStandardError, "no_standard_error",
     "Varken antal eller konfidensintervall ger ett medelfel",
     "Neither counts nor a confidence interval give a standard error"},
    {EffectReason::kNoComparisonGroup, "no_comparison_group",
     "Det finns ingen annan grupp eller inget annat område att jämföra med",
     "There is no other group or area to compare with"},
};

constexpr EnumEntry<Caveat> kCaveats[] = {
    {Caveat::kPreTrendNotTested, "pre_trend_not_tested",
     "Färre än fem perioder före starten: om grupperna följdes åt innan kan inte prövas",
     "Fewer than five periods before the start: whether the groups moved in parallel before "
     "cannot be tested"},
    {Caveat::kGapChangingBeforeStart, "gap_changing_before_start",
     "Skillnaden mellan grupperna förändrades redan före starten",
     "The gap between the groups was already changing before the start"},
    {Caveat::kEarlierPeriodUsed, "earlier_period_used",
     "Den senaste perioden saknade värde; en tidigare användes",
     "The latest period had no value; an earlier one was used"},
};

constexpr EnumEntry<ComparisonKind> kComparisonKinds[] = {
    {ComparisonKind::kOtherSubgroups, "subgroups", "Övriga grupper i området",
     "The other subgroups in the area"},
    {ComparisonKind::kOtherAreas, "areas", "Samma grupp i andra områden",
     "The same group in other areas"},
};

constexpr EnumEntry<Phase> kPhases[] = {
    {Phase::kBefore, "before", "Före start", "Before the start"},
    {Phase::kTransition, "transition", "Under starten", "During the start"},
    {Phase::kAfter, "after", "Efter start", "After the start"},
};

}  // namespace

std::span<const EnumEntry<Verdict>> EnumTable<Verdict>::Entries() { return kVerdicts; }
std::span<const EnumEntry<EffectReason>> EnumTable<EffectReason>::Entries() { return kReasons; }
std::span<const EnumEntry<Caveat>> EnumTable<Caveat>::Entries() { return kCaveats; }
std::span<const EnumEntry<ComparisonKind>> EnumTable<ComparisonKind>::Entries() {
  return kComparisonKinds;
}
std::span<const EnumEntry<Phase>> EnumTable<Phase>::Entries() { return kPhases; }

namespace effect {
namespace {

constexpr std::size_t kTrendPeriods = 5;  // compare's recent trend: five points

[[noreturn]] void Invalid(const char* field, std::string message) {
  throw Error(ErrorCode::kInvalidArgument, std::move(message), {}, field);
}

double NormalQuantile(double p) {
  return boost::math::quantile(boost::math::normal_distribution<double>(), p);
}

// The two-sided normal value of a confidence level: 1.96 at 0.95.
double Z(double confidence) { return NormalQuantile(1.0 - (1.0 - confidence) / 2.0); }

int PeriodLength(const followup::Period& period) { return period.tertial == 0 ? 12 : 4; }

// One expected member of a group in a period: its label and its row (null when there is none).
struct Member {
  std::string label;
  const ResultRow* row = nullptr;
};

// Pool the members' values (README.md, "Pooling"): a proportion's counts when every member has
// them, else the members' estimates weighted by population (or denominator, or equally) with their
// interval's standard errors.
GroupValue Pool(const std::vector<Member>& members) {
  GroupValue value;
  for (const Member& member : members) {
    EffectReason reason = EffectReason::kNone;
    std::string detail = member.label;
    if (member.row == nullptr) {
      reason = EffectReason::kMissing;
    } else if (member.row->suppressed) {
      reason = EffectReason::kSuppressed;
    } else if (!member.row->estimate) {
      reason = EffectReason::kUndefined;
      if (member.row->flag != ResultFlag::kNone) {
        detail += ": " + std::string(EnumId(member.row->flag));
      }
    }
    if (reason != EffectReason::kNone) {
      value.reason = reason;
      value.detail = detail;
      return value;
    }
  }
  if (members.empty()) {
    value.reason = EffectReason::kNoComparisonGroup;
    return value;
  }
  const bool counts = std::all_of(members.begin(), members.end(), [](const Member& member) {
    const ResultRow& row = *member.row;
    return row.indicator_type == "proportion" && row.numerator && row.denominator &&
           *row.denominator > 0;
  });
  if (counts) {
    double events = 0, trials = 0;
    for (const Member& member : members) {
      events += *member.row->numerator;
      trials += *member.row->denominator;
    }
    const double scale = members.front().row->indicator_scale;
    const double p = events / trials;
    value.method = "counts";
    value.estimate = p * scale;
    value.standard_error = scale * std::sqrt(p * (1.0 - p) / trials);
    return value;
  }
  const auto has = [&](std::optional<double> ResultRow::*field) {
    return std::all_of(members.begin(), members.end(), [&](const Member& member) {
      return (member.row->*field).has_value() && *(member.row->*field) > 0;
    });
  };
  std::optional<double> ResultRow::*weight_field =
      has(&ResultRow::population)    ? &ResultRow::population
      : has(&ResultRow::denominator) ? &ResultRow::denominator
                                     : nullptr;
  double weights = 0, weighted = 0, variance = 0;
  for (const Member& member : members) {
    const ResultRow& row = *member.row;
    if (!row.lower || !row.upper || !(*row.upper >= *row.lower)) {
      value.reason = EffectReason::kNoStandardError;
      value.detail = member.label;
      return value;
    }
    const double se = (*row.upper - *row.lower) / (2.0 * Z(row.confidence));
    const double w = weight_field ? *(row.*weight_field) : 1.0;
    weights += w;
    weighted += w * *row.estimate;
    variance += w * w * se * se;
  }
  value.method = "interval";
  value.estimate = weighted / weights;
  value.standard_error = std::sqrt(variance) / weights;
  return value;
}

bool Usable(const GroupValue& value) { return value.estimate && value.standard_error; }

// a − b with se² the sum of both variances (independent estimates), its interval at z.
Estimate Difference(const GroupValue& a, const GroupValue& b, double z) {
  Estimate out;
  if (!Usable(a) || !Usable(b)) return out;
  out.estimate = *a.estimate - *b.estimate;
  out.standard_error = std::hypot(*a.standard_error, *b.standard_error);
  out.lower = *out.estimate - z * *out.standard_error;
  out.upper = *out.estimate + z * *out.standard_error;
  return out;
}

// The first group's reason of two values (the target's first), for a period that cannot be used.
std::pair<EffectReason, std::string> WhyNot(const GroupValue& target,
                                            const GroupValue& comparison) {
  if (!Usable(target)) return {target.reason, target.detail};
  return {comparison.reason, comparison.detail};
}

std::string Number(double value) {
  const double magnitude = std::abs(value);
  std::string text = magnitude >= 100 ? fmt::format("{:.1f}", value)
                     : magnitude >= 1 ? fmt::format("{:.2f}", value)
                     : magnitude == 0 ? std::string("0")
                                      : fmt::format("{:.3g}", value);
  return LocalNumber(text);
}

std::string Signed(double value) {
  std::string text = Number(value);
  if (value > 0) text.insert(text.begin(), '+');
  return text;
}

// The gap's trend over the last five periods of `periods` (compare::GapTrend).
compare::Trend GapTrendOf(const std::vector<const PeriodValues*>& periods) {
  compare::Trend trend;
  if (periods.size() < kTrendPeriods) {
    trend.reason = "fewer_than_five_periods";
    return trend;
  }
  std::vector<double> gaps, ses;
  for (std::size_t i = periods.size() - kTrendPeriods; i < periods.size(); ++i) {
    const Estimate& gap = periods[i]->gap;
    if (!gap.estimate) {
      trend.reason = "missing_value";
      return trend;
    }
    gaps.push_back(*gap.estimate);
    ses.push_back(*gap.standard_error);
  }
  return compare::GapTrend(gaps, ses);
}

}  // namespace

std::optional<int> DateMonth(const std::string& date, int* day) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
  }
  const int year = std::stoi(date.substr(0, 4));
  const int month = std::stoi(date.substr(5, 2));
  const int d = std::stoi(date.substr(8, 2));
  if (month < 1 || month > 12 || d < 1 || d > 31) return std::nullopt;
  if (day != nullptr) *day = d;
  return 12 * year + month - 1;
}

EffectAssessment AssessEffect(std::span<const ResultRow> rows, const EffectQuery& query) {
  EffectAssessment out;
  out.query = query;
  int start_day = 1;
  const auto start = DateMonth(query.start, &start_day);
  if (!start) {
    Invalid("start", fmt::format(fmt::runtime(Tr("'{}' är inget datum (ÅÅÅÅ-MM-DD)",
                                                 "'{}' is not a date (YYYY-MM-DD)")),
                                 query.start));
  }
  // A period that ended by the start day is before; one that began on or after it is after.
  const int before_end = *start;
  const int after_begin = *start + (start_day > 1 ? 1 : 0);
  const bool total = query.dimension.empty() || query.dimension == kTotalDimension;
  const std::string dimension = total ? std::string(kTotalDimension) : query.dimension;
  if (!total && query.subgroups.empty()) {
    Invalid("subgroups", std::string(Tr("målgruppen behöver minst en grupp i dimensionen",
                                        "the target group needs at least one subgroup of the "
                                        "dimension")));
  }
  out.target_members =
      total ? std::vector<std::string>{kTotalSubgroup} : std::vector<std::string>(query.subgroups);
  const std::set<std::string> target_set(out.target_members.begin(), out.target_members.end());
  const double z = Z(query.confidence);

  // The indicator's rows of the group's dimension, by (area, subgroup, period).
  std::map<std::tuple<std::string, std::string, std::string>, const ResultRow*> by_key;
  std::string area_level;
  std::set<std::string> other_subgroups, level_areas;
  std::optional<bool> favourable;
  for (const ResultRow& row : rows) {
    if (row.indicator != query.indicator || row.dimension != dimension) continue;
    by_key[{row.area, row.subgroup, row.period}] = &row;
    if (row.area == query.area) {
      area_level = row.area_level;
      if (!target_set.contains(row.subgroup)) other_subgroups.insert(row.subgroup);
      if (!favourable) {
        favourable = row.favourable_indicator;
        out.indicator_type = row.indicator_type;
      }
    }
  }
  if (query.comparison == ComparisonKind::kOtherSubgroups) {
    if (!total) out.comparison_members.assign(other_subgroups.begin(), other_subgroups.end());
  } else if (!query.comparison_areas.empty()) {
    for (const std::string& area : query.comparison_areas) {
      if (area != query.area) out.comparison_members.push_back(area);
    }
  } else {
    for (const ResultRow& row : rows) {
      if (row.indicator == query.indicator && row.dimension == dimension &&
          row.area != query.area && row.area_level == area_level) {
        level_areas.insert(row.area);
      }
    }
    out.comparison_members.assign(level_areas.begin(), level_areas.end());
  }
  out.polarity = query.polarity ? *query.polarity
                 : out.indicator_type == "published" || !favourable
                     ? compare::Polarity::kNoJudgement
                 : *favourable ? compare::Polarity::kHighIsGood
                               : compare::Polarity::kLowIsGood;

  // The periods of the target area and the comparison's areas, in time order.
  std::set<std::string> areas{query.area};
  if (query.comparison == ComparisonKind::kOtherAreas) {
    areas.insert(out.comparison_members.begin(), out.comparison_members.end());
  }
  std::map<std::pair<int, int>, followup::Period> periods;  // (end, length) → period
  for (const auto& [key, row] : by_key) {
    if (!areas.contains(std::get<0>(key))) continue;
    if (const auto period = followup::ParsePeriod(std::get<2>(key))) {
      periods[{period->EndMonth(), -PeriodLength(*period)}] = *period;
    }
  }
  const auto find = [&](const std::string& area, const std::string& subgroup,
                        const std::string& period) -> const ResultRow* {
    const auto found = by_key.find({area, subgroup, period});
    return found == by_key.end() ? nullptr : found->second;
  };
  for (const auto& [key, period] : periods) {
    PeriodValues values;
    values.period = period;
    const int end = period.EndMonth();
    values.phase = end <= before_end                           ? Phase::kBefore
                   : end - PeriodLength(period) >= after_begin ? Phase::kAfter
                                                               : Phase::kTransition;
    const std::string text = period.Display();
    std::vector<Member> target, comparison;
    for (const std::string& subgroup : out.target_members) {
      target.push_back({subgroup, find(query.area, subgroup, text)});
    }
    for (const std::string& member : out.comparison_members) {
      if (query.comparison == ComparisonKind::kOtherSubgroups) {
        comparison.push_back({member, find(query.area, member, text)});
      } else {
        for (const std::string& subgroup : out.target_members) {
          comparison.push_back(
              {total ? member : member + " " + subgroup, find(member, subgroup, text)});
        }
      }
    }
    values.target = Pool(target);
    values.comparison = Pool(comparison);
    for (GroupValue* group : {&values.target, &values.comparison}) {
      if (!Usable(*group)) continue;
      group->lower = *group->estimate - z * *group->standard_error;
      group->upper = *group->estimate + z * *group->standard_error;
    }
    values.gap = Difference(values.target, values.comparison, z);
    out.series.push_back(std::move(values));
  }

  // The gap's trend before and after the start.
  std::vector<const PeriodValues*> before, after;
  for (const PeriodValues& values : out.series) {
    if (values.phase == Phase::kBefore) before.push_back(&values);
    if (values.phase == Phase::kAfter) after.push_back(&values);
  }
  out.gap_trend_before = GapTrendOf(before);
  out.gap_trend_after = GapTrendOf(after);

  const auto no_data = [&](EffectReason reason, std::string detail) {
    out.verdict = Verdict::kNoData;
    out.reason = reason;
    out.detail = std::move(detail);
    return out;
  };
  if (out.comparison_members.empty()) return no_data(EffectReason::kNoComparisonGroup, "");
  if (out.series.empty()) return no_data(EffectReason::kNoPeriods, query.indicator);

  // The periods compared: the ones asked, or the latest of each side with both values.
  const auto choose = [&](const std::vector<const PeriodValues*>& side,
                          const std::optional<followup::Period>& asked, const char* field,
                          EffectReason none) -> std::optional<const PeriodValues*> {
    if (asked) {
      for (const PeriodValues* values : side) {
        if (values->period == *asked) {
          if (!values->gap.estimate) {
            const auto [reason, detail] = WhyNot(values->target, values->comparison);
            no_data(reason, detail);
            return std::nullopt;
          }
          return values;
        }
      }
      Invalid(field, fmt::format(fmt::runtime(Tr("'{}' är ingen period {} starten {} i resultaten",
                                                 "'{}' is not a period {} the start {} in the "
                                                 "results")),
                                 asked->Display(),
                                 std::string(field) == std::string("before") ? Tr("före", "before")
                                                                             : Tr("efter", "after"),
                                 query.start));
    }
    if (side.empty()) {
      no_data(none, query.start);
      return std::nullopt;
    }
    for (auto it = side.rbegin(); it != side.rend(); ++it) {
      if ((*it)->gap.estimate) {
        if (it != side.rbegin()) out.caveats.push_back(Caveat::kEarlierPeriodUsed);
        return *it;
      }
    }
    const auto [reason, detail] = WhyNot(side.back()->target, side.back()->comparison);
    no_data(reason, side.back()->period.Display() + ": " + detail);
    return std::nullopt;
  };
  const auto first = choose(before, query.before, "before", EffectReason::kNoPeriodBeforeStart);
  if (!first) return out;
  const auto last = choose(after, query.after, "after", EffectReason::kNotStartedYet);
  if (!last) return out;

  const PeriodValues& b = **first;
  const PeriodValues& a = **last;
  out.before_period = b.period;
  out.after_period = a.period;
  out.target_before = b.target;
  out.target_after = a.target;
  out.comparison_before = b.comparison;
  out.comparison_after = a.comparison;
  out.target_change = Difference(a.target, b.target, z);
  out.comparison_change = Difference(a.comparison, b.comparison, z);
  out.gap_before = b.gap;
  out.gap_after = a.gap;
  // (Ta − Tb) − (Ca − Cb), four independent estimates: se² = the sum of their variances.
  Estimate& did = out.difference_in_differences;
  did.estimate = *out.target_change.estimate - *out.comparison_change.estimate;
  did.standard_error =
      std::hypot(*out.target_change.standard_error, *out.comparison_change.standard_error);
  if (!(*did.standard_error > 0)) {
    did.standard_error.reset();
    return no_data(EffectReason::kNoStandardError, "");
  }
  did.lower = *did.estimate - z * *did.standard_error;
  did.upper = *did.estimate + z * *did.standard_error;

  if (out.gap_trend_before.marker == "could_not_be_calculated") {
    out.caveats.push_back(Caveat::kPreTrendNotTested);
  } else if (out.gap_trend_before.marker == "narrowing" ||
             out.gap_trend_before.marker == "widening") {
    out.caveats.push_back(Caveat::kGapChangingBeforeStart);
  }
  std::sort(out.caveats.begin(), out.caveats.end());

  const bool above = *did.lower > 0, below = *did.upper < 0;
  if (!above && !below) {
    out.verdict = Verdict::kCannotTell;
    out.reason = EffectReason::kIntervalSpansZero;
  } else if (out.polarity == compare::Polarity::kNoJudgement) {
    out.verdict = above ? Verdict::kRoseMore : Verdict::kFellMore;
  } else {
    const bool good = above == (out.polarity == compare::Polarity::kHighIsGood);
    out.verdict = good ? Verdict::kImprovedMore : Verdict::kWorsenedMore;
  }
  return out;
}

std::string EffectSummary(const EffectAssessment& assessment) {
  const int percent = static_cast<int>(std::lround(assessment.query.confidence * 100));
  std::string text;
  if (assessment.verdict == Verdict::kNoData) {
    text = fmt::format("{}: {}", EnumLabel(assessment.verdict), EnumLabel(assessment.reason));
    if (!assessment.detail.empty()) text += " (" + assessment.detail + ")";
    return text + ".";
  }
  const Estimate& did = assessment.difference_in_differences;
  text = fmt::format(
      fmt::runtime(Tr("Från {} till {} förändrades målgruppens värde med {} ({} → {}) och "
                      "jämförelsegruppens med {} ({} → {}). Skillnaden i förändring är {} "
                      "({} % KI {} till {}). ",
                      "From {} to {} the target group's value changed by {} ({} → {}) and the "
                      "comparison's by {} ({} → {}). The difference in differences is {} "
                      "({} % CI {} to {}). ")),
      assessment.before_period->Display(), assessment.after_period->Display(),
      Signed(*assessment.target_change.estimate), Number(*assessment.target_before.estimate),
      Number(*assessment.target_after.estimate), Signed(*assessment.comparison_change.estimate),
      Number(*assessment.comparison_before.estimate), Number(*assessment.comparison_after.estimate),
      Signed(*did.estimate), percent, Number(*did.lower), Number(*did.upper));
  if (assessment.verdict == Verdict::kCannotTell) {
    text +=
        Tr("Intervallet omfattar 0: underlaget kan inte avgöra om målgruppen har utvecklats "
           "annorlunda än jämförelsegruppen sedan insatsen startade.",
           "The interval includes 0: the data cannot tell whether the target group has done "
           "differently from the comparison since the measure started.");
  } else {
    // The verdict's label continues the sentence: "… above 0: the target group has done …".
    std::string verdict(EnumLabel(assessment.verdict));
    verdict[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(verdict[0])));
    text += fmt::format(
        fmt::runtime(Tr("Hela intervallet ligger {} 0: {}. Det visar vad som hänt sedan starten, "
                        "inte att insatsen orsakade det; skattningen förutsätter att grupperna "
                        "annars hade följts åt.",
                        "The whole interval lies {} 0: {}. This shows what happened since the "
                        "start, not that the measure caused it; the estimate assumes the groups "
                        "would otherwise have moved in parallel.")),
        *did.lower > 0 ? Tr("över", "above") : Tr("under", "below"), verdict);
  }
  for (const Caveat caveat : assessment.caveats) {
    text += ' ';
    text += EnumLabel(caveat);
    text += '.';
  }
  return text;
}

}  // namespace effect
}  // namespace jamlik
