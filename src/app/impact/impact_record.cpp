#include "app/impact/impact_record.hpp"

#include <fmt/format.h>

#include <map>

#include "core/dimensions.hpp"
#include "io/atom_writer.hpp"

namespace jamlik::app {
namespace {

using nlohmann::json;

std::string E(const std::string& text) { return EscapeXml(text); }
std::string E(const json& text) {
  return text.is_string() ? EscapeXml(text.get<std::string>()) : "";
}
// The current language's text, as a string to join with others.
std::string T(std::string_view swedish, std::string_view english) {
  return std::string(Tr(swedish, english));
}

// A paragraph per line of a text the user wrote; a dash when empty.
std::string Paragraphs(const json& text) {
  const std::string written = text.is_string() ? text.get<std::string>() : "";
  if (written.empty()) return "<p class=\"empty\">–</p>";
  std::string out;
  std::size_t start = 0;
  while (start <= written.size()) {
    const std::size_t end = std::min(written.find('\n', start), written.size());
    if (end > start) out += "<p>" + E(written.substr(start, end - start)) + "</p>";
    start = end + 1;
  }
  return out;
}

std::string Number(double value) { return LocalNumber(fmt::format("{:.6g}", value)); }

std::string OptionalNumber(const json& value) {
  return value.is_number() ? Number(value.get<double>()) : "–";
}

std::string Label(std::string_view id) {
  static const std::map<std::string_view, std::pair<std::string_view, std::string_view>> kLabels = {
      {"positive", {"positiv", "positive"}},
      {"negative", {"negativ", "negative"}},
      {"neutral", {"neutral", "neutral"}},
      {"mixed", {"blandad", "mixed"}},
      {"unknown", {"okänd", "unknown"}},
      {"adopted", {"bifallet", "adopted"}},
      {"adopted_with_changes", {"bifallet med ändringar", "adopted with changes"}},
      {"rejected", {"avslaget", "rejected"}},
      {"referred_back", {"återremitterat", "referred back"}},
      {"reached", {"nått", "reached"}},
      {"on_track", {"på väg", "on track"}},
      {"at_risk", {"i riskzonen", "at risk"}},
      {"off_track", {"inte på väg", "off track"}},
      {"no_data", {"inga data", "no data"}},
      {"not_followed_up", {"inte uppföljt ännu", "not followed up yet"}},
      {"target_changed",
       {"målvärdet har ändrats sedan förutsägelsen",
        "the target has changed since the prediction"}},
      {"analysis", {"analys", "analysis"}},
      {"published", {"publicerad statistik", "published statistics"}},
      {"target", {"målvärde i planen", "target of the plan"}}};
  const auto found = kLabels.find(id);
  if (found == kLabels.end()) return std::string(id);
  return std::string(T(found->second.first, found->second.second));
}

std::string NameOf(const json& list, const json& id, const char* key) {
  for (const json& item : list) {
    if (item["id"] == id) return item.value(key, "");
  }
  return id.is_string() ? id.get<std::string>() : "";
}

std::string Subject(const ImpactRecordInput& input) {
  const json& subject = input.assessment.document["subject"];
  if (subject["kind"] == "measure") {
    return fmt::format("{}: {} ({})", T("Insats", "Measure"),
                       E(NameOf(input.plan["measures"], subject["measure"], "name")),
                       E(subject["measure"]));
  }
  return fmt::format("{}: {}, {} {}, {} kr — {}", T("Budgetförändring", "Budget change"),
                     E(NameOf(input.plan["bodies"], subject["committee"], "name")), T("år", "year"),
                     subject["year"].get<int>(), Number(subject["sek"].get<double>()),
                     E(subject["description"]));
}

std::string TargetText(const ImpactRecordInput& input, const json& id) {
  for (const json& target : input.plan["targets"]) {
    if (target["id"] != id) continue;
    std::string text = E(target["indicator"]) + ", " + E(target["area"]);
    if (target["measure"] != "") {
      text += ", " + E(target["measure"].get<std::string>()) + " " + T("över", "across") + " " +
              E(DimensionLabel(target["dimension"].get<std::string>(), CurrentLanguage()));
    }
    return E(id) + " (" + text + ")";
  }
  return E(id);
}

}  // namespace

json ImpactOptionsJson(Language language) {
  ScopedLanguage scoped(language);
  json dimensions = json::array();
  for (const DimensionInfo& dimension : KnownDimensions()) {
    if (dimension.kind == DimensionKind::kPeriod) continue;
    json categories = json::array();
    for (const DimensionCategory& category : dimension.categories) {
      categories.push_back(
          {{"code", category.code},
           {"label", language == Language::kSwedish ? category.label_sv : category.label_en}});
    }
    dimensions.push_back(
        {{"id", dimension.column},
         {"label", language == Language::kSwedish ? dimension.label_sv : dimension.label_en},
         {"categories", categories},
         {"code_digits", dimension.code_digits}});
  }
  const auto labelled = [](std::initializer_list<std::string_view> ids) {
    json out = json::array();
    for (std::string_view id : ids) out.push_back({{"id", id}, {"label", Label(id)}});
    return out;
  };
  return {{"dimensions", dimensions},
          {"effects", labelled({"positive", "negative", "neutral", "mixed", "unknown"})},
          {"outcomes", labelled({"adopted", "adopted_with_changes", "rejected", "referred_back"})},
          {"evidence_kinds", labelled({"analysis", "published", "target"})},
          {"reasons", labelled({"not_followed_up", "target_changed", "no_data"})},
          {"statuses", labelled({"reached", "on_track", "at_risk", "off_track", "no_data"})}};
}

std::string ImpactRecordHtml(const ImpactRecordInput& input, Language language) {
  ScopedLanguage scoped(language);
  const json& document = input.assessment.document;
  std::string html;
  const auto add = [&html](std::string_view text) { html += text; };
  add("<!DOCTYPE html>\n<html lang=\"");
  add(language == Language::kSwedish ? "sv" : "en");
  add("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
  add(T("Jämlikhetskonsekvensanalys", "Equality impact assessment"));
  add(" – " + E(document["title"]) + "</title>\n");
  add(R"(<style>
body { font-family: "Liberation Serif", "Times New Roman", serif; max-width: 48rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.45; color: #000; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem;
  border-bottom: 1px solid #000; } .meta { margin: 0 0 1rem; } .meta dt { font-weight: bold; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; } th, td { border: 1px solid #000;
  padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; } td.number { text-align: right; }
.empty { color: #444; } .signature { margin-top: 3rem; display: grid;
  grid-template-columns: 1fr 1fr; gap: 2rem; } .signature div { border-top: 1px solid #000;
  padding-top: 0.2rem; } .draft { border: 2px solid #000; padding: 0.4rem; font-weight: bold; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
  table, .signature { break-inside: avoid; } @page { size: A4; margin: 2cm; } }
</style>
</head>
<body>
)");
  add("<header>\n<p>" + E(input.organisation) + " · " +
      T("Mål- och budgetplan", "Goal-and-budget plan") + " " + std::to_string(input.year) +
      "</p>\n<h1>" + std::string(T("Jämlikhetskonsekvensanalys", "Equality impact assessment")) +
      ": " + E(document["title"]) + "</h1>\n");
  if (!input.assessment.decision) {
    add("<p class=\"draft\">" + std::string(T("Utkast – inte beslutat", "Draft – not decided")) +
        "</p>\n");
  }
  add("<dl class=\"meta\"><dt>" + std::string(T("Gäller", "Concerns")) + "</dt><dd>" +
      Subject(input) + "</dd><dt>" + std::string(T("Upprättad av", "Prepared by")) + "</dt><dd>" +
      E(input.created_by) + "</dd><dt>" + std::string(T("Analys nr", "Assessment no.")) +
      "</dt><dd>" + std::to_string(input.assessment.id) + ", " + T("version", "version") + " " +
      std::to_string(input.assessment.version) + "</dd></dl>\n</header>\n");

  // Step 1: definition of purpose.
  add("<section>\n<h2>1. " + std::string(T("Syfte", "Definition of purpose")) + "</h2>\n");
  add(Paragraphs(document["purpose"]) + "</section>\n");

  // Step 2: checking relevance.
  add("<section>\n<h2>2. " + std::string(T("Jämlikhetsrelevans", "Checking equality relevance")) +
      "</h2>\n<p><strong>" +
      std::string(
          document["relevant"].get<bool>()
              ? T("Förslaget är relevant för jämlikheten.", "The proposal is relevant to equality.")
              : T("Förslaget är inte relevant för jämlikheten.",
                  "The proposal is not relevant to equality.")) +
      "</strong></p>\n" + Paragraphs(document["relevance"]) + "</section>\n");

  // Step 3: the analysis — who is affected, and the evidence.
  add("<section>\n<h2>3. " +
      std::string(T("Jämlikhetsanalys: berörda grupper och underlag",
                    "Equality-sensitive analysis: groups affected and evidence")) +
      "</h2>\n");
  if (document["groups"].empty()) {
    add("<p class=\"empty\">" + std::string(T("Inga grupper angivna.", "No groups given.")) +
        "</p>\n");
  } else {
    add("<table><thead><tr><th scope=\"col\">" + std::string(T("Dimension", "Dimension")) +
        "</th><th scope=\"col\">" + std::string(T("Grupp", "Group")) + "</th><th scope=\"col\">" +
        std::string(T("Påverkan", "Effect")) + "</th><th scope=\"col\">" +
        std::string(T("Beskrivning", "Description")) + "</th></tr></thead><tbody>\n");
    for (const json& group : document["groups"]) {
      const std::string dimension = group["dimension"];
      add("<tr><td>" + E(DimensionLabel(dimension, language)) + "</td><td>" +
          E(CategoryLabel(dimension, group["subgroup"].get<std::string>(), language)) +
          "</td><td>" + Label(group["effect"].get<std::string>()) + "</td><td>" +
          E(group["description"]) + "</td></tr>\n");
    }
    add("</tbody></table>\n");
  }
  add("<h3>" + std::string(T("Underlag", "Evidence")) + "</h3>\n");
  if (document["evidence"].empty()) {
    add("<p class=\"empty\">" + std::string(T("Inget underlag angivet.", "No evidence given.")) +
        "</p>\n");
  } else {
    add("<ul>\n");
    for (const json& evidence : document["evidence"]) {
      const std::string kind = evidence["kind"];
      std::string text = Label(kind) + ": ";
      if (kind == "analysis") {
        text += std::string(T("analys nr", "analysis no.")) + " " +
                std::to_string(evidence["analysis"].get<std::int64_t>());
        if (evidence["indicator"] != "") text += ", " + E(evidence["indicator"]);
      } else if (kind == "published") {
        text += E(evidence["source"]) + " " + E(evidence["reference"]);
        if (evidence["area"] != "") text += ", " + E(evidence["area"]);
        if (evidence["period"] != "") text += ", " + E(evidence["period"]);
        if (evidence["value"].is_number()) text += ": " + Number(evidence["value"].get<double>());
        if (evidence["url"] != "") text += " (" + E(evidence["url"]) + ")";
      } else {
        text += TargetText(input, evidence["target"]);
      }
      if (evidence["note"] != "") text += " — " + E(evidence["note"]);
      add("<li>" + text + "</li>\n");
    }
    add("</ul>\n");
  }
  add("</section>\n");

  // Step 4: weighing the impact — the predicted effect on each targeted gap, beside the measured.
  add("<section>\n<h2>4. " + std::string(T("Bedömning av konsekvenserna", "Weighing the impact")) +
      "</h2>\n");
  if (document["predictions"].empty()) {
    add("<p class=\"empty\">" +
        std::string(T("Ingen förutsägelse om målvärden.", "No prediction on targets.")) + "</p>\n");
  } else {
    add("<table><thead><tr><th scope=\"col\">" + std::string(T("Målvärde", "Target")) +
        "</th><th scope=\"col\">" + std::string(T("Period", "Period")) + "</th><th scope=\"col\">" +
        std::string(T("Förutsagt", "Predicted")) + "</th><th scope=\"col\">" +
        std::string(T("Uppmätt (95 % KI)", "Measured (95% CI)")) + "</th><th scope=\"col\">" +
        std::string(T("Status", "Status")) + "</th><th scope=\"col\">" +
        std::string(T("Motivering", "Reasoning")) + "</th></tr></thead><tbody>\n");
    const json& predictions = document["predictions"];
    for (std::size_t i = 0; i < predictions.size(); ++i) {
      const json& prediction = predictions[i];
      const json outcome = i < input.outcomes.size() ? input.outcomes[i] : json::object();
      const json measured = outcome.value("measured", json(nullptr));
      std::string measured_text = Label(outcome.value("reason", "not_followed_up"));
      std::string status = "–";
      if (measured.is_object()) {
        status = Label(measured["status"].get<std::string>());
        if (measured["estimate"].is_number()) {
          measured_text = OptionalNumber(measured["estimate"]) + " (" +
                          OptionalNumber(measured["lower"]) + " – " +
                          OptionalNumber(measured["upper"]) + ")";
        }
      }
      add("<tr><td>" + TargetText(input, prediction["target"]) + "</td><td>" +
          E(prediction["period"]) + "</td><td class=\"number\">" +
          Number(prediction["value"].get<double>()) + "</td><td class=\"number\">" + measured_text +
          "</td><td>" + status + "</td><td>" + E(prediction["reasoning"]) + "</td></tr>\n");
    }
    add("</tbody></table>\n");
  }
  add("<h3>" +
      std::string(
          T("Åtgärder för att motverka negativa konsekvenser", "Mitigation of negative effects")) +
      "</h3>\n" + Paragraphs(document["mitigation"]) + "</section>\n");

  // Step 5: findings and proposals.
  add("<section>\n<h2>5. " + std::string(T("Slutsatser och förslag", "Findings and proposals")) +
      "</h2>\n<h3>" + std::string(T("Slutsatser", "Findings")) + "</h3>\n" +
      Paragraphs(document["findings"]) + "<h3>" + std::string(T("Förslag", "Proposals")) +
      "</h3>\n" + Paragraphs(document["proposals"]) + "</section>\n");

  // The decision.
  add("<section>\n<h2>" + std::string(T("Beslut", "Decision")) + "</h2>\n");
  if (const auto& decision = input.assessment.decision) {
    add("<dl class=\"meta\"><dt>" + std::string(T("Beslutande organ", "Decided by")) + "</dt><dd>" +
        E((*decision)["decided_by"]) + "</dd><dt>" + std::string(T("Datum", "Date")) + "</dt><dd>" +
        E((*decision)["date"]) + "</dd><dt>" + std::string(T("Beslut", "Outcome")) + "</dt><dd>" +
        Label((*decision)["outcome"].get<std::string>()) + "</dd><dt>" +
        std::string(T("Paragraf", "Reference")) + "</dt><dd>" +
        ((*decision)["reference"] == "" ? "–" : E((*decision)["reference"])) + "</dd><dt>" +
        std::string(T("Registrerat av", "Recorded by")) + "</dt><dd>" + E(input.decided_by) +
        "</dd></dl>\n" + Paragraphs((*decision)["note"]));
  } else {
    add("<p class=\"empty\">" + std::string(T("Inget beslut ännu.", "No decision yet.")) +
        "</p>\n");
  }
  add("<div class=\"signature\"><div>" + std::string(T("Ordförande", "Chair")) + "</div><div>" +
      std::string(T("Justerare", "Adjuster")) + "</div></div>\n</section>\n</body>\n</html>\n");
  return html;
}

}  // namespace jamlik::app
