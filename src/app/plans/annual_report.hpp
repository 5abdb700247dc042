#pragma once
// The annual report's equity section (årsredovisningens jämlikhetsavsnitt, issue 12 item 9) of a
// plan: per recommendation its goals, each goal's targets with the follow-up's status (the stored
// snapshot, never a new evaluation: the report says what was reported), estimate, interval, path
// and the responsible person's comment, the measures serving the goal with their budget, and the
// budget per committee. One model, made in the current language (core/i18n), written as Excel
// sheets and as an HTML page with a print stylesheet that Chromium prints to PDF.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/table.hpp"
#include "store/database.hpp"

namespace jamlik::app {

// The report of plan `plan` for follow-up period `period` (empty: the latest period followed up;
// none followed up yet: targets without status). Returns nullopt when the plan is not the
// organisation's; throws kInvalidArgument naming "period" when the plan has no such period.
//
// The model: {title, organisation, year, period, recommendations: [{id, label, goals: [{id,
// title, body, welfare_area, contributes_to, targets: [T], measures: [M]}]}], other_targets: [T],
// measures: [M], budget: PlanBudget, status_counts: {status: n}}, where T has the target's keys
// and its record's (status, status_label, symbol, reason_label, baseline, estimate, lower, upper,
// path_value, evaluated_period, comment; status "" when not followed up) and M a measure's with
// its committee's name, status label and `sek` (the year's budget). The measures' assessed
// effects are not the model's own (the effect engine is a library above this one): the API adds
// them to M as `effects` with app::AddMeasureEffects (measure_effect.hpp) before writing, and the
// sheets and the page show them when present.
std::optional<nlohmann::json> AnnualReportModel(store::Store& store, std::int64_t organisation,
                                                std::int64_t plan, const std::string& period);

// The model as sheets: goals, targets (one row per target with its status and numbers), measures
// and budget, named and headed in the current language.
std::vector<std::pair<std::string, Table>> AnnualReportSheets(const nlohmann::json& model);

// The model as one self-contained HTML document (styles and charts inline, no script) laid out
// for A4 printing.
std::string AnnualReportHtml(const nlohmann::json& model);

// The file name a download carries, without extension: "jamlikhetsavsnitt-2026".
std::string AnnualReportFileName(const nlohmann::json& model);

}  // namespace jamlik::app
