#pragma once
// The JSON form of indicator definitions, for the API and for saved analyses: the keys declared in
// indicators/definition_schema.hpp under their snake_case English names (json_key), e.g.
//   {"id": "dod", "name_sv": "Dödlighet", "type": "dsr", "numerator": "dod", "age": "alder",
//    "higher_is_favourable": false, "areas": ["kommun", "riket"], "dimensions": ["kon"]}
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "indicators/definition_schema.hpp"
#include "indicators/indicator_definition.hpp"

namespace jamlik::app {

// Read an array of definitions with the keys and rules of indicators/definition_schema.hpp;
// throws kInvalidArgument whose field names the place, e.g. "indicators[2].type". Standard
// populations are limited to the built-in ones unless the caller allows files: a request must
// never make the server read a file of its choosing.
std::vector<IndicatorDefinition> IndicatorDefinitionsFromJson(
    const nlohmann::json& indicators,
    StandardPopulationFiles standard_population_files = StandardPopulationFiles::kRefused);
nlohmann::json IndicatorDefinitionsToJson(const std::vector<IndicatorDefinition>& definitions);
// Read the "indicators" of an analysis request (POST …/analyses); the request's top-level
// "areas", "period" and "dimensions" apply to every indicator that does not set its own, as
// [defaults] does in a definitions file.
std::vector<IndicatorDefinition> IndicatorDefinitionsFromRequest(
    const nlohmann::json& body,
    StandardPopulationFiles standard_population_files = StandardPopulationFiles::kRefused);

}  // namespace jamlik::app
