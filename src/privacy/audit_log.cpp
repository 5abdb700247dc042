#include "privacy/audit_log.hpp"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

[[noreturn]] void Fail(const std::string& path, const char* what_sv, const char* what_en) {
  throw Error(ErrorCode::kIo,
              fmt::format(fmt::runtime(Tr("granskningsloggen {}: {}: {}", "audit log {}: {}: {}")),
                          path, Tr(what_sv, what_en), std::strerror(errno)),
              {path, 0, 0});
}

}  // namespace

std::string IsoTime(std::time_t time) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", std::chrono::time_point_cast<std::chrono::seconds>(
                                                  std::chrono::system_clock::from_time_t(time)));
}

DatasetIdentity IdentifyDataset(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw Error(ErrorCode::kIo,
                fmt::format(fmt::runtime(Tr("kan inte läsa {}: {}", "cannot read {}: {}")), path,
                            std::strerror(errno)),
                {path, 0, 0});
  }
  std::error_code ignored;
  const auto absolute = std::filesystem::absolute(path, ignored);
  return {absolute.empty() ? path : absolute.string(), static_cast<std::uintmax_t>(info.st_size),
          IsoTime(info.st_mtime)};
}

void FileAuditLog::Append(AuditRecord record) {
  if (record.time.empty()) record.time = IsoTime(std::time(nullptr));
  const nlohmann::ordered_json line = {
      {"time", record.time},
      {"user", record.user},
      {"action", record.action},
      {"table", record.table},
      {"dataset",
       {{"path", record.dataset.path},
        {"size", record.dataset.size},
        {"modified", record.dataset.modified}}},
      {"rows", record.rows},
      {"suppressed_rows", record.suppressed_rows},
  };
  const std::string text = line.dump() + "\n";
  // Appending is the point, so not WriteFileAtomically (which replaces the file); but never onto a
  // device or pipe, which would lose the record.
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) Fail(path_, "kan inte öppnas", "cannot be opened");
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    errno = EINVAL;
    Fail(path_, "är ingen vanlig fil", "is not a regular file");
  }
  const bool written = ::flock(fd, LOCK_EX) == 0 &&
                       ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);  // also releases the lock
  errno = saved;
  if (!written) Fail(path_, "kan inte skrivas", "cannot be written");
}

std::string CurrentUser() {
  for (const char* name : {"USER", "LOGNAME"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return value;
  }
  if (const passwd* entry = ::getpwuid(::getuid()); entry != nullptr) return entry->pw_name;
  return std::to_string(::getuid());
}

std::unique_ptr<AuditLog> AuditLogFromSettings(const std::string& flag_path) {
  std::string path = flag_path;
  if (path.empty()) {
    const char* value = std::getenv("JAMLIK_AUDIT_LOG");
    if (value != nullptr) path = value;
  }
  if (path.empty()) return nullptr;
  return std::make_unique<FileAuditLog>(path);
}

}  // namespace jamlik
