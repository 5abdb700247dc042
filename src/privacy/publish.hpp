#pragma once
// The one path out of the engine: result rows become publishable only through Publish, which
// applies the disclosure rules (primary suppression), protects the suppressed cells from being
// recovered from the others (complementary suppression) and records the release in the audit
// log. Output code (CLI writers, later the API, web app, exports and reports) takes a
// PublishedResults, which only this library can construct.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "indicators/result_table.hpp"
#include "privacy/audit_log.hpp"
#include "privacy/disclosure_rules.hpp"

namespace jamlik {

struct PublishContext {
  std::string user;   // who asks (the audit log's "who")
  std::string table;  // what was computed (the audit log's "what")
  DatasetIdentity dataset;
  AuditLog* audit = nullptr;  // when set, every release is recorded before it is returned
  // Where an area belongs when the code lists (core/geography) do not place it, e.g. a user's own
  // districts; a level with one area (the nation, one county, all of the data) holds every area.
  std::map<std::string, std::string> area_parents;
  // The largest contributions to a row's numerator (sums and means); when unset, the row's own
  // ResultRow::top_contributions. Rows without them are judged without the dominance rule.
  std::function<std::optional<TopContributions>(const ResultRow&)> top_contributions;
};

struct PublicationSummary {
  std::size_t rows = 0;
  std::size_t primary_rows = 0;        // broke a rule
  std::size_t complementary_rows = 0;  // blanked to protect others
  std::size_t unreliable_rows = 0;     // published with the flag "unreliable"
  std::size_t tables = 0;              // linked tables protected
  std::size_t secondary_cells = 0;     // complementary suppressions of additive cells
  std::size_t exact_tables = 0;        // of the tables, protected by the exact MIP
};

class PublishedResults {
 public:
  const std::vector<ResultRow>& rows() const { return rows_; }
  const PublicationSummary& summary() const { return summary_; }
  // False for results released with PublishUnsuppressed.
  bool disclosure_controlled() const { return disclosure_controlled_; }

 private:
  PublishedResults(std::vector<ResultRow> rows, PublicationSummary summary, bool controlled)
      : rows_(std::move(rows)), summary_(summary), disclosure_controlled_(controlled) {}

  std::vector<ResultRow> rows_;
  PublicationSummary summary_;
  bool disclosure_controlled_ = true;

  friend PublishedResults Publish(std::vector<ResultRow> rows, const DisclosureRules& rules,
                                  const PublishContext& context);
  friend PublishedResults PublishUnsuppressed(std::vector<ResultRow> rows,
                                              const PublishContext& context);
  friend PublishedResults KeptRelease(std::vector<ResultRow> rows);
};

// Apply disclosure control: mark and blank every row that breaks a rule (suppressed,
// suppression_reason; no estimate, interval, numerator, denominator or population), then blank the
// fewest, cheapest further rows so that no blanked numerator or denominator can be recovered or
// narrowed below its protection interval from the published rows, margins and area totals, also
// across indicators that share a numerator or denominator. Flags wide intervals "unreliable".
// Every returned row has its top_contributions cleared. Throws kInvalidArgument when an area cannot
// be placed under the level above it.
PublishedResults Publish(std::vector<ResultRow> rows, const DisclosureRules& rules,
                         const PublishContext& context);

// Release the rows as they are (but for their top_contributions, which no output shows), for a
// user entitled to the microdata (the CLI's --unsuppressed); the audit log records it as such.
PublishedResults PublishUnsuppressed(std::vector<ResultRow> rows, const PublishContext& context);

// Rows that Publish released before and a store kept as they were released (the server stores an
// analysis' results only from a PublishedResults, app::RunAnalysis), released again to a reader
// of the store: no rule runs twice on blanked rows. The summary counts the rows and the suppressed
// ones; the caller records the read in its audit log. Nothing else may call it.
PublishedResults KeptRelease(std::vector<ResultRow> rows);

// What a front door (CLI command, later an API handler) knows about a release.
struct ReleaseRequest {
  std::string table;         // what was computed, e.g. "indicators examples/indicators.toml"
  std::string dataset_path;  // the microdata or aggregated input
  // For data held in memory (a Python data frame; dataset_path empty): what the audit log names as
  // the dataset, e.g. "(pandas DataFrame)".
  std::string dataset_label;
  // The dataset's rules (tightening the deployment's); when empty, DATASET.disclosure.toml beside
  // the dataset is read if it exists.
  std::string rules_path;
  std::string audit_path;  // the audit log; when empty, JAMLIK_AUDIT_LOG if set
  bool unsuppressed = false;
  std::function<std::optional<TopContributions>(const ResultRow&)> top_contributions;
};

// What a request resolves to: the user, the dataset's identity and the audit log (in the context)
// and the rules (the deployment's, tightened by the dataset's; the defaults, unread, when the
// request is unsuppressed). Every release step resolves a request through this.
struct ResolvedRelease {
  std::unique_ptr<AuditLog> audit;  // context.audit points to it
  PublishContext context;
  DisclosureRules rules;
};
ResolvedRelease ResolveRelease(const ReleaseRequest& request);

// Resolve the request (ResolveRelease) and Publish (or PublishUnsuppressed when asked).
PublishedResults Release(std::vector<ResultRow> rows, const ReleaseRequest& request);

// The warning a front door shows with unsuppressed results, in the user's language.
std::string_view UnsuppressedWarning();

}  // namespace jamlik
