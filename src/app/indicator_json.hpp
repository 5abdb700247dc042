#pragma once
// The JSON form of indicator definitions, for the API and for saved analyses: the fields of
// IndicatorDefinition (indicators/indicator_definition.hpp) under snake_case English names, e.g.
//   {"id": "dod", "name_sv": "Dödlighet", "type": "dsr", "numerator": "dod", "age": "alder",
//    "higher_is_favourable": false, "areas": ["kommun", "riket"], "dimensions": ["kon"]}
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "indicators/indicator_definition.hpp"

namespace jamlik::app {

// Read an array of definitions; throws kInvalidArgument whose field names the place, e.g.
// "indicators[2].type". Standard populations are limited to the built-in ones, so that a
// request can never make the server read a file of its choosing.
std::vector<IndicatorDefinition> IndicatorDefinitionsFromJson(const nlohmann::json& indicators);
nlohmann::json IndicatorDefinitionsToJson(const std::vector<IndicatorDefinition>& definitions);
// Read the "indicators" of an analysis request (POST …/analyses); the request's top-level
// "areas", "period" and "dimensions" apply to every indicator that does not set its own, as
// [defaults] does in a definitions file.
std::vector<IndicatorDefinition> IndicatorDefinitionsFromRequest(const nlohmann::json& body);

}  // namespace jamlik::app
