#pragma once
// The five recommendations the work rests on (DESIGN.md §1). Activities, learning examples and
// equity goals are tagged with them by their stable ids.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/labelled_enum.hpp"

namespace jamlik::app {

enum class Recommendation : std::uint8_t {
  kGovernance,    // integrate health equity in all policy and in ordinary governance
  kMeasure,       // measure and analyse, assess the effects of measures
  kGoodStart,     // a good start in life for all children and young people
  kSelfSupport,   // the conditions for self-support
  kEnvironments,  // health-promoting, sustainable environments and communities
};

// Read a comma-separated list of ids ("measure,good_start"); throws kInvalidArgument naming
// `field` and the unknown id. Duplicates are dropped; the order is the recommendations' own.
std::vector<Recommendation> ParseRecommendations(std::string_view ids, const char* field);
// The ids, comma-separated, in the recommendations' order.
std::string RecommendationIds(const std::vector<Recommendation>& recommendations);

}  // namespace jamlik::app

namespace jamlik {
template <>
struct EnumTable<app::Recommendation> {
  static std::span<const EnumEntry<app::Recommendation>> Entries();
};
}  // namespace jamlik
