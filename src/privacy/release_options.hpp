#pragma once
// The disclosure-control options every command-line front door shares (header-only, so that only
// the CLI pulls in CLI11).
#include <CLI/CLI.hpp>
#include <string>

#include "core/i18n.hpp"
#include "privacy/publish.hpp"

namespace jamlik {

inline void AddReleaseOptions(CLI::App& command, ReleaseRequest& request) {
  command
      .add_option("--disclosure-rules", request.rules_path,
                  std::string(Tr("datamängdens röjanderegler (TOML) som skärper installationens, "
                                 "se src/privacy/README.md",
                                 "the dataset's disclosure rules (TOML), tightening the "
                                 "deployment's; see src/privacy/README.md")))
      ->check(CLI::ExistingFile);
  command.add_option("--audit-log", request.audit_path,
                     std::string(Tr("granskningslogg (JSON-rader) att lägga till i; standard: "
                                    "JAMLIK_AUDIT_LOG",
                                    "audit log (JSON lines) to append to; default: "
                                    "JAMLIK_AUDIT_LOG")));
  command.add_flag("--unsuppressed", request.unsuppressed,
                   std::string(Tr("visa siffror utan röjandeskydd (bara för den som får se "
                                  "mikrodata; ger en varning)",
                                  "show figures without disclosure control (only for those "
                                  "entitled to the microdata; prints a warning)")));
}

}  // namespace jamlik
