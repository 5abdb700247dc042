#pragma once
// Disclosure control for group-by tables (`jamlik aggregate`): each group's row count and each
// value column's sum become result rows — counts and 0/1 sums as counts (numerator rule), other
// sums as sums over the group (group-size and dominance rules, the latter from the group's two
// largest absolute values) — go through Release, and come back as the table with the withheld
// figures blank.
#include <utility>
#include <vector>

#include "core/group_by.hpp"
#include "core/table.hpp"
#include "privacy/publish.hpp"

namespace jamlik {

// A group-by table that went through the release step: only ReleaseGroupBy constructs one, so
// output code that takes it writes released figures only.
class ReleasedTable {
 public:
  const Table& table() const { return table_; }
  // False for a table released with --unsuppressed.
  bool disclosure_controlled() const { return disclosure_controlled_; }
  // What the release of the table's figures (as result rows) withheld.
  const PublicationSummary& summary() const { return summary_; }

 private:
  ReleasedTable(Table table, bool controlled, PublicationSummary summary)
      : table_(std::move(table)), disclosure_controlled_(controlled), summary_(summary) {}

  Table table_;
  bool disclosure_controlled_ = true;
  PublicationSummary summary_;

  friend ReleasedTable ReleaseGroupBy(const GroupByResult& grouped,
                                      const std::vector<Statistic>& statistics,
                                      const ReleaseRequest& request);
};

// Return GroupByResultToTable(grouped, statistics) with, per group, the row count and every
// statistic of a withheld value blank and two more columns, `suppressed` and
// `suppression_reason` (unsuppressed releases keep the table as it is). Minima and maxima are one
// person's value, so under disclosure control they are always blank (reason in README.md).
ReleasedTable ReleaseGroupBy(const GroupByResult& grouped, const std::vector<Statistic>& statistics,
                             const ReleaseRequest& request);

}  // namespace jamlik
