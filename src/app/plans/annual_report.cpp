#include "app/plans/annual_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <map>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses.hpp"
#include "app/plans/plan_document.hpp"
#include "app/plans/plans.hpp"
#include "app/recommendation.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "followup/status.hpp"
#include "followup/target_kind.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

json OptionalNumber(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

// The marks a status is shown with beside its words and colour (never colour alone).
std::string Symbol(const std::string& status) {
  if (status == "reached") return "✔";
  if (status == "on_track") return "↗";
  if (status == "at_risk") return "⚠";
  if (status == "off_track") return "✖";
  if (status == "no_data") return "?";
  return "–";
}

std::string MeasureStatusLabel(const std::string& status) {
  if (status == "planned") return std::string(Tr("Planerad", "Planned"));
  if (status == "ongoing") return std::string(Tr("Pågår", "Ongoing"));
  if (status == "completed") return std::string(Tr("Avslutad", "Completed"));
  if (status == "cancelled") return std::string(Tr("Inställd", "Cancelled"));
  return status;
}

// The indicator's name in the current language, from the analysis' definitions.
std::string IndicatorName(const std::map<std::int64_t, json>& definitions, const json& target) {
  const std::string id = target["indicator"];
  const auto found = definitions.find(target["analysis"].get<std::int64_t>());
  if (found == definitions.end() || !found->second.is_array()) return id;
  for (const json& definition : found->second) {
    if (!definition.is_object() || definition.value("id", "") != id) continue;
    const std::string sv = definition.value("name_sv", "");
    const std::string en = definition.value("name_en", "");
    const std::string name = CurrentLanguage() == Language::kSwedish ? sv : en;
    if (!name.empty()) return name;
    if (!sv.empty()) return sv;
    if (!en.empty()) return en;
  }
  return id;
}

// What the target asks, in words: "Gap (D) över utb", "Nivå: kort".
std::string TargetDescription(const json& target) {
  const followup::TargetKind* kind = followup::FindTargetKind(target["kind"].get<std::string>());
  std::string text = kind == nullptr ? target["kind"].get<std::string>()
                                     : std::string(Tr(kind->label_sv, kind->label_en));
  const std::string measure = target["measure"];
  const std::string dimension = target["dimension"];
  const std::string subgroup = target["subgroup"];
  if (!measure.empty()) {
    std::string upper = measure;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    text += " (" + upper + ")";
  }
  if (!dimension.empty()) text += std::string(Tr(", efter ", ", by ")) + dimension;
  if (!subgroup.empty()) text += ": " + subgroup;
  return text;
}

json TargetEntry(const json& target, const FollowUpRecord* record,
                 const std::map<std::int64_t, json>& definitions) {
  json entry = target;
  entry["indicator_name"] = IndicatorName(definitions, target);
  entry["description"] = TargetDescription(target);
  entry["status"] = "";
  entry["status_label"] = std::string(Tr("Inte uppföljt", "Not followed up"));
  entry["symbol"] = Symbol("");
  entry["reason_label"] = "";
  for (const char* key : {"baseline", "estimate", "lower", "upper", "path_value"}) {
    entry[key] = nullptr;
  }
  entry["evaluated_period"] = "";
  entry["comment"] = "";
  if (record == nullptr) return entry;
  entry["status"] = record->status;
  if (const auto status = EnumFromId<followup::TargetStatus>(record->status)) {
    entry["status_label"] = std::string(EnumLabel(*status, CurrentLanguage()));
  }
  entry["symbol"] = Symbol(record->status);
  if (const auto reason = EnumFromId<followup::StatusReason>(record->reason)) {
    entry["reason_label"] = std::string(EnumLabel(*reason, CurrentLanguage()));
  }
  entry["baseline"] = OptionalNumber(record->baseline);
  entry["estimate"] = OptionalNumber(record->estimate);
  entry["lower"] = OptionalNumber(record->lower);
  entry["upper"] = OptionalNumber(record->upper);
  entry["path_value"] = OptionalNumber(record->path_value);
  entry["target_value"] = record->target_value;
  entry["evaluated_period"] = record->evaluated_period;
  if (!record->comments.empty()) entry["comment"] = record->comments.back().text;
  return entry;
}

// ---- Numbers as people read them ----

// A statistic: two decimals under 10, one under 1000, none above; the language's decimal mark.
std::string Number(const json& value) {
  if (!value.is_number()) return "–";
  const double v = value.get<double>();
  const double size = std::abs(v);
  const int decimals = size < 10 ? 2 : size < 1000 ? 1 : 0;
  return LocalNumber(fmt::format("{:.{}f}", v, decimals));
}

// Kronor with thousands grouped: "2 000 000 kr", "SEK 2,000,000".
std::string Sek(double value) {
  const std::string digits = fmt::format("{:.0f}", std::abs(value));
  const std::string separator = CurrentLanguage() == Language::kSwedish ? "\u00a0" : ",";
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += separator;
    grouped += digits[i];
  }
  if (value < 0) grouped = "−" + grouped;
  return CurrentLanguage() == Language::kSwedish ? grouped + "\u00a0kr" : "SEK " + grouped;
}

std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Interval(const json& target) {
  if (!target["lower"].is_number() || !target["upper"].is_number()) return "";
  return Number(target["lower"]) + "–" + Number(target["upper"]);
}

// A small chart of one target on its own scale: the baseline (hollow circle), the path's value
// now (a bar), the target (a dashed line), and the estimate with its interval (a filled circle on
// a line). Its title says the same in words.
std::string TargetChart(const json& target) {
  std::vector<double> values;
  for (const char* key : {"baseline", "estimate", "lower", "upper", "path_value", "target_value"}) {
    if (target[key].is_number()) values.push_back(target[key].get<double>());
  }
  if (values.size() < 2) return "";
  double low = *std::min_element(values.begin(), values.end());
  double high = *std::max_element(values.begin(), values.end());
  if (high - low < 1e-9) {
    low -= 1;
    high += 1;
  }
  const double pad = (high - low) * 0.08;
  low -= pad;
  high += pad;
  constexpr double kWidth = 320, kLeft = 10, kRight = 310;
  const auto x = [&](double v) { return kLeft + (v - low) / (high - low) * (kRight - kLeft); };
  std::string words =
      fmt::format("{} {}, {} {}", Tr("Utgångsvärde", "Baseline"), Number(target["baseline"]),
                  Tr("målvärde", "target"), Number(target["target_value"]));
  if (target["estimate"].is_number()) {
    words += fmt::format(", {} {}", Tr("skattning", "estimate"), Number(target["estimate"]));
  }
  if (target["path_value"].is_number()) {
    words += fmt::format(", {} {}", Tr("banan", "path"), Number(target["path_value"]));
  }
  std::string svg = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} 46\" width=\"{}\" height=\"46\" role=\"img\" "
      "aria-label=\"{}\"><title>{}</title>"
      "<line x1=\"{}\" y1=\"30\" x2=\"{}\" y2=\"30\" stroke=\"#767676\"/>",
      kWidth, kWidth, Escape(words), Escape(words), kLeft, kRight);
  svg += fmt::format(
      "<line x1=\"{0:.1f}\" y1=\"4\" x2=\"{0:.1f}\" y2=\"40\" stroke=\"#1b4f72\" "
      "stroke-dasharray=\"4 3\" stroke-width=\"2\"/><text x=\"{0:.1f}\" y=\"46\" "
      "font-size=\"8\" text-anchor=\"middle\">{1}</text>",
      x(target["target_value"].get<double>()), Escape(std::string(Tr("mål", "target"))));
  if (target["path_value"].is_number()) {
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"10\" width=\"3\" height=\"24\" fill=\"#9a6700\"/>",
                       x(target["path_value"].get<double>()) - 1.5);
  }
  if (target["baseline"].is_number()) {
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"30\" r=\"4\" fill=\"white\" stroke=\"#333\" "
        "stroke-width=\"1.5\"/>",
        x(target["baseline"].get<double>()));
  }
  if (target["estimate"].is_number()) {
    if (target["lower"].is_number() && target["upper"].is_number()) {
      svg += fmt::format(
          "<line x1=\"{:.1f}\" y1=\"18\" x2=\"{:.1f}\" y2=\"18\" stroke=\"#000\" "
          "stroke-width=\"2\"/>",
          x(target["lower"].get<double>()), x(target["upper"].get<double>()));
    }
    svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"18\" r=\"4\" fill=\"#000\"/>",
                       x(target["estimate"].get<double>()));
  }
  return svg + "</svg>";
}

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt;
  color: #111; line-height: 1.35; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 16pt 0 4pt; border-bottom: 1.5pt solid #1b4f72; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 2pt; break-after: avoid; }
p.meta { color: #444; margin: 0 0 8pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
th, td { border: 0.5pt solid #999; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.status { font-weight: bold; white-space: nowrap; padding: 1pt 3pt; border-radius: 2pt; }
.status-reached { background: #d4edda; }
.status-on_track { background: #e2f0d9; }
.status-at_risk { background: #fff3cd; }
.status-off_track { background: #f8d7da; }
.status-no_data, .status- { background: #e9ecef; }
.comment { font-style: italic; }
.legend { font-size: 8.5pt; color: #333; }
svg.chart { display: block; }
)css";

std::string StatusCell(const json& target) {
  return fmt::format("<span class=\"status status-{}\">{} {}</span>",
                     Escape(target["status"].get<std::string>()),
                     Escape(target["symbol"].get<std::string>()),
                     Escape(target["status_label"].get<std::string>()));
}

std::string TargetsTable(const json& targets) {
  std::string html = fmt::format(
      "<table><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}"
      "</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead><tbody>",
      Tr("Målvärde på indikator", "Target on indicator"), Tr("Status", "Status"),
      Tr("Utgångsvärde", "Baseline"), Tr("Skattning (95 % KI)", "Estimate (95% CI)"),
      Tr("Banan", "Path"), Tr("Målvärde", "Target"), Tr("Diagram", "Chart"));
  for (const json& target : targets) {
    std::string estimate = Number(target["estimate"]);
    const std::string interval = Interval(target);
    if (!interval.empty()) estimate += " (" + interval + ")";
    std::string what = fmt::format("<strong>{}</strong>, {} {}<br>{}",
                                   Escape(target["indicator_name"].get<std::string>()),
                                   Tr("område", "area"), Escape(target["area"].get<std::string>()),
                                   Escape(target["description"].get<std::string>()));
    if (!target["evaluated_period"].get<std::string>().empty()) {
      what += fmt::format("<br>{} {}", Tr("Uppgifter för", "Data for"),
                          Escape(target["evaluated_period"].get<std::string>()));
    }
    std::string status = StatusCell(target);
    if (!target["reason_label"].get<std::string>().empty()) {
      status += "<br>" + Escape(target["reason_label"].get<std::string>());
    }
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{} ({})</td><td>{}</td></tr>",
        what, status, Number(target["baseline"]), estimate, Number(target["path_value"]),
        Number(target["target_value"]), Escape(target["target_period"].get<std::string>()),
        TargetChart(target));
    if (!target["comment"].get<std::string>().empty()) {
      html += fmt::format("<tr><td colspan=\"7\" class=\"comment\">{}: {}</td></tr>",
                          Tr("Kommentar", "Comment"), Escape(target["comment"].get<std::string>()));
    }
  }
  return html + "</tbody></table>";
}

std::string MeasuresTable(const json& measures, int year) {
  std::string html = fmt::format(
      "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{} {}"
      "</th></tr></thead><tbody>",
      Tr("Insats", "Measure"), Tr("Nämnd", "Committee"), Tr("Målgrupp", "Target group"),
      Tr("Status", "Status"), Tr("Budget", "Budget"), year);
  for (const json& measure : measures) {
    std::string group = measure["target_group"]["dimension"];
    if (!measure["target_group"]["subgroups"].empty()) {
      std::string subgroups;
      for (const json& s : measure["target_group"]["subgroups"]) {
        subgroups += (subgroups.empty() ? "" : ", ") + s.get<std::string>();
      }
      group += ": " + subgroups;
    }
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
        Escape(measure["name"].get<std::string>()),
        Escape(measure["committee_name"].get<std::string>()), Escape(group),
        Escape(measure["status_label"].get<std::string>()), Sek(measure["sek"].get<double>()));
  }
  html += "</tbody></table>";
  // Each measure's assessed effects (AddMeasureEffects), in the effect route's words and numbers.
  std::string effects;
  for (const json& measure : measures) {
    for (const json& effect : measure.value("effects", json::array())) {
      const json& did = effect["difference_in_differences"];
      std::string line = fmt::format(
          "<li><strong>{}</strong>, {} ({}): {}. {} {}–{}: {}", Escape(measure["name"]),
          Escape(effect.value("indicator_name", effect["indicator"].get<std::string>())),
          Escape(effect["area"].get<std::string>()),
          Escape(effect["verdict_label"].get<std::string>()),
          Tr("Skillnad i skillnader", "Difference in differences"),
          Escape(effect["before_period"].is_string() ? effect["before_period"].get<std::string>()
                                                     : "–"),
          Escape(effect["after_period"].is_string() ? effect["after_period"].get<std::string>()
                                                    : "–"),
          Number(did["estimate"]));
      if (did["lower"].is_number() && did["upper"].is_number()) {
        line += " (" + Number(did["lower"]) + "–" + Number(did["upper"]) + ")";
      }
      if (effect["predicted"].is_object()) {
        const json& predicted = effect["predicted"];
        line +=
            fmt::format(". {} {}: {}", Tr("Förutsagt för", "Predicted for"),
                        Escape(predicted["period"].get<std::string>()), Number(predicted["value"]));
        if (predicted["measured"].is_object()) {
          line += fmt::format(", {} {}", Tr("uppmätt", "measured"),
                              Number(predicted["measured"]["estimate"]));
        }
      }
      effects += line + ".</li>";
    }
  }
  if (!effects.empty()) {
    html +=
        fmt::format("<p class=\"effects-heading\">{}</p><ul class=\"effects\">{}</ul>",
                    Tr("Insatsernas bedömda effekter", "The measures' assessed effects"), effects);
  }
  return html;
}

}  // namespace

std::optional<json> AnnualReportModel(store::Store& store, std::int64_t organisation,
                                      std::int64_t plan_id, const std::string& wanted_period) {
  const auto plan = FindPlan(store, organisation, plan_id);
  if (!plan) return std::nullopt;
  const json& document = plan->document;
  std::string period = wanted_period;
  const std::vector<FollowUpRecord> records = ListFollowUps(store, organisation, plan_id);
  if (period.empty()) {
    // The latest period followed up, by the periods' end.
    std::optional<int> latest;
    for (const FollowUpRecord& record : records) {
      const auto end = PlanPeriodEndMonth(record.period);
      if (end && (!latest || *end > *latest)) {
        latest = end;
        period = record.period;
      }
    }
  } else {
    bool known = false;
    for (const json& p : document["periods"]) known = known || p["id"] == period;
    if (!known) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(Tr("'" + period + "' är ingen uppföljningsperiod i planen",
                                 "'" + period + "' is not a follow-up period of the plan")),
                  {}, "period", period);
    }
  }
  // The newest record of the period per target (the list is newest first).
  std::map<std::string, const FollowUpRecord*> latest_record;
  for (const FollowUpRecord& record : records) {
    if (record.period == period && !latest_record.contains(record.target)) {
      latest_record[record.target] = &record;
    }
  }
  std::map<std::int64_t, json> definitions;
  for (const Analysis& analysis : ListAnalyses(store, organisation)) {
    definitions[analysis.id] = json::parse(analysis.definitions_json, nullptr, false);
  }
  std::map<std::string, std::string> body_names;
  for (const json& body : document["bodies"]) body_names[body["id"]] = body["name"];
  std::map<std::string, std::string> goal_titles;
  for (const json& goal : document["goals"]) goal_titles[goal["id"]] = goal["title"];

  const std::string year_key = std::to_string(plan->year);
  json measures = json::array();
  for (const json& measure : document["measures"]) {
    json entry = measure;
    entry["committee_name"] = body_names[measure["committee"]];
    entry["status_label"] = MeasureStatusLabel(measure["status"]);
    entry["sek"] = measure["status"] == "cancelled" ? 0.0 : measure["budget"].value(year_key, 0.0);
    measures.push_back(std::move(entry));
  }
  json status_counts = json::object();
  const auto target_entry = [&](const json& target) {
    const auto found = latest_record.find(target["id"]);
    json entry =
        TargetEntry(target, found == latest_record.end() ? nullptr : found->second, definitions);
    const std::string status = entry["status"];
    if (!status.empty()) status_counts[status] = status_counts.value(status, 0) + 1;
    return entry;
  };

  json recommendations = json::array();
  for (const auto& entry : EnumTable<Recommendation>::Entries()) {
    json goals = json::array();
    for (const json& goal : document["goals"]) {
      if (goal["recommendation"] != entry.id) continue;
      json out = {
          {"id", goal["id"]},
          {"title", goal["title"]},
          {"body", body_names[goal["body"]]},
          {"welfare_area", goal["welfare_area"]},
          {"contributes_to",
           goal["contributes_to"] == "" ? std::string() : goal_titles[goal["contributes_to"]]},
          {"targets", json::array()},
          {"measures", json::array()}};
      for (const json& target : document["targets"]) {
        if (target["goal"] == goal["id"]) out["targets"].push_back(target_entry(target));
      }
      for (const json& measure : measures) {
        const json& served = measure["goals"];
        if (std::find(served.begin(), served.end(), goal["id"]) != served.end()) {
          out["measures"].push_back(measure);
        }
      }
      goals.push_back(std::move(out));
    }
    if (goals.empty()) continue;
    recommendations.push_back({{"id", std::string(entry.id)},
                               {"label", std::string(EnumLabel(entry.value, CurrentLanguage()))},
                               {"goals", std::move(goals)}});
  }
  json other_targets = json::array();
  for (const json& target : document["targets"]) {
    if (target["goal"] == "") other_targets.push_back(target_entry(target));
  }
  const auto found_organisation = FindOrganisation(store, organisation);
  return json{{"title", fmt::format("{} {}",
                                    Tr("Årsredovisningens jämlikhetsavsnitt",
                                       "The annual report's equity section"),
                                    plan->year)},
              {"organisation", found_organisation ? found_organisation->name : std::string()},
              {"year", plan->year},
              {"period", period},
              {"language", CurrentLanguage() == Language::kSwedish ? "sv" : "en"},
              {"recommendations", std::move(recommendations)},
              {"other_targets", std::move(other_targets)},
              {"measures", std::move(measures)},
              {"budget", PlanBudget(document, plan->year)},
              {"status_counts", std::move(status_counts)}};
}

std::vector<std::pair<std::string, Table>> AnnualReportSheets(const json& model) {
  std::vector<std::pair<std::string, Table>> sheets;
  // Goals.
  {
    std::vector<std::string> recommendation, body, goal, area, contributes;
    for (const json& r : model["recommendations"]) {
      for (const json& g : r["goals"]) {
        recommendation.push_back(r["label"]);
        body.push_back(g["body"]);
        goal.push_back(g["title"]);
        area.push_back(g["welfare_area"]);
        contributes.push_back(g["contributes_to"]);
      }
    }
    std::vector<Column> columns;
    columns.push_back(Column::String(std::string(Tr("Rekommendation", "Recommendation")),
                                     std::move(recommendation)));
    columns.push_back(Column::String(std::string(Tr("Organ", "Body")), std::move(body)));
    columns.push_back(Column::String(std::string(Tr("Mål", "Goal")), std::move(goal)));
    columns.push_back(
        Column::String(std::string(Tr("Välfärdsområde", "Welfare area")), std::move(area)));
    columns.push_back(
        Column::String(std::string(Tr("Bidrar till", "Contributes to")), std::move(contributes)));
    sheets.emplace_back(std::string(Tr("Mål", "Goals")), Table(std::move(columns)));
  }
  // Targets with their follow-up.
  {
    std::vector<std::string> goal, id, indicator, area, description, status, reason, evaluated,
        target_period, comment;
    std::vector<std::vector<double>> numbers(6);
    std::vector<Validity> valid(6);
    std::vector<const json*> targets;
    std::vector<std::string> goal_of;
    for (const json& r : model["recommendations"]) {
      for (const json& g : r["goals"]) {
        for (const json& t : g["targets"]) {
          targets.push_back(&t);
          goal_of.push_back(g["title"]);
        }
      }
    }
    for (const json& t : model["other_targets"]) {
      targets.push_back(&t);
      goal_of.emplace_back();
    }
    constexpr std::array<const char*, 6> kNumbers = {"baseline", "estimate",   "lower",
                                                     "upper",    "path_value", "target_value"};
    for (auto& v : valid) v = Validity::AllValid(targets.size());
    for (std::size_t row = 0; row < targets.size(); ++row) {
      const json& t = *targets[row];
      goal.push_back(goal_of[row]);
      id.push_back(t["id"]);
      indicator.push_back(t["indicator_name"]);
      area.push_back(t["area"]);
      description.push_back(t["description"]);
      status.push_back(t["symbol"].get<std::string>() + " " + t["status_label"].get<std::string>());
      reason.push_back(t["reason_label"]);
      evaluated.push_back(t["evaluated_period"]);
      target_period.push_back(t["target_period"]);
      comment.push_back(t["comment"]);
      for (std::size_t k = 0; k < kNumbers.size(); ++k) {
        const json& value = t[kNumbers[k]];
        numbers[k].push_back(value.is_number() ? value.get<double>() : 0.0);
        if (!value.is_number()) valid[k].Clear(row);
      }
    }
    const std::array<std::string, 6> number_headers = {
        std::string(Tr("Utgångsvärde", "Baseline")),   std::string(Tr("Skattning", "Estimate")),
        std::string(Tr("Nedre gräns", "Lower limit")), std::string(Tr("Övre gräns", "Upper limit")),
        std::string(Tr("Banans värde", "Path value")), std::string(Tr("Målvärde", "Target value"))};
    std::vector<Column> columns;
    columns.push_back(Column::String(std::string(Tr("Mål", "Goal")), std::move(goal)));
    columns.push_back(Column::String("id", std::move(id)));
    columns.push_back(
        Column::String(std::string(Tr("Indikator", "Indicator")), std::move(indicator)));
    columns.push_back(Column::String(std::string(Tr("Område", "Area")), std::move(area)));
    columns.push_back(
        Column::String(std::string(Tr("Målsort", "Target kind")), std::move(description)));
    columns.push_back(Column::String(std::string(Tr("Status", "Status")), std::move(status)));
    columns.push_back(Column::String(std::string(Tr("Skäl", "Reason")), std::move(reason)));
    columns.push_back(Column::String(std::string(Tr("Uppgifter för period", "Data for period")),
                                     std::move(evaluated)));
    for (std::size_t k = 0; k < kNumbers.size(); ++k) {
      columns.push_back(
          Column::Double(number_headers[k], std::move(numbers[k]), std::move(valid[k])));
    }
    columns.push_back(
        Column::String(std::string(Tr("Målperiod", "Target period")), std::move(target_period)));
    columns.push_back(Column::String(std::string(Tr("Kommentar", "Comment")), std::move(comment)));
    sheets.emplace_back(std::string(Tr("Målvärden", "Targets")), Table(std::move(columns)));
  }
  // Measures.
  {
    std::vector<std::string> name, committee, group, start, end, status, goals;
    std::vector<double> sek;
    for (const json& m : model["measures"]) {
      name.push_back(m["name"]);
      committee.push_back(m["committee_name"]);
      std::string g = m["target_group"]["dimension"];
      std::string subgroups;
      for (const json& s : m["target_group"]["subgroups"]) {
        subgroups += (subgroups.empty() ? "" : ", ") + s.get<std::string>();
      }
      if (!subgroups.empty()) g += ": " + subgroups;
      group.push_back(g);
      start.push_back(m["start"]);
      end.push_back(m["end"]);
      status.push_back(m["status_label"]);
      std::string served;
      for (const json& s : m["goals"])
        served += (served.empty() ? "" : ", ") + s.get<std::string>();
      goals.push_back(served);
      sek.push_back(m["sek"]);
    }
    std::vector<Column> columns;
    columns.push_back(Column::String(std::string(Tr("Insats", "Measure")), std::move(name)));
    columns.push_back(Column::String(std::string(Tr("Nämnd", "Committee")), std::move(committee)));
    columns.push_back(
        Column::String(std::string(Tr("Målgrupp", "Target group")), std::move(group)));
    columns.push_back(Column::String(std::string(Tr("Start", "Start")), std::move(start)));
    columns.push_back(Column::String(std::string(Tr("Slut", "End")), std::move(end)));
    columns.push_back(Column::String(std::string(Tr("Status", "Status")), std::move(status)));
    columns.push_back(Column::String(std::string(Tr("Mål", "Goals")), std::move(goals)));
    columns.push_back(Column::Double(
        fmt::format("{} {} ({})", Tr("Budget", "Budget"), model["year"].get<int>(), "SEK"),
        std::move(sek)));
    sheets.emplace_back(std::string(Tr("Insatser", "Measures")), Table(std::move(columns)));
  }
  // The measures' assessed effects (when AddMeasureEffects added them).
  {
    std::vector<std::string> name, target, indicator, area, before, after, verdict, period;
    std::vector<std::array<json, 5>> values;
    for (const json& m : model["measures"]) {
      for (const json& e : m.value("effects", json::array())) {
        name.push_back(m["name"]);
        target.push_back(e["target"]);
        indicator.push_back(e.value("indicator_name", e["indicator"].get<std::string>()));
        area.push_back(e["area"]);
        before.push_back(e["before_period"].is_string() ? e["before_period"].get<std::string>()
                                                        : "");
        after.push_back(e["after_period"].is_string() ? e["after_period"].get<std::string>() : "");
        verdict.push_back(e["verdict_label"]);
        const json& did = e["difference_in_differences"];
        const json& predicted = e["predicted"];
        period.push_back(predicted.is_object() ? predicted["period"].get<std::string>() : "");
        values.push_back({did["estimate"], did["lower"], did["upper"],
                          predicted.is_object() ? predicted["value"] : json(nullptr),
                          predicted.is_object() && predicted["measured"].is_object()
                              ? predicted["measured"]["estimate"]
                              : json(nullptr)});
      }
    }
    std::vector<double> numbers[5];
    Validity valid[5];
    for (int k = 0; k < 5; ++k) {
      valid[k] = Validity::AllValid(values.size());
      for (std::size_t row = 0; row < values.size(); ++row) {
        const json& value = values[row][k];
        numbers[k].push_back(value.is_number() ? value.get<double>() : 0.0);
        if (!value.is_number()) valid[k].Clear(row);
      }
    }
    if (!name.empty()) {
      const std::array<std::string, 5> headers = {
          std::string(Tr("Skillnad i skillnader", "Difference in differences")),
          std::string(Tr("Nedre gräns", "Lower limit")),
          std::string(Tr("Övre gräns", "Upper limit")), std::string(Tr("Förutsagt", "Predicted")),
          std::string(Tr("Uppmätt i uppföljningen", "Measured by the follow-up"))};
      std::vector<Column> columns;
      columns.push_back(Column::String(std::string(Tr("Insats", "Measure")), std::move(name)));
      columns.push_back(Column::String(std::string(Tr("Målvärde", "Target")), std::move(target)));
      columns.push_back(
          Column::String(std::string(Tr("Indikator", "Indicator")), std::move(indicator)));
      columns.push_back(Column::String(std::string(Tr("Område", "Area")), std::move(area)));
      columns.push_back(Column::String(std::string(Tr("Före", "Before")), std::move(before)));
      columns.push_back(Column::String(std::string(Tr("Efter", "After")), std::move(after)));
      for (int k = 0; k < 3; ++k) {
        columns.push_back(Column::Double(headers[k], std::move(numbers[k]), std::move(valid[k])));
      }
      columns.push_back(
          Column::String(std::string(Tr("Bedömning", "Verdict")), std::move(verdict)));
      columns.push_back(Column::String(
          std::string(Tr("Förutsägelsens period", "Prediction's period")), std::move(period)));
      for (int k = 3; k < 5; ++k) {
        columns.push_back(Column::Double(headers[k], std::move(numbers[k]), std::move(valid[k])));
      }
      sheets.emplace_back(std::string(Tr("Effekter", "Effects")), Table(std::move(columns)));
    }
  }
  // Budget per committee, and the total.
  {
    std::vector<std::string> committee;
    std::vector<double> sek;
    for (const json& c : model["budget"]["committees"]) {
      committee.push_back(c["name"]);
      sek.push_back(c["sek"]);
    }
    committee.emplace_back(Tr("Totalt", "Total"));
    sek.push_back(model["budget"]["total"]);
    std::vector<Column> columns;
    columns.push_back(Column::String(std::string(Tr("Nämnd", "Committee")), std::move(committee)));
    columns.push_back(Column::Double("SEK", std::move(sek)));
    sheets.emplace_back(std::string(Tr("Budget", "Budget")), Table(std::move(columns)));
  }
  return sheets;
}

std::string AnnualReportHtml(const json& model) {
  const int year = model["year"];
  std::string html = fmt::format(
      "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>"
      "<style>{}</style></head><body><h1>{}</h1>",
      model["language"].get<std::string>(), Escape(model["title"].get<std::string>()), kStyle,
      Escape(model["title"].get<std::string>()));
  const std::string period = model["period"];
  html += fmt::format(
      "<p class=\"meta\">{} · {}</p>", Escape(model["organisation"].get<std::string>()),
      period.empty() ? std::string(Tr("Planen är inte uppföljd ännu.",
                                      "The plan has not been followed up yet."))
                     : fmt::format("{} {}", Tr("Uppföljning", "Follow-up"), Escape(period)));
  // The status summary, in words and marks.
  html += fmt::format("<p>{}: ", Tr("Målvärdenas status", "The targets' status"));
  bool first = true;
  for (const char* status : {"reached", "on_track", "at_risk", "off_track", "no_data"}) {
    const int count = model["status_counts"].value(status, 0);
    if (count == 0) continue;
    const auto value = *EnumFromId<followup::TargetStatus>(status);
    html += fmt::format("{}{} {} {}", first ? "" : ", ", Symbol(status),
                        Escape(std::string(EnumLabel(value, CurrentLanguage()))), count);
    first = false;
  }
  if (first) html += Escape(std::string(Tr("inga uppföljda målvärden", "no targets followed up")));
  html += fmt::format(
      ".</p><p class=\"legend\">{}</p>",
      Tr("Diagrammen: ○ utgångsvärde, ● skattning med konfidensintervall, ▮ banans värde nu, "
         "streckad linje målvärdet.",
         "The charts: ○ baseline, ● estimate with its confidence interval, ▮ the path's value "
         "now, dashed line the target."));
  for (const json& recommendation : model["recommendations"]) {
    html += fmt::format("<h2>{}</h2>", Escape(recommendation["label"].get<std::string>()));
    for (const json& goal : recommendation["goals"]) {
      html += fmt::format(
          "<h3>{}</h3><p class=\"meta\">{} · {} {}", Escape(goal["title"].get<std::string>()),
          Escape(goal["body"].get<std::string>()), Tr("välfärdsområde", "welfare area"),
          Escape(goal["welfare_area"].get<std::string>()));
      if (!goal["contributes_to"].get<std::string>().empty()) {
        html += fmt::format(" · {} {}", Tr("bidrar till", "contributes to"),
                            Escape(goal["contributes_to"].get<std::string>()));
      }
      html += "</p>";
      if (!goal["targets"].empty()) html += TargetsTable(goal["targets"]);
      if (!goal["measures"].empty()) html += MeasuresTable(goal["measures"], year);
    }
  }
  if (!model["other_targets"].empty()) {
    html += fmt::format("<h2>{}</h2>", Tr("Målvärden utan mål", "Targets without a goal"));
    html += TargetsTable(model["other_targets"]);
  }
  html += fmt::format(
      "<h2>{} {}</h2><table><thead><tr><th>{}</th><th class=\"num\">{}</th></tr>"
      "</thead><tbody>",
      Tr("Budget för insatser", "Budget of the measures"), year, Tr("Nämnd", "Committee"),
      Tr("Belopp", "Amount"));
  for (const json& committee : model["budget"]["committees"]) {
    html += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                        Escape(committee["name"].get<std::string>()),
                        Sek(committee["sek"].get<double>()));
  }
  html += fmt::format(
      "<tr><th scope=\"row\">{}</th><td class=\"num\"><strong>{}</strong></td>"
      "</tr></tbody></table></body></html>",
      Tr("Totalt", "Total"), Sek(model["budget"]["total"].get<double>()));
  return html;
}

std::string AnnualReportFileName(const json& model) {
  return fmt::format("{}-{}", Tr("jamlikhetsavsnitt", "equity-section"), model["year"].get<int>());
}

}  // namespace jamlik::app
