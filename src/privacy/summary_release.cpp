#include "privacy/summary_release.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/result_flags.hpp"
#include "indicators/result_table.hpp"

namespace jamlik {
namespace {

// The reasons' ids as every door writes them (indicators/result_flags.hpp).
const std::string kBelowMinimum(EnumId(SuppressionReason::kDenominatorBelowMinimum));
const std::string kComplementary(EnumId(SuppressionReason::kComplementary));

// A figure column with the withheld rows null (and zero, so that no reader that ignores validity
// sees them).
Column Blanked(const Column& column, const std::vector<std::optional<std::string>>& reasons) {
  Validity validity =
      column.validity().empty() ? Validity::AllValid(column.size()) : column.validity();
  if (column.type() == ColumnType::kInt64) {
    IntegerValues values = column.integers();
    std::visit(
        [&](auto& narrow) {
          for (std::size_t row = 0; row < reasons.size(); ++row) {
            if (!reasons[row]) continue;
            validity.Clear(row);
            narrow[row] = 0;
          }
        },
        values);
    return Column::Integers(column.name(), std::move(values), std::move(validity));
  }
  std::vector<double> values = column.doubles();
  for (std::size_t row = 0; row < reasons.size(); ++row) {
    if (!reasons[row]) continue;
    validity.Clear(row);
    values[row] = 0.0;
  }
  return Column::Double(column.name(), std::move(values), std::move(validity));
}

// A text figure column with the withheld rows null.
Column BlankedText(const Column& column, const std::vector<std::optional<std::string>>& reasons) {
  std::vector<std::optional<std::string>> values(column.size());
  for (std::size_t row = 0; row < values.size(); ++row) {
    if (!reasons[row] && !column.IsNull(row)) values[row] = column.ValueToString(row);
  }
  return Column::CategoricalFromStrings(column.name(), values);
}

void Record(const PublishContext& context, const char* action, std::size_t rows,
            std::size_t withheld) {
  if (context.audit == nullptr) return;
  context.audit->Append({{}, context.user, action, context.table, context.dataset, rows, withheld});
}

void Check(const SummaryFigures& figures) {
  const std::size_t rows = figures.table.num_rows();
  bool valid = figures.persons.size() == rows;
  for (const auto& sum : figures.sums) {
    valid = valid && sum.size() >= 2;
    for (std::size_t row : sum) valid = valid && row < rows;
  }
  if (!valid) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format("{} ({})",
                            Tr("Summamåtten saknar antal personer per rad eller hänvisar till en "
                               "rad som inte finns",
                               "The summary figures lack a count of persons per row or refer to "
                               "a row that is not there"),
                            rows));
  }
}

}  // namespace

ReleasedSummary PublishSummary(SummaryFigures figures, const DisclosureRules& rules,
                               const PublishContext& context) {
  Check(figures);
  const std::size_t rows = figures.table.num_rows();
  std::vector<std::optional<std::string>> reasons(rows);
  std::size_t primary = 0, complementary = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    if (static_cast<double>(figures.persons[row]) < rules.min_denominator) {
      reasons[row] = kBelowMinimum;
      ++primary;
    }
  }
  // A relation with exactly one withheld member gives it away: withhold a second, until none does.
  // Each round withholds one more row, so this ends.
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& sum : figures.sums) {
      std::size_t withheld = 0;
      for (std::size_t row : sum) withheld += reasons[row] ? 1 : 0;
      if (withheld != 1) continue;
      std::optional<std::size_t> pick;
      for (std::size_t i = 1; i < sum.size(); ++i) {
        if (!reasons[sum[i]] && (!pick || figures.persons[sum[i]] < figures.persons[*pick])) {
          pick = sum[i];
        }
      }
      const std::size_t row = pick.value_or(sum[0]);
      reasons[row] = kComplementary;
      ++complementary;
      changed = true;
    }
  }
  std::vector<Column> columns = std::move(figures.table).ReleaseColumns();
  std::vector<std::optional<std::string>> flags(rows);
  for (Column& column : columns) {
    if (column.IsNumeric()) {
      column = Blanked(column, reasons);
    } else if (std::find(figures.text_figures.begin(), figures.text_figures.end(), column.name()) !=
               figures.text_figures.end()) {
      column = BlankedText(column, reasons);
    }
  }
  for (std::size_t row = 0; row < rows; ++row) flags[row].emplace(1, reasons[row] ? '1' : '0');
  columns.push_back(Column::CategoricalFromStrings(result_column::kSuppressed, flags));
  columns.push_back(Column::CategoricalFromStrings(result_column::kSuppressionReason, reasons));
  ReleasedSummary released(Table(std::move(columns)), true, primary, complementary);
  Record(context, "publish", rows, primary + complementary);
  return released;
}

ReleasedSummary PublishSummaryUnsuppressed(SummaryFigures figures, const PublishContext& context) {
  Check(figures);
  ReleasedSummary released(std::move(figures.table), false, 0, 0);
  Record(context, "publish_unsuppressed", released.table().num_rows(), 0);
  return released;
}

ReleasedSummary ReleaseSummary(SummaryFigures figures, const ReleaseRequest& request) {
  const ResolvedRelease resolved = ResolveRelease(request);
  if (request.unsuppressed) return PublishSummaryUnsuppressed(std::move(figures), resolved.context);
  return PublishSummary(std::move(figures), resolved.rules, resolved.context);
}

}  // namespace jamlik
