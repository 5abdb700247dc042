// `jamlik serve`: the web application and its JSON API. Configuration by flags, else the
// environment (JAMLIK_LISTEN, JAMLIK_DATA_DIR, JAMLIK_DATABASE_URL), else safe defaults:
// 127.0.0.1:8080 and SQLite in ./data/. SIGTERM or SIGINT stops it gracefully: no new
// connections, in-flight requests finish, the store closes.
#include <fmt/format.h>
#include <pthread.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/accounts/accounts.hpp"
#include "app/accounts/credentials.hpp"
#include "app/datasets/datasets.hpp"
#include "cli/commands.hpp"
#include "cli/demo_comparisons.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "server/server.hpp"

namespace jamlik::cli {
namespace {

namespace fs = std::filesystem;

struct ServeOptions {
  std::string listen;
  std::string data_dir;
  std::string database_url;
  std::string web_root;
  std::size_t threads = 64;
  std::size_t db_connections = 8;
  std::int64_t public_rate = 300;
  bool secure_cookies = false;
  std::vector<std::string> trusted_proxies;
  bool demo = false;
  std::string demo_data;
  std::string demo_trends;
  std::string create_admin;
  std::string site_url;
  app::SmtpSettings smtp;
  std::int64_t retention_days = 30;
};

std::string FromEnvironment(const std::string& flag, const char* variable, const char* fallback) {
  if (!flag.empty()) return flag;
  const char* value = std::getenv(variable);
  return value != nullptr && *value != '\0' ? value : fallback;
}

void ParseListen(const std::string& listen, server::ServerConfig& config) {
  const auto colon = listen.rfind(':');
  try {
    if (colon == std::string::npos) throw std::invalid_argument(listen);
    config.host = listen.substr(0, colon);
    config.port = std::stoi(listen.substr(colon + 1));
  } catch (const std::logic_error&) {
    throw Error(ErrorCode::kUsage,
                fmt::format(fmt::runtime(Tr("--listen väntar sig värd:port, fick '{}'",
                                            "--listen expects host:port, got '{}'")),
                            listen));
  }
}

// Create "Demo kommun" with an admin whose new random password is printed once (only its hash
// is stored), and load the demo data into it unless it already has a dataset. It answers for
// Örebro (1880, in the demo data): the web app opens results there.
void SetUpDemo(server::Server& server, const std::string& demo_data,
               const std::string& demo_trends) {
  store::Store& store = server.store();
  auto organisation = app::FindOrganisationByCode(store, "demo");
  if (!organisation) {
    organisation = app::CreateOrganisation(store, "demo", "Demo kommun",
                                           app::OrganisationKind::kKommun, "1880");
  }
  const std::string email = "demo@jamlik.example";
  const std::string password = app::RandomPassword();
  auto user = app::FindUserByEmail(store, email);
  if (user) {
    app::SetPassword(store, user->id, password);
  } else {
    user = app::CreateUser(store, email, "Demo", password, false);
  }
  app::SetMembership(store, user->id, organisation->id, app::Role::kAdmin);
  app::RequirePasswordChange(store, user->id);
  fmt::print("{}: {}  {}: {}  ({})\n", Tr("Demoanvändare", "Demo user"), email,
             Tr("lösenord", "password"), password,
             Tr("byts vid första inloggningen", "to be changed at first log-in"));
  const bool fresh = app::ListDatasets(store, organisation->id).empty();
  if (!demo_trends.empty()) SetUpDemoComparisons(server, organisation->id, user->id, demo_trends);
  if (demo_data.empty() || !fresh) return;
  // The import moves its upload into the data folder: it gets a copy.
  const fs::path uploads = fs::path(server.config().store.data_dir) / "uploads";
  fs::create_directories(uploads);
  const fs::path copy = uploads / (app::RandomHex(16) + ".part");
  fs::copy_file(demo_data, copy);
  const auto dataset = app::ImportDataset(
      store, server.config().store.data_dir, organisation->id, user->id,
      // A dataset's name is the user's text, one for every language: the demo's reads in both.
      "Syntetiska personer, Örebro län / Synthetic persons, Örebro county",
      fs::path(demo_data).filename().string(), copy.string());
  spdlog::info("event=demo_data rows={} file={}", dataset.row_count, demo_data);
}

void CreateAdmin(server::Server& server, const std::string& email) {
  if (app::FindUserByEmail(server.store(), email)) {
    fmt::print("{}\n", Tr("Användaren finns redan.", "The user already exists."));
    return;
  }
  const std::string password = app::RandomPassword();
  const auto admin = app::CreateUser(server.store(), email, email, password, true);
  app::RequirePasswordChange(server.store(), admin->id);
  fmt::print("{}: {}  {}: {}\n", Tr("Webbplatsadministratör", "Site administrator"), email,
             Tr("lösenord", "password"), password);
}

void Run(const ServeOptions& options) {
  // Logs go to stderr as key=value pairs; stdout is for what the user must read (URL, password).
  spdlog::set_default_logger(spdlog::stderr_color_mt("jamlik"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
  server::ServerConfig config;
  ParseListen(FromEnvironment(options.listen, "JAMLIK_LISTEN", "127.0.0.1:8080"), config);
  config.store.data_dir = FromEnvironment(options.data_dir, "JAMLIK_DATA_DIR", "data");
  config.store.database_url = FromEnvironment(options.database_url, "JAMLIK_DATABASE_URL", "");
  config.store.connections = options.db_connections;
  config.threads = options.threads;
  config.web_root = options.web_root.empty() ? server::DefaultWebRoot() : options.web_root;
  config.secure_cookies = options.secure_cookies;
  config.trusted_proxies = options.trusted_proxies;
  config.public_requests_per_minute = options.public_rate;
  config.site_url = options.site_url;
  config.smtp = options.smtp;
  if (!config.smtp.url.empty() && config.smtp.from.empty()) {
    throw Error(ErrorCode::kUsage,
                std::string(Tr("--smtp-url kräver --smtp-from (avsändaradressen)",
                               "--smtp-url needs --smtp-from (the sender address)")));
  }
  config.retention_days = options.retention_days;

  // Every thread started from here on inherits the blocked signals; one thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::Server server(config);
  if (!options.create_admin.empty()) CreateAdmin(server, options.create_admin);
  if (options.demo) SetUpDemo(server, options.demo_data, options.demo_trends);
  const int port = server.Bind();
  spdlog::info("event=start listen={}:{} store={} web_root=\"{}\" threads={} db_connections={}",
               config.host, port, server.store().description(), config.web_root, config.threads,
               config.store.connections);
  fmt::print("Jämlik: http://{}:{}/\n", config.host, port);
  std::fflush(stdout);

  std::atomic<bool> signalled = false;
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    signalled = true;
    spdlog::info("event=stop signal={}", signal);
    server.Stop();
  });
  server.Run();
  // Run returns without a signal only when listening failed: wake the waiter to join it.
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  spdlog::info("event=stopped");
}

}  // namespace

void AddOpenApiCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "openapi", std::string(Tr("Skriv API:ets OpenAPI-dokument (JSON) på standard ut.",
                                "Print the API's OpenAPI document (JSON) on standard output.")));
  command->callback([] { std::cout << server::OpenApiDocument() << '\n'; });
}

void AddServeCommand(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command =
      app.add_subcommand("serve", std::string(Tr("Starta webbtjänsten och dess JSON-API.",
                                                 "Start the web application and its JSON API.")));
  command->add_option("--listen", options->listen,
                      std::string(Tr("adress:port (JAMLIK_LISTEN, standard 127.0.0.1:8080)",
                                     "address:port (JAMLIK_LISTEN, default 127.0.0.1:8080)")));
  command->add_option("--data-dir", options->data_dir,
                      std::string(Tr("datamapp (JAMLIK_DATA_DIR, standard ./data)",
                                     "data folder (JAMLIK_DATA_DIR, default ./data)")));
  command->add_option(
      "--database-url", options->database_url,
      std::string(Tr("postgresql://… (JAMLIK_DATABASE_URL; standard SQLite i datamappen)",
                     "postgresql://… (JAMLIK_DATABASE_URL; default SQLite in the data folder)")));
  command->add_option(
      "--web-root", options->web_root,
      std::string(Tr("webbappens byggda filer (standard: byggets web/dist)",
                     "the web application's built files (default: the build's web/dist)")));
  command
      ->add_option("--threads", options->threads,
                   std::string(Tr("trådar som betjänar förfrågningar, en per öppen anslutning "
                                  "(standard 64)",
                                  "threads serving requests, one per open connection "
                                  "(default 64)")))
      ->check(CLI::Range(1, 1024));
  command
      ->add_option("--db-connections", options->db_connections,
                   std::string(Tr("databasanslutningar i poolen (standard 8)",
                                  "database connections in the pool (default 8)")))
      ->check(CLI::Range(1, 256));
  command->add_flag("--secure-cookies", options->secure_cookies,
                    std::string(Tr("sessionskakan bara över HTTPS (bakom en TLS-proxy)",
                                   "the session cookie over HTTPS only (behind a TLS proxy)")));
  command
      ->add_option(
          "--public-rate", options->public_rate,
          std::string(Tr("förfrågningar per minut och klientadress till det som inte "
                         "kräver konto, t.ex. inloggning (JAMLIK_PUBLIC_RATE, standard 300)",
                         "requests per minute and client address to what needs no "
                         "account, e.g. log-in (JAMLIK_PUBLIC_RATE, default 300)")))
      ->envname("JAMLIK_PUBLIC_RATE")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100'000'000}));
  command
      ->add_option(
          "--trusted-proxy", options->trusted_proxies,
          std::string(Tr("adress till en omvänd proxy vars X-Forwarded-For anger klienten "
                         "(JAMLIK_TRUSTED_PROXIES, kommaseparerad); kan upprepas",
                         "address of a reverse proxy whose X-Forwarded-For names the client "
                         "(JAMLIK_TRUSTED_PROXIES, comma-separated); may be repeated")))
      ->envname("JAMLIK_TRUSTED_PROXIES")
      ->delimiter(',');
  command
      ->add_option("--site-url", options->site_url,
                   std::string(Tr("adressen webbappen nås på, för länkar i e-post "
                                  "(JAMLIK_SITE_URL, t.ex. https://jamlik.example.se)",
                                  "the address the web app is reached at, for links in mail "
                                  "(JAMLIK_SITE_URL, e.g. https://jamlik.example.se)")))
      ->envname("JAMLIK_SITE_URL");
  command
      ->add_option("--smtp-url", options->smtp.url,
                   std::string(Tr("SMTP-server för utgående e-post (JAMLIK_SMTP_URL, "
                                  "smtp://värd:587 eller smtps://värd:465); utan den stannar "
                                  "e-posten i utkorgen",
                                  "SMTP server for outgoing mail (JAMLIK_SMTP_URL, "
                                  "smtp://host:587 or smtps://host:465); without it mail stays in "
                                  "the outbox")))
      ->envname("JAMLIK_SMTP_URL");
  command
      ->add_option(
          "--smtp-from", options->smtp.from,
          std::string(Tr("avsändaradress (JAMLIK_SMTP_FROM)", "sender address (JAMLIK_SMTP_FROM)")))
      ->envname("JAMLIK_SMTP_FROM");
  command
      ->add_option(
          "--smtp-user", options->smtp.user,
          std::string(Tr("SMTP-konto (JAMLIK_SMTP_USER)", "SMTP account (JAMLIK_SMTP_USER)")))
      ->envname("JAMLIK_SMTP_USER");
  // The password only from the environment: a flag would show in the process list.
  if (const char* password = std::getenv("JAMLIK_SMTP_PASSWORD")) options->smtp.password = password;
  command
      ->add_option("--retention-days", options->retention_days,
                   std::string(Tr("dagar efter en aktivitet som deltagarnas personuppgifter "
                                  "sparas (standard 30)",
                                  "days after an activity that participants' personal data is "
                                  "kept (default 30)")))
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{3650}));
  command->add_flag(
      "--demo", options->demo,
      std::string(Tr("skapa Demo kommun och en demoanvändare (lösenordet skrivs ut en gång)",
                     "create Demo kommun and a demo user (the password is printed once)")));
  command
      ->add_option(
          "--demo-data", options->demo_data,
          std::string(Tr("CSV att läsa in i Demo kommun, t.ex. build/demo/demo_orebro_lan.csv",
                         "CSV to load into Demo kommun, e.g. build/demo/demo_orebro_lan.csv")))
      ->check(CLI::ExistingFile);
  command
      ->add_option("--demo-trends", options->demo_trends,
                   std::string(Tr("flerårig CSV för Demo kommuns jämförelser, t.ex. "
                                  "build/demo/demo_sverige_2021_2025.csv",
                                  "several years' CSV for Demo kommun's comparisons, e.g. "
                                  "build/demo/demo_sverige_2021_2025.csv")))
      ->check(CLI::ExistingFile);
  command->add_option(
      "--create-admin", options->create_admin,
      std::string(
          Tr("skapa en webbplatsadministratör med denna e-post (lösenordet skrivs ut en gång)",
             "create a site administrator with this e-mail (the password is printed once)")));
  command->callback([options] { Run(*options); });
}

}  // namespace jamlik::cli
