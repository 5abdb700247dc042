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

// A text's length and two words loaded from it. Texts of up to 16 bytes are wholly covered by the
// two (possibly overlapping) loads, so equal keys mean equal texts and no memcmp is needed; longer
// texts keep a hash of their bytes in `a` and are compared byte by byte.
struct TextKey {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::size_t size = 0;

  static constexpr std::size_t kWholeBytes = 16;

  explicit TextKey(std::string_view text) : size(text.size()) {
    const char* p = text.data();
    const std::size_t n = size;
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
    } else if (n > 16) {
      a = std::hash<std::string_view>{}(text);
    }
  }

  std::uint64_t Hash() const { return HashWords(a, b, size); }

  static std::uint64_t HashWords(std::uint64_t a, std::uint64_t b, std::size_t size) {
    std::uint64_t h = (a ^ 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
    h ^= std::rotl((b ^ size) * 0x94D049BB133111EBULL, 29);
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ULL;
    return h ^ (h >> 29);
  }
};

// Whether two texts are equal; texts of up to 16 bytes by a few overlapping loads rather than a
// call to memcmp, for comparing a value with the one before it.
inline bool SameText(std::string_view x, std::string_view y) {
  const std::size_t n = x.size();
  if (n != y.size()) return false;
  const char* p = x.data();
  const char* q = y.data();
  if (n >= 8 && n <= 16) {
    std::uint64_t p_head, p_tail, q_head, q_tail;
    std::memcpy(&p_head, p, 8);
    std::memcpy(&p_tail, p + n - 8, 8);
    std::memcpy(&q_head, q, 8);
    std::memcpy(&q_tail, q + n - 8, 8);
    return ((p_head ^ q_head) | (p_tail ^ q_tail)) == 0;
  }
  if (n >= 4 && n < 8) {
    std::uint32_t p_head, p_tail, q_head, q_tail;
    std::memcpy(&p_head, p, 4);
    std::memcpy(&p_tail, p + n - 4, 4);
    std::memcpy(&q_head, q, 4);
    std::memcpy(&q_tail, q + n - 4, 4);
    return ((p_head ^ q_head) | (p_tail ^ q_tail)) == 0;
  }
  if (n < 4) {
    // Bytes 0, n / 2 and n - 1 are every byte of a text this short.
    return n == 0 || (p[0] == q[0] && p[n / 2] == q[n / 2] && p[n - 1] == q[n - 1]);
  }
  return std::memcmp(p, q, n) == 0;
}

class StringViewMap {
 public:
  static constexpr std::uint32_t kMissing = ~std::uint32_t{0};

  std::size_t size() const { return size_; }

  // Return the code of `key`, or kMissing.
  std::uint32_t Find(std::string_view text) const {
    if (slots_.empty()) return kMissing;
    const TextKey key(text);
    for (std::size_t i = key.Hash() & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.code == kMissing) return kMissing;
      if (Matches(slot, key, text)) return slot.code;
    }
  }

  // Add `key` with `code` unless present; return whether it was added. The key's bytes must
  // outlive the map.
  bool Insert(std::string_view text, std::uint32_t code) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
    const TextKey key(text);
    for (std::size_t i = key.Hash() & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.code == kMissing) {
        slot = {key.a, key.b, text.data(), static_cast<std::uint32_t>(text.size()), code};
        ++size_;
        return true;
      }
      if (Matches(slot, key, text)) return false;
    }
  }

  // Call f(key, code) for every entry, in no particular order.
  template <class F>
  void ForEach(F&& f) const {
    for (const Slot& slot : slots_) {
      if (slot.code != kMissing) f(std::string_view(slot.data, slot.size), slot.code);
    }
  }

 private:
  // 32 bytes, so that the slots of a few thousand values stay in the core's cache.
  struct Slot {
    std::uint64_t a = 0;  // the TextKey words
    std::uint64_t b = 0;
    const char* data = nullptr;
    std::uint32_t size = 0;
    std::uint32_t code = kMissing;  // kMissing marks an empty slot
  };

  static bool Matches(const Slot& slot, const TextKey& key, std::string_view text) {
    if (slot.size != key.size || slot.a != key.a || slot.b != key.b) return false;
    return key.size <= TextKey::kWholeBytes ||
           std::memcmp(slot.data, text.data(), text.size()) == 0;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.code == kMissing) continue;
      std::size_t i = TextKey::HashWords(slot.a, slot.b, slot.size) & mask_;
      while (slots_[i].code != kMissing) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
};

}  // namespace jamlik::csv_internal
