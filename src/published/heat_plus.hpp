#pragma once
// The WHO HEAT Plus upload template (Health Equity Assessment Toolkit Plus, upload database
// edition), in and out. One row per setting × date × indicator × dimension × subgroup, the
// setting average (the whole population's value) repeated on each row instead of a total row:
//
//   setting, date, source, indicator_abbr, indicator_name, dimension, subgroup, estimate, se,
//   ci_lb, ci_ub, population, flag, setting_average, iso3, favourable_indicator, indicator_scale,
//   ordered_dimension, subgroup_order, reference_subgroup
//
// In: the setting is placed through the code lists when it names (or codes) a Swedish
// municipality, county or the nation, otherwise it stays the setting's own area; the setting
// average becomes the total row; an interval from ci_lb/ci_ub, else estimate ± 1.96·se. Out: the
// reverse, with se from the interval's width. The template's own order, reference and polarity
// columns win over the known dimensions'.
#include <string>
#include <vector>

#include "core/table.hpp"
#include "indicators/result_table.hpp"
#include "published/published_row.hpp"

namespace jamlik::published {

// The area level of a setting the code lists do not place: its name is its code.
inline constexpr std::string_view kHeatSettingLevel = "heat_setting";

// The template's columns, in its order.
const std::vector<std::string>& HeatPlusColumns();

// Read a HEAT Plus template (as the CSV reader read it; `file` names it in errors) into result
// rows. Throws kBadValue naming the row (1-based, after the header), the column and the value;
// kUnknownColumn when a required column (setting, date, indicator_abbr, dimension, subgroup,
// estimate) is absent.
ImportedResults ImportHeatPlus(const Table& template_table, const std::string& file);

// Return the result rows as a HEAT Plus template: the subgroups' rows, each with its setting
// average from the total row of its indicator, area and period; names in the user's language.
Table ResultsToHeatPlus(const std::vector<ResultRow>& rows);

}  // namespace jamlik::published
