#pragma once
// The web application's audit log: the privacy library's records (who computed, viewed or exported
// which table from which dataset, when) appended to the store's audit_log table, one per release,
// for one organisation. Nothing in the application updates or deletes them.
#include <cstdint>
#include <string>
#include <vector>

#include "privacy/audit_log.hpp"
#include "store/database.hpp"

namespace jamlik::app {

class StoreAuditLog final : public AuditLog {
 public:
  StoreAuditLog(store::Store& store, std::int64_t organisation, std::int64_t user)
      : store_(store), organisation_(organisation), user_(user) {}
  void Append(AuditRecord record) override;

 private:
  store::Store& store_;
  std::int64_t organisation_;
  std::int64_t user_;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  AuditRecord record;
};

// The organisation's records, newest first, at most `limit`.
std::vector<AuditEntry> ListAuditEntries(store::Store& store, std::int64_t organisation,
                                         std::int64_t limit);

}  // namespace jamlik::app
