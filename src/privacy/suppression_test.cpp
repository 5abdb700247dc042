#include "privacy/suppression.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "privacy/disclosure_rules.hpp"

namespace jamlik {
namespace {

// A rows × columns table with row totals, column totals and the grand total; cell (r, c) is at
// r * (columns + 1) + c, margins at column `columns` and row `rows`.
SuppressionProblem CrossTable(const std::vector<std::vector<double>>& inner) {
  const std::size_t rows = inner.size(), columns = inner[0].size();
  SuppressionProblem problem;
  auto& table = problem.table;
  auto at = [&](std::size_t r, std::size_t c) { return r * (columns + 1) + c; };
  table.values.assign((rows + 1) * (columns + 1), 0);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      table.values[at(r, c)] = inner[r][c];
      table.values[at(r, columns)] += inner[r][c];
      table.values[at(rows, c)] += inner[r][c];
      table.values[at(rows, columns)] += inner[r][c];
    }
  }
  for (std::size_t r = 0; r <= rows; ++r) {
    Equation equation{at(r, columns), {}};
    for (std::size_t c = 0; c < columns; ++c) equation.parts.push_back(at(r, c));
    table.equations.push_back(equation);
  }
  for (std::size_t c = 0; c <= columns; ++c) {
    Equation equation{at(rows, c), {}};
    for (std::size_t r = 0; r < rows; ++r) equation.parts.push_back(at(r, c));
    table.equations.push_back(equation);
  }
  for (double value : table.values) table.costs.push_back(1 + value);
  problem.status.assign(table.values.size(), CellStatus::kPublished);
  problem.protection.assign(table.values.size(), {});
  return problem;
}

void MarkPrimary(SuppressionProblem& problem, std::size_t cell) {
  problem.status[cell] = CellStatus::kPrimary;
  const double value = problem.table.values[cell];
  problem.protection[cell] = {5, std::min(value, 5.0)};
}

void ExpectProtected(const SuppressionProblem& problem) {
  std::vector<std::size_t> primaries;
  for (std::size_t cell = 0; cell < problem.status.size(); ++cell) {
    if (problem.status[cell] == CellStatus::kPrimary) primaries.push_back(cell);
  }
  const auto ranges = AttackerRanges(problem.table, problem.status, primaries);
  for (std::size_t i = 0; i < primaries.size(); ++i) {
    const double value = problem.table.values[primaries[i]];
    EXPECT_GE(ranges[i].upper, value + problem.protection[primaries[i]].upper - 1e-6);
    EXPECT_LE(ranges[i].lower, value - problem.protection[primaries[i]].lower + 1e-6);
  }
}

TEST(Suppression, OneSmallCellNeedsAFourCornerRectangle) {
  for (bool exact : {true, false}) {
    SuppressionProblem problem = CrossTable({{3, 40, 25}, {30, 12, 50}, {20, 60, 9}});
    MarkPrimary(problem, 0);
    const SuppressionOutcome outcome =
        exact ? ProtectTable(problem, DisclosureRules{}) : ProtectTableHeuristic(problem);
    EXPECT_EQ(outcome.method, exact ? "exact" : "heuristic");
    // The cheapest rectangle: (0,0) with (0,2), (2,0), (2,2).
    EXPECT_EQ(outcome.secondary, 3U);
    EXPECT_EQ(problem.status[2], CellStatus::kSecondary);
    EXPECT_EQ(problem.status[8], CellStatus::kSecondary);
    EXPECT_EQ(problem.status[10], CellStatus::kSecondary);
    ExpectProtected(problem);
  }
}

TEST(Suppression, ASingleSubgroupTakesItsTotalWithIt) {
  // total = one part: the part cannot hide behind anything but the total, which then needs a
  // partner in the equation above.
  SuppressionProblem problem;
  problem.table.values = {3, 3, 50, 53};
  problem.table.costs = {4, 4, 51, 54};
  problem.table.equations = {{1, {0}}, {3, {1, 2}}};
  problem.status.assign(4, CellStatus::kPublished);
  problem.protection.assign(4, {});
  MarkPrimary(problem, 0);
  ProtectTableHeuristic(problem);
  EXPECT_EQ(problem.status[1], CellStatus::kSecondary);
  EXPECT_EQ(problem.status[2], CellStatus::kSecondary);
  ExpectProtected(problem);
}

// The smallest table on which the heuristic used to fail with the internal error "nothing left to
// suppress": the total is published and equals a alone (T = a), so z = T − a is pinned at 0
// whatever else is hidden. Suppressing more cannot help, and the heuristic says so as a user's
// error (the table's structure), not an internal one.
TEST(Suppression, ACellTheSumsPinIsReportedNotLoopedOn) {
  SuppressionProblem problem;
  problem.table.values = {40, 0, 40};  // T, z, a
  problem.table.costs = {41, 1, 41};
  problem.table.equations = {{0, {1, 2}}, {0, {2}}};
  problem.status.assign(3, CellStatus::kPublished);
  problem.protection.assign(3, {});
  MarkPrimary(problem, 1);
  try {
    ProtectTableHeuristic(problem);
    ADD_FAILURE() << "no error";
  } catch (const UnprotectableCell& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.cell(), 1U);
  }
  // The attacker indeed pins it with everything hidden.
  problem.status = {CellStatus::kSecondary, CellStatus::kPrimary, CellStatus::kSecondary};
  const auto ranges = AttackerRanges(problem.table, problem.status, {1});
  EXPECT_NEAR(ranges[0].lower, 0, 1e-9);
  EXPECT_NEAR(ranges[0].upper, 0, 1e-9);
}

// Small tables of tiny counts (most cells primary, little room to move) by areas, sex and birth
// region with every margin, some margins unpublished: the heuristic never fails and the attacker's
// LP recovers no primary cell.
TEST(Suppression, TinyCountTablesAreAlwaysProtected) {
  for (unsigned seed = 0; seed < 150; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 random(seed);
    const int counties = 1 + static_cast<int>(random() % 3);
    const int per = 1 + static_cast<int>(random() % 4);
    const int sexes = 1 + static_cast<int>(random() % 3);
    const int regions = 1 + static_cast<int>(random() % 4);
    const int areas =
        1 + counties + counties * per;  // the nation, the counties, the municipalities
    auto parent = [&](int a) { return a <= counties ? 0 : 1 + (a - 1 - counties) / per; };
    const int s_count = sexes + 1, r_count = regions + 1;  // the last of each is the margin
    auto at = [&](int a, int s, int r) {
      return static_cast<std::size_t>((a * s_count + s) * r_count + r);
    };
    SuppressionProblem problem;
    auto& values = problem.table.values;
    values.assign(static_cast<std::size_t>(areas * s_count * r_count), 0);
    for (int a = 1 + counties; a < areas; ++a) {
      for (int s = 0; s < sexes; ++s) {
        for (int r = 0; r < regions; ++r) {
          const double v = random() % 8;
          for (int b = a;; b = parent(b)) {
            values[at(b, s, r)] += v;
            values[at(b, sexes, r)] += v;
            values[at(b, s, regions)] += v;
            values[at(b, sexes, regions)] += v;
            if (b == 0) break;
          }
        }
      }
    }
    auto& equations = problem.table.equations;
    for (int a = 0; a < areas; ++a) {
      for (int s = 0; s <= sexes; ++s) {
        Equation equation{at(a, s, regions), {}};
        for (int r = 0; r < regions; ++r) equation.parts.push_back(at(a, s, r));
        equations.push_back(equation);
      }
      for (int r = 0; r < regions; ++r) {
        Equation equation{at(a, sexes, r), {}};
        for (int s = 0; s < sexes; ++s) equation.parts.push_back(at(a, s, r));
        equations.push_back(equation);
      }
    }
    for (int b = 0; b <= counties; ++b) {
      for (int s = 0; s <= sexes; ++s) {
        for (int r = 0; r <= regions; ++r) {
          Equation equation{at(b, s, r), {}};
          for (int a = 1; a < areas; ++a) {
            if (a != b && parent(a) == b) equation.parts.push_back(at(a, s, r));
          }
          equations.push_back(equation);
        }
      }
    }
    for (double value : values) problem.table.costs.push_back(1 + value);
    problem.status.assign(values.size(), CellStatus::kPublished);
    problem.protection.assign(values.size(), {});
    const bool hide_counties = random() % 3 == 0;
    for (std::size_t cell = 0; cell < values.size(); ++cell) {
      const int a = static_cast<int>(cell) / (s_count * r_count);
      if (hide_counties && a >= 1 && a <= counties) {
        problem.status[cell] = CellStatus::kHidden;
      } else if (values[cell] > 0 && values[cell] < 5) {
        MarkPrimary(problem, cell);
      }
    }
    ASSERT_NO_THROW(ProtectTableHeuristic(problem));
    ExpectProtected(problem);
  }
}

TEST(Suppression, NothingToProtectChangesNothing) {
  SuppressionProblem problem = CrossTable({{30, 40}, {50, 60}});
  const auto before = problem.status;
  EXPECT_EQ(ProtectTable(problem, DisclosureRules{}).method, "none");
  EXPECT_EQ(problem.status, before);
}

TEST(Suppression, AttackerSeesThroughALoneSuppression) {
  SuppressionProblem problem = CrossTable({{3, 40}, {30, 12}});
  problem.status[0] = CellStatus::kPrimary;
  const auto ranges = AttackerRanges(problem.table, problem.status, {0});
  EXPECT_NEAR(ranges[0].lower, 3, 1e-9);
  EXPECT_NEAR(ranges[0].upper, 3, 1e-9);
}

// A cell that no equation links (a table without margins) is protected by being blank: the
// attacker knows nothing of it, and the solvers must not choke on an LP without rows.
TEST(Suppression, ACellInNoEquationNeedsNoPartner) {
  for (bool exact : {true, false}) {
    SuppressionProblem problem;
    problem.table.values = {3, 40};
    problem.table.costs = {4, 41};
    problem.status.assign(2, CellStatus::kPublished);
    problem.protection.assign(2, {});
    MarkPrimary(problem, 0);
    const SuppressionOutcome outcome =
        exact ? ProtectTable(problem, DisclosureRules{}) : ProtectTableHeuristic(problem);
    EXPECT_EQ(outcome.secondary, 0U);
    EXPECT_EQ(problem.status[1], CellStatus::kPublished);
    const auto ranges = AttackerRanges(problem.table, problem.status, {0});
    EXPECT_EQ(ranges[0].lower, 0);
    EXPECT_TRUE(std::isinf(ranges[0].upper));
  }
}

}  // namespace
}  // namespace jamlik
