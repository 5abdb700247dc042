#pragma once
// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast generator whose output is the same on every
// platform. The synthetic population seeds its generator with it; the bootstrap draws from it.
#include <cstdint>

namespace jamlik {

// Return the next number of the SplitMix64 stream `state` and advance it.
constexpr std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace jamlik
