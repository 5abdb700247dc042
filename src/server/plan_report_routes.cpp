// The annual report's equity section of a plan (issue 12 item 9) as a download: Excel (the
// report's sheets, libxlsxwriter) or PDF (its print page, printed by Chromium), in the request's
// language, from the follow-up stored for `period` (by default the latest). Readers may download:
// the report says what the plan and its follow-up say, nothing more.
#include <mutex>

#include "app/plans/annual_report.hpp"
#include "app/plans/measure_effect.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/chromium_pdf.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

// One browser prints at a time: each takes a few hundred megabytes and seconds of a core, so a
// second request meanwhile is asked to come back shortly rather than queue up (a server shared by
// many organisations must not be stalled by downloads).
std::mutex printing;

void Report(Context& context) {
  const std::string format = Choice(context.request, "format", {"xlsx", "pdf"}, "");
  if (format.empty()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("format ska vara xlsx eller pdf", "format must be xlsx or pdf")), {},
                "format");
  }
  const auto model =
      app::AnnualReportWithEffects(context.state.store, context.org_id(), context.user().id,
                                   context.ids.at(1), context.request.get_param_value("period"));
  if (!model) return context.Fail(Problem::kNotFound);
  std::string content;
  std::string type;
  if (format == "xlsx") {
    const auto tables = app::AnnualReportSheets(*model);
    std::vector<XlsxSheet> sheets;
    for (const auto& [name, table] : tables) sheets.push_back({name, &table});
    content = XlsxContent(sheets, context.state.config);
    type = kXlsxContentType;
  } else {
    std::unique_lock<std::mutex> one(printing, std::try_to_lock);
    if (!one.owns_lock()) {
      throw Error(ErrorCode::kBusy,
                  std::string(Tr("en annan PDF skrivs ut just nu; försök igen om en stund",
                                 "another PDF is being printed; try again shortly")));
    }
    content = PrintHtmlToPdf(app::AnnualReportHtml(*model));
    type = "application/pdf";
  }
  context.response.set_header("Content-Disposition",
                              ContentDisposition(app::AnnualReportFileName(*model), format));
  context.response.set_content(content, type);
}

}  // namespace

void AddPlanReportRoutes(std::vector<Route>& routes) {
  routes.push_back(
      {"GET", "/api/organisations/{org}/plans/{plan}/report", Access::kOrgRead, Report});
}

}  // namespace jamlik::server
