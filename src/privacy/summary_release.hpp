#pragma once
// Disclosure control for summary measures computed over persons (`jamlik inequity`: concentration
// indices, horizontal inequity and its decomposition by regressor). Such a figure is not a cell of
// an additive table, but it is computed from persons and can speak of few of them: every row whose
// figures rest on fewer persons than the rules' minimum group size (`min_denominator`) is withheld,
// and rows whose estimates add up are protected from being worked out by subtraction (README.md,
// "Summary measures over persons"). Output code takes a ReleasedSummary, which only this step
// constructs, and the release is recorded in the audit log as every other release is.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/table.hpp"
#include "privacy/publish.hpp"

namespace jamlik {

struct SummaryFigures {
  // One row per item: text and categorical columns label it and are kept; every numeric column
  // is a figure, withheld with its row.
  Table table;
  // Per row, the fewest persons any of its figures rests on (a measure over everyone: every
  // person used; a category's coefficient: the smaller of the category and its reference).
  std::vector<std::size_t> persons;
  // Rows whose estimates add up, each written {total, part, part, …} (an identity of two rows is
  // {a, b}). When one member is withheld the others would give it away, so a second one is
  // withheld with it: the part with the fewest persons, else the total.
  std::vector<std::vector<std::size_t>> sums;
  // Text columns that speak of the row's persons too (why a distribution measure is undefined:
  // negative values, ties at a cut), withheld with the row's figures.
  std::vector<std::string> text_figures{};
};

// Summary figures that went through the release step.
class ReleasedSummary {
 public:
  // The figures with the withheld rows' figures blank and, under disclosure control, two more
  // columns: `suppressed` ("1"/"0") and `suppression_reason` (`denominator_below_minimum`,
  // `complementary`).
  const Table& table() const { return table_; }
  // False for figures released with PublishSummaryUnsuppressed (--unsuppressed).
  bool disclosure_controlled() const { return disclosure_controlled_; }
  std::size_t primary_rows() const { return primary_rows_; }
  std::size_t complementary_rows() const { return complementary_rows_; }

 private:
  ReleasedSummary(Table table, bool controlled, std::size_t primary, std::size_t complementary)
      : table_(std::move(table)),
        disclosure_controlled_(controlled),
        primary_rows_(primary),
        complementary_rows_(complementary) {}

  Table table_;
  bool disclosure_controlled_ = true;
  std::size_t primary_rows_ = 0;
  std::size_t complementary_rows_ = 0;

  friend ReleasedSummary PublishSummary(SummaryFigures figures, const DisclosureRules& rules,
                                        const PublishContext& context);
  friend ReleasedSummary PublishSummaryUnsuppressed(SummaryFigures figures,
                                                    const PublishContext& context);
};

// Withhold every row resting on fewer than rules.min_denominator persons and, through `sums`, the
// rows that would give one away; record the release ("publish") in context.audit when set. Throws
// kInvalidArgument when `persons` does not have a count per row or a sum names a row that is not
// there.
ReleasedSummary PublishSummary(SummaryFigures figures, const DisclosureRules& rules,
                               const PublishContext& context);

// Release the figures as they are, for a user entitled to the microdata; the audit log records it
// as "publish_unsuppressed".
ReleasedSummary PublishSummaryUnsuppressed(SummaryFigures figures, const PublishContext& context);

// Resolve the request as Release does (ResolveRelease: rules, user, dataset, audit log) and
// PublishSummary (or PublishSummaryUnsuppressed when asked).
ReleasedSummary ReleaseSummary(SummaryFigures figures, const ReleaseRequest& request);

}  // namespace jamlik
