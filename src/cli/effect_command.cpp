// `jamlik effect --results R (--plan plan.toml --measure ID | --indicator I --area A --start D
// [--dimension D --subgroup S …])`: the effect assessment of a measure on a result table (issue 12
// item 7) — the difference in differences of its target group against a comparison before and
// after its start, with its interval, the gap's trend before and after, and a verdict in words
// (src/effect). With a plan, the measure's target group and start and the indicators of the
// targets its goals bind come from the plan (`jamlik plan export` writes it).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/plans/measure_effect.hpp"
#include "app/plans/plan_document.hpp"
#include "cli/commands.hpp"
#include "cli/input_options.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "effect/effect_json.hpp"
#include "indicators/definition_schema.hpp"
#include "indicators/result_table.hpp"

namespace jamlik::cli {
namespace {

using nlohmann::json;

struct EffectCliOptions {
  InputOptions results;
  std::string plan, measure, target;
  std::string indicator, area, dimension, start;
  std::vector<std::string> subgroups;
  std::string comparison;
  std::vector<std::string> areas;
  std::string before, after;
  double confidence = 0.95;
  std::string polarity;
  std::string format;  // text or json
  std::string out;
};

[[noreturn]] void Usage(std::string message) { throw Error(ErrorCode::kUsage, std::move(message)); }

std::optional<followup::Period> PeriodOption(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  const auto period = followup::ParsePeriod(text);
  if (!period) {
    Usage(fmt::format(fmt::runtime(Tr("{}: '{}' är ingen period: skriv ett år (2025) eller en "
                                      "tertial (2025-T1 … 2025-T3)",
                                      "{}: '{}' is not a period: write a year (2025) or a "
                                      "tertial (2025-T1 … 2025-T3)")),
                      option, text));
  }
  return period;
}

std::vector<effect::EffectQuery> Queries(const EffectCliOptions& options) {
  app::MeasureEffectOptions measure;
  if (options.comparison == "subgroups")
    measure.comparison = effect::ComparisonKind::kOtherSubgroups;
  if (options.comparison == "areas" || !options.areas.empty()) {
    measure.comparison = effect::ComparisonKind::kOtherAreas;
  }
  measure.comparison_areas = options.areas;
  measure.before = PeriodOption(options.before, "--before");
  measure.after = PeriodOption(options.after, "--after");
  measure.target = options.target;
  measure.confidence = options.confidence;
  std::vector<effect::EffectQuery> queries;
  if (!options.plan.empty()) {
    if (options.measure.empty())
      Usage(std::string(Tr("--plan behöver --measure", "--plan needs --measure")));
    const std::string text = ReadDocumentFile(options.plan);
    json document;
    if (options.plan.ends_with(".json")) {
      try {
        document = json::parse(text);
      } catch (const json::parse_error& error) {
        throw Error(
            ErrorCode::kInvalidArgument,
            fmt::format(fmt::runtime(Tr("{}: ingen giltig JSON ({})", "{}: not valid JSON ({})")),
                        options.plan, error.what()));
      }
    } else {
      document = app::TomlToPlanJson(text, options.plan);
    }
    const auto bound = app::MeasureEffectQueries(document, options.measure, measure);
    if (!bound) {
      Usage(fmt::format(fmt::runtime(Tr("--measure: planen {} har ingen insats '{}'",
                                        "--measure: the plan {} has no measure '{}'")),
                        options.plan, options.measure));
    }
    for (const app::BoundEffectQuery& query : *bound) queries.push_back(query.query);
    if (queries.empty() && options.indicator.empty()) {
      Usage(fmt::format(fmt::runtime(Tr("insatsen '{}' tjänar inget mål med ett målvärde på en "
                                        "indikator: ange --indicator och --area",
                                        "the measure '{}' serves no goal with a target on an "
                                        "indicator: give --indicator and --area")),
                        options.measure));
    }
    if (queries.empty()) {
      // A measure whose goals bind no target: its target group and start, the indicator given.
      json bound = document;
      bound["targets"] = json::array();
      for (const json& item : document.value("measures", json::array())) {
        if (item.is_object() && item.value("id", "") == options.measure) {
          bound["measures"] = json::array({item});
          bound["measures"][0]["goals"] = json::array({"*"});
        }
      }
      bound["targets"].push_back({{"id", "*"}, {"goal", "*"}});
      const auto found = app::MeasureEffectQueries(bound, options.measure, measure);
      for (const app::BoundEffectQuery& query : *found) queries.push_back(query.query);
    }
  } else {
    queries.emplace_back();
    queries.back().comparison = measure.comparison.value_or(
        options.dimension.empty() ? effect::ComparisonKind::kOtherAreas
                                  : effect::ComparisonKind::kOtherSubgroups);
    queries.back().comparison_areas = measure.comparison_areas;
    queries.back().before = measure.before;
    queries.back().after = measure.after;
    queries.back().confidence = measure.confidence;
  }
  // Options given on the command line stand over the plan's.
  for (effect::EffectQuery& query : queries) {
    if (!options.indicator.empty()) query.indicator = options.indicator;
    if (!options.area.empty()) query.area = options.area;
    if (!options.dimension.empty()) query.dimension = options.dimension;
    if (!options.subgroups.empty()) query.subgroups = options.subgroups;
    if (!options.start.empty()) query.start = options.start;
    if (!options.polarity.empty())
      query.polarity = compare::ParsePolarity(options.polarity, "--polarity");
    for (const auto& [value, option] :
         {std::pair{&query.indicator, "--indicator"}, std::pair{&query.area, "--area"},
          std::pair{&query.start, "--start"}}) {
      if (value->empty()) {
        Usage(fmt::format(fmt::runtime(Tr("{} krävs (eller --plan och --measure)",
                                          "{} is required (or --plan and --measure)")),
                          option));
      }
    }
  }
  return queries;
}

std::string Value(const std::optional<double>& value) {
  return value ? LocalNumber(fmt::format("{:.3f}", *value)) : std::string("–");
}

std::string Text(const effect::EffectAssessment& assessment) {
  const effect::EffectQuery& query = assessment.query;
  std::string text = fmt::format(
      fmt::runtime(Tr("{} i {}, målgrupp {} ({}), start {}; jämförelse: {} ({})\n",
                      "{} in {}, target group {} ({}), start {}; comparison: {} ({})\n")),
      query.indicator, query.area, fmt::join(assessment.target_members, ", "),
      query.dimension.empty() ? "total" : query.dimension, query.start, EnumLabel(query.comparison),
      fmt::join(assessment.comparison_members, ", "));
  text += fmt::format("{:<10} {:<17} {:>12} {:>12} {:>12} {:>24}\n", Tr("Period", "Period"),
                      Tr("Fas", "Phase"), Tr("Målgrupp", "Target"), Tr("Jämförelse", "Comparison"),
                      Tr("Skillnad", "Gap"), Tr("Skillnadens intervall", "Gap interval"));
  for (const effect::PeriodValues& values : assessment.series) {
    text += fmt::format("{:<10} {:<17} {:>12} {:>12} {:>12} {:>24}\n", values.period.Display(),
                        EnumLabel(values.phase), Value(values.target.estimate),
                        Value(values.comparison.estimate), Value(values.gap.estimate),
                        values.gap.lower ? Value(values.gap.lower) + " – " + Value(values.gap.upper)
                                         : std::string("–"));
  }
  text += fmt::format(fmt::runtime(Tr("Skillnadens trend före starten: {}; efter: {}\n",
                                      "The gap's trend before the start: {}; after: {}\n")),
                      effect::GapTrendLabel(assessment.gap_trend_before),
                      effect::GapTrendLabel(assessment.gap_trend_after));
  text += effect::EffectSummary(assessment) + "\n";
  return text;
}

void RunEffect(const EffectCliOptions& options) {
  const std::vector<effect::EffectQuery> queries = Queries(options);
  const Table table = ReadInput(options.results);
  CheckResultIds(table, options.results.path);
  const std::vector<ResultRow> rows = ResultRowsFromTable(table);
  std::vector<effect::EffectAssessment> assessments;
  for (const effect::EffectQuery& query : queries) {
    assessments.push_back(effect::AssessEffect(rows, query));
  }
  const bool as_json =
      options.format == "json" || (options.format.empty() && options.out.ends_with(".json"));
  std::string text;
  if (as_json) {
    json out = json::array();
    for (const auto& assessment : assessments) out.push_back(effect::EffectJson(assessment));
    text = (out.size() == 1 ? out[0] : out).dump(2) + "\n";
  } else {
    for (const auto& assessment : assessments) text += Text(assessment) + "\n";
  }
  if (options.out.empty() || options.out == "-") {
    std::cout << text;
    return;
  }
  std::ofstream file(options.out, std::ios::binary);
  file << text;
  if (!file.flush()) {
    throw Error(
        ErrorCode::kIo,
        fmt::format(fmt::runtime(Tr("kan inte skriva {}", "cannot write {}")), options.out));
  }
}

}  // namespace

void AddEffectCommand(CLI::App& app) {
  auto options = std::make_shared<EffectCliOptions>();
  CLI::App* command = app.add_subcommand(
      "effect",
      std::string(Tr("Bedöm en insats effekt: målgruppens förändring före och efter starten mot en "
                     "jämförelsegrupps (skillnad i skillnader med intervall), skillnadens trend "
                     "före och efter, och vad underlaget kan och inte kan säga.",
                     "Assess a measure's effect: the target group's change before and after the "
                     "start against a comparison's (difference in differences with its interval), "
                     "the gap's trend before and after, and what the data can and cannot tell.")));
  AddInputOptions(*command, options->results, "--results");
  command
      ->add_option("--plan", options->plan,
                   std::string(Tr("planen (TOML eller JSON från jamlik plan export)",
                                  "the plan (TOML or JSON from jamlik plan export)")))
      ->check(CLI::ExistingFile);
  command->add_option("--measure", options->measure,
                      std::string(Tr("insatsens id i planen", "the measure's id in the plan")));
  command->add_option("--target", options->target,
                      std::string(Tr("bara detta mål (standard: varje mål för insatsens mål)",
                                     "only this target (default: every target of the measure's "
                                     "goals)")));
  command->add_option("--indicator", options->indicator,
                      std::string(Tr("indikatorns id", "the indicator's id")));
  command->add_option("--area", options->area,
                      std::string(Tr("områdets kod, t.ex. 1880", "the area's code, e.g. 1880")));
  command->add_option("--dimension", options->dimension,
                      std::string(Tr("målgruppens dimension (utan: hela befolkningen)",
                                     "the target group's dimension (none: everyone)")));
  command
      ->add_option(
          "--subgroup", options->subgroups,
          std::string(Tr("målgruppens grupper i dimensionen", "the target group's subgroups")))
      ->delimiter(',');
  command->add_option(
      "--start", options->start,
      std::string(Tr("insatsens start, ÅÅÅÅ-MM-DD", "the measure's start, YYYY-MM-DD")));
  command
      ->add_option("--comparison", options->comparison,
                   std::string(Tr("subgroups (övriga grupper i området) eller areas (samma grupp i "
                                  "andra områden)",
                                  "subgroups (the other subgroups in the area) or areas (the same "
                                  "group in other areas)")))
      ->check(CLI::IsMember({"subgroups", "areas"}));
  command
      ->add_option("--areas", options->areas,
                   std::string(Tr("jämförelseområdena (standard: alla andra på samma nivå)",
                                  "the comparison areas (default: every other of the same level)")))
      ->delimiter(',');
  command->add_option("--before", options->before,
                      std::string(Tr("perioden före starten (standard: den senaste med värden)",
                                     "the period before the start (default: the latest with "
                                     "values)")));
  command->add_option("--after", options->after,
                      std::string(Tr("perioden efter starten (standard: den senaste med värden)",
                                     "the period after the start (default: the latest with "
                                     "values)")));
  command
      ->add_option("--confidence", options->confidence,
                   std::string(Tr("konfidensnivå", "confidence level")))
      ->capture_default_str()
      ->check(CLI::Range(0.5, 0.9999));
  command
      ->add_option("--polarity", options->polarity,
                   std::string(Tr("high, low eller none (standard: indikatorns)",
                                  "high, low or none (default: the indicator's)")))
      ->check(CLI::IsMember({"high", "low", "none"}));
  command
      ->add_option("--format", options->format,
                   std::string(Tr("text eller json (standard: json för .json, annars text)",
                                  "text or json (default: json for .json, else text)")))
      ->check(CLI::IsMember({"text", "json"}));
  command->add_option(
      "--out", options->out,
      std::string(Tr("filen (standard: standard ut)", "the file (default: standard output)")));
  command->callback([options] { RunEffect(*options); });
}

}  // namespace jamlik::cli
