#include "followup/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "core/i18n.hpp"
#include "followup/gap_scale.hpp"
#include "followup/target_kind.hpp"
#include "indicators/definition_schema.hpp"

namespace jamlik::followup {
namespace {

using Kind = DefinitionNode::Kind;

constexpr std::string_view kTargetListKey = "target";

constexpr std::array<PlanKey, 10> kKeys = {{
    {"id", "unikt namn på målet", "unique name of the target"},
    {"indicator", "indikatorns id i resultaten", "the indicator's id in the results"},
    {"area", "områdets kod, t.ex. \"1880\"", "the area's code, e.g. \"1880\""},
    {"kind", "gap, floor, level eller total", "gap, floor, level or total"},
    {"measure", "för gap: d, r, sii, rii, aci eller rci", "for a gap: d, r, sii, rii, aci or rci"},
    {"dimension", "för gap, floor och level: dimensionen, t.ex. \"utbildning\"",
     "for gap, floor and level: the dimension, e.g. \"utbildning\""},
    {"subgroup", "för level: gruppen, t.ex. \"förgymnasial\"",
     "for level: the subgroup, e.g. \"förgymnasial\""},
    {"baseline_period", "basperioden, t.ex. \"2024\" eller \"2024-T2\"",
     "the baseline period, e.g. \"2024\" or \"2024-T2\""},
    {"target_value", "värdet som ska nås (för gap: måttets)",
     "the value to reach (for a gap: the measure's)"},
    {"target_period", "perioden då målet ska vara nått, t.ex. \"2028\"",
     "the period by which, e.g. \"2028\""},
}};

std::string Explain(std::string_view swedish, std::string_view english, std::string_view value) {
  return fmt::format(fmt::runtime(Tr(swedish, english)), value);
}

// The value of a node as written, for messages.
std::string Written(const DefinitionNode& node) {
  if (node.kind == Kind::kText) return node.text;
  if (node.kind == Kind::kNumber) return fmt::format("{}", node.number);
  return "…";
}

std::string TextOf(const DefinitionNode& node, std::string_view key) {
  if (node.kind != Kind::kText) {
    FailAtKey(node, key, Explain("'{}' ska vara en text", "'{}' must be a string", Written(node)));
  }
  if (node.text.empty()) FailAtKey(node, key, Tr("får inte vara tom", "must not be empty"));
  return node.text;
}

double NumberOf(const DefinitionNode& node, std::string_view key) {
  if (node.kind != Kind::kNumber || !std::isfinite(node.number)) {
    FailAtKey(node, key, Explain("'{}' ska vara ett tal", "'{}' must be a number", Written(node)));
  }
  return node.number;
}

// A year may be written as a number (2024) or a text ("2024"); a tertial only as a text.
Period PeriodOf(const DefinitionNode& node, std::string_view key) {
  // A whole number within any year's reach is written without a decimal point; the cast is
  // only taken there (a huge number would not fit a long long).
  const bool year_like = node.kind == Kind::kNumber && node.number == std::floor(node.number) &&
                         std::abs(node.number) < 1e9;
  const std::string written =
      year_like ? fmt::format("{}", static_cast<long long>(node.number)) : Written(node);
  if (node.kind == Kind::kText || node.kind == Kind::kNumber) {
    if (const std::optional<Period> period = ParsePeriod(written)) return *period;
  }
  FailAtKey(node, key,
            Explain("'{}' är ingen period: skriv ett år (\"2025\") eller en tertial "
                    "(\"2025-T1\" … \"2025-T3\")",
                    "'{}' is not a period: write a year (\"2025\") or a tertial "
                    "(\"2025-T1\" … \"2025-T3\")",
                    written));
}

const DefinitionNode& Required(const DefinitionNode& table, std::string_view key) {
  const DefinitionNode* value = table.Find(key);
  if (value == nullptr)
    FailMissingKey(table, key, Tr("saknas men krävs", "is missing but required"));
  return *value;
}

std::string KindList() {
  std::string list;
  for (const TargetKind& kind : TargetKinds()) {
    list += fmt::format("{}{}", list.empty() ? "" : ", ", kind.id);
  }
  return list;
}

// A key the kind needs must be there; a key it does not use must not be (it would be ignored).
std::string KindKey(const DefinitionNode& table, std::string_view key, bool needed,
                    const TargetKind& kind) {
  const DefinitionNode* value = table.Find(key);
  if (needed) {
    if (value == nullptr) {
      FailMissingKey(table, key,
                     Explain("krävs för målsorten '{}'", "is required for the kind '{}'", kind.id));
    }
    return TextOf(*value, key);
  }
  if (value != nullptr) {
    FailAtKey(*value, key,
              Explain("används inte för målsorten '{}'", "is not used for the kind '{}'", kind.id));
  }
  return {};
}

Target ReadTarget(const DefinitionNode& table) {
  if (table.kind != Kind::kTable) {
    FailAtKey(
        table, kTargetListKey,
        Tr("ska vara en tabell med nycklar ([[target]])", "must be a table of keys ([[target]])"));
  }
  // Unknown keys first: a misspelt required key is reported as misspelt, not as missing.
  for (const DefinitionNode& member : table.members) {
    const bool known = std::any_of(kKeys.begin(), kKeys.end(),
                                   [&](const PlanKey& key) { return key.key == member.key; });
    if (!known)
      FailAtKey(member, member.key, Tr("okänd nyckel (felstavad?)", "unknown key (misspelt?)"));
  }
  Target target;
  target.where = table.location;
  target.id = TextOf(Required(table, "id"), "id");
  target.indicator = TextOf(Required(table, "indicator"), "indicator");
  target.area = TextOf(Required(table, "area"), "area");
  const DefinitionNode& kind_node = Required(table, "kind");
  target.kind = TextOf(kind_node, "kind");
  const TargetKind* kind = FindTargetKind(target.kind);
  if (kind == nullptr) {
    FailAtKey(
        kind_node, "kind",
        fmt::format(fmt::runtime(Tr("'{}' är ingen målsort: {}", "'{}' is not a target kind: {}")),
                    target.kind, KindList()));
  }
  target.measure = KindKey(table, "measure", kind->needs_measure, *kind);
  target.dimension = KindKey(table, "dimension", kind->needs_dimension, *kind);
  target.subgroup = KindKey(table, "subgroup", kind->needs_subgroup, *kind);
  if (kind->needs_measure) {
    const auto gap_measures = GapMeasures();
    if (std::find(gap_measures.begin(), gap_measures.end(), target.measure) == gap_measures.end()) {
      FailAtKey(*table.Find("measure"), "measure",
                Explain("'{}' är inget gapmått: d, r, sii, rii, aci eller rci",
                        "'{}' is not a gap measure: d, r, sii, rii, aci or rci", target.measure));
    }
  }
  target.baseline_period = PeriodOf(Required(table, "baseline_period"), "baseline_period");
  const DefinitionNode& target_value = Required(table, "target_value");
  target.target_value = NumberOf(target_value, "target_value");
  if (kind->needs_measure && GapScaleOf(target.measure).log_scale && !(target.target_value > 0)) {
    FailAtKey(target_value, "target_value",
              Explain("'{}': en kvot som mål måste vara större än 0",
                      "'{}': a ratio's target must be greater than 0", Written(target_value)));
  }
  const DefinitionNode& target_period = Required(table, "target_period");
  target.target_period = PeriodOf(target_period, "target_period");
  if (target.target_period.EndMonth() <= target.baseline_period.EndMonth()) {
    FailAtKey(target_period, "target_period",
              fmt::format(fmt::runtime(Tr("'{}' måste ligga efter basperioden '{}'",
                                          "'{}' must lie after the baseline period '{}'")),
                          target.target_period.Display(), target.baseline_period.Display()));
  }
  return target;
}

}  // namespace

std::span<const PlanKey> PlanKeys() { return kKeys; }

std::vector<Target> ParsePlan(const std::string& text, const std::string& display_name) {
  const DefinitionNode document = ParseTomlDocument(text, display_name);
  for (const DefinitionNode& member : document.members) {
    if (member.key != kTargetListKey) {
      FailAtKey(member, member.key, Tr("okänd nyckel (felstavad?)", "unknown key (misspelt?)"));
    }
  }
  const DefinitionNode* list = document.Find(kTargetListKey);
  if (list == nullptr || list->kind != Kind::kList || list->items.empty()) {
    const std::string_view explanation = Tr("ska vara en lista med minst ett mål ([[target]])",
                                            "must be a list of at least one target ([[target]])");
    if (list == nullptr) FailMissingKey(document, kTargetListKey, explanation);
    FailAtKey(*list, kTargetListKey, explanation);
  }
  std::vector<Target> targets;
  std::set<std::string> ids;
  for (const DefinitionNode& table : list->items) {
    targets.push_back(ReadTarget(table));
    if (!ids.insert(targets.back().id).second) {
      FailAtKey(*table.Find("id"), "id",
                Explain("'{}' finns redan", "'{}' is already used", targets.back().id));
    }
  }
  return targets;
}

std::vector<Target> ReadPlan(const std::string& path) {
  return ParsePlan(ReadDocumentFile(path), path);
}

}  // namespace jamlik::followup
