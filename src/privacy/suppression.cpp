#include "privacy/suppression.hpp"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "privacy/disclosure_rules.hpp"

namespace jamlik {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Groups of suppressed cells smaller than this are checked with an LP of their own.
constexpr std::size_t kOwnLpBelow = 500;
// Row duals and reduced costs smaller than this are taken as 0.
constexpr double kDualTolerance = 1e-9;

bool IsSuppressed(CellStatus status) { return status != CellStatus::kPublished; }

// Slack for comparing sums of doubles: relative to the magnitudes involved.
double Slack(double magnitude) { return 1e-7 * (1 + std::abs(magnitude)); }

using Problem = std::unique_ptr<glp_prob, decltype(&glp_delete_prob)>;

// GLPK keeps one environment per thread and frees it only when asked; a server's worker threads
// would each leave theirs behind when they end.
struct GlpkEnvironmentRelease {
  ~GlpkEnvironmentRelease() { glp_free_env(); }
};

Problem NewProblem() {
  thread_local GlpkEnvironmentRelease release;
  return {glp_create_prob(), &glp_delete_prob};
}

std::vector<std::vector<std::size_t>> EquationsOfCells(const LinkedTable& table) {
  std::vector<std::vector<std::size_t>> of(table.values.size());
  for (std::size_t e = 0; e < table.equations.size(); ++e) {
    of[table.equations[e].total].push_back(e);
    for (std::size_t part : table.equations[e].parts) of[part].push_back(e);
  }
  return of;
}

class UnionFind {
 public:
  explicit UnionFind(std::size_t size) : parent_(size) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t Find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Join(std::size_t a, std::size_t b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<std::size_t> parent_;
};

// Group the suppressed cells into the independent pieces of the attacker's LP: two suppressed
// cells are linked when an equation holds both.
std::vector<std::vector<std::size_t>> SuppressedComponents(const LinkedTable& table,
                                                           const std::vector<CellStatus>& status) {
  const std::size_t n = table.values.size();
  UnionFind sets(n);
  for (const Equation& equation : table.equations) {
    std::size_t first = n;
    auto link = [&](std::size_t cell) {
      if (!IsSuppressed(status[cell])) return;
      if (first == n) {
        first = cell;
      } else {
        sets.Join(cell, first);
      }
    };
    link(equation.total);
    for (std::size_t part : equation.parts) link(part);
  }
  std::vector<std::size_t> index(n, n);
  std::vector<std::vector<std::size_t>> components;
  for (std::size_t cell = 0; cell < n; ++cell) {
    if (!IsSuppressed(status[cell])) continue;
    std::size_t& slot = index[sets.Find(cell)];
    if (slot == n) {
      slot = components.size();
      components.emplace_back();
    }
    components[slot].push_back(cell);
  }
  return components;
}

// The attacker's best value of the objective set on `lp` in `direction` (GLP_MIN, GLP_MAX), ±∞
// when unbounded; warm-started from the last basis.
double OptimiseAttackerLp(glp_prob* lp, const glp_smcp& parameters, int direction) {
  glp_set_obj_dir(lp, direction);
  if (glp_simplex(lp, &parameters) != 0) {
    // A lost basis after many warm starts: start afresh once.
    glp_std_basis(lp);
    if (glp_simplex(lp, &parameters) != 0) {
      throw Error(ErrorCode::kInternal, "attacker LP: the simplex method failed");
    }
  }
  const int result = glp_get_status(lp);
  if (result == GLP_UNBND) return direction == GLP_MAX ? kInfinity : -kInfinity;
  if (result != GLP_OPT) throw Error(ErrorCode::kInternal, "attacker LP: no optimum");
  return glp_get_obj_val(lp);
}

// The attacker's LP over one component: its suppressed cells as variables, each equation that
// touches them as a row whose right-hand side comes from the published cells.
class AttackerLp {
 public:
  AttackerLp(const LinkedTable& table, const std::vector<CellStatus>& status,
             const std::vector<std::vector<std::size_t>>& equations_of,
             const std::vector<std::size_t>& members)
      : lp_(NewProblem()) {
    glp_set_obj_dir(lp_.get(), GLP_MAX);
    glp_add_cols(lp_.get(), static_cast<int>(members.size()));
    for (std::size_t j = 0; j < members.size(); ++j) {
      column_of_[members[j]] = static_cast<int>(j + 1);
      glp_set_col_bnds(lp_.get(), static_cast<int>(j + 1), table.nonnegative ? GLP_LO : GLP_FR, 0,
                       0);
    }
    std::vector<std::size_t> rows;
    for (std::size_t cell : members) {
      rows.insert(rows.end(), equations_of[cell].begin(), equations_of[cell].end());
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0};
    // GLPK aborts the process on glp_add_rows(0): a component no equation touches has no rows.
    if (!rows.empty()) glp_add_rows(lp_.get(), static_cast<int>(rows.size()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const Equation& equation = table.equations[rows[r]];
      double rhs = 0;
      auto term = [&](std::size_t cell, double sign) {
        if (IsSuppressed(status[cell])) {
          ia.push_back(static_cast<int>(r + 1));
          ja.push_back(column_of_.at(cell));
          ar.push_back(sign);
        } else {
          rhs -= sign * table.values[cell];
        }
      };
      term(equation.total, 1);
      for (std::size_t part : equation.parts) term(part, -1);
      glp_set_row_bnds(lp_.get(), static_cast<int>(r + 1), GLP_FX, rhs, rhs);
    }
    glp_load_matrix(lp_.get(), static_cast<int>(ar.size() - 1), ia.data(), ja.data(), ar.data());
    glp_init_smcp(&parameters_);
    parameters_.msg_lev = GLP_MSG_OFF;
  }

  // Return the min and max of `cell`, re-using the last basis (a warm start).
  FeasibleRange Range(std::size_t cell) {
    const int column = column_of_.at(cell);
    glp_set_obj_coef(lp_.get(), column, 1);
    FeasibleRange range{Optimise(GLP_MIN), Optimise(GLP_MAX)};
    glp_set_obj_coef(lp_.get(), column, 0);
    return range;
  }

 private:
  double Optimise(int direction) { return OptimiseAttackerLp(lp_.get(), parameters_, direction); }

  Problem lp_;
  glp_smcp parameters_{};
  std::unordered_map<std::size_t, int> column_of_;
};

// The attacker's LP over a whole table, kept across the heuristic's rounds. A suppressed cell's
// deviation d from its true value is a column (d ≥ −value when cells are non-negative, free
// otherwise), added when the cell is suppressed; every equation is a row Σ ±d = 0, and published
// cells have no column (they do not move). Rows hold no right-hand side from published values, so
// rounding in large sums cannot make the LP infeasible. Each solve warm-starts from the last
// basis; nothing is rebuilt between rounds. Independent groups of suppressed cells are independent
// blocks of the one LP, so a cell's range is the same as over its group alone.
class TableLp {
 public:
  TableLp(const LinkedTable& table, const std::vector<std::vector<std::size_t>>& equations_of)
      : table_(table),
        equations_of_(equations_of),
        lp_(NewProblem()),
        column_of_(table.values.size(), 0),
        row_of_(table.equations.size(), 0),
        pricing_(table.values.size(), 0),
        priced_(table.values.size(), false) {
    glp_init_smcp(&parameters_);
    parameters_.msg_lev = GLP_MSG_OFF;
  }

  // Give the cells, suppressed since the last call, their columns.
  void Add(const std::vector<std::size_t>& cells) {
    for (std::size_t cell : cells) {
      if (column_of_[cell] == 0) AddCell(cell);
    }
  }

  // Whether the last solution is a feasible table (it is after an optimum; after an unbounded
  // direction it is the last basis GLPK reached).
  bool Feasible() const { return glp_get_prim_stat(lp_.get()) == GLP_FEAS; }

  // The cell's deviation in the last solution.
  double Deviation(std::size_t cell) const { return glp_get_col_prim(lp_.get(), column_of_[cell]); }

  // Optimise Σ d over `cells` (max when `up`) with each d capped at its `cap` (protection level)
  // so that the optimum is bounded and spread over the cells; then lift the caps.
  void OptimiseCapped(const std::vector<std::size_t>& cells, const std::vector<double>& caps,
                      bool up) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const int u = column_of_[cells[i]];
      glp_set_obj_coef(lp_.get(), u, 1);
      const double w = WCap(cells[i]);
      if (up) {
        glp_set_col_bnds(lp_.get(), u, w == kInfinity ? GLP_UP : GLP_DB, -w, caps[i]);
      } else {
        glp_set_col_bnds(lp_.get(), u, GLP_LO, -std::min(caps[i], w), 0);
      }
    }
    Optimise(up ? GLP_MAX : GLP_MIN);
    for (std::size_t cell : cells) {
      glp_set_obj_coef(lp_.get(), column_of_[cell], 0);
      SetBounds(cell);
    }
  }

  // The max (up) or min of the cell's deviation.
  double Extreme(std::size_t cell, bool up) {
    const int u = column_of_[cell];
    glp_set_obj_coef(lp_.get(), u, 1);
    const double extreme = Optimise(up ? GLP_MAX : GLP_MIN);
    glp_set_obj_coef(lp_.get(), u, 0);
    return extreme;
  }

  // After a finite optimum of Extreme(…, up): the cells without a column whose column would
  // improve it, that is, the cells whose suppression can widen the range (column generation's
  // pricing). A published cell's deviation would enter at 0 with objective coefficient 0, so its
  // reduced cost is −Σ_rows dual · coefficient; it improves a max when positive (the cell moves
  // up) or when negative and the cell can move down (and the reverse for a min). None means the
  // row duals stay optimal however many cells are added: no suppression can widen the range.
  std::vector<std::size_t> Improving(bool up) const {
    std::vector<std::size_t> touched;
    for (int r = 1; r < static_cast<int>(equation_of_row_.size()); ++r) {
      const double dual = glp_get_row_dual(lp_.get(), r);
      if (std::abs(dual) <= kDualTolerance) continue;
      const Equation& equation = table_.equations[equation_of_row_[r]];
      auto price = [&](std::size_t cell, double coefficient) {
        if (column_of_[cell] != 0) return;
        if (!priced_[cell]) touched.push_back(cell);
        priced_[cell] = true;
        pricing_[cell] -= dual * coefficient;
      };
      price(equation.total, 1);
      for (std::size_t part : equation.parts) price(part, -1);
    }
    std::vector<std::size_t> improving;
    for (std::size_t cell : touched) {
      const double reduced = up ? pricing_[cell] : -pricing_[cell];  // > 0: moving up improves
      pricing_[cell] = 0;
      priced_[cell] = false;
      if (reduced > kDualTolerance || (reduced < -kDualTolerance && WCap(cell) > 0)) {
        improving.push_back(cell);
      }
    }
    std::sort(improving.begin(), improving.end());
    return improving;
  }

 private:
  double WCap(std::size_t cell) const {
    return table_.nonnegative ? std::max(table_.values[cell], 0.0) : kInfinity;
  }

  void SetBounds(std::size_t cell) {
    const double w = WCap(cell);
    glp_set_col_bnds(lp_.get(), column_of_[cell], w == kInfinity ? GLP_FR : GLP_LO, -w, 0);
  }

  void AddCell(std::size_t cell) {
    const int u = glp_add_cols(lp_.get(), 1);
    column_of_[cell] = u;
    std::vector<int> rows{0};
    std::vector<double> coefficients{0};
    for (std::size_t e : equations_of_[cell]) {
      if (row_of_[e] == 0) {  // rows only for the equations of suppressed cells
        row_of_[e] = glp_add_rows(lp_.get(), 1);
        equation_of_row_.push_back(e);
        glp_set_row_bnds(lp_.get(), row_of_[e], GLP_FX, 0, 0);
      }
      rows.push_back(row_of_[e]);
      coefficients.push_back(table_.equations[e].total == cell ? 1 : -1);
    }
    const int length = static_cast<int>(rows.size() - 1);
    glp_set_mat_col(lp_.get(), u, length, rows.data(), coefficients.data());
    SetBounds(cell);
  }

  double Optimise(int direction) {
    if (glp_get_num_cols(lp_.get()) == 0) return 0;
    return OptimiseAttackerLp(lp_.get(), parameters_, direction);
  }

  const LinkedTable& table_;
  const std::vector<std::vector<std::size_t>>& equations_of_;
  Problem lp_;
  glp_smcp parameters_{};
  std::vector<int> column_of_;                   // 0 when the cell has no column (published)
  std::vector<int> row_of_;                      // 0 when the equation has no row yet
  std::vector<std::size_t> equation_of_row_{0};  // by row number (row 0 unused)
  mutable std::vector<double> pricing_;          // scratch of Improving, all 0 between calls
  mutable std::vector<bool> priced_;             // … and all false
};

// The local-needs propagation and LP repair of ProtectTableHeuristic.
class Heuristic {
 public:
  explicit Heuristic(SuppressionProblem& problem)
      : problem_(problem),
        table_(problem.table),
        status_(problem.status),
        equations_of_(EquationsOfCells(table_)),
        up_(table_.values.size(), 0),
        down_(table_.values.size(), 0),
        queued_(table_.values.size(), false),
        suppressed_count_(table_.equations.size(), 0),
        suppressed_part_sum_(table_.equations.size(), 0) {
    for (std::size_t cell = 0; cell < status_.size(); ++cell) {
      if (IsSuppressed(status_[cell])) {
        Count(cell);
        unsynced_.push_back(cell);
      }
      if (status_[cell] == CellStatus::kPrimary) {
        Raise(cell, problem.protection[cell].upper, problem.protection[cell].lower);
      }
    }
  }

  void Run() {
    Propagate();
    Repair();
  }

 private:
  void Count(std::size_t cell) {
    for (std::size_t e : equations_of_[cell]) {
      ++suppressed_count_[e];
      if (table_.equations[e].total != cell) suppressed_part_sum_[e] += table_.values[cell];
    }
  }

  // Hidden cells (unpublished margins) move freely but need nothing until a protected cell leans
  // on them; every other suppressed cell needs a partner in each equation even at need 0.
  void Raise(std::size_t cell, double up, double down) {
    down = table_.nonnegative ? std::min(down, table_.values[cell]) : down;
    if (up > up_[cell] || down > down_[cell] || !queued_[cell]) {
      up_[cell] = std::max(up_[cell], up);
      down_[cell] = std::max(down_[cell], down);
      queued_[cell] = true;
      queue_.push_back(cell);
    }
  }

  void Suppress(std::size_t cell) {
    status_[cell] = CellStatus::kSecondary;
    Count(cell);
    unverified_.push_back(cell);
    unsynced_.push_back(cell);
  }

  // Prefer partners whose other equations already hold suppressed cells: they close the cycle
  // (the hypercube's corner) instead of opening new ones.
  double EffectiveCost(std::size_t candidate, std::size_t equation) const {
    int closing = 0;
    for (std::size_t e : equations_of_[candidate]) {
      if (e != equation && suppressed_count_[e] > 0) ++closing;
    }
    return table_.costs[candidate] / (1.0 + closing);
  }

  // Make `cell` able to move up and down by its needs within `equation`: suppressed partners
  // that absorb the moves, each of which must then make its own move in its other equations.
  // A part moving up needs parts moving down (as far as their values allow) or the total moving
  // up; a part moving down needs any part moving up or the total moving down. A total moving up
  // needs any part moving up; moving down, parts moving down.
  void Satisfy(std::size_t cell, std::size_t e) {
    const Equation& equation = table_.equations[e];
    const bool is_total = equation.total == cell;
    const double value = table_.values[cell];
    const double wanted = is_total ? down_[cell] : up_[cell];
    auto shortfall = [&] {
      if (!is_total && IsSuppressed(status_[equation.total])) return 0.0;
      const double others = suppressed_part_sum_[e] - (is_total ? 0 : value);
      return std::max(wanted - others, 0.0);
    };
    auto covered = [&] { return suppressed_count_[e] > 1 && shortfall() <= Slack(wanted); };
    if (!covered()) {
      std::vector<std::size_t> candidates;
      for (std::size_t part : equation.parts) {
        if (!IsSuppressed(status_[part])) candidates.push_back(part);
      }
      std::sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) {
        return EffectiveCost(a, e) < EffectiveCost(b, e);
      });
      // The cheapest single part that covers the shortfall …
      const double missing = shortfall();
      const auto single = std::find_if(candidates.begin(), candidates.end(), [&](std::size_t c) {
        return table_.values[c] >= missing - Slack(missing);
      });
      if (single != candidates.end()) {
        Suppress(*single);
      } else {
        // … else the largest parts until it is covered …
        std::sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) {
          return table_.values[a] > table_.values[b];
        });
        for (std::size_t candidate : candidates) {
          if (covered()) break;
          Suppress(candidate);
        }
      }
      // … else the total, which can always move up.
      if (!covered() && !is_total) Suppress(equation.total);
    }
    // The partners' moves: parts move against a part and with their total.
    const double up = up_[cell], down = down_[cell];
    if (!is_total && IsSuppressed(status_[equation.total])) Raise(equation.total, up, down);
    for (std::size_t part : equation.parts) {
      if (part == cell || !IsSuppressed(status_[part])) continue;
      if (is_total) {
        Raise(part, up, down);
      } else {
        Raise(part, down, up);
      }
    }
  }

  void Propagate() {
    while (!queue_.empty()) {
      const std::size_t cell = queue_.front();
      queue_.pop_front();
      for (std::size_t e : equations_of_[cell]) Satisfy(cell, e);
    }
  }

  // Check each group of suppressed cells holding a primary cell with the attacker's LP; where a
  // range falls short, suppress the cheapest cell next to the group that can carry the shortfall,
  // for every short primary of the group at once, and propagate again. Suppressing more cells
  // only widens the attacker's ranges, so a primary whose range holds once holds for good and is
  // not solved again. Every round suppresses at least one more cell, so it ends.
  void Repair() {
    std::vector<bool> verified(status_.size(), false);
    std::vector<bool> holds(status_.size(), false);
    TableLp lp(table_, equations_of_);
    for (;;) {
      bool repaired = false;
      for (const auto& members : SuppressedComponents(table_, status_)) {
        if (std::all_of(members.begin(), members.end(),
                        [&](std::size_t cell) { return verified[cell]; })) {
          continue;
        }
        for (std::size_t cell : members) verified[cell] = true;
        std::vector<std::size_t> primaries;
        for (std::size_t cell : members) {
          if (status_[cell] == CellStatus::kPrimary && !holds[cell]) primaries.push_back(cell);
        }
        if (primaries.empty()) continue;
        // The LP sees the table as it is when the group's turn comes: cells suppressed for an
        // earlier group of this round included, none added for this group's own primaries.
        lp.Add(unsynced_);
        unsynced_.clear();
        // A small group gets an LP of its own: every solve of the table's LP costs in proportion
        // to all its rows, which for many small groups (a DeSO table) dwarfs the group's.
        // Its LP holds the group as it is now: cells suppressed for an earlier group of this
        // round may have joined it to others, and a cell left out would count as published.
        std::optional<TableLp> own;
        if (members.size() < kOwnLpBelow) {
          own.emplace(table_, equations_of_);
          own->Add(CurrentGroup(members));
        }
        for (std::size_t primary : primaries) holds[primary] = true;
        for (const Shortfall& short_cell : ShortPrimaries(own ? *own : lp, primaries)) {
          holds[short_cell.cell] = false;
          repaired |= AddImproving(short_cell);
        }
      }
      if (!repaired) return;
      Propagate();
      for (std::size_t cell : unverified_) verified[cell] = false;
      unverified_.clear();
    }
  }

  struct Shortfall {
    std::size_t cell;
    double amount;
    std::vector<std::size_t> improving;  // cells whose suppression widens its range
  };

  // The suppressed cells linked to `members` through equations, `members` included.
  std::vector<std::size_t> CurrentGroup(const std::vector<std::size_t>& members) {
    std::vector<bool>& seen = seen_;  // all false between calls
    seen.resize(status_.size(), false);
    std::vector<std::size_t> group = members;
    for (std::size_t cell : members) seen[cell] = true;
    for (std::size_t next = 0; next < group.size(); ++next) {
      for (std::size_t e : equations_of_[group[next]]) {
        const Equation& equation = table_.equations[e];
        auto visit = [&](std::size_t cell) {
          if (!seen[cell] && IsSuppressed(status_[cell])) {
            seen[cell] = true;
            group.push_back(cell);
          }
        };
        visit(equation.total);
        for (std::size_t part : equation.parts) visit(part);
      }
    }
    for (std::size_t cell : group) seen[cell] = false;
    return group;
  }

  // The primaries (in their order) whose attacker's range falls short of their protection
  // interval, with the shortfall max(value + upper − max, min − (value − lower)). A range need
  // not be solved for alone to hold: any feasible table of the attacker's LP in which the cell
  // reaches value + upper proves the max reaches it too (and likewise below). So first a few
  // solves of Σ d over all unproven cells (each capped at its protection level) prove most of
  // them at once; only the rest are solved one by one, and only the direction still unproven —
  // the same ranges and shortfalls as solving every cell alone.
  std::vector<Shortfall> ShortPrimaries(TableLp& lp, const std::vector<std::size_t>& primaries) {
    const std::size_t count = primaries.size();
    std::vector<bool> reached[2] = {std::vector<bool>(count, false),
                                    std::vector<bool>(count, false)};  // [0] below, [1] above
    auto need = [&](std::size_t i, bool up) {
      const Protection& protection = problem_.protection[primaries[i]];
      return up ? protection.upper : protection.lower;
    };
    auto record = [&] {
      if (!lp.Feasible()) return;
      for (std::size_t i = 0; i < count; ++i) {
        const double slack = Slack(table_.values[primaries[i]]);
        const double d = lp.Deviation(primaries[i]);
        if (d >= need(i, true) - slack) reached[1][i] = true;
        if (d <= -need(i, false) + slack) reached[0][i] = true;
      }
    };
    for (std::size_t i = 0; i < count; ++i) {
      for (const bool up : {true, false}) {  // the true table proves a need of 0
        if (need(i, up) <= Slack(table_.values[primaries[i]])) reached[up][i] = true;
      }
    }
    std::vector<bool> taken(table_.equations.size());
    for (const bool up : {true, false}) {
      for (;;) {
        // Cells in one equation with a fixed total trade against each other (one up, another
        // down: their sum cannot grow), so each pass takes at most one open cell per equation.
        std::vector<std::size_t> open;
        std::vector<double> caps;
        std::fill(taken.begin(), taken.end(), false);
        for (std::size_t i = 0; i < count; ++i) {
          if (reached[up][i]) continue;
          const auto& equations = equations_of_[primaries[i]];
          if (std::any_of(equations.begin(), equations.end(),
                          [&](std::size_t e) { return taken[e]; }))
            continue;
          for (std::size_t e : equations) taken[e] = true;
          open.push_back(primaries[i]);
          caps.push_back(need(i, up));
        }
        if (open.empty()) break;
        lp.OptimiseCapped(open, caps, up);
        const auto before = std::count(reached[up].begin(), reached[up].end(), true);
        record();
        if (std::count(reached[up].begin(), reached[up].end(), true) == before) break;
      }
    }
    std::vector<Shortfall> shortfalls;
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t primary = primaries[i];
      Shortfall shortfall{primary, -kInfinity, {}};
      for (const bool up : {true, false}) {
        if (reached[up][i]) continue;
        const double extreme = lp.Extreme(primary, up);
        record();  // the solution may prove later cells too
        if (reached[up][i]) continue;
        const std::vector<std::size_t> improving = lp.Improving(up);
        if (improving.empty()) throw UnprotectableCell(primary);
        shortfall.improving.insert(shortfall.improving.end(), improving.begin(), improving.end());
        shortfall.amount =
            std::max(shortfall.amount, up ? need(i, true) - extreme : extreme + need(i, false));
      }
      if (shortfall.amount > -kInfinity) shortfalls.push_back(std::move(shortfall));
    }
    return shortfalls;
  }

  // Suppress the cheapest cell whose suppression widens the short primary's range (by the LP's
  // pricing), preferring one whose value covers the shortfall, and let it move as far as the
  // primary must. Return whether a cell was suppressed (none when an earlier primary of the round
  // took them all).
  bool AddImproving(const Shortfall& shortfall) {
    std::size_t best = status_.size();
    double best_cost = kInfinity;
    for (std::size_t candidate : shortfall.improving) {
      if (IsSuppressed(status_[candidate])) continue;
      int closing = 0;
      for (std::size_t e : equations_of_[candidate]) closing += suppressed_count_[e] > 0 ? 1 : 0;
      const bool covers = table_.values[candidate] >= shortfall.amount;
      const double cost = table_.costs[candidate] / (1.0 + closing) + (covers ? 0 : 1e300);
      if (cost < best_cost) {
        best_cost = cost;
        best = candidate;
      }
    }
    if (best == status_.size()) return false;
    Suppress(best);
    const double move = std::max({up_[shortfall.cell], down_[shortfall.cell], shortfall.amount});
    Raise(best, move, move);
    return true;
  }

  SuppressionProblem& problem_;
  const LinkedTable& table_;
  std::vector<CellStatus>& status_;
  std::vector<std::vector<std::size_t>> equations_of_;
  std::vector<double> up_;    // how far each suppressed cell must be able to move up
  std::vector<double> down_;  // … and down
  std::vector<bool> queued_;
  std::vector<int> suppressed_count_;
  std::vector<double> suppressed_part_sum_;
  std::deque<std::size_t> queue_;
  std::vector<std::size_t> unverified_;
  std::vector<std::size_t> unsynced_;  // suppressed cells the attacker's LP has no column for yet
  std::vector<bool> seen_;             // scratch of CurrentGroup
};

// Solve Fischetti & Salazar's model: minimise the cost of the suppressed publishable cells such
// that for each primary cell and direction some deviation vector keeps every equation, moves the
// primary cell by its protection level and moves only suppressed cells. Deviations are bounded by
// the protection level (and, below, by the cell's value when cells are non-negative), so a
// solution is protected for certain. Return false when GLPK finds no solution in time.
bool SolveExact(SuppressionProblem& problem, double seconds) {
  const LinkedTable& table = problem.table;
  const std::size_t n = table.values.size();
  std::vector<int> x_column(n, 0);
  Problem lp = NewProblem();
  glp_set_obj_dir(lp.get(), GLP_MIN);
  for (std::size_t cell = 0; cell < n; ++cell) {
    if (IsSuppressed(problem.status[cell])) continue;
    x_column[cell] = glp_add_cols(lp.get(), 1);
    glp_set_col_kind(lp.get(), x_column[cell], GLP_BV);
    glp_set_obj_coef(lp.get(), x_column[cell], table.costs[cell]);
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  auto entry = [&](int row, int column, double coefficient) {
    ia.push_back(row);
    ja.push_back(column);
    ar.push_back(coefficient);
  };
  for (std::size_t primary = 0; primary < n; ++primary) {
    if (problem.status[primary] != CellStatus::kPrimary) continue;
    for (const double move :
         {problem.protection[primary].upper, -problem.protection[primary].lower}) {
      const double level = std::abs(move);
      if (level <= 0) continue;
      const int first = glp_add_cols(lp.get(), static_cast<int>(n));
      for (std::size_t cell = 0; cell < n; ++cell) {
        const int y = first + static_cast<int>(cell);
        const double below = table.nonnegative ? std::min(table.values[cell], level) : level;
        if (cell == primary) {
          glp_set_col_bnds(lp.get(), y, GLP_FX, move, move);
        } else if (below > 0) {
          glp_set_col_bnds(lp.get(), y, GLP_DB, -below, level);
        } else {
          glp_set_col_bnds(lp.get(), y, GLP_DB, 0, level);
        }
        if (x_column[cell] != 0) {
          // y ≤ level · x and −y ≤ below · x: only suppressed cells move.
          const int up = glp_add_rows(lp.get(), 1);
          glp_set_row_bnds(lp.get(), up, GLP_UP, 0, 0);
          entry(up, y, 1);
          entry(up, x_column[cell], -level);
          if (below > 0) {
            const int down = glp_add_rows(lp.get(), 1);
            glp_set_row_bnds(lp.get(), down, GLP_UP, 0, 0);
            entry(down, y, -1);
            entry(down, x_column[cell], -below);
          }
        }
      }
      for (const Equation& equation : table.equations) {
        const int row = glp_add_rows(lp.get(), 1);
        glp_set_row_bnds(lp.get(), row, GLP_FX, 0, 0);
        entry(row, first + static_cast<int>(equation.total), 1);
        for (std::size_t part : equation.parts) entry(row, first + static_cast<int>(part), -1);
      }
    }
  }
  if (glp_get_num_cols(lp.get()) == 0) return true;
  glp_load_matrix(lp.get(), static_cast<int>(ar.size() - 1), ia.data(), ja.data(), ar.data());
  glp_iocp parameters;
  glp_init_iocp(&parameters);
  parameters.msg_lev = GLP_MSG_OFF;
  parameters.presolve = GLP_ON;
  parameters.fp_heur = GLP_ON;
  parameters.mir_cuts = GLP_ON;
  parameters.gmi_cuts = GLP_ON;
  parameters.tm_lim = static_cast<int>(seconds * 1000);
  glp_intopt(lp.get(), &parameters);
  const int result = glp_mip_status(lp.get());
  if (result != GLP_OPT && result != GLP_FEAS) return false;
  for (std::size_t cell = 0; cell < n; ++cell) {
    if (x_column[cell] != 0 && glp_mip_col_val(lp.get(), x_column[cell]) > 0.5) {
      problem.status[cell] = CellStatus::kSecondary;
    }
  }
  return true;
}

SuppressionOutcome Outcome(const SuppressionProblem& problem, const std::vector<CellStatus>& before,
                           std::string method) {
  SuppressionOutcome outcome{std::move(method), 0, 0};
  for (std::size_t cell = 0; cell < before.size(); ++cell) {
    if (problem.status[cell] == CellStatus::kSecondary && before[cell] != CellStatus::kSecondary) {
      ++outcome.secondary;
      outcome.secondary_cost += problem.table.costs[cell];
    }
  }
  return outcome;
}

}  // namespace

UnprotectableCell::UnprotectableCell(std::size_t cell)
    : Error(ErrorCode::kInvalidArgument,
            std::string(Tr("en liten cell kan inte skyddas: summorna låser den hur många celler "
                           "som än döljs",
                           "a small cell cannot be protected: the sums pin it however many cells "
                           "are hidden"))),
      cell_(cell) {}

SuppressionOutcome ProtectTableHeuristic(SuppressionProblem& problem) {
  const std::vector<CellStatus> before = problem.status;
  Heuristic(problem).Run();
  return Outcome(problem, before, "heuristic");
}

SuppressionOutcome ProtectTable(SuppressionProblem& problem, const DisclosureRules& rules) {
  const auto primaries = static_cast<double>(
      std::count(problem.status.begin(), problem.status.end(), CellStatus::kPrimary));
  if (primaries == 0) return {"none", 0, 0};
  const std::vector<CellStatus> before = problem.status;
  if (primaries * static_cast<double>(problem.status.size()) <= rules.exact_limit) {
    SuppressionProblem exact = problem;
    if (SolveExact(exact, rules.exact_seconds)) {
      problem.status = std::move(exact.status);
      return Outcome(problem, before, "exact");
    }
  }
  return ProtectTableHeuristic(problem);
}

std::vector<FeasibleRange> AttackerRanges(const LinkedTable& table,
                                          const std::vector<CellStatus>& status,
                                          const std::vector<std::size_t>& cells) {
  const auto equations_of = EquationsOfCells(table);
  std::vector<FeasibleRange> ranges(cells.size());
  std::unordered_map<std::size_t, std::size_t> component_of;
  const auto components = SuppressedComponents(table, status);
  for (std::size_t c = 0; c < components.size(); ++c) {
    for (std::size_t cell : components[c]) component_of[cell] = c;
  }
  std::unordered_map<std::size_t, std::vector<std::size_t>> wanted;
  for (std::size_t i = 0; i < cells.size(); ++i) wanted[component_of.at(cells[i])].push_back(i);
  for (const auto& [component, indices] : wanted) {
    AttackerLp lp(table, status, equations_of, components[component]);
    for (std::size_t i : indices) ranges[i] = lp.Range(cells[i]);
  }
  return ranges;
}

}  // namespace jamlik
