#pragma once
// The rules that decide which result cells may be published (README.md in this folder gives the
// reasoning behind each default). A deployment sets them once (JAMLIK_DISCLOSURE_RULES names its
// TOML file); a dataset may tighten them with its own file, never loosen them.
#include <optional>
#include <string>

namespace jamlik {

enum class DominanceRule {
  kNone,
  kNk,        // the n largest contributions make up more than k % of the cell
  kPPercent,  // the rest (minus the second largest) lets the runner-up estimate the largest
              // to within p %
};

struct DisclosureRules {
  // Event counts 1 … min_numerator − 1 are never shown; 0 is (it discloses no person).
  double min_numerator = 5;
  // Groups (denominators, populations, counts behind a mean) under this size are never shown.
  double min_denominator = 10;
  // Life expectancy from a life table of fewer persons is never shown (as PHE's 5 000).
  double min_population_life_expectancy = 5000;
  // Sums and means of continuous outcomes (income, hours of care): one or two persons must not
  // dominate the cell.
  DominanceRule dominance = DominanceRule::kPPercent;
  int dominance_n = 2;      // (n, k) rule
  double dominance_k = 85;  // per cent
  double dominance_p = 10;  // p % rule, per cent
  // The protection interval: an attacker's feasible range for a suppressed count must reach at
  // least max(protection_absolute, protection_relative % of the value) above the true value, and
  // as far below it (down to 0).
  double protection_absolute = 5;
  double protection_relative = 10;
  // Flag (but still publish) an estimate whose 95 % interval is wider than this many per cent of
  // the estimate; unset means no flag.
  std::optional<double> unreliable_relative_width;
  // A table whose cells × primary cells is at most this is protected by the exact MIP (GLPK);
  // larger ones by the fast heuristic with LP repair.
  double exact_limit = 2000;
  // The exact solver's time limit; when it runs out the heuristic's pattern is used.
  double exact_seconds = 1;
};

// Read a rules file (TOML, keys as in README.md) over `base`. Values in the file may only tighten
// `base` when `tighten_only` is set (a dataset's file over the deployment's). Throws
// kInvalidArgument with file:line:column for a bad or unknown key.
DisclosureRules ReadDisclosureRules(const std::string& path, const DisclosureRules& base,
                                    bool tighten_only);

// Return the deployment's rules: the file JAMLIK_DISCLOSURE_RULES names over the defaults, or the
// defaults.
DisclosureRules DeploymentDisclosureRules();

// Return the id of a dominance rule as written in the rules file: "none", "nk", "p_percent".
const char* DominanceRuleId(DominanceRule rule);

}  // namespace jamlik
