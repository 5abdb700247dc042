#include "privacy/publish.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <set>
#include <unordered_map>

#include "core/dimension_set.hpp"
#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "core/parallel.hpp"
#include "indicators/indicator_type.hpp"
#include "privacy/suppression.hpp"

namespace jamlik {
namespace {

bool Same(double a, double b) { return std::abs(a - b) <= 1e-9 * (1 + std::abs(a)); }

// Where a cell sits: its area, period and subgroup; the same key in two indicators' rows names
// the same group of persons.
struct Place {
  std::string level, area, period, dimension, subgroup;
  std::string Key() const {
    return level + '\x1f' + area + '\x1f' + period + '\x1f' + dimension + '\x1f' + subgroup;
  }
};

Place PlaceOf(const ResultRow& row) {
  return {row.area_level, row.area, row.period, row.dimension, row.subgroup};
}

// Why a row may not be shown and which of its additive cells are themselves sensitive.
struct Verdict {
  SuppressionReason reason = SuppressionReason::kNone;
  bool numerator_sensitive = false;
  bool denominator_sensitive = false;
};

bool Dominated(const DisclosureRules& rules, double total, const TopContributions& top) {
  total = std::abs(total);
  if (rules.dominance == DominanceRule::kNk) {
    const double top_n = rules.dominance_n >= 2 ? top.largest + top.second : top.largest;
    return top_n > rules.dominance_k / 100 * total;
  }
  // The runner-up knows its own value and can bound the largest by total − second; the rest must
  // hide the largest by at least p %.
  return total - top.largest - top.second < rules.dominance_p / 100 * top.largest;
}

Verdict Judge(const ResultRow& row, const DisclosureRules& rules, const PublishContext& context) {
  // The type declares its rules (indicator_type.hpp); rows of types not in the registry (imported
  // tables) are judged as counts.
  const IndicatorType* type = IndicatorTypes().Find(row.indicator_type);
  const NumeratorRule numerator_rule = type ? type->numerator_rule : NumeratorRule::kMinimum;
  if (row.denominator && *row.denominator < rules.min_denominator) {
    return {SuppressionReason::kDenominatorBelowMinimum, row.numerator.has_value(), true};
  }
  if (numerator_rule == NumeratorRule::kMinimum && row.numerator && *row.numerator > 0 &&
      *row.numerator < rules.min_numerator) {
    return {SuppressionReason::kNumeratorBelowMinimum, true, false};
  }
  if (numerator_rule == NumeratorRule::kDominance && row.numerator &&
      rules.dominance != DominanceRule::kNone) {
    const std::optional<TopContributions> top =
        context.top_contributions ? context.top_contributions(row) : row.top_contributions;
    if (top && Dominated(rules, *row.numerator, *top))
      return {SuppressionReason::kDominance, true, false};
  }
  if (type != nullptr && type->population_rule && row.population &&
      *row.population < rules.min_population_life_expectancy) {
    return {SuppressionReason::kPopulationBelowMinimum, false, false};
  }
  return {};
}

// One additive quantity (a numerator or denominator) as it appears in the rows, possibly shared
// by several indicators.
struct Variable {
  std::unordered_map<std::string, double> values;  // by Place key
};

// Join series that agree on every place they share (e.g. the deaths of a count, a rate and a DSR
// over the same population): publishing one publishes the other, so they are one variable.
std::size_t VariableFor(std::vector<Variable>& variables,
                        const std::unordered_map<std::string, double>& series) {
  for (std::size_t v = 0; v < variables.size(); ++v) {
    std::size_t common = 0;
    bool agree = true;
    for (const auto& [key, value] : series) {
      const auto found = variables[v].values.find(key);
      if (found == variables[v].values.end()) continue;
      ++common;
      if (!Same(found->second, value)) {
        agree = false;
        break;
      }
    }
    if (agree && common > 0) {
      variables[v].values.insert(series.begin(), series.end());
      return v;
    }
  }
  variables.push_back({series});
  return variables.size() - 1;
}

// A linked table: one variable in one period, its cells and equations.
struct TableBuild {
  SuppressionProblem problem;
  std::vector<Place> places;
  std::unordered_map<std::string, std::size_t> index;  // Place key → cell

  std::size_t Cell(const Place& place, double value, CellStatus status) {
    auto [found, inserted] = index.try_emplace(place.Key(), places.size());
    if (inserted) {
      places.push_back(place);
      problem.table.values.push_back(value);
      problem.status.push_back(status);
    } else if (status == CellStatus::kHidden &&
               problem.status[found->second] == CellStatus::kHidden) {
      problem.table.values[found->second] += value;  // a hidden margin sums its parts
    }
    return found->second;
  }
};

// Add "margin = Σ finer cells" for every pair of published dimension sets S ⊂ S' with no
// published set between them (the others follow).
void AddDimensionEquations(TableBuild& build) {
  // Sorted column names → the set as published (two orders of the same columns are one set).
  std::map<std::vector<std::string>, DimensionSet> sets;
  for (const Place& place : build.places) {
    DimensionSet set = DimensionSet::Parse(place.dimension);
    auto sorted = set.SortedColumns();
    sets.emplace(std::move(sorted), std::move(set));
  }
  auto subset = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return a.size() < b.size() && std::includes(b.begin(), b.end(), a.begin(), a.end());
  };
  const std::size_t published = build.places.size();
  for (const auto& [coarse, coarse_set] : sets) {
    for (const auto& [fine, fine_set] : sets) {
      if (!subset(coarse, fine)) continue;
      // Named references: clang 14 cannot capture structured bindings in a lambda.
      const auto& coarse_keys = coarse;
      const auto& fine_keys = fine;
      const bool covered = std::any_of(sets.begin(), sets.end(), [&](const auto& between) {
        return subset(coarse_keys, between.first) && subset(between.first, fine_keys);
      });
      if (covered) continue;
      const std::string fine_name = fine_set.Display();
      const std::string coarse_name = coarse_set.Display();
      std::map<std::size_t, std::vector<std::size_t>> parts_of;
      for (std::size_t cell = 0; cell < published; ++cell) {
        const Place& place = build.places[cell];
        if (place.dimension != fine_name) continue;
        const Subgroup margin_subgroup =
            Subgroup::Parse(place.subgroup, fine_set).Project(fine_set, coarse_set);
        const Place margin{place.level, place.area, place.period, coarse_name,
                           margin_subgroup.Display()};
        parts_of[build.Cell(margin, build.problem.table.values[cell], CellStatus::kHidden)]
            .push_back(cell);
      }
      for (auto& [total, parts] : parts_of) {
        build.problem.table.equations.push_back({total, std::move(parts)});
      }
    }
  }
}

// Add "area = Σ its areas one level finer" for every subgroup.
void AddAreaEquations(TableBuild& build, const std::vector<std::string>& level_order,
                      const PublishContext& context) {
  std::map<std::string, std::set<std::string>> areas;  // level → codes
  for (const Place& place : build.places) areas[place.level].insert(place.area);
  std::vector<std::string> levels;
  for (const auto& level : level_order) {
    if (areas.count(level) != 0) levels.push_back(level);
  }
  // Finest first: more areas, then the order the rows list them in.
  std::stable_sort(levels.begin(), levels.end(), [&](const std::string& a, const std::string& b) {
    return areas[a].size() > areas[b].size();
  });
  const std::size_t published = build.places.size();
  for (std::size_t l = 0; l + 1 < levels.size(); ++l) {
    const auto& parents = areas[levels[l + 1]];
    std::map<std::string, std::string> parent_of;
    for (const auto& child : areas[levels[l]]) {
      std::string parent;
      if (auto given = context.area_parents.find(child);
          given != context.area_parents.end() && parents.count(given->second) != 0) {
        parent = given->second;
      } else if (auto listed = ContainingArea(levels[l], child, levels[l + 1])) {
        if (parents.count(*listed) != 0) parent = *listed;
      } else if (parents.size() == 1) {
        parent = *parents.begin();  // the lists do not place it; the level above is one whole
      }
      if (parent.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format(fmt::runtime(Tr("området {} ({}) hör inte till något område på "
                                                "nivån {}; ange områdeshierarkin",
                                                "area {} ({}) belongs to no area of level {}; give "
                                                "the area hierarchy")),
                                child, levels[l], levels[l + 1]));
      }
      parent_of[child] = parent;
    }
    std::map<std::size_t, std::vector<std::size_t>> parts_of;
    for (std::size_t cell = 0; cell < published; ++cell) {
      const Place& place = build.places[cell];
      if (place.level != levels[l]) continue;
      const Place above{levels[l + 1], parent_of.at(place.area), place.period, place.dimension,
                        place.subgroup};
      parts_of[build.Cell(above, build.problem.table.values[cell], CellStatus::kHidden)].push_back(
          cell);
    }
    for (auto& [total, parts] : parts_of) {
      build.problem.table.equations.push_back({total, std::move(parts)});
    }
  }
}

// Where a margin holds persons no subgroup shows (a missing category), its remainder is an
// unpublished cell of the equation.
void AddRemainders(TableBuild& build) {
  auto& table = build.problem.table;
  for (auto& equation : table.equations) {
    double sum = 0;
    for (std::size_t part : equation.parts) sum += table.values[part];
    const double remainder = table.values[equation.total] - sum;
    if (std::abs(remainder) > 1e-7 * (1 + std::abs(table.values[equation.total]))) {
      equation.parts.push_back(table.values.size());
      table.values.push_back(remainder);
      build.problem.status.push_back(CellStatus::kHidden);
      build.places.push_back({});
    }
  }
  table.nonnegative = std::all_of(table.values.begin(), table.values.end(),
                                  [](double value) { return value >= -1e-9; });
  table.costs.resize(table.values.size());
  for (std::size_t cell = 0; cell < table.values.size(); ++cell) {
    table.costs[cell] = 1 + std::abs(table.values[cell]);
  }
}

void Blank(ResultRow& row, SuppressionReason reason) {
  row.suppressed = true;
  row.suppression_reason = reason;
  row.estimate.reset();
  row.lower.reset();
  row.upper.reset();
  row.lower_2.reset();
  row.upper_2.reset();
  row.numerator.reset();
  row.denominator.reset();
  row.population.reset();
}

void Record(const PublishContext& context, const char* action, const PublishedResults& results) {
  if (context.audit == nullptr) return;
  std::size_t suppressed = 0;
  for (const auto& row : results.rows()) suppressed += row.suppressed ? 1 : 0;
  context.audit->Append({{},
                         context.user,
                         action,
                         context.table,
                         context.dataset,
                         results.rows().size(),
                         suppressed});
}

}  // namespace

PublishedResults Publish(std::vector<ResultRow> rows, const DisclosureRules& rules,
                         const PublishContext& context) {
  PublicationSummary summary;
  summary.rows = rows.size();
  // Each row's numerator and denominator as series per indicator, joined into shared variables.
  struct RowCells {
    std::optional<std::size_t> variable[2];
  };
  std::vector<RowCells> row_cells(rows.size());
  std::vector<Variable> variables;
  std::vector<std::string> level_order;
  {
    std::map<std::pair<std::string, int>, std::unordered_map<std::string, double>> series;
    for (const auto& row : rows) {
      if (std::find(level_order.begin(), level_order.end(), row.area_level) == level_order.end())
        level_order.push_back(row.area_level);
      const std::string key = PlaceOf(row).Key();
      if (row.numerator) series[{row.indicator, 0}][key] = *row.numerator;
      if (row.denominator) series[{row.indicator, 1}][key] = *row.denominator;
    }
    std::map<std::pair<std::string, int>, std::size_t> variable_of;
    for (const auto& [id, values] : series) variable_of[id] = VariableFor(variables, values);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (int role = 0; role < 2; ++role) {
        if (role == 0 ? rows[r].numerator.has_value() : rows[r].denominator.has_value())
          row_cells[r].variable[role] = variable_of.at({rows[r].indicator, role});
      }
    }
  }
  // One linked table per variable and period.
  std::map<std::pair<std::size_t, std::string>, TableBuild> tables;
  for (std::size_t v = 0; v < variables.size(); ++v) {
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (int role = 0; role < 2; ++role) {
        if (row_cells[r].variable[role] != v) continue;
        const Place place = PlaceOf(rows[r]);
        tables[{v, place.period}].Cell(place, variables[v].values.at(place.Key()),
                                       CellStatus::kPublished);
      }
    }
  }
  for (auto& [id, build] : tables) {
    AddDimensionEquations(build);
    AddAreaEquations(build, level_order, context);
    AddRemainders(build);
    build.problem.protection.resize(build.places.size());
  }
  // Primary suppression.
  std::vector<Verdict> verdicts(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    verdicts[r] = Judge(rows[r], rules, context);
    const bool sensitive[2] = {verdicts[r].numerator_sensitive, verdicts[r].denominator_sensitive};
    for (int role = 0; role < 2; ++role) {
      if (!sensitive[role] || !row_cells[r].variable[role]) continue;
      TableBuild& build = tables.at({*row_cells[r].variable[role], rows[r].period});
      const std::size_t cell = build.index.at(PlaceOf(rows[r]).Key());
      const double value = std::abs(build.problem.table.values[cell]);
      const double upper =
          std::max(rules.protection_absolute, rules.protection_relative / 100 * value);
      build.problem.status[cell] = CellStatus::kPrimary;
      build.problem.protection[cell] = {
          upper, build.problem.table.nonnegative ? std::min(value, upper) : upper};
    }
  }
  // Complementary suppression: the tables share no cell, so they are protected side by side,
  // each by itself; the result does not depend on the number of threads.
  std::vector<TableBuild*> builds;
  for (auto& [id, build] : tables) builds.push_back(&build);
  std::vector<SuppressionOutcome> outcomes(builds.size());
  // Which indicators' numerators or denominators make up each variable, to name a table.
  std::vector<std::vector<std::string>> series_of(variables.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (int role = 0; role < 2; ++role) {
      if (!row_cells[r].variable[role]) continue;
      const std::string name =
          rows[r].indicator + " (" +
          std::string(role == 0 ? Tr("täljare", "numerator") : Tr("nämnare", "denominator")) + ")";
      auto& names = series_of[*row_cells[r].variable[role]];
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  std::vector<std::pair<std::size_t, std::string>> ids;
  for (auto& [id, build] : tables) ids.push_back(id);
  ParallelFor(builds.size(), [&](std::size_t t) {
    try {
      outcomes[t] = ProtectTable(builds[t]->problem, rules);
    } catch (const UnprotectableCell& unprotectable) {
      const Place& place = builds[t]->places[unprotectable.cell()];
      const std::string cell = place.area.empty()
                                   ? std::string(Tr("en dold rest", "a hidden remainder"))
                                   : fmt::format("{} {}, {} {}", place.level, place.area,
                                                 place.dimension, place.subgroup);
      throw Error(ErrorCode::kInvalidArgument,
                  fmt::format(fmt::runtime(Tr("röjandeskydd: tabellen {} för perioden {} kan "
                                              "inte skyddas; cellen {} låses av summorna hur "
                                              "många celler som än döljs. Ta bort en nivå eller "
                                              "en indelning ur specifikationen",
                                              "disclosure control: the table {} for period {} "
                                              "cannot be protected; the cell {} is pinned by the "
                                              "sums however many cells are hidden. Remove a "
                                              "level or a breakdown from the specification")),
                              fmt::join(series_of[ids[t].first], ", "), ids[t].second, cell));
    }
  });
  for (const SuppressionOutcome& outcome : outcomes) {
    if (outcome.method == "none") continue;
    ++summary.tables;
    summary.exact_tables += outcome.method == "exact" ? 1 : 0;
    summary.secondary_cells += outcome.secondary;
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    ResultRow& row = rows[r];
    bool withheld = false;
    for (int role = 0; role < 2; ++role) {
      if (!row_cells[r].variable[role]) continue;
      const TableBuild& build = tables.at({*row_cells[r].variable[role], row.period});
      withheld |=
          build.problem.status[build.index.at(PlaceOf(row).Key())] != CellStatus::kPublished;
    }
    if (verdicts[r].reason != SuppressionReason::kNone) {
      Blank(row, verdicts[r].reason);
      ++summary.primary_rows;
    } else if (withheld) {
      Blank(row, SuppressionReason::kComplementary);
      ++summary.complementary_rows;
    } else if (rules.unreliable_relative_width && row.flag == ResultFlag::kNone && row.estimate &&
               row.lower && row.upper && *row.estimate != 0 &&
               (*row.upper - *row.lower) / std::abs(*row.estimate) * 100 >
                   *rules.unreliable_relative_width) {
      row.flag = ResultFlag::kUnreliable;
      ++summary.unreliable_rows;
    }
  }
  for (ResultRow& row : rows) row.top_contributions.reset();
  PublishedResults results(std::move(rows), summary, true);
  Record(context, "publish", results);
  return results;
}

PublishedResults PublishUnsuppressed(std::vector<ResultRow> rows, const PublishContext& context) {
  PublicationSummary summary;
  summary.rows = rows.size();
  for (ResultRow& row : rows) row.top_contributions.reset();
  PublishedResults results(std::move(rows), summary, false);
  Record(context, "publish_unsuppressed", results);
  return results;
}

PublishedResults KeptRelease(std::vector<ResultRow> rows) {
  PublicationSummary summary;
  summary.rows = rows.size();
  for (ResultRow& row : rows) {
    row.top_contributions.reset();
    if (!row.suppressed) continue;
    ++(row.suppression_reason == SuppressionReason::kComplementary ? summary.complementary_rows
                                                                   : summary.primary_rows);
  }
  return PublishedResults(std::move(rows), summary, true);
}

ResolvedRelease ResolveRelease(const ReleaseRequest& request) {
  ResolvedRelease resolved;
  resolved.audit = AuditLogFromSettings(request.audit_path);
  resolved.context = {CurrentUser(),
                      request.table,
                      request.dataset_path.empty() ? DatasetIdentity{request.dataset_label, 0, {}}
                                                   : IdentifyDataset(request.dataset_path),
                      resolved.audit.get(),
                      {},
                      request.top_contributions};
  if (request.unsuppressed) return resolved;
  std::string rules_path = request.rules_path;
  if (const std::string beside = request.dataset_path + ".disclosure.toml";
      rules_path.empty() && !request.dataset_path.empty() &&
      std::filesystem::is_regular_file(beside)) {
    rules_path = beside;
  }
  resolved.rules = DeploymentDisclosureRules();
  if (!rules_path.empty()) resolved.rules = ReadDisclosureRules(rules_path, resolved.rules, true);
  return resolved;
}

PublishedResults Release(std::vector<ResultRow> rows, const ReleaseRequest& request) {
  const ResolvedRelease resolved = ResolveRelease(request);
  if (request.unsuppressed) return PublishUnsuppressed(std::move(rows), resolved.context);
  return Publish(std::move(rows), resolved.rules, resolved.context);
}

std::string_view UnsuppressedWarning() {
  return Tr(
      "varning: resultaten visas utan röjandeskydd (--unsuppressed); små grupper kan peka ut "
      "personer. Publicera dem inte.",
      "warning: results shown without disclosure control (--unsuppressed); small groups can "
      "identify persons. Do not publish them.");
}

}  // namespace jamlik
