#pragma once
// What a measure's value says, in words: for the indicator's polarity (high or low values are
// favourable) and the dimension's order, which group has the higher value and who is worse off.
// The one place these sentences are made; the CLI, the API and the web app show them.
#include <string>

#include "inequality/measure.hpp"
#include "inequality/registry.hpp"

namespace jamlik::inequality {

// Return one or two sentences in the current language reading the result of the measure on the
// data by the measure's SignConvention: a pair measure (D, R) names the two subgroups ("Kvinnor
// har 10,0 procentenheter högre värde än män"), an ordered measure (SII, ACI …) names the
// advantaged and disadvantaged ends, and both say who is worse off given the polarity; a spread
// measure says it has no direction. Empty when the result has no estimate (its reason says why)
// and for individual-data measures.
std::string MeasureReading(const MeasureDescriptor& measure, const SubgroupData& data,
                           const MeasureResult& result, const MeasureOptions& options = {});

}  // namespace jamlik::inequality
