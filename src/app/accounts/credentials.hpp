#pragma once
// Secrets: argon2id password hashes, random tokens, and the digests that let the store keep
// session tokens without being able to replay them.
#include <cstddef>
#include <string>
#include <string_view>

namespace jamlik::app {

// Return an encoded argon2id hash ($argon2id$v=19$m=…) with a random salt. Parameters follow
// OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): about 30 ms on one core.
std::string HashPassword(std::string_view password);
// Return whether `password` matches `encoded`; false for a malformed hash.
bool VerifyPassword(std::string_view password, const std::string& encoded);
// Hashing and verifying run at most this many at once (half the cores, at least one); a caller
// waits up to 5 s for its turn, then gets kBusy (503). PeakConcurrentHashes tells the most that
// ever ran at once in this process (for tests).
std::size_t MaxConcurrentHashes();
std::size_t PeakConcurrentHashes();

namespace testing {
// Tests only, never the server or the CLI: hash new passwords in this process at argon2id's least
// cost (1 pass, 8 KiB), or again at the real one. The suites create and log in thousands of
// accounts, and at the real cost hashing was half their CPU time. Verifying reads the cost from
// the hash, so a real hash still verifies at its own cost.
void UseCheapPasswordHashes(bool cheap = true);
}  // namespace testing

// Return `bytes` bytes from the kernel's CSPRNG as lowercase hex.
std::string RandomHex(std::size_t bytes);
// Return a password people can type: `length` characters without look-alikes (0/O, 1/l/I).
std::string RandomPassword(std::size_t length = 16);
// Return the SHA-256 digest of `text` as lowercase hex.
std::string Sha256Hex(std::string_view text);
// Compare in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace jamlik::app
