#pragma once
// Who computed or exported which table from which dataset, and when. The store (a later issue)
// will hold the log; until then an append-only file of JSON lines, one record per line, flushed to
// disk (fsync) before the result is shown, so a crash never loses a record of a published table.
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>

namespace jamlik {

// A dataset as the log names it: where it was read, its size and its modification time, so that a
// later reader can tell whether the file has changed since.
struct DatasetIdentity {
  std::string path;  // absolute
  std::uintmax_t size = 0;
  std::string modified;  // UTC, ISO 8601
};

// A point in time (seconds since 1970) as the log writes it: UTC, ISO 8601, e.g.
// "2026-11-26T09:30:00Z". A std::time_t rather than a std::chrono time point keeps <chrono> out
// of this header, which some 50 sources include.
std::string IsoTime(std::time_t time);

// Return the identity of the file at `path`; throws kIo when it cannot be read.
DatasetIdentity IdentifyDataset(const std::string& path);

struct AuditRecord {
  std::string time;    // UTC, ISO 8601; filled in by Append when empty
  std::string user;    // from the environment (CurrentUser)
  std::string action;  // "publish" or "publish_unsuppressed"
  std::string table;   // what was computed, e.g. "indicators examples/indicators.toml"
  DatasetIdentity dataset;
  std::size_t rows = 0;
  std::size_t suppressed_rows = 0;
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Append a record durably; throws kIo when it cannot, so that nothing is published unlogged.
  virtual void Append(AuditRecord record) = 0;
};

// JSON lines in a regular file, opened for appending only and locked while a line is written, so
// that concurrent writers never interleave or overwrite each other's records.
class FileAuditLog final : public AuditLog {
 public:
  explicit FileAuditLog(std::string path) : path_(std::move(path)) {}
  void Append(AuditRecord record) override;

 private:
  std::string path_;
};

// Return the user name: USER, else LOGNAME, else the account name of the process's user id.
std::string CurrentUser();

// Return the log the `--audit-log` flag names, else the one JAMLIK_AUDIT_LOG names, else null.
std::unique_ptr<AuditLog> AuditLogFromSettings(const std::string& flag_path);

}  // namespace jamlik
