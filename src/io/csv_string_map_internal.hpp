#pragma once
// A hash map from text to a 32-bit code for the distinct values of text columns: open addressing
// over string_views whose bytes live elsewhere (the input, or an arena), so a lookup costs one
// hash and usually one comparison, and nothing is allocated per lookup.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

namespace jamlik::csv_internal {

// Hash short texts (the usual category: "K", "0180", "gymnasial") with a few loads and multiplies.
inline std::uint64_t HashText(std::string_view text) {
  const std::size_t n = text.size();
  const char* p = text.data();
  std::uint64_t a;
  std::uint64_t b;
  if (n >= 8 && n <= 16) {
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    std::uint32_t head;
    std::uint32_t tail;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, p + n - 4, 4);
    a = head;
    b = tail;
  } else if (n > 0 && n < 4) {
    a = static_cast<unsigned char>(p[0]) | (static_cast<unsigned char>(p[n / 2]) << 8) |
        (static_cast<unsigned char>(p[n - 1]) << 16);
    b = 0;
  } else if (n == 0) {
    a = 0;
    b = 0;
  } else {
    a = std::hash<std::string_view>{}(text);
    b = 0;
  }
  std::uint64_t h = (a ^ 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
  h ^= std::rotl((b ^ n) * 0x94D049BB133111EBULL, 29);
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ULL;
  return h ^ (h >> 29);
}

class StringViewMap {
 public:
  static constexpr std::uint32_t kMissing = ~std::uint32_t{0};

  std::size_t size() const { return size_; }

  // Return the code of `key`, or kMissing.
  std::uint32_t Find(std::string_view key) const {
    if (slots_.empty()) return kMissing;
    const std::uint64_t hash = HashText(key) | 1;
    for (std::size_t i = (hash >> 1) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.hash == 0) return kMissing;
      if (slot.hash == hash && Matches(slot, key)) return slot.code;
    }
  }

  // Add `key` with `code` unless present; return whether it was added. The key's bytes must
  // outlive the map.
  bool Insert(std::string_view key, std::uint32_t code) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const std::uint64_t hash = HashText(key) | 1;
    for (std::size_t i = (hash >> 1) & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.hash == 0) {
        slot = {hash, key.data(), static_cast<std::uint32_t>(key.size()), code};
        ++size_;
        return true;
      }
      if (slot.hash == hash && Matches(slot, key)) return false;
    }
  }

  // Call f(key, code) for every entry, in no particular order.
  template <class F>
  void ForEach(F&& f) const {
    for (const Slot& slot : slots_) {
      if (slot.hash != 0) f(std::string_view(slot.data, slot.size), slot.code);
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;  // 0 marks an empty slot; stored hashes have their low bit set
    const char* data = nullptr;
    std::uint32_t size = 0;
    std::uint32_t code = 0;
  };

  static bool Matches(const Slot& slot, std::string_view key) {
    return slot.size == key.size() && std::memcmp(slot.data, key.data(), key.size()) == 0;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.hash == 0) continue;
      std::size_t i = (slot.hash >> 1) & mask_;
      while (slots_[i].hash != 0) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
};

}  // namespace jamlik::csv_internal
