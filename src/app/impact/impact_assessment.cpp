#include "app/impact/impact_assessment.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "app/text_field.hpp"
#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "followup/gap_scale.hpp"
#include "followup/target.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxTextCharacters = 10'000;

[[noreturn]] void Invalid(const std::string& field, std::string_view swedish,
                          std::string_view english, const std::string& value = {}) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(std::string(Tr(swedish, english))), value), {}, field);
}

std::string Text(const json& item, const std::string& field, const char* key, bool required,
                 std::size_t max_characters = kMaxNameCharacters) {
  const auto found = item.find(key);
  if (found == item.end() || found->is_null()) {
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

std::string Item(const char* list, std::size_t index, const char* key) {
  return fmt::format("{}[{}].{}", list, index, key);
}

const json& List(const json& document, const char* key) {
  static const json kEmpty = json::array();
  const auto found = document.find(key);
  if (found == document.end() || found->is_null()) return kEmpty;
  if (!found->is_array()) Invalid(key, "ska vara en lista", "must be a list");
  for (std::size_t i = 0; i < found->size(); ++i) {
    if (!(*found)[i].is_object()) {
      Invalid(fmt::format("{}[{}]", key, i), "ska vara ett objekt", "must be an object");
    }
  }
  return *found;
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

std::optional<double> Number(const json& item, const std::string& field, const char* key,
                             bool required) {
  const auto found = item.find(key);
  if (found == item.end() || found->is_null()) {
    if (required) Invalid(field, "krävs och ska vara ett tal", "is required and must be a number");
    return std::nullopt;
  }
  if (!found->is_number() || !std::isfinite(found->get<double>())) {
    Invalid(field, "ska vara ett tal", "must be a number");
  }
  return found->get<double>();
}

std::string Period(const json& item, const std::string& field, const char* key, bool required) {
  const auto found = item.find(key);
  std::string text;
  if (found != item.end() && found->is_number_integer()) {
    text = std::to_string(found->get<long long>());
  } else {
    text = Text(item, field, key, required, 20);
  }
  if (!text.empty() && !followup::ParsePeriod(text)) {
    Invalid(field, "'{}' är ingen period: skriv ett år (\"2026\") eller en tertial (\"2026-T1\")",
            "'{}' is not a period: write a year (\"2026\") or a tertial (\"2026-T1\")", text);
  }
  return text;
}

const json* FindById(const json& list, const std::string& id) {
  for (const json& item : list) {
    if (item["id"] == id) return &item;
  }
  return nullptr;
}

json Subject(const json& document, const json& plan) {
  const auto found = document.find("subject");
  if (found == document.end() || !found->is_object()) {
    Invalid("subject", "krävs och ska vara ett objekt", "is required and must be an object");
  }
  const std::string kind = Text(*found, "subject.kind", "kind", true);
  if (kind == "measure") {
    const std::string measure = Text(*found, "subject.measure", "measure", true, 100);
    if (FindById(plan["measures"], measure) == nullptr) {
      Invalid("subject.measure", "'{}' är ingen insats i planen",
              "'{}' is not a measure of the plan", measure);
    }
    return {{"kind", kind}, {"measure", measure}};
  }
  if (kind != "budget_change") {
    Invalid("subject.kind", "'{}': välj measure eller budget_change",
            "'{}': choose measure or budget_change", kind);
  }
  const std::string committee = Text(*found, "subject.committee", "committee", true, 100);
  const json* body = FindById(plan["bodies"], committee);
  if (body == nullptr || (*body)["kind"] != "namnd") {
    Invalid("subject.committee", "'{}' är ingen nämnd i planen",
            "'{}' is not a committee of the plan", committee);
  }
  const auto year = found->find("year");
  if (year == found->end() || !year->is_number_integer() || year->get<int>() < 1900 ||
      year->get<int>() > 2200) {
    Invalid("subject.year", "ska vara ett år", "must be a year");
  }
  return {{"kind", kind},
          {"committee", committee},
          {"year", year->get<int>()},
          {"sek", *Number(*found, "subject.sek", "sek", true)},
          {"description",
           Text(*found, "subject.description", "description", true, kMaxTextCharacters)}};
}

json Groups(const json& list) {
  json out = json::array();
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& group = list[i];
    const std::string written = Text(group, Item("groups", i, "dimension"), "dimension", true, 100);
    const DimensionInfo* dimension = FindDimensionByName(written);
    if (dimension == nullptr || dimension->kind == DimensionKind::kPeriod) {
      std::string known;
      for (const DimensionInfo& info : KnownDimensions()) {
        if (info.kind == DimensionKind::kPeriod) continue;
        known += (known.empty() ? "" : ", ") + std::string(info.column);
      }
      Invalid(Item("groups", i, "dimension"), "'{}' är ingen känd dimension: " + known,
              "'{}' is not a known dimension: " + known, written);
    }
    const std::string subgroup_written =
        Text(group, Item("groups", i, "subgroup"), "subgroup", true, 100);
    std::string subgroup;
    if (!dimension->categories.empty()) {
      subgroup = std::string(DeclaredCategoryCode(*dimension, subgroup_written));
      if (subgroup.empty()) {
        std::string codes;
        for (const DimensionCategory& category : dimension->categories) {
          codes += (codes.empty() ? "" : ", ") + std::string(category.code);
        }
        Invalid(Item("groups", i, "subgroup"),
                "'{}' är ingen kategori av " + std::string(dimension->column) + ": " + codes,
                "'{}' is not a category of " + std::string(dimension->column) + ": " + codes,
                subgroup_written);
      }
    } else {
      subgroup = subgroup_written;
      const bool digits = subgroup.find_first_not_of("0123456789") == std::string::npos;
      if (dimension->code_digits > 0 &&
          (!digits || subgroup.size() != static_cast<std::size_t>(dimension->code_digits))) {
        Invalid(Item("groups", i, "subgroup"),
                "'{}' är ingen kod med " + std::to_string(dimension->code_digits) + " siffror",
                "'{}' is not a code of " + std::to_string(dimension->code_digits) + " digits",
                subgroup);
      }
    }
    if (!seen.emplace(std::string(dimension->column), subgroup).second) {
      Invalid(Item("groups", i, "subgroup"), "'{}' finns redan bland grupperna",
              "'{}' is already among the groups", subgroup);
    }
    const std::string effect = Text(group, Item("groups", i, "effect"), "effect", true);
    if (effect != "positive" && effect != "negative" && effect != "neutral" && effect != "mixed" &&
        effect != "unknown") {
      Invalid(Item("groups", i, "effect"),
              "'{}': välj positive, negative, neutral, mixed eller unknown",
              "'{}': choose positive, negative, neutral, mixed or unknown", effect);
    }
    out.push_back({{"dimension", std::string(dimension->column)},
                   {"subgroup", subgroup},
                   {"effect", effect},
                   {"description", Text(group, Item("groups", i, "description"), "description",
                                        false, kMaxTextCharacters)}});
  }
  return out;
}

json Evidence(const json& list, const json& plan) {
  json out = json::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    const std::string kind = Text(item, Item("evidence", i, "kind"), "kind", true);
    json evidence = {{"kind", kind}};
    if (kind == "analysis") {
      const auto analysis = item.find("analysis");
      if (analysis == item.end() || !analysis->is_number_integer() ||
          analysis->get<std::int64_t>() <= 0) {
        Invalid(Item("evidence", i, "analysis"), "ska vara id för en sparad analys",
                "must be the id of a saved analysis");
      }
      evidence["analysis"] = analysis->get<std::int64_t>();
      evidence["indicator"] = Text(item, Item("evidence", i, "indicator"), "indicator", false, 100);
    } else if (kind == "published") {
      evidence["source"] = Text(item, Item("evidence", i, "source"), "source", true);
      evidence["reference"] = Text(item, Item("evidence", i, "reference"), "reference", true);
      evidence["area"] = Text(item, Item("evidence", i, "area"), "area", false, 20);
      evidence["period"] = Period(item, Item("evidence", i, "period"), "period", false);
      const auto value = Number(item, Item("evidence", i, "value"), "value", false);
      evidence["value"] = value ? json(*value) : json(nullptr);
      const std::string url = Text(item, Item("evidence", i, "url"), "url", false, 2'000);
      if (!url.empty() && !url.starts_with("https://") && !url.starts_with("http://")) {
        Invalid(Item("evidence", i, "url"), "ska börja med https://", "must start with https://");
      }
      evidence["url"] = url;
    } else if (kind == "target") {
      const std::string target = Text(item, Item("evidence", i, "target"), "target", true, 100);
      if (FindById(plan["targets"], target) == nullptr) {
        Invalid(Item("evidence", i, "target"), "'{}' är inget mål-värde i planen",
                "'{}' is not a target of the plan", target);
      }
      evidence["target"] = target;
    } else {
      Invalid(Item("evidence", i, "kind"), "'{}': välj analysis, published eller target",
              "'{}': choose analysis, published or target", kind);
    }
    evidence["note"] = Text(item, Item("evidence", i, "note"), "note", false, kMaxTextCharacters);
    out.push_back(std::move(evidence));
  }
  return out;
}

json Predictions(const json& list, const json& plan) {
  json out = json::array();
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    const std::string id = Text(item, Item("predictions", i, "target"), "target", true, 100);
    const json* target = FindById(plan["targets"], id);
    if (target == nullptr) {
      Invalid(Item("predictions", i, "target"), "'{}' är inget mål-värde i planen",
              "'{}' is not a target of the plan", id);
    }
    const std::string period = Period(item, Item("predictions", i, "period"), "period", true);
    if (!seen.emplace(id, period).second) {
      Invalid(Item("predictions", i, "period"), "'{}' har redan en förutsägelse för målet",
              "'{}' has a prediction for the target already", period);
    }
    const double value = *Number(item, Item("predictions", i, "value"), "value", true);
    const std::string measure = (*target)["measure"];
    if (!measure.empty() && followup::GapScaleOf(measure).log_scale && !(value > 0)) {
      Invalid(Item("predictions", i, "value"), "en kvot måste vara större än 0",
              "a ratio must be greater than 0");
    }
    out.push_back({{"target", id},
                   {"kind", (*target)["kind"]},
                   {"measure", measure},
                   {"dimension", (*target)["dimension"]},
                   {"period", period},
                   {"value", value},
                   {"reasoning", Text(item, Item("predictions", i, "reasoning"), "reasoning", false,
                                      kMaxTextCharacters)}});
  }
  return out;
}

}  // namespace

const std::vector<ImpactField>& ImpactFields() {
  static const std::vector<ImpactField> fields = {
      {"subject", 1},    {"title", 1},    {"purpose", 1},  {"relevant", 2},
      {"relevance", 2},  {"groups", 3},   {"evidence", 3}, {"predictions", 4},
      {"mitigation", 4}, {"findings", 5}, {"proposals", 5}};
  return fields;
}

json CanonicalImpactAssessment(const json& document, const json& plan) {
  if (!document.is_object()) Invalid("document", "ska vara ett objekt", "must be an object");
  json out = json::object();
  out["subject"] = Subject(document, plan);
  out["title"] = Text(document, "title", "title", true, 500);
  out["purpose"] = Text(document, "purpose", "purpose", true, kMaxTextCharacters);
  const auto relevant = document.find("relevant");
  if (relevant == document.end() || !relevant->is_boolean()) {
    Invalid("relevant", "krävs och ska vara true eller false",
            "is required and must be true or false");
  }
  out["relevant"] = relevant->get<bool>();
  out["relevance"] = Text(document, "relevance", "relevance", false, kMaxTextCharacters);
  out["groups"] = Groups(List(document, "groups"));
  out["evidence"] = Evidence(List(document, "evidence"), plan);
  out["predictions"] = Predictions(List(document, "predictions"), plan);
  for (const char* key : {"mitigation", "findings", "proposals"}) {
    out[key] = Text(document, key, key, false, kMaxTextCharacters);
  }
  // A relevant assessment says who is affected; one found not relevant says why.
  if (out["relevant"] && out["groups"].empty()) {
    Invalid("groups", "krävs när åtgärden är jämlikhetsrelevant",
            "are required when the proposal is relevant to equality");
  }
  if (!out["relevant"] && out["relevance"] == "") {
    Invalid("relevance", "motivera varför åtgärden inte är jämlikhetsrelevant",
            "say why the proposal is not relevant to equality");
  }
  for (const auto& [key, value] : document.items()) {
    bool known = false;
    for (const ImpactField& field : ImpactFields()) known = known || key == field.key;
    if (!known)
      Invalid(key, "är inget fält i en konsekvensanalys", "is not a field of an assessment");
  }
  return out;
}

json CanonicalImpactDecision(const json& decision) {
  if (!decision.is_object()) Invalid("decision", "ska vara ett objekt", "must be an object");
  const std::string date = Text(decision, "date", "date", true, 10);
  if (!IsDate(date)) {
    Invalid("date", "'{}' är inget datum (ÅÅÅÅ-MM-DD)", "'{}' is not a date (YYYY-MM-DD)", date);
  }
  const std::string outcome = Text(decision, "outcome", "outcome", true);
  if (outcome != "adopted" && outcome != "adopted_with_changes" && outcome != "rejected" &&
      outcome != "referred_back") {
    Invalid("outcome", "'{}': välj adopted, adopted_with_changes, rejected eller referred_back",
            "'{}': choose adopted, adopted_with_changes, rejected or referred_back", outcome);
  }
  return {{"decided_by", Text(decision, "decided_by", "decided_by", true, 500)},
          {"date", date},
          {"outcome", outcome},
          {"reference", Text(decision, "reference", "reference", false, 500)},
          {"note", Text(decision, "note", "note", false, kMaxTextCharacters)}};
}

json ImpactDifference(const json& before, const json& after) {
  json fields = json::object();
  for (const ImpactField& field : ImpactFields()) {
    const json from = before.is_object() ? before.value(field.key, json(nullptr)) : json(nullptr);
    const json to = after.value(field.key, json(nullptr));
    if (from != to) fields[field.key] = {{"from", from}, {"to", to}};
  }
  return fields;
}

}  // namespace jamlik::app
