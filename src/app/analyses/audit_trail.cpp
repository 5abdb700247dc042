#include "app/analyses/audit_trail.hpp"

#include <ctime>

namespace jamlik::app {

void StoreAuditLog::Append(AuditRecord record) {
  if (record.time.empty()) record.time = IsoTime(std::time(nullptr));
  store_.AppendCommitted(
      "INSERT INTO audit_log (time, organisation_id, user_id, user_name, action, table_name, "
      "dataset, dataset_bytes, dataset_modified, row_count, suppressed_rows) VALUES ($1, $2, $3, "
      "$4, $5, $6, $7, $8, $9, $10, $11)",
      {record.time, organisation_, user_, record.user, record.action, record.table,
       record.dataset.path, static_cast<std::int64_t>(record.dataset.size), record.dataset.modified,
       static_cast<std::int64_t>(record.rows), static_cast<std::int64_t>(record.suppressed_rows)});
}

std::vector<AuditEntry> ListAuditEntries(store::Store& store, std::int64_t organisation,
                                         std::int64_t limit) {
  std::vector<AuditEntry> entries;
  for (const auto& row : store.Acquire()->Query(
           "SELECT id, user_id, time, user_name, action, table_name, dataset, dataset_bytes, "
           "dataset_modified, row_count, suppressed_rows FROM audit_log WHERE organisation_id = "
           "$1 ORDER BY id DESC LIMIT $2",
           {organisation, limit})) {
    AuditEntry entry;
    entry.id = row.Int(0);
    entry.user_id = row.Int(1);
    entry.record.time = row.Text(2);
    entry.record.user = row.Text(3);
    entry.record.action = row.Text(4);
    entry.record.table = row.Text(5);
    entry.record.dataset = {row.Text(6), static_cast<std::uintmax_t>(row.Int(7)), row.Text(8)};
    entry.record.rows = static_cast<std::size_t>(row.Int(9));
    entry.record.suppressed_rows = static_cast<std::size_t>(row.Int(10));
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace jamlik::app
