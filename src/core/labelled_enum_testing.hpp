#pragma once
// The completeness test every labelled enumeration (core/labelled_enum.hpp) passes: each
// enumerator up to `last` has its entry, at its position; every one but the "none" value (empty
// id, first) has an id and both labels; the ids are unique, snake_case, and read back to their
// enumerator; an unknown id reads back as nothing.
#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>

#include "core/labelled_enum.hpp"

namespace jamlik::testing {

template <LabelledEnum E>
void ExpectCompleteEnumTable(E last) {
  const auto entries = EnumTable<E>::Entries();
  const std::size_t count = static_cast<std::size_t>(last) + 1;
  ASSERT_EQ(entries.size(), count) << "one entry per enumerator";
  std::set<std::string> ids;
  for (std::size_t i = 0; i < count; ++i) {
    const E value = static_cast<E>(i);
    const EnumEntry<E>& entry = entries[i];
    EXPECT_EQ(entry.value, value) << "entry " << i << " is out of order";
    EXPECT_EQ(EnumId(value), entry.id);
    if (entry.id.empty()) {
      EXPECT_EQ(i, 0u) << "only the first enumerator (none) has no id";
      EXPECT_TRUE(entry.label_sv.empty() && entry.label_en.empty());
      continue;
    }
    EXPECT_TRUE(ids.insert(std::string(entry.id)).second) << "duplicate id " << entry.id;
    EXPECT_EQ(entry.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"),
              std::string::npos)
        << entry.id;
    EXPECT_FALSE(entry.label_sv.empty()) << entry.id;
    EXPECT_FALSE(entry.label_en.empty()) << entry.id;
    EXPECT_EQ(EnumLabel(value, Language::kSwedish), entry.label_sv);
    EXPECT_EQ(EnumLabel(value, Language::kEnglish), entry.label_en);
    EXPECT_EQ(EnumFromId<E>(entry.id), value) << entry.id;
  }
  EXPECT_FALSE(EnumFromId<E>("no_such_id").has_value());
}

}  // namespace jamlik::testing
