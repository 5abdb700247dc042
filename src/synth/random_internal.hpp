#pragma once
// A small portable random generator: xoshiro256** (Blackman & Vigna 2018) seeded through
// splitmix64, with its own uniform and normal transforms. The std:: distributions are not used
// because their algorithms differ between standard libraries, and a seed must give the same file.
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "core/splitmix64.hpp"

namespace jamlik::internal {

class Random {
 public:
  // Seed one stream of a seed; streams (e.g. block indices) give unrelated sequences.
  Random(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t state = seed;
    state = SplitMix64(state) ^ (stream * 0xD1B54A32D192ED03ULL);
    for (std::uint64_t& word : state_) word = SplitMix64(state);
  }

  std::uint64_t Next() {
    const std::uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Return a double in [0, 1) from the top 53 bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  bool Bernoulli(double probability) { return Uniform() < probability; }

  // Return a standard normal deviate (Box–Muller; the second value of each pair is kept).
  double Normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double radius = std::sqrt(-2.0 * std::log(1.0 - Uniform()));  // 1 - U avoids log(0)
    const double angle = 2.0 * std::numbers::pi * Uniform();
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }

 private:
  static constexpr std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::array<std::uint64_t, 4> state_{};
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace jamlik::internal
