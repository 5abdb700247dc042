// `jamlik plan report`: the annual report's equity section of an organisation's plan of a year
// (src/app/plans/annual_report.hpp) as Excel or PDF, from the follow-up stored in a server's store
// (opened as `jamlik plan export` opens it), in the language of --lang or JAMLIK_LANG. The same
// file the API's download gives, the measures' assessed effects included; the results it reads
// are audited as read by --user (an account of the organisation) or else by "command line".
#include <fmt/format.h>

#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/plans/annual_report.hpp"
#include "app/plans/measure_effect.hpp"
#include "app/plans/plans.hpp"
#include "app/schema.hpp"
#include "cli/commands.hpp"
#include "cli/plan_store.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/chromium_pdf.hpp"
#include "io/xlsx_writer.hpp"

namespace jamlik::cli {
namespace {

struct ReportOptions : PlanStoreOptions {
  std::string period;
  std::string format;  // xlsx or pdf; by default from --out's extension
  std::string out;
  std::string language;  // sv or en; by default the process language
  std::string user;      // the e-mail of the person the audit log names; none: "command line"
};

void Report(const ReportOptions& options) {
  std::optional<ScopedLanguage> language;
  if (options.language == "sv") language.emplace(Language::kSwedish);
  if (options.language == "en") language.emplace(Language::kEnglish);
  const std::string format =
      !options.format.empty() ? options.format : (options.out.ends_with(".pdf") ? "pdf" : "xlsx");
  const auto store = OpenPlanStore(options);
  const app::Organisation organisation = PlanOrganisation(*store, options);
  const app::Plan plan = PlanOfYear(*store, organisation.id, options.year);
  std::int64_t user = 0;
  if (!options.user.empty()) {
    const auto account = app::FindUserByEmail(*store, options.user);
    if (!account || !app::RoleIn(*store, account->id, organisation.id)) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(Tr("--user ska ha ett konto i organisationen",
                                 "--user must have an account in the organisation")),
                  {}, "--user");
    }
    user = account->id;
  }
  const auto model =
      app::AnnualReportWithEffects(*store, organisation.id, user, plan.id, options.period);
  if (format == "xlsx") {
    const auto tables = app::AnnualReportSheets(*model);
    std::vector<XlsxSheet> sheets;
    for (const auto& [name, table] : tables) sheets.push_back({name, &table});
    WriteXlsx(sheets, options.out);
  } else {
    const std::string pdf = PrintHtmlToPdf(app::AnnualReportHtml(*model));
    std::ofstream out(options.out, std::ios::binary);
    out << pdf;
    if (!out.flush()) {
      throw Error(
          ErrorCode::kIo,
          fmt::format(fmt::runtime(Tr("kan inte skriva {}", "cannot write {}")), options.out));
    }
  }
  fmt::print("{}\n", fmt::format(fmt::runtime(Tr("{} skriven: {} ({})", "{} written: {} ({})")),
                                 model->at("title").get<std::string>(), options.out,
                                 model->at("period").get<std::string>().empty()
                                     ? std::string(Tr("inte uppföljd", "not followed up"))
                                     : model->at("period").get<std::string>()));
}

}  // namespace

void AddPlanReportCommand(CLI::App& plan) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = plan.add_subcommand(
      "report", std::string(Tr("Skriv årsredovisningens jämlikhetsavsnitt som Excel eller PDF.",
                               "Write the annual report's equity section as Excel or PDF.")));
  AddPlanStoreOptions(command, *options);
  command->add_option("--year", options->year, std::string(Tr("budgetåret", "the budget year")))
      ->required();
  command->add_option("--period", options->period,
                      std::string(Tr("uppföljningsperioden (standard: den senast uppföljda)",
                                     "the follow-up period (default: the latest followed up)")));
  command
      ->add_option("--format", options->format,
                   std::string(Tr("xlsx eller pdf (standard: filändelsen)",
                                  "xlsx or pdf (default: the file's extension)")))
      ->check(CLI::IsMember({"xlsx", "pdf"}));
  command->add_option("--out", options->out, std::string(Tr("filen", "the file")))->required();
  command
      ->add_option("--lang", options->language,
                   std::string(Tr("språket: sv eller en (standard: JAMLIK_LANG)",
                                  "the language: sv or en (default: JAMLIK_LANG)")))
      ->check(CLI::IsMember({"sv", "en"}));
  command->add_option("--user", options->user,
                      std::string(Tr("e-postadressen som granskningsloggen namnger för läsningen "
                                     "av resultaten (standard: kommandoraden)",
                                     "the e-mail the audit log names for reading the results "
                                     "(default: command line)")));
  command->callback([options] { Report(*options); });
}

}  // namespace jamlik::cli
