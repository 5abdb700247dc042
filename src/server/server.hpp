#pragma once
// `jamlik serve`: the HTTP JSON API, sessions and the web application's static files, over the
// store. Kept free of HTTP and JSON headers so the CLI and tests include it cheaply.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "app/accounts/sessions.hpp"
#include "app/outbox/smtp.hpp"
#include "store/database.hpp"

namespace jamlik::server {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port (tests)
  store::StoreConfig store;
  // Folder of the built web application (index.html, assets/); empty or missing serves the API
  // alone.
  std::string web_root;
  // Add the Secure attribute to the session cookie: on whenever the site is reached by HTTPS
  // (behind a TLS-terminating proxy).
  bool secure_cookies = false;
  // Addresses of reverse proxies (the TLS proxy) whose X-Forwarded-For names the real client:
  // log-in throttling then counts per client, not per proxy. Empty: the peer is the client.
  std::vector<std::string> trusted_proxies;
  // Request threads: a keep-alive connection holds one while it is open, so this bounds the
  // connections served at once (more wait in the listen queue). The store's pool is separate.
  std::size_t threads = 64;
  std::size_t max_upload_bytes = std::size_t{4} << 30;
  // Requests a client address may make per minute to the API routes that need no account
  // (log-in, health, the OpenAPI document), counted in the store.
  std::int64_t public_requests_per_minute = 300;
  app::SessionPolicy sessions;
  // Days after an activity that its participants' personal data is kept (the consent says so).
  std::int64_t retention_days = 30;
  // The address people reach the web app at (https://jamlik.example.se), for links in mail;
  // empty: http://host:port of this server.
  std::string site_url;
  // Where the outbox's mail goes; an empty url keeps mail in the outbox (logged at start).
  app::SmtpSettings smtp;
};

// Return the built web application's folder when the build has one (web/dist), else "".
std::string DefaultWebRoot();

// The API's OpenAPI 3 document as served at /api/openapi.json (`jamlik openapi` prints it; the
// web build generates its TypeScript types from it).
const std::string& OpenApiDocument();

// A registered route, as the OpenAPI document names it: "GET", "/api/organisations/{org}".
struct RouteInfo {
  std::string method;
  std::string path;
};

class Server {
 public:
  // Open the store (applying migrations) and register every route.
  explicit Server(ServerConfig config);
  // Close the store once every request has finished.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  store::Store& store();
  const ServerConfig& config() const;
  std::vector<RouteInfo> Routes() const;

  // Bind the listening socket; return the port (the chosen one when the config says 0). Throws
  // kIo when the address cannot be bound.
  int Bind();
  // Serve until Stop; return once in-flight requests have finished.
  void Run();
  // Stop accepting; callable from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jamlik::server
