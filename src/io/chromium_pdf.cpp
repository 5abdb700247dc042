#include "io/chromium_pdf.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

extern char** environ;

namespace jamlik {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void Fail(const std::string& executable, const std::string& what) {
  throw Error(ErrorCode::kIo,
              fmt::format(fmt::runtime(std::string(Tr("PDF kunde inte skrivas med {}: {}",
                                                      "the PDF could not be printed by {}: {}"))),
                          executable, what));
}

// A temporary folder removed when the scope ends, whatever happens.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "jamlik-pdf-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw Error(ErrorCode::kIo, std::string(Tr("kan inte skapa en tillfällig mapp",
                                                 "cannot create a temporary folder")));
    }
    path_ = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

std::string PrintHtmlToPdf(const std::string& html, const ChromiumPdfOptions& options) {
  std::string executable = options.executable;
  if (executable.empty()) {
    const char* configured = std::getenv("JAMLIK_CHROMIUM");
    executable = configured != nullptr && *configured != '\0' ? configured : "/usr/bin/chromium";
  }
  if (access(executable.c_str(), X_OK) != 0) {
    Fail(executable, std::string(Tr("programmet saknas (Debian-paketet chromium)",
                                    "the program is missing (the Debian package chromium)")));
  }
  const TemporaryFolder folder;
  const fs::path page = folder.path() / "report.html";
  const fs::path pdf = folder.path() / "report.pdf";
  {
    std::ofstream out(page, std::ios::binary);
    out << html;
    if (!out.flush()) Fail(executable, page.string());
  }
  std::vector<std::string> arguments = {
      executable,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",
      "--no-pdf-header-footer",
      "--user-data-dir=" + (folder.path() / "profile").string(),
      "--print-to-pdf=" + pdf.string(),
      "file://" + page.string(),
  };
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  // The browser's chatter (D-Bus, GPU) goes nowhere.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  // Its own process group, so that a time-out ends its helper processes too.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t child = 0;
  const int spawned =
      posix_spawn(&child, executable.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) Fail(executable, std::strerror(spawned));
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
  int status = 0;
  while (true) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (done < 0 && errno != EINTR) Fail(executable, std::strerror(errno));
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-child, SIGKILL);
      waitpid(child, &status, 0);
      Fail(executable, fmt::format("{} {} s", Tr("tog längre än", "took longer than"),
                                   options.timeout_seconds));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Helpers the browser left behind end with it.
  kill(-child, SIGKILL);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::exists(pdf)) {
    Fail(executable, fmt::format("{} {}", Tr("avslutades med", "exited with"),
                                 WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  }
  std::ifstream in(pdf, std::ios::binary);
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  if (!bytes.starts_with("%PDF")) Fail(executable, "not a PDF");
  return bytes;
}

}  // namespace jamlik
