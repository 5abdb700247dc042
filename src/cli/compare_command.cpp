// `jamlik compare --results R.csv --against lan|riket|group:NAME|AREA`: every row of a result table
// (computed or imported) against its comparator as Fingertips marks it, with funnel limits, rank,
// quartile and the recent trends (src/compare).
#include <fmt/format.h>

#include <map>
#include <memory>

#include "cli/commands.hpp"
#include "cli/input_options.hpp"
#include "cli/output.hpp"
#include "cli/result_output.hpp"
#include "compare/compare.hpp"
#include "compare/labels.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/result_table.hpp"

namespace jamlik::cli {
namespace {

struct CompareCliOptions {
  InputOptions input;
  std::string against;
  std::string groups;
  std::vector<std::string> polarity;
  std::string out;
  std::string format;
};

// "high" for every indicator, or "N00945=low" for one.
std::map<std::string, compare::Polarity> ParsePolarities(const std::vector<std::string>& specs) {
  std::map<std::string, compare::Polarity> polarity;
  for (const std::string& spec : specs) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos) {
      polarity[""] = compare::ParsePolarity(spec, "--polarity");
    } else {
      polarity[spec.substr(0, equals)] =
          compare::ParsePolarity(spec.substr(equals + 1), "--polarity");
    }
  }
  return polarity;
}

// The comparison's marks in words and its headers in the user's language: what people read.
Column WithMarkWords(const Column& marks) {
  std::vector<std::optional<std::string>> words;
  for (std::size_t row = 0; row < marks.size(); ++row) {
    if (marks.IsNull(row)) {
      words.emplace_back();
    } else {
      words.emplace_back(compare::ComparisonMarkLabel(marks.ValueToString(row), CurrentLanguage()));
    }
  }
  return Column::CategoricalFromStrings(marks.name(), words);
}

Table CompareTerminalView(const Table& ids) {
  const Table table = WithResultLabels(ids);
  std::vector<Column> columns;
  for (const char* name : {"indicator", "area", "period", "subgroup", "estimate", "lower", "upper",
                           "comparator_area", "comparator_value", "comparison", "comparison_2",
                           "rank", "quartile", "trend", "gap_trend"}) {
    const std::string header = compare::ComparisonColumnLabel(name, CurrentLanguage());
    Column column = table.GetColumn(name);
    if (!header.empty() && column.type() != ColumnType::kInt64 &&
        column.type() != ColumnType::kDouble) {
      column = WithMarkWords(column);
    }
    column.set_name(header.empty() ? ResultColumnLabel(name) : header);
    columns.push_back(std::move(column));
  }
  return Table(std::move(columns));
}

// "120 rader: 30 bättre, 40 likvärdiga, …" on stderr, so that the terminal says what happened.
void PrintSummary(const std::vector<compare::Comparison>& comparisons) {
  std::map<std::string, std::size_t> counts;
  for (const compare::Comparison& comparison : comparisons) ++counts[comparison.comparison];
  const std::pair<const char*, std::pair<const char*, const char*>> kWords[] = {
      {"better", {"bättre", "better"}}, {"similar", {"likvärdiga", "similar"}},
      {"worse", {"sämre", "worse"}},    {"higher", {"högre", "higher"}},
      {"lower", {"lägre", "lower"}},    {"not_compared", {"inte jämförda", "not compared"}}};
  std::vector<std::string> parts;
  for (const auto& [id, words] : kWords) {
    if (counts[id] > 0) {
      parts.push_back(fmt::format("{} {}", counts[id], Tr(words.first, words.second)));
    }
  }
  fmt::print(stderr, "jamlik: {} {} (95 %): {}\n", comparisons.size(),
             Tr("rader jämförda", "rows compared"), fmt::join(parts, ", "));
}

// An option's bad value is a usage error (exit 2) naming the option.
[[noreturn]] void ThrowUsage(const Error& error, const std::string& option) {
  throw Error(ErrorCode::kUsage, option + ": " + error.message(), {}, option);
}

void RunCompare(const CompareCliOptions& options) {
  compare::CompareOptions compare_options;
  try {
    compare_options.against = compare::ParseComparator(options.against, "--against");
  } catch (const Error& error) {
    ThrowUsage(error, "--against");
  }
  try {
    compare_options.polarity = ParsePolarities(options.polarity);
  } catch (const Error& error) {
    ThrowUsage(error, "--polarity");
  }
  const Table table = ReadInput(options.input);
  CheckResultIds(table, options.input.path);
  const std::vector<ResultRow> rows = ResultRowsFromTable(table);
  if (!options.groups.empty()) compare_options.groups = compare::ReadGroups(options.groups);
  std::vector<compare::Comparison> comparisons;
  try {
    comparisons = compare::Compare(rows, compare_options);
  } catch (const Error& error) {
    // The kernel names its field as the API does; here it is the option.
    if (error.field() != "against") throw;
    ThrowUsage(error, "--against");
  }
  PrintSummary(comparisons);
  const Table compared = compare::ComparisonTable(rows, comparisons);
  const std::string format = OutputFormat(options.format, options.out);
  if (format == "table") {
    EmitTable(compared, format, options.out, {.terminal_view = CompareTerminalView, .decimals = 1});
    return;
  }
  EmitResults(compared, format, options.out);
}

}  // namespace

void AddCompareCommand(CLI::App& app) {
  auto options = std::make_shared<CompareCliOptions>();
  CLI::App* command = app.add_subcommand(
      "compare",
      std::string(Tr("Jämför varje rad i en resultattabell med länet, riket, en jämförelsegrupp "
                     "eller ett område som Fingertips gör: bättre, likvärdig eller sämre på 95 % "
                     "och 99,8 %, trattgränser, rang, kvartil och trenden de senaste fem "
                     "perioderna.",
                     "Compare every row of a result table with the county, the nation, a "
                     "comparison group or an area as Fingertips does: better, similar or worse at "
                     "95 % and 99.8 %, funnel limits, rank, quartile and the trend over the last "
                     "five periods.")));
  AddInputOptions(*command, options->input, "--results");
  command
      ->add_option("--against", options->against,
                   std::string(Tr("lan (områdets län), riket, group:NAMN (en grupp ur --groups) "
                                  "eller en områdeskod",
                                  "lan (the area's county), riket (the nation), group:NAME (a "
                                  "group of --groups) or an area code")))
      ->required();
  command
      ->add_option("--groups", options->groups,
                   std::string(Tr("jämförelsegrupper: Koladas municipality_groups (.json) eller "
                                  "en tabell med kolumnerna group och area (.csv)",
                                  "comparison groups: Kolada's municipality_groups (.json) or a "
                                  "table with the columns group and area (.csv)")))
      ->check(CLI::ExistingFile);
  command->add_option(
      "--polarity", options->polarity,
      std::string(Tr("vilket håll som är bra: high, low eller none för alla indikatorer, eller "
                     "INDIKATOR=high; standard: resultatets favourable_indicator, none för "
                     "publicerad statistik",
                     "which way is good: high, low or none for every indicator, or "
                     "INDICATOR=high; default: the result's favourable_indicator, none for "
                     "published statistics")));
  AddResultOutputOptions(*command, options->out, options->format);
  command->callback([options] { RunCompare(*options); });
}

}  // namespace jamlik::cli
