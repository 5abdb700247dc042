#pragma once
// Names users type (of organisations, people, datasets, analyses): checked once, the same way
// everywhere, so that no stored name can make a listing or the audit log unreadable.
#include <cstddef>
#include <string>

#include "store/database.hpp"

namespace jamlik::app {

inline constexpr std::size_t kMaxNameCharacters = 200;

// Throw kInvalidArgument naming `field` unless `text` is valid UTF-8, not empty and at most
// `max_characters` characters (not bytes: "ä" is one).
void CheckName(const std::string& text, const char* field,
               std::size_t max_characters = kMaxNameCharacters);

// Replace the bytes that are not valid UTF-8 in names stored before they were checked (datasets,
// analyses, organisations, people and the audit log) with U+FFFD, once per store; return how many
// rows changed. The audit log's rows keep everything else: only their text becomes readable.
std::size_t RepairStoredNames(store::Store& store);

}  // namespace jamlik::app
