// `jamlik inequality` and `jamlik measures`: being written (issue 4).
#include "cli/commands.hpp"

namespace jamlik::cli {

void AddInequalityCommand(CLI::App&) {}
void AddMeasuresCommand(CLI::App&) {}

}  // namespace jamlik::cli
