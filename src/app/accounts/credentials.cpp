#include "app/accounts/credentials.hpp"

#include <argon2.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sys/random.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <semaphore>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::app {
namespace {

// OWASP's minimum for argon2id; testing::UseCheapPasswordHashes lowers it to argon2's least.
constexpr std::uint32_t kTimeCost = 2;
constexpr std::uint32_t kMemoryKiB = 19 * 1024;
constexpr std::uint32_t kCheapTimeCost = 1;
constexpr std::uint32_t kCheapMemoryKiB = 8;
constexpr std::uint32_t kLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::atomic<bool> cheap_hashes{false};

void FillRandom(unsigned char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t got = getrandom(data, size, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw Error(ErrorCode::kInternal, "getrandom failed");
    }
    data += got;
    size -= static_cast<std::size_t>(got);
  }
}

std::string Hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    hex[2 * i] = kDigits[data[i] >> 4];
    hex[2 * i + 1] = kDigits[data[i] & 15];
  }
  return hex;
}

// argon2id costs ~30 ms of a core and 19 MiB per hash: at most half the cores hash at once, so
// a flood of log-ins (which need no account) cannot starve every other request. A request waits
// at most kHashWait for a slot, then answers 503 "busy".
constexpr auto kHashWait = std::chrono::seconds(5);

std::atomic<std::size_t> hashing_now{0};
std::atomic<std::size_t> hashing_peak{0};

class HashingSlot {
 public:
  HashingSlot() {
    if (!Slots().try_acquire_for(kHashWait)) {
      throw Error(ErrorCode::kBusy,
                  std::string(Tr("för många inloggningar just nu, försök igen om en stund",
                                 "too many log-ins right now, try again in a moment")));
    }
    const std::size_t now = ++hashing_now;
    for (std::size_t peak = hashing_peak;
         now > peak && !hashing_peak.compare_exchange_weak(peak, now);) {
    }
  }
  ~HashingSlot() {
    --hashing_now;
    Slots().release();
  }
  HashingSlot(const HashingSlot&) = delete;
  HashingSlot& operator=(const HashingSlot&) = delete;

 private:
  static std::counting_semaphore<>& Slots() {
    static std::counting_semaphore<> slots(static_cast<std::ptrdiff_t>(MaxConcurrentHashes()));
    return slots;
  }
};

}  // namespace

std::size_t MaxConcurrentHashes() {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency() / 2);
}

std::size_t PeakConcurrentHashes() { return hashing_peak; }

std::string HashPassword(std::string_view password) {
  const HashingSlot slot;
  const bool cheap = cheap_hashes.load(std::memory_order_relaxed);
  const std::uint32_t passes = cheap ? kCheapTimeCost : kTimeCost;
  const std::uint32_t memory_kib = cheap ? kCheapMemoryKiB : kMemoryKiB;
  std::array<unsigned char, kSaltBytes> salt;
  FillRandom(salt.data(), salt.size());
  std::vector<char> encoded(
      argon2_encodedlen(passes, memory_kib, kLanes, kSaltBytes, kHashBytes, Argon2_id));
  const int rc =
      argon2id_hash_encoded(passes, memory_kib, kLanes, password.data(), password.size(),
                            salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    throw Error(ErrorCode::kInternal, fmt::format("argon2id: {}", argon2_error_message(rc)));
  }
  return encoded.data();
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
  const HashingSlot slot;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

namespace testing {

void UseCheapPasswordHashes(bool cheap) { cheap_hashes = cheap; }

}  // namespace testing

std::string RandomHex(std::size_t bytes) {
  std::vector<unsigned char> data(bytes);
  FillRandom(data.data(), data.size());
  return Hex(data.data(), data.size());
}

std::string RandomPassword(std::size_t length) {
  static constexpr std::string_view kAlphabet =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  while (password.size() < length) {
    unsigned char byte = 0;
    FillRandom(&byte, 1);
    // Rejection sampling keeps every character equally likely.
    if (byte < 256 - 256 % kAlphabet.size()) password += kAlphabet[byte % kAlphabet.size()];
  }
  return password;
}

std::string Sha256Hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest;
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    throw Error(ErrorCode::kInternal, "SHA-256 failed");
  }
  return Hex(digest.data(), size);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace jamlik::app
