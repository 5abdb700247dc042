#include "app/recommendation.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/error.hpp"

namespace jamlik {
namespace {

using app::Recommendation;
constexpr std::array<EnumEntry<Recommendation>, 5> kRecommendations{{
    {Recommendation::kGovernance, "governance",
     "Integrera jämlik hälsa i all politik och i ordinarie styrning",
     "Integrate health equity in all policy and in ordinary governance"},
    {Recommendation::kMeasure, "measure",
     "Mät och analysera problemet och bedöm effekterna av insatser",
     "Measure and analyse the problem and assess the effects of measures"},
    {Recommendation::kGoodStart, "good_start", "Ge alla barn och unga en god start i livet",
     "Give all children and young people a good start in life"},
    {Recommendation::kSelfSupport, "self_support", "Ge alla förutsättningar för egen försörjning",
     "Give everyone the conditions for self-support"},
    {Recommendation::kEnvironments, "environments",
     "Skapa hälsofrämjande och hållbara miljöer och samhällen",
     "Create health-promoting and sustainable environments and communities"},
}};

}  // namespace

std::span<const EnumEntry<Recommendation>> EnumTable<Recommendation>::Entries() {
  return kRecommendations;
}

namespace app {

std::vector<Recommendation> ParseRecommendations(std::string_view ids, const char* field) {
  std::vector<Recommendation> found;
  std::size_t start = 0;
  while (start <= ids.size()) {
    const std::size_t comma = std::min(ids.find(',', start), ids.size());
    std::string_view id = ids.substr(start, comma - start);
    while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
    while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
    if (!id.empty()) {
      const auto recommendation = EnumFromId<Recommendation>(id);
      if (!recommendation) {
        throw Error(ErrorCode::kInvalidArgument,
                    fmt::format(fmt::runtime(Tr("okänd rekommendation '{}'; kända: governance, "
                                                "measure, good_start, self_support, environments",
                                                "unknown recommendation '{}'; known: governance, "
                                                "measure, good_start, self_support, environments")),
                                id),
                    {}, field, std::string(id));
      }
      if (std::find(found.begin(), found.end(), *recommendation) == found.end()) {
        found.push_back(*recommendation);
      }
    }
    start = comma + 1;
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string RecommendationIds(const std::vector<Recommendation>& recommendations) {
  std::string ids;
  for (const Recommendation recommendation : recommendations) {
    if (!ids.empty()) ids += ',';
    ids += EnumId(recommendation);
  }
  return ids;
}

}  // namespace app
}  // namespace jamlik
