#pragma once
// An operator's check of a store and its data folder, e.g. after a crash: the database's own
// integrity check, and the application's invariants between rows and files.
#include <cstddef>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace jamlik::app {

struct StoreCheck {
  std::size_t datasets = 0;
  std::size_t analyses = 0;
  std::size_t files = 0;              // under datasets/
  std::size_t attachments = 0;        // learning examples' attachments (rows)
  std::vector<std::string> problems;  // in the user's language, one line each; empty when sound
};

// Check that the database passes its integrity check, that every dataset row has its file and
// every file under datasets/ a row, that every analysis holds all its result rows, that no
// unfinished upload is left, and that every attachment row of a learning example has its file
// under attachments/ with the size (and, where kept, the SHA-256) the row records and every file
// there a row (run it while no server uses the data folder).
StoreCheck CheckStore(store::Store& store, const std::string& data_dir);

}  // namespace jamlik::app
