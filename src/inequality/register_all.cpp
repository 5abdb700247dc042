// The one hand-written list of every inequality measure (no self-registration: the order and the
// set are explicit and reviewable here).
#include "inequality/registry.hpp"

namespace jamlik::inequality {

void RegisterDifference(Registry& registry);
void RegisterRatio(Registry& registry);
void RegisterConcentrationGrouped(Registry& registry);
void RegisterSlopeIndex(Registry& registry);
void RegisterAttributable(Registry& registry);
void RegisterBetweenGroupVariance(Registry& registry);
void RegisterMeanDifference(Registry& registry);
void RegisterTheilGrouped(Registry& registry);
void RegisterConcentrationIndividual(Registry& registry);
void RegisterGini(Registry& registry);
void RegisterGeneralizedEntropy(Registry& registry);
void RegisterAtkinson(Registry& registry);
void RegisterShares(Registry& registry);
void RegisterDispersion(Registry& registry);

void RegisterAll(Registry& registry) {
  RegisterDifference(registry);
  RegisterRatio(registry);
  RegisterConcentrationGrouped(registry);
  RegisterSlopeIndex(registry);
  RegisterAttributable(registry);
  RegisterBetweenGroupVariance(registry);
  RegisterMeanDifference(registry);
  RegisterTheilGrouped(registry);
  RegisterConcentrationIndividual(registry);
  RegisterGini(registry);
  RegisterGeneralizedEntropy(registry);
  RegisterAtkinson(registry);
  RegisterShares(registry);
  RegisterDispersion(registry);
}

}  // namespace jamlik::inequality
