#include "app/plans/plan_document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "app/recommendation.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "followup/gap_scale.hpp"
#include "followup/target_kind.hpp"
#include "indicators/definition_schema.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

constexpr std::array<const char*, 5> kCollections = {"bodies", "goals", "periods", "targets",
                                                     "measures"};

[[noreturn]] void Invalid(const std::string& field, std::string_view swedish,
                          std::string_view english, const std::string& value = {}) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(std::string(Tr(swedish, english))), value), {}, field);
}

std::string Field(const char* list, std::size_t index, const char* key) {
  return fmt::format("{}[{}].{}", list, index, key);
}

std::string Text(const json& item, const std::string& field, const char* key, bool required,
                 std::size_t max_characters = kMaxNameCharacters) {
  const auto found = item.find(key);
  if (found == item.end() || found->is_null() || (found->is_string() && found->empty())) {
    if (required) Invalid(field, "krävs", "is required");
    return {};
  }
  if (!found->is_string()) Invalid(field, "ska vara en text", "must be a string");
  const std::string text = found->get<std::string>();
  if (text.empty()) {
    if (required) Invalid(field, "krävs", "is required");
    return {};
  }
  CheckName(text, field.c_str(), max_characters);
  return text;
}

bool IsDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int month = std::stoi(text.substr(5, 2));
  const int day = std::stoi(text.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string Date(const json& item, const std::string& field, const char* key, bool required) {
  const std::string text = Text(item, field, key, required);
  if (!text.empty() && !IsDate(text)) {
    Invalid(field, "'{}' är inget datum (ÅÅÅÅ-MM-DD)", "'{}' is not a date (YYYY-MM-DD)", text);
  }
  return text;
}

const json& List(const json& document, const char* key) {
  static const json kEmpty = json::array();
  const auto found = document.find(key);
  if (found == document.end() || found->is_null()) return kEmpty;
  if (!found->is_array()) Invalid(key, "ska vara en lista", "must be a list");
  return *found;
}

// Check the items of one list are objects with unique ids; return the ids.
std::set<std::string> Ids(const json& list, const char* key) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_object()) {
      Invalid(fmt::format("{}[{}]", key, i), "ska vara ett objekt", "must be an object");
    }
    const std::string id = Text(list[i], Field(key, i, "id"), "id", true, 100);
    if (!ids.insert(id).second) {
      Invalid(Field(key, i, "id"), "'{}' finns redan", "'{}' is already used", id);
    }
  }
  return ids;
}

std::string PeriodText(const json& item, const std::string& field, const char* key, bool required) {
  const auto found = item.find(key);
  std::string text;
  if (found != item.end() && found->is_number_integer()) {
    text = std::to_string(found->get<long long>());
  } else {
    text = Text(item, field, key, required);
  }
  if (!text.empty() && !followup::ParsePeriod(text)) {
    Invalid(field,
            "'{}' är ingen period: skriv ett år (\"2025\") eller en tertial (\"2025-T1\" … "
            "\"2025-T3\")",
            "'{}' is not a period: write a year (\"2025\") or a tertial (\"2025-T1\" … "
            "\"2025-T3\")",
            text);
  }
  return text;
}

json Bodies(const json& list) {
  Ids(list, "bodies");
  std::map<std::string, std::string> kinds;
  for (const json& body : list) kinds[body["id"]] = body.value("kind", "");
  json out = json::array();
  int assemblies = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& body = list[i];
    const std::string kind = Text(body, Field("bodies", i, "kind"), "kind", true);
    if (kind != "fullmaktige" && kind != "namnd" && kind != "unit") {
      Invalid(Field("bodies", i, "kind"), "'{}': välj fullmaktige, namnd eller unit",
              "'{}': choose fullmaktige, namnd or unit", kind);
    }
    const std::string parent = Text(body, Field("bodies", i, "parent"), "parent", false, 100);
    const char* parent_kind = kind == "namnd" ? "fullmaktige" : kind == "unit" ? "namnd" : "";
    if (kind == "fullmaktige") {
      if (++assemblies > 1) {
        Invalid(Field("bodies", i, "kind"), "planen har redan ett fullmäktige",
                "the plan has an assembly already");
      }
      if (!parent.empty()) {
        Invalid(Field("bodies", i, "parent"), "fullmäktige har ingen överordnad",
                "the assembly has no parent");
      }
    } else if (!parent.empty() && kinds[parent] != parent_kind) {
      Invalid(Field("bodies", i, "parent"),
              "'{}' ska vara ett organ av sorten " + std::string(parent_kind),
              "'{}' must be a body of kind " + std::string(parent_kind), parent);
    }
    out.push_back({{"id", body["id"]},
                   {"kind", kind},
                   {"name", Text(body, Field("bodies", i, "name"), "name", true)},
                   {"parent", parent}});
  }
  return out;
}

json Goals(const json& list, const json& bodies) {
  Ids(list, "goals");
  std::map<std::string, std::string> parent_of, body_of;
  std::set<std::string> body_ids;
  for (const json& body : bodies) {
    parent_of[body["id"]] = body["parent"];
    body_ids.insert(body["id"]);
  }
  for (const json& goal : list) body_of[goal["id"]] = goal.value("body", "");
  json out = json::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& goal = list[i];
    const std::string body = Text(goal, Field("goals", i, "body"), "body", true, 100);
    if (!body_ids.contains(body)) {
      Invalid(Field("goals", i, "body"), "'{}' är inget organ i planen",
              "'{}' is not a body of the plan", body);
    }
    const std::string recommendation =
        Text(goal, Field("goals", i, "recommendation"), "recommendation", true);
    if (!EnumFromId<Recommendation>(recommendation)) {
      Invalid(Field("goals", i, "recommendation"),
              "'{}': välj governance, measure, good_start, self_support eller environments",
              "'{}': choose governance, measure, good_start, self_support or environments",
              recommendation);
    }
    const std::string contributes =
        Text(goal, Field("goals", i, "contributes_to"), "contributes_to", false, 100);
    if (!contributes.empty()) {
      const auto found = body_of.find(contributes);
      if (found == body_of.end() || parent_of[body].empty() || found->second != parent_of[body]) {
        Invalid(Field("goals", i, "contributes_to"),
                "'{}' är inget mål hos organets överordnade organ",
                "'{}' is not a goal of the body's parent", contributes);
      }
    }
    out.push_back(
        {{"id", goal["id"]},
         {"body", body},
         {"title", Text(goal, Field("goals", i, "title"), "title", true, 500)},
         {"recommendation", recommendation},
         {"welfare_area", Text(goal, Field("goals", i, "welfare_area"), "welfare_area", true, 100)},
         {"contributes_to", contributes}});
  }
  return out;
}

json Periods(const json& list, int year) {
  Ids(list, "periods");
  json out = json::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& period = list[i];
    const std::string id = period["id"];
    const std::string kind = Text(period, Field("periods", i, "kind"), "kind", true);
    const std::string y = std::to_string(year);
    const bool matches =
        (kind == "year" && id == y) ||
        (kind == "tertial" && (id == y + "-T1" || id == y + "-T2" || id == y + "-T3")) ||
        (kind == "half_year" && (id == y + "-H1" || id == y + "-H2"));
    if (kind != "year" && kind != "tertial" && kind != "half_year") {
      Invalid(Field("periods", i, "kind"), "'{}': välj tertial, half_year eller year",
              "'{}': choose tertial, half_year or year", kind);
    }
    if (!matches) {
      Invalid(
          Field("periods", i, "id"),
          "'{}' är ingen period av sorten under planens år (" + y + "-T1, " + y + "-H1, " + y + ")",
          "'{}' is not a period of the kind in the plan's year (" + y + "-T1, " + y + "-H1, " + y +
              ")",
          id);
    }
    out.push_back({{"id", id},
                   {"kind", kind},
                   {"deadline", Date(period, Field("periods", i, "deadline"), "deadline", true)}});
  }
  return out;
}

json Targets(const json& list, const std::set<std::string>& goal_ids) {
  Ids(list, "targets");
  json out = json::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& target = list[i];
    const auto field = [&](const char* key) { return Field("targets", i, key); };
    const std::string goal = Text(target, field("goal"), "goal", false, 100);
    if (!goal.empty() && !goal_ids.contains(goal)) {
      Invalid(field("goal"), "'{}' är inget mål i planen", "'{}' is not a goal of the plan", goal);
    }
    const auto analysis = target.find("analysis");
    if (analysis == target.end() || !analysis->is_number_integer() ||
        analysis->get<std::int64_t>() <= 0) {
      Invalid(field("analysis"), "ska vara id för en sparad analys",
              "must be the id of a saved analysis");
    }
    const std::string kind_id = Text(target, field("kind"), "kind", true);
    const followup::TargetKind* kind = followup::FindTargetKind(kind_id);
    if (kind == nullptr) {
      Invalid(field("kind"), "'{}' är ingen målsort: gap, floor, level, total",
              "'{}' is not a target kind: gap, floor, level, total", kind_id);
    }
    json out_target = {{"id", target["id"]},
                       {"goal", goal},
                       {"analysis", *analysis},
                       {"indicator", Text(target, field("indicator"), "indicator", true)},
                       {"area", Text(target, field("area"), "area", true, 20)},
                       {"kind", kind_id}};
    const auto keyed = [&](const char* key, bool needed) {
      const std::string value = Text(target, field(key), key, needed);
      if (!needed && !value.empty()) {
        Invalid(field(key), "används inte för målsorten '{}'", "is not used for the kind '{}'",
                kind_id);
      }
      out_target[key] = value;
    };
    keyed("measure", kind->needs_measure);
    keyed("dimension", kind->needs_dimension);
    keyed("subgroup", kind->needs_subgroup);
    if (kind->needs_measure) {
      const auto measures = followup::GapMeasures();
      if (std::find(measures.begin(), measures.end(), out_target["measure"].get<std::string>()) ==
          measures.end()) {
        Invalid(field("measure"), "'{}' är inget gapmått: d, r, sii, rii, aci eller rci",
                "'{}' is not a gap measure: d, r, sii, rii, aci or rci",
                out_target["measure"].get<std::string>());
      }
    }
    const std::string baseline =
        PeriodText(target, field("baseline_period"), "baseline_period", false);
    const std::string by = PeriodText(target, field("target_period"), "target_period", true);
    if (!baseline.empty() &&
        followup::ParsePeriod(by)->EndMonth() <= followup::ParsePeriod(baseline)->EndMonth()) {
      Invalid(field("target_period"), "'{}' måste ligga efter basperioden",
              "'{}' must lie after the baseline period", by);
    }
    const auto value = target.find("target_value");
    if (value == target.end() || !value->is_number() || !std::isfinite(value->get<double>())) {
      Invalid(field("target_value"), "ska vara ett tal", "must be a number");
    }
    if (kind->needs_measure &&
        followup::GapScaleOf(out_target["measure"].get<std::string>()).log_scale &&
        !(value->get<double>() > 0)) {
      Invalid(field("target_value"), "en kvot som mål måste vara större än 0",
              "a ratio's target must be greater than 0");
    }
    out_target["baseline_period"] = baseline;
    out_target["target_value"] = value->get<double>();
    out_target["target_period"] = by;
    out.push_back(std::move(out_target));
  }
  return out;
}

json Measures(const json& list, const json& bodies, const std::set<std::string>& goal_ids) {
  Ids(list, "measures");
  std::set<std::string> committees;
  for (const json& body : bodies) {
    if (body["kind"] == "namnd") committees.insert(body["id"]);
  }
  json out = json::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& measure = list[i];
    const auto field = [&](const char* key) { return Field("measures", i, key); };
    const std::string committee = Text(measure, field("committee"), "committee", true, 100);
    if (!committees.contains(committee)) {
      Invalid(field("committee"), "'{}' är ingen nämnd i planen",
              "'{}' is not a committee of the plan", committee);
    }
    json group = {{"dimension", ""}, {"subgroups", json::array()}};
    if (const auto found = measure.find("target_group");
        found != measure.end() && !found->is_null()) {
      if (!found->is_object()) {
        Invalid(field("target_group"), "ska vara ett objekt", "must be an object");
      }
      group["dimension"] =
          Text(*found, field("target_group") + ".dimension", "dimension", false, 100);
      const json& subgroups = found->value("subgroups", json::array());
      if (!subgroups.is_array()) {
        Invalid(field("target_group") + ".subgroups", "ska vara en lista", "must be a list");
      }
      for (const json& subgroup : subgroups) {
        if (!subgroup.is_string() || subgroup.get<std::string>().empty()) {
          Invalid(field("target_group") + ".subgroups", "ska vara texter", "must be strings");
        }
        group["subgroups"].push_back(subgroup);
      }
      if (group["dimension"] == "" && !group["subgroups"].empty()) {
        Invalid(field("target_group") + ".dimension", "krävs för grupperna",
                "is required for the subgroups");
      }
    }
    json budget = json::object();
    if (const auto found = measure.find("budget"); found != measure.end() && !found->is_null()) {
      if (!found->is_object()) {
        Invalid(field("budget"), "ska vara ett objekt {\"2026\": kronor}",
                "must be an object {\"2026\": SEK}");
      }
      for (const auto& [year, sek] : found->items()) {
        const auto period = followup::ParsePeriod(year);
        if (!period || period->tertial != 0) {
          Invalid(field("budget"), "'{}' är inget år", "'{}' is not a year", year);
        }
        if (!sek.is_number() || !std::isfinite(sek.get<double>()) || sek.get<double>() < 0) {
          Invalid(field("budget") + "." + year, "ska vara ett belopp i kronor, minst 0",
                  "must be an amount in SEK, at least 0");
        }
        budget[year] = sek.get<double>();
      }
    }
    const std::string start = Date(measure, field("start"), "start", true);
    const std::string end = Date(measure, field("end"), "end", false);
    if (!end.empty() && end < start) {
      Invalid(field("end"), "slutet ligger före starten", "the end is before the start");
    }
    std::string status = Text(measure, field("status"), "status", false);
    if (status.empty()) status = "planned";
    if (status != "planned" && status != "ongoing" && status != "completed" &&
        status != "cancelled") {
      Invalid(field("status"), "'{}': välj planned, ongoing, completed eller cancelled",
              "'{}': choose planned, ongoing, completed or cancelled", status);
    }
    json goals = json::array();
    const json& served = measure.value("goals", json::array());
    if (!served.is_array()) Invalid(field("goals"), "ska vara en lista", "must be a list");
    for (const json& goal : served) {
      if (!goal.is_string() || !goal_ids.contains(goal.get<std::string>())) {
        Invalid(field("goals"), "'{}' är inget mål i planen", "'{}' is not a goal of the plan",
                goal.is_string() ? goal.get<std::string>() : goal.dump());
      }
      goals.push_back(goal);
    }
    out.push_back({{"id", measure["id"]},
                   {"name", Text(measure, field("name"), "name", true, 500)},
                   {"committee", committee},
                   {"target_group", group},
                   {"budget", budget},
                   {"start", start},
                   {"end", end},
                   {"status", status},
                   {"goals", goals}});
  }
  return out;
}

}  // namespace

json CanonicalPlanDocument(const json& document, int year) {
  if (!document.is_object()) Invalid("document", "ska vara ett objekt", "must be an object");
  json out = json::object();
  out["bodies"] = Bodies(List(document, "bodies"));
  out["goals"] = Goals(List(document, "goals"), out["bodies"]);
  std::set<std::string> goal_ids;
  for (const json& goal : out["goals"]) goal_ids.insert(goal["id"]);
  out["periods"] = Periods(List(document, "periods"), year);
  out["targets"] = Targets(List(document, "targets"), goal_ids);
  out["measures"] = Measures(List(document, "measures"), out["bodies"], goal_ids);
  return out;
}

json PlanBudget(const json& document, int year) {
  const std::string key = std::to_string(year);
  std::map<std::string, double> by_committee, by_goal;
  double total = 0;
  for (const json& measure : document["measures"]) {
    if (measure["status"] == "cancelled") continue;
    const double sek = measure["budget"].value(key, 0.0);
    total += sek;
    by_committee[measure["committee"]] += sek;
    for (const json& goal : measure["goals"]) by_goal[goal] += sek;
  }
  json committees = json::array();
  for (const json& body : document["bodies"]) {
    if (body["kind"] != "namnd") continue;
    committees.push_back(
        {{"body", body["id"]}, {"name", body["name"]}, {"sek", by_committee[body["id"]]}});
  }
  json goals = json::array();
  for (const json& goal : document["goals"]) {
    goals.push_back({{"goal", goal["id"]}, {"title", goal["title"]}, {"sek", by_goal[goal["id"]]}});
  }
  return {{"year", year}, {"total", total}, {"committees", committees}, {"goals", goals}};
}

json PlanDifference(const json& before, const json& after) {
  json changes = json::array();
  for (const char* collection : kCollections) {
    std::map<std::string, json> old_items, new_items;
    for (const json& item : before.value(collection, json::array())) old_items[item["id"]] = item;
    for (const json& item : after.value(collection, json::array())) new_items[item["id"]] = item;
    for (const auto& [id, item] : old_items) {
      if (!new_items.contains(id)) {
        changes.push_back({{"collection", collection},
                           {"id", id},
                           {"change", "removed"},
                           {"fields", json::object()}});
      }
    }
    for (const auto& [id, item] : new_items) {
      const auto old_item = old_items.find(id);
      if (old_item == old_items.end()) {
        changes.push_back({{"collection", collection},
                           {"id", id},
                           {"change", "added"},
                           {"fields", json::object()}});
        continue;
      }
      json fields = json::object();
      for (const auto& [key, value] : item.items()) {
        const json& was = old_item->second.contains(key) ? old_item->second[key] : json();
        if (was != value) fields[key] = {{"from", was}, {"to", value}};
      }
      if (!fields.empty()) {
        changes.push_back(
            {{"collection", collection}, {"id", id}, {"change", "changed"}, {"fields", fields}});
      }
    }
  }
  return changes;
}

std::optional<int> PlanPeriodEndMonth(const std::string& id) {
  if (const auto period = followup::ParsePeriod(id)) return period->EndMonth();
  if (id.size() == 7 && id[4] == '-' && id[5] == 'H' && (id[6] == '1' || id[6] == '2')) {
    if (const auto year = followup::ParsePeriod(id.substr(0, 4))) {
      return 12 * year->year + 6 * (id[6] - '0');
    }
  }
  return std::nullopt;
}

followup::Target EngineTarget(const json& target,
                              const std::optional<followup::Period>& baseline_period) {
  followup::Target out;
  out.id = target["id"];
  out.indicator = target["indicator"];
  out.area = target["area"];
  out.kind = target["kind"];
  out.measure = target["measure"];
  out.dimension = target["dimension"];
  out.subgroup = target["subgroup"];
  const std::string written = target["baseline_period"];
  if (!written.empty()) {
    out.baseline_period = *followup::ParsePeriod(written);
  } else if (baseline_period) {
    out.baseline_period = *baseline_period;
  }
  out.target_value = target["target_value"];
  out.target_period = *followup::ParsePeriod(target["target_period"].get<std::string>());
  return out;
}

// ---- TOML ----

namespace {

std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Number(double value) {
  if (value == std::floor(value) && std::abs(value) < 1e15) {
    return fmt::format("{:.1f}", value);
  }
  return fmt::format("{}", value);
}

std::string TomlValue(const json& value) {
  if (value.is_string()) return Quoted(value.get<std::string>());
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number()) return Number(value.get<double>());
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < value.size(); ++i) {
      out += (i ? ", " : "") + TomlValue(value[i]);
    }
    return out + "]";
  }
  std::string out = "{ ";
  bool first = true;
  for (const auto& [key, member] : value.items()) {
    out += (first ? "" : ", ") + Quoted(key) + " = " + TomlValue(member);
    first = false;
  }
  return out + (first ? "}" : " }");
}

json NodeToJson(const DefinitionNode& node) {
  switch (node.kind) {
    case DefinitionNode::Kind::kText:
      return node.text;
    case DefinitionNode::Kind::kNumber:
      if (node.number == std::floor(node.number) && std::abs(node.number) < 1e15) {
        return static_cast<std::int64_t>(node.number);
      }
      return node.number;
    case DefinitionNode::Kind::kBoolean:
      return node.boolean;
    case DefinitionNode::Kind::kList: {
      json out = json::array();
      for (const DefinitionNode& item : node.items) out.push_back(NodeToJson(item));
      return out;
    }
    case DefinitionNode::Kind::kTable: {
      json out = json::object();
      for (const DefinitionNode& member : node.members) out[member.key] = NodeToJson(member);
      return out;
    }
    case DefinitionNode::Kind::kOther:
      break;
  }
  return nullptr;
}

constexpr std::array<std::pair<const char*, const char*>, 5> kTomlLists = {{
    {"body", "bodies"},
    {"goal", "goals"},
    {"period", "periods"},
    {"target", "targets"},
    {"measure", "measures"},
}};

// The follow-up plan's keys of a target (src/followup/plan.hpp), in its order.
constexpr std::array<const char*, 10> kFollowUpKeys = {
    "id",       "indicator",       "area",         "kind",         "measure", "dimension",
    "subgroup", "baseline_period", "target_value", "target_period"};

}  // namespace

std::string PlanToToml(const json& document, int year,
                       const std::vector<std::pair<std::int64_t, std::string>>& analysis_names,
                       bool targets_only) {
  std::ostringstream out;
  out << "# Jämlik: plan " << year << " (jamlik plan export)\n";
  if (!targets_only) out << "year = " << year << "\n";
  for (const auto& [table, list] : kTomlLists) {
    if (targets_only && std::string_view(table) != "target") continue;
    for (const json& item : document[list]) {
      out << "\n[[" << table << "]]\n";
      if (std::string_view(table) == "target") {
        for (const char* key : kFollowUpKeys) {
          const json& value = item[key];
          if (value.is_string() && value.get<std::string>().empty()) continue;
          out << key << " = " << TomlValue(value) << "\n";
        }
        if (targets_only) continue;
        if (item["goal"] != "") out << "goal = " << Quoted(item["goal"]) << "\n";
        const std::int64_t analysis = item["analysis"];
        std::string name = std::to_string(analysis);
        for (const auto& [id, analysis_name] : analysis_names) {
          if (id == analysis) name = analysis_name;
        }
        out << "analysis = " << Quoted(name) << "\n";
        continue;
      }
      for (const auto& [key, value] : item.items()) {
        if (value.is_string() && value.get<std::string>().empty()) continue;
        out << key << " = " << TomlValue(value) << "\n";
      }
    }
  }
  return out.str();
}

json TomlToPlanJson(const std::string& text, const std::string& display_name) {
  const DefinitionNode document = ParseTomlDocument(text, display_name);
  json out = json::object();
  for (const auto& [table, list] : kTomlLists) out[list] = json::array();
  for (const DefinitionNode& member : document.members) {
    if (member.key == "year") {
      out["year"] = NodeToJson(member);
      continue;
    }
    const auto list = std::find_if(kTomlLists.begin(), kTomlLists.end(),
                                   [&](const auto& entry) { return member.key == entry.first; });
    if (list == kTomlLists.end() || member.kind != DefinitionNode::Kind::kList) {
      FailAtKey(member, member.key, Tr("okänd nyckel (felstavad?)", "unknown key (misspelt?)"));
    }
    for (const DefinitionNode& item : member.items) {
      json value = NodeToJson(item);
      // A measure's budget years are keys; TOML may give them as numbers in an inline table.
      out[list->second].push_back(std::move(value));
    }
  }
  return out;
}

}  // namespace jamlik::app
