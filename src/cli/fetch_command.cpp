// `jamlik fetch kolada --kpi … --municipality … --years …` and `jamlik fetch scb TABLE --query …`:
// published statistics downloaded (src/published/fetch*), then read exactly as `jamlik import`
// reads the same responses from files, into the long result table.
#include <fmt/format.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/result_output.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "pipeline/pipeline.hpp"
#include "published/fetch.hpp"
#include "published/fetch_sources.hpp"

namespace jamlik::cli {
namespace {

struct FetchOptions {
  // Kolada
  std::string kpi, municipality, years;
  std::size_t per_page = published::kKoladaPerPage;
  // SCB
  std::string table;
  std::vector<std::string> query;
  std::string language;
  std::size_t max_cells = published::kScbMaxCells;
  // Both
  std::string base_url;
  bool no_cache = false;
  std::string cache_dir;
  double cache_hours = 24;
  std::string record, replay;
  std::string out, format;
};

// The transport, cache and fetcher the options ask for; kept alive together.
struct Session {
  std::unique_ptr<published::HttpTransport> curl;
  std::unique_ptr<published::HttpTransport> transport;
  std::unique_ptr<published::DiskCache> cache;
  published::SystemClock clock;
  std::unique_ptr<published::Fetcher> fetcher;
};

std::unique_ptr<Session> OpenSession(const FetchOptions& options, published::FetchLimits limits) {
  if (!options.record.empty() && !options.replay.empty()) {
    throw Error(ErrorCode::kUsage, std::string(Tr("--record och --replay går inte ihop",
                                                  "--record and --replay do not go together")));
  }
  auto session = std::make_unique<Session>();
  if (!options.replay.empty()) {
    session->transport = std::make_unique<published::ReplayTransport>(options.replay);
  } else {
    session->curl = published::MakeCurlTransport();
    if (!options.record.empty()) {
      session->transport =
          std::make_unique<published::RecordingTransport>(*session->curl, options.record);
    }
  }
  published::HttpTransport& transport = session->transport ? *session->transport : *session->curl;
  // A recording gets every response from the service, a replay only from the recording.
  if (!options.no_cache && options.record.empty() && options.replay.empty()) {
    session->cache = std::make_unique<published::DiskCache>(
        options.cache_dir.empty() ? published::DefaultCacheDir()
                                  : std::filesystem::path(options.cache_dir),
        std::chrono::seconds(static_cast<long long>(options.cache_hours * 3600)));
  }
  session->fetcher =
      std::make_unique<published::Fetcher>(transport, session->clock, limits, session->cache.get());
  return session;
}

void Report(const Session& session, const published::ImportedResults& results) {
  for (const std::string& note : results.notes) fmt::print(stderr, "jamlik: {}\n", note);
  fmt::print(stderr, "jamlik: {}\n",
             fmt::format(fmt::runtime(Tr("{} anrop, {} svar ur cachen, {} rader",
                                         "{} calls, {} responses from the cache, {} rows")),
                         session.fetcher->transport_calls(), session.fetcher->cache_hits(),
                         results.rows.size()));
}

void RunKolada(const FetchOptions& options) {
  published::KoladaQuery query;
  query.kpis = published::SplitList(options.kpi);
  query.municipalities = published::SplitList(options.municipality);
  query.years = published::ParseYears(options.years);
  if (!options.base_url.empty()) query.base_url = options.base_url;
  query.per_page = options.per_page;
  published::CheckKoladaQuery(query);
  const auto session = OpenSession(options, published::KoladaLimits());
  const published::KoladaImport imported = published::FetchKolada(*session->fetcher, query);
  Report(*session, imported.results);
  EmitResults(pipeline::ImportedTable(imported.results), OutputFormat(options.format, options.out),
              options.out);
}

void RunScb(const FetchOptions& options) {
  published::ScbQuery query;
  query.table = options.table;
  query.selections = published::ParseScbQuery(options.query);
  query.language = options.language.empty() ? std::string(Tr("sv", "en")) : options.language;
  if (!options.base_url.empty()) query.base_url = options.base_url;
  query.max_cells = options.max_cells;
  const auto session = OpenSession(options, published::ScbLimits());
  const published::ImportedResults imported = published::FetchScb(*session->fetcher, query);
  Report(*session, imported);
  EmitResults(pipeline::ImportedTable(imported), OutputFormat(options.format, options.out),
              options.out);
}

void AddCommonOptions(CLI::App& command, FetchOptions& options, const char* default_base) {
  command.add_option(
      "--base-url", options.base_url,
      fmt::format("{} ({})", Tr("tjänstens adress", "the service's address"), default_base));
  command.add_flag("--no-cache", options.no_cache,
                   std::string(Tr("hämta allt på nytt och spara inget i cachen",
                                  "fetch everything anew and keep nothing in the cache")));
  command.add_option("--cache-dir", options.cache_dir,
                     std::string(Tr("cachens mapp (standard: $XDG_CACHE_HOME/jamlik/fetch, annars "
                                    "~/.cache/jamlik/fetch)",
                                    "the cache's folder (default: $XDG_CACHE_HOME/jamlik/fetch, "
                                    "else ~/.cache/jamlik/fetch)")));
  command
      .add_option("--cache-hours", options.cache_hours,
                  std::string(Tr("hur länge ett sparat svar gäller, i timmar",
                                 "how long a kept response holds, in hours")))
      ->default_val(24)
      ->check(CLI::NonNegativeNumber);
  command.add_option("--record", options.record,
                     std::string(Tr("spara varje svar i mappen (för --replay)",
                                    "keep every response in the folder (for --replay)")));
  command
      .add_option("--replay", options.replay,
                  std::string(Tr("svara ur en inspelning (--record) utan nätverk; en fråga som "
                                 "inte spelats in är ett fel",
                                 "answer from a recording (--record) without the network; a "
                                 "request not recorded is an error")))
      ->check(CLI::ExistingDirectory);
  AddResultOutputOptions(command, options.out, options.format);
}

}  // namespace

void AddFetchCommand(CLI::App& app) {
  auto options = std::make_shared<FetchOptions>();
  CLI::App* command = app.add_subcommand(
      "fetch",
      std::string(Tr("Hämta publicerad statistik från Kolada eller SCB över nätet till "
                     "resultattabellen, som `jamlik import` läser samma svar från filer. "
                     "Tjänsternas gränser hålls, svaren sparas i en cache.",
                     "Download published statistics from Kolada or SCB into the result table, "
                     "as `jamlik import` reads the same responses from files. The services' "
                     "limits are kept and the responses cached.")));
  command->require_subcommand(1);

  CLI::App* kolada = command->add_subcommand(
      "kolada",
      std::string(Tr("Koladas API v3: nyckeltal per kommun, region och år, alla sidor (next_url, "
                     "högst 5 000 värden per sida), högst 25 id per del av adressen. Vid HTTP 429 "
                     "och 5xx väntar jamlik (Retry-After) och försöker igen, högst 5 gånger. Ett "
                     "värde som saknas (null) blir tomt, aldrig noll.",
                     "Kolada's API v3: KPIs per municipality, region and year, every page "
                     "(next_url, at most 5 000 values a page), at most 25 ids per part of the "
                     "address. On HTTP 429 and 5xx jamlik waits (Retry-After) and tries again, at "
                     "most 5 times. A missing value (null) stays empty, never zero.")));
  kolada
      ->add_option("--kpi", options->kpi,
                   std::string(Tr("nyckeltal, kommaseparerade (N00945,N00946)",
                                  "KPIs, comma-separated (N00945,N00946)")))
      ->required();
  kolada
      ->add_option("--municipality", options->municipality,
                   std::string(Tr("kommuner (1814,1880), regioner (0018), riket (0000) eller "
                                  "grupper (G124009)",
                                  "municipalities (1814,1880), regions (0018), the nation (0000) "
                                  "or groups (G124009)")))
      ->required();
  kolada
      ->add_option("--years", options->years,
                   std::string(Tr("år eller intervall (2020-2024, 2018,2020)",
                                  "years or ranges (2020-2024, 2018,2020)")))
      ->required();
  kolada
      ->add_option("--per-page", options->per_page,
                   std::string(Tr("värden per sida", "values per page")))
      ->default_val(published::kKoladaPerPage)
      ->check(CLI::Range(std::size_t{1}, published::kKoladaPerPage));
  AddCommonOptions(*kolada, *options, published::kKoladaBaseUrl);
  kolada->callback([options] { RunKolada(*options); });

  CLI::App* scb = command->add_subcommand(
      "scb",
      std::string(Tr(
          "SCB:s PxWeb API v2: en tabell (TAB638) med urval per variabel. Tabellens metadata "
          "hämtas först; urvalet delas i anrop om högst 150 000 celler, högst 30 anrop per 10 s. "
          "Urval: --query 'Region=1814,1880' --query 'Tid=from(2020)', eller flera i ett med ';'. "
          "Uttryck: koder; * (alla); mönster med * och ? (18*); from(k), to(k), range(a,b) i "
          "tabellens ordning; first(n), last(n) (Tid=last(5): de fem senaste). En variabel som "
          "inte nämns utelämnas om tabellen tillåter det (totalen), annars tas alla dess koder.",
          "SCB's PxWeb API v2: one table (TAB638) with a selection per variable. The table's "
          "metadata is fetched first; the selection is split into calls of at most 150 000 "
          "cells, at most 30 calls per 10 s. Selection: --query 'Region=1814,1880' --query "
          "'Tid=from(2020)', or several in one with ';'. Expressions: codes; * (all); patterns "
          "with * and ? (18*); from(c), to(c), range(a,b) in the table's order; first(n), "
          "last(n) (Tid=last(5): the five latest). A variable not named is left out when the "
          "table allows it (the total), else all its codes are taken.")));
  scb->add_option("TABLE", options->table,
                  std::string(Tr("tabellens id (TAB638)", "the table's id (TAB638)")))
      ->required();
  scb->add_option(
         "--query", options->query,
         std::string(Tr("VARIABEL=UTTRYCK,UTTRYCK… (upprepas)", "VARIABLE=EXPR,EXPR… (repeated)")))
      ->allow_extra_args(false);  // one value an occurrence: TABLE may come after
  scb->add_option("--lang", options->language,
                  std::string(Tr("etiketternas språk: sv eller en (standard: ditt språk)",
                                 "the labels' language: sv or en (default: yours)")));
  scb->add_option("--max-cells", options->max_cells,
                  std::string(Tr("celler per anrop", "cells per call")))
      ->default_val(published::kScbMaxCells)
      ->check(CLI::Range(std::size_t{1}, published::kScbMaxCells));
  AddCommonOptions(*scb, *options, published::kScbBaseUrl);
  scb->callback([options] { RunScb(*options); });
}

}  // namespace jamlik::cli
