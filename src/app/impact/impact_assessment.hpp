#pragma once
// An equality impact assessment as data (issue 12 item 5), attached to a proposed measure or a
// budget change of a plan. Its document follows the steps of EIGE's gender impact assessment
// (European Institute for Gender Equality, "Gender Impact Assessment: Gender Mainstreaming
// Toolkit", 2016), widened from sex to every dimension of the project's code lists:
//
//   1 definition of purpose       subject {kind: measure | budget_change; measure (an id of the
//                                 plan's measures) or committee, year, sek, description}, title,
//                                 purpose
//   2 checking relevance          relevant (true | false), relevance (why)
//   3 equality-sensitive analysis groups [{dimension, subgroup, effect: positive | negative |
//                                 neutral | mixed | unknown, description}], the dimension a known
//                                 one of src/core/dimensions and the subgroup one of its declared
//                                 categories (written as its code); evidence [{kind: analysis
//                                 (analysis: a saved analysis' id, indicator) | published (source,
//                                 reference, area, period, value, url) | target (target: an id of
//                                 the plan's targets), note}]
//   4 weighing the impact         predictions [{target, period, value, reasoning}]: the value the
//                                 targeted measure of inequality (the target's own scale, e.g. D in
//                                 percentage points) is predicted to have in a results period, so
//                                 that the follow-up's measured value can later stand beside it;
//                                 the target's kind and measure are kept with the prediction;
//                                 mitigation
//   5 findings and proposals      findings, proposals
//
// and the decision, set once (ImpactDecision): decided_by (the body that decided), date, outcome
// (adopted | adopted_with_changes | rejected | referred_back), reference (the minutes' paragraph),
// note. Mistakes throw kInvalidArgument naming the field as the API's forms read it
// ("groups[1].subgroup").
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jamlik::app {

// The document's fields in order, by step (1–5): what the record prints and the audit compares.
struct ImpactField {
  const char* key;
  int step;
};
const std::vector<ImpactField>& ImpactFields();

// Check `document` against the plan's canonical document (plan_document.hpp) and return it
// canonical: every key present in the documented order, categories as their declared codes.
// Evidence's analyses are checked by the caller (the store knows the organisation's).
nlohmann::json CanonicalImpactAssessment(const nlohmann::json& document,
                                         const nlohmann::json& plan_document);

// Check a decision and return it canonical: {decided_by, date, outcome, reference, note}.
nlohmann::json CanonicalImpactDecision(const nlohmann::json& decision);

// What changed from `before` to `after`, field by field: {field: {from, to}}.
nlohmann::json ImpactDifference(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace jamlik::app
