#pragma once
// The printable record of an impact assessment: one HTML page, in Swedish or English, laid out as
// a decision document (the EIGE steps as numbered sections, the predictions beside the measured
// values, the decision with its signature lines) with a print stylesheet, so that a browser's
// "print to PDF" gives the document a committee files with its minutes.
#include <nlohmann/json.hpp>
#include <string>

#include "app/impact/impact.hpp"
#include "core/i18n.hpp"

namespace jamlik::app {

struct ImpactRecordInput {
  std::string organisation;     // its name
  int year = 0;                 // the plan's budget year
  nlohmann::json plan;          // the plan's canonical document (names of measures, targets)
  ImpactAssessment assessment;  //
  nlohmann::json outcomes;      // PredictionOutcomes
  std::string created_by;       // names of the people
  std::string decided_by;
};

// The page, every text from the input escaped.
std::string ImpactRecordHtml(const ImpactRecordInput& input, Language language);

// What an assessment's form offers, labelled in `language` (the same words as the record):
// {dimensions: [{id, label, categories: [{code, label}], code_digits}], effects, outcomes,
// evidence_kinds, reasons, statuses: [{id, label}]}. Open code lists (areas) have no categories.
nlohmann::json ImpactOptionsJson(Language language);

}  // namespace jamlik::app
