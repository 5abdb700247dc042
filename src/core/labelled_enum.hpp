#pragma once
// Enumerations whose values cross the doors (a result's flag, a suppression reason, why an
// inequality measure is undefined): the engine sets enumerators; each value has a stable id,
// which files, the store and the API carry, and a label in Swedish and English, which people
// read. One table per enumeration declares both, in the enumerators' order:
//
//   template <> struct EnumTable<Colour> {
//     static std::span<const EnumEntry<Colour>> Entries();  // {kRed, "red", "röd", "red"}, …
//   };
//
// A value whose id is empty ("none") has no label either; its text is empty at every door.
#include <concepts>
#include <cstddef>
#include <optional>
#include <ostream>
#include <span>
#include <string_view>
#include <type_traits>

#include "core/i18n.hpp"

namespace jamlik {

template <typename E>
struct EnumEntry {
  E value;
  std::string_view id;
  std::string_view label_sv;
  std::string_view label_en;
};

// Specialised per enumeration, beside its declaration.
template <typename E>
struct EnumTable;

template <typename E>
concept LabelledEnum = std::is_enum_v<E> && requires {
  { EnumTable<E>::Entries() } -> std::convertible_to<std::span<const EnumEntry<E>>>;
};

// Return the table's entry of `value`. The table lists the enumerators in order (a completeness
// test checks it), so the entry is found by position.
template <LabelledEnum E>
const EnumEntry<E>& EnumEntryOf(E value) {
  return EnumTable<E>::Entries()[static_cast<std::size_t>(value)];
}

// Return the stable id, e.g. "numerator_below_minimum".
template <LabelledEnum E>
std::string_view EnumId(E value) {
  return EnumEntryOf(value).id;
}

// Return the label in `language`.
template <LabelledEnum E>
std::string_view EnumLabel(E value, Language language) {
  const EnumEntry<E>& entry = EnumEntryOf(value);
  return language == Language::kSwedish ? entry.label_sv : entry.label_en;
}

// Return the label in the user's language.
template <LabelledEnum E>
std::string_view EnumLabel(E value) {
  const EnumEntry<E>& entry = EnumEntryOf(value);
  return Tr(entry.label_sv, entry.label_en);
}

// Return the enumerator of a stable id, or nullopt for an id no enumerator has.
template <LabelledEnum E>
std::optional<E> EnumFromId(std::string_view id) {
  for (const EnumEntry<E>& entry : EnumTable<E>::Entries()) {
    if (entry.id == id) return entry.value;
  }
  return std::nullopt;
}

// Write the id of an enumerator declared in namespace jamlik (test messages, logs); enumerations of
// nested namespaces declare their own beside them.
template <LabelledEnum E>
std::ostream& operator<<(std::ostream& out, E value) {
  return out << EnumId(value);
}

}  // namespace jamlik
