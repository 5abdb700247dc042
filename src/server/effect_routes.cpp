// The effect assessment of a plan's measure (issue 12 item 7): the difference in differences of
// its target group against a comparison on the indicators of the targets its goals bind, from the
// organisation's published results (app::MeasureEffects, src/effect). Readers read.
#include <sstream>

#include "app/plans/measure_effect.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

[[noreturn]] void Invalid(const char* field, std::string_view swedish, std::string_view english) {
  throw Error(ErrorCode::kInvalidArgument, std::string(Tr(swedish, english)), {}, field);
}

std::optional<followup::Period> PeriodParameter(const httplib::Request& request, const char* name) {
  if (!request.has_param(name)) return std::nullopt;
  const auto period = followup::ParsePeriod(request.get_param_value(name));
  if (!period) {
    Invalid(name, "ska vara ett år (2025) eller en tertial (2025-T1 … 2025-T3)",
            "must be a year (2025) or a tertial (2025-T1 … 2025-T3)");
  }
  return period;
}

void Effect(Context& context) {
  app::MeasureEffectOptions options;
  const std::string comparison = Choice(context.request, "comparison", {"subgroups", "areas"}, "");
  if (comparison == "subgroups") options.comparison = effect::ComparisonKind::kOtherSubgroups;
  if (comparison == "areas") options.comparison = effect::ComparisonKind::kOtherAreas;
  if (context.request.has_param("areas")) {
    std::stringstream areas(context.request.get_param_value("areas"));
    for (std::string area; std::getline(areas, area, ',');) {
      if (!area.empty()) options.comparison_areas.push_back(area);
    }
    if (options.comparison_areas.empty() || comparison == "subgroups") {
      Invalid("areas", "ska vara områdeskoder med kommatecken emellan, med comparison=areas",
              "must be area codes separated by commas, with comparison=areas");
    }
    options.comparison = effect::ComparisonKind::kOtherAreas;
  }
  options.before = PeriodParameter(context.request, "before");
  options.after = PeriodParameter(context.request, "after");
  options.target = context.request.get_param_value("target");
  // The path's third parameter, {measure}, is the measure's text id (server.cpp's dispatcher
  // leaves it out of the ids).
  const std::string measure = context.request.matches[3].str();
  const auto answer = app::MeasureEffects(context.state.store, context.org_id(), context.user().id,
                                          context.ids.at(1), measure, options);
  if (!answer) return context.Fail(Problem::kNotFound);
  context.Json(200, *answer);
}

}  // namespace

// Declared beside its call in server.cpp.
void AddEffectRoutes(std::vector<Route>& routes);

void AddEffectRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/organisations/{org}/plans/{plan}/measures/{measure}/effect",
                    Access::kOrgRead, Effect});
}

}  // namespace jamlik::server
