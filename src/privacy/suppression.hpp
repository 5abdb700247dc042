#pragma once
// Complementary (secondary) suppression of linked tables: additive cells tied by equations
// "total = Σ parts" (subgroups sum to the total, crossed dimensions to each dimension's subgroups,
// areas to the area above). Given the primary cells and their protection intervals, add the
// cheapest set of further suppressions so that nobody can recover or narrow a primary cell below
// its interval from the published cells, solving the attacker's linear programme as τ-ARGUS does.
// Two methods, chosen by size:
//  - exact: Fischetti & Salazar's model as one MIP (GLPK) — a binary per publishable cell and, per
//    primary cell and direction, a deviation vector that keeps every equation, moves the primary
//    cell by its protection level and moves only suppressed cells. Memory: 2 · primaries × cells.
//  - heuristic: propagate local needs along the equations (each suppressed cell needs suppressed
//    partners able to absorb its protection level, as the corners of τ-ARGUS's hypercubes), then
//    solve the attacker's LP per connected group of suppressed cells and add cells until every
//    primary cell's range holds. Near-linear in the table plus small LPs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace jamlik {

struct DisclosureRules;

// `total` = Σ `parts`, each an index into the table's cells.
struct Equation {
  std::size_t total = 0;
  std::vector<std::size_t> parts;
};

enum class CellStatus : std::uint8_t {
  kPublished,
  kPrimary,    // breaks a rule; needs its protection interval
  kSecondary,  // suppressed to protect others
  kHidden,     // part of the equations but never published (an unpublished margin or remainder)
};

struct LinkedTable {
  std::vector<double> values;
  std::vector<double> costs;  // of suppressing each cell
  std::vector<Equation> equations;
  // Every cell is ≥ 0 (counts, populations); false for sums that may be negative (income).
  bool nonnegative = true;
};

// How far an attacker's feasible range must reach above and below a primary cell's value.
struct Protection {
  double upper = 0;
  double lower = 0;
};

struct SuppressionProblem {
  LinkedTable table;
  std::vector<CellStatus> status;      // one per cell; kPrimary and kHidden set by the caller
  std::vector<Protection> protection;  // one per cell; read for primary cells
};

struct SuppressionOutcome {
  std::string method;  // "none", "exact" or "heuristic"
  std::size_t secondary = 0;
  double secondary_cost = 0;
};

// A primary cell that no set of suppressions protects: the attacker's range stays short of its
// protection interval even with every other cell of the table hidden (the equations pin it, as a
// subgroup that must equal its total while the total is published through another equation).
// A user-facing error (kInvalidArgument); Publish names the table.
class UnprotectableCell : public Error {
 public:
  explicit UnprotectableCell(std::size_t cell);
  std::size_t cell() const { return cell_; }

 private:
  std::size_t cell_;
};

// Mark the complementary suppressions in `problem.status` (kSecondary). Uses the exact MIP when
// cells × primary cells ≤ rules.exact_limit and it finishes within rules.exact_seconds, otherwise
// the heuristic; both results hold against the attacker's LP.
SuppressionOutcome ProtectTable(SuppressionProblem& problem, const DisclosureRules& rules);

// The heuristic alone (exposed for the benchmark and tests).
SuppressionOutcome ProtectTableHeuristic(SuppressionProblem& problem);

// An attacker's range for a suppressed cell: the min and max over every table that keeps the
// published cells and all equations (upper = +∞ when unbounded).
struct FeasibleRange {
  double lower = 0;
  double upper = 0;
};

// Solve the attacker's LP (GLPK) for every suppressed cell listed in `cells`.
std::vector<FeasibleRange> AttackerRanges(const LinkedTable& table,
                                          const std::vector<CellStatus>& status,
                                          const std::vector<std::size_t>& cells);

}  // namespace jamlik
