// The HTTP front door: cpp-httplib's thread pool accepts connections; every API route goes
// through Dispatch, which authenticates, checks CSRF and roles, runs the handler and turns any
// Error into application/problem+json. Static files come from the web root, with index.html for
// the web application's own paths.
#include "server/server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <string_view>
#include <thread>

#include "app/accounts/credentials.hpp"
#include "app/accounts/throttle.hpp"
#include "app/datasets/datasets.hpp"
#include "app/meetings/registrations.hpp"
#include "app/members/members.hpp"
#include "app/schema.hpp"
#include "app/text_field.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/utf8.hpp"
#include "server/compression.hpp"
#include "server/result_cache.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {

namespace {

// The path parameter that names an item of a plan document by its text id, a plan's measure: any
// text without a slash, which its handler reads from the path's match (Context::ids has ids only).
constexpr const char* kDocumentKeyParameter = "measure";

namespace fs = std::filesystem;
using nlohmann::json;

// Connections wait in the kernel's queue while every request thread is busy; the library's own
// backlog of 5 made the kernel drop connection attempts under modest load (each drop costs the
// client a 1-second retransmission).
constexpr int kListenBacklog = 1024;
// A keep-alive connection serves this many requests, then the client reconnects; an idle one is
// closed after kKeepAliveSeconds so that it gives its request thread back.
constexpr std::size_t kKeepAliveRequests = 1000;
constexpr time_t kKeepAliveSeconds = 5;
// Memory for saved analyses' results kept serialised (result_cache.hpp): some 260 bodies of
// 240 kB (one analysis in one language), the least recently used leaving first.
constexpr std::size_t kResultCacheBytes = std::size_t{64} << 20;
// A request (line, headers or body) that sends nothing for this long is dropped.
constexpr time_t kReadTimeoutSeconds = 10;
constexpr std::size_t kMaxHeaderCount = 100;

// Who made the request being logged: Dispatch and the logger run on the same worker thread.
thread_local std::int64_t logged_user = 0;

struct ProblemInfo {
  int status;
  const char* code;
  std::string_view title_sv;
  std::string_view title_en;
};

ProblemInfo InfoOf(Problem problem) {
  switch (problem) {
    case Problem::kUnauthenticated:
      return {401, "unauthenticated", "Inte inloggad", "Not signed in"};
    case Problem::kBadCredentials:
      return {401, "bad_credentials", "Fel e-postadress eller lösenord",
              "Wrong e-mail address or password"};
    case Problem::kForbidden:
      return {403, "forbidden", "Din roll tillåter inte detta", "Your role does not allow this"};
    case Problem::kCsrf:
      return {403, "csrf", "CSRF-token saknas eller är fel", "Missing or wrong CSRF token"};
    case Problem::kNotFound:
      return {404, "not_found", "Finns inte", "Not found"};
    case Problem::kConflict:
      return {409, "conflict", "Finns redan", "Already exists"};
    case Problem::kPayloadTooLarge:
      return {413, "payload_too_large", "För stort", "Too large"};
    case Problem::kUnsupportedMediaType:
      return {415, "unsupported_media_type", "Fel innehållstyp", "Wrong content type"};
    case Problem::kThrottled:
      return {429, "throttled", "För många misslyckade försök, vänta en stund",
              "Too many failed attempts, wait a moment"};
    case Problem::kTooManyRequests:
      return {429, "too_many_requests", "För många förfrågningar, vänta en stund",
              "Too many requests, wait a moment"};
    case Problem::kRegistrationClosed:
      return {409, "registration_closed", "Anmälan har stängt", "Registration has closed"};
    case Problem::kAlreadyRegistered:
      return {409, "already_registered", "Redan anmäld med den e-postadressen",
              "Already registered with that e-mail address"};
    case Problem::kMembersOnly:
      return {403, "members_only",
              "Aktiviteten är bara för medlemmar: logga in som medlem för att anmäla dig",
              "The activity is for members only: sign in as a member to register"};
    case Problem::kPasswordChangeRequired:
      return {403, "password_change_required", "Byt lösenord först", "Change your password first"};
  }
  return {500, "internal", "Internt fel", "Internal error"};
}

void WriteProblem(httplib::Response& response, int status, const std::string& code,
                  std::string_view title, const std::string& detail, json extra = json::object()) {
  json body = {
      {"type", "urn:jamlik:problem:" + code}, {"code", code}, {"title", title}, {"status", status}};
  if (!detail.empty()) body["detail"] = detail;
  body.update(extra);
  response.status = status;
  response.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                       "application/problem+json");
}

// The engine's errors carry where (line, column, field, value); the server's own file paths are
// never shown.
void WriteError(httplib::Response& response, const Error& error) {
  json extra = json::object();
  if (error.location().line > 0) extra["line"] = error.location().line;
  if (error.location().column > 0) extra["column"] = error.location().column;
  if (!error.field().empty()) extra["field"] = error.field();
  if (!error.value().empty()) extra["value"] = error.value();
  const int status = HttpStatus(error.code());
  const bool internal = status >= 500 && error.code() != ErrorCode::kBusy;
  if (error.code() == ErrorCode::kBusy) response.set_header("Retry-After", "1");
  WriteProblem(response, status, ErrorCodeId(error.code()),
               internal                           ? Tr("Internt fel", "Internal error")
               : error.code() == ErrorCode::kBusy ? Tr("Upptagen", "Busy")
                                                  : Tr("Felaktig begäran", "Bad request"),
               internal ? std::string() : error.message(), std::move(extra));
}

std::string CookieValue(const httplib::Request& request, std::string_view name) {
  const std::string header = request.get_header_value("Cookie");
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    std::string_view pair(header.data() + start, end - start);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    start = end + 1;
  }
  return {};
}

bool ChangesState(const std::string& method) { return method != "GET" && method != "HEAD"; }

// Whether a request that needs no session may change state: a browser says where it comes from
// (Sec-Fetch-Site, Origin), and another site's page is refused. JSON bodies already need a CORS
// preflight the server never grants; this also stops forms and beacons.
bool SameOriginOrNoBrowser(const httplib::Request& request) {
  const std::string site = request.get_header_value("Sec-Fetch-Site");
  if (site == "cross-site" || site == "same-site") return false;
  const std::string origin = request.get_header_value("Origin");
  if (origin.empty()) return true;
  const std::size_t scheme = origin.find("://");
  return scheme != std::string::npos &&
         origin.substr(scheme + 3) == request.get_header_value("Host");
}

}  // namespace

std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

bool WithinLimit(Context& context, const std::string& scope, std::int64_t limit,
                 std::int64_t window_seconds) {
  const std::int64_t wait = app::CountRequest(
      context.state.store, scope + ":" + context.ClientAddress(), limit, window_seconds, Now());
  if (wait <= 0) return true;
  context.response.set_header("Retry-After", std::to_string(wait));
  context.Fail(Problem::kTooManyRequests);
  return false;
}

void RequireConsent(const nlohmann::json& body) {
  if (!body.contains("consent") || body.at("consent") != true) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("samtycket krävs: consent ska vara true",
                               "consent is required: consent must be true")),
                {}, "consent");
  }
}

namespace {

// Return whether the caller may go on; answer the problem otherwise.
bool Authorise(const Route& route, Context& context) {
  if (route.access == Access::kPublic) {
    // What needs no account is limited per client address, so that no one can keep the server
    // (and, for log-in, its password hashing) busy for everyone else.
    if (!WithinLimit(context, "public", context.state.config.public_requests_per_minute, 60)) {
      return false;
    }
    if (ChangesState(route.method) && !SameOriginOrNoBrowser(context.request)) {
      context.Fail(Problem::kCsrf);
      return false;
    }
    return true;
  }
  context.session = app::FindSession(
      context.state.store, CookieValue(context.request, SessionCookieName(context.state.config)),
      Now(), context.state.config.sessions);
  if (!context.session) {
    context.Fail(Problem::kUnauthenticated);
    return false;
  }
  // An initial or reset password opens nothing but the way to change it.
  if (context.session->user.must_change_password && !route.before_password_change) {
    context.Fail(Problem::kPasswordChangeRequired);
    return false;
  }
  if (ChangesState(route.method) &&
      !app::ConstantTimeEquals(context.request.get_header_value("X-CSRF-Token"),
                               context.session->csrf_token)) {
    context.Fail(Problem::kCsrf);
    return false;
  }
  const app::User& user = context.session->user;
  if (route.access == Access::kSignedIn) return true;
  if (route.access == Access::kSiteAdmin) {
    if (!user.site_admin) context.Fail(Problem::kForbidden);
    return user.site_admin;
  }
  if (route.access == Access::kCoordinator || route.access == Access::kMember) {
    const bool allowed = route.access == Access::kCoordinator
                             ? app::IsCoordinator(user)
                             : app::IsMeetingPlaceMember(context.state.store, user);
    if (!allowed) context.Fail(Problem::kForbidden);
    return allowed;
  }
  context.organisation = app::FindOrganisation(context.state.store, context.ids.at(0));
  if (!context.organisation) {
    context.Fail(Problem::kNotFound);
    return false;
  }
  const std::optional<app::Role> role = app::RoleIn(context.state.store, user.id, context.org_id());
  bool allowed = false;
  switch (route.access) {
    case Access::kOrgManagement:
      allowed = user.site_admin || role == app::Role::kAdmin;
      break;
    case Access::kOrgMetadata:
      allowed = user.site_admin || role.has_value();
      break;
    case Access::kOrgRead:
      allowed = role.has_value();
      break;
    case Access::kOrgWrite:
      allowed = role && *role >= app::Role::kAnalyst;
      break;
    default:
      break;
  }
  if (!allowed) context.Fail(Problem::kForbidden);
  return allowed;
}

// Return sv or en from an Accept-Language header ("sv-SE,sv;q=0.9,en;q=0.8"): the one of the
// two with the highest weight, the first listed on a tie.
std::optional<Language> AcceptedLanguage(std::string_view header) {
  std::optional<Language> best;
  double best_weight = 0;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    double weight = 1;
    if (const std::size_t semicolon = item.find(';'); semicolon != std::string_view::npos) {
      const std::string_view parameter = item.substr(semicolon + 1);
      if (const std::size_t q = parameter.find("q="); q != std::string_view::npos) {
        try {
          weight = std::stod(std::string(parameter.substr(q + 2)));
        } catch (const std::logic_error&) {
          weight = 0;
        }
      }
      item = item.substr(0, semicolon);
    }
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string primary(item.substr(0, item.find('-')));
    std::transform(primary.begin(), primary.end(), primary.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::optional<Language> language;
    if (primary == "sv") language = Language::kSwedish;
    if (primary == "en") language = Language::kEnglish;
    if (language && weight > best_weight) {
      best = language;
      best_weight = weight;
    }
  }
  return best;
}

}  // namespace

Language RequestLanguage(const httplib::Request& request) {
  const std::string lang = request.get_param_value("lang");
  if (lang == "sv") return Language::kSwedish;
  if (lang == "en") return Language::kEnglish;
  if (!lang.empty()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("lang ska vara sv eller en", "lang must be sv or en")), {}, "lang",
                lang);
  }
  if (const auto accepted = AcceptedLanguage(request.get_header_value("Accept-Language"))) {
    return *accepted;
  }
  return CurrentLanguage();
}

namespace {

// The request's language for answers made before or outside a route: a bad `lang` is no error here.
Language LenientRequestLanguage(const httplib::Request& request) {
  try {
    return RequestLanguage(request);
  } catch (const Error&) {
    return CurrentLanguage();
  }
}

// The names of a route's {parameters} in order: "org", "dataset" …
std::vector<std::string> ParameterNames(const std::string& path) {
  std::vector<std::string> names;
  for (std::size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open)) {
    const std::size_t close = path.find('}', open);
    names.push_back(path.substr(open + 1, close - open - 1));
    open = close;
  }
  return names;
}

std::string LoggedPath(const std::string& path);

void Dispatch(const Route& route, ServerState& state, const httplib::Request& request,
              httplib::Response& response, const httplib::ContentReader* reader) {
  const auto start = std::chrono::steady_clock::now();
  logged_user = 0;
  // API answers carry session data, CSRF tokens, results and exports: no cache may keep them.
  response.set_header("Cache-Control", "no-store");
  Context context{request, response, reader, state, {}, {}, {}, {}};
  // Everything the answer says, errors too, is in the request's language (its catch blocks run
  // while this lives).
  std::optional<ScopedLanguage> language;
  try {
    language.emplace(RequestLanguage(request));
    const std::vector<std::string> names = ParameterNames(route.path);
    for (std::size_t i = 1; i < request.matches.size() && i <= names.size(); ++i) {
      if (names[i - 1] == "token") {
        context.token = request.matches[i].str();
      } else if (names[i - 1] == kDocumentKeyParameter) {
        // Text, not an id: the handler reads it from the match (effect_routes.cpp).
        continue;
      } else {
        context.ids.push_back(std::stoll(request.matches[i].str()));
      }
    }
    // Text enters as UTF-8 or not at all: a query value is checked here, a JSON body by its
    // parser, an upload's names by the dataset import.
    for (const auto& [name, value] : request.params) {
      if (!IsValidUtf8(name) || !IsValidUtf8(value)) {
        throw Error(
            ErrorCode::kInvalidArgument,
            std::string(Tr("parametern är inte giltig UTF-8", "the parameter is not valid UTF-8")),
            {}, IsValidUtf8(name) ? name : RepairUtf8(name));
      }
    }
    if (Authorise(route, context)) route.handler(context);
  } catch (const Error& error) {
    if (HttpStatus(error.code()) >= 500 && error.code() != ErrorCode::kBusy)
      spdlog::error("event=error what=\"{}\"", error.what());
    WriteError(response, error);
  } catch (const std::out_of_range&) {
    // An id too large for 64 bits cannot name anything.
    context.Fail(Problem::kNotFound);
  } catch (const std::exception& error) {
    spdlog::error("event=error path={} what=\"{}\"", LoggedPath(request.path), error.what());
    WriteProblem(response, 500, "internal", Tr("Internt fel", "Internal error"), {});
  }
  // A large body (a CSV export) goes gzip-compressed or as it is, never through httplib's slow
  // brotli (compression.hpp). httplib reads the request's Accept-Encoding after this returns; the
  // request is its own non-const object for the connection, so the header is rewritten in place.
  if (response.body.size() > kLargestBrotliBody) {
    auto& headers = const_cast<httplib::Request&>(request).headers;
    if (const auto found = headers.find("Accept-Encoding"); found != headers.end()) {
      found->second = AcceptedWithoutBrotli(found->second);
    }
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  response.set_header("Server-Timing", fmt::format("app;dur={:.1f}", ms));
  logged_user = context.session ? context.user().id : 0;
}

// "/api/organisations/{org}" → "/api/organisations/([0-9]+)", httplib's regular expression; a
// dot is a dot ("calendar.ics"). Written out by hand: compiling a std::regex per rewrite and route
// cost a quarter of a second at every start under the sanitizers.
std::string PathPattern(const std::string& path) {
  std::string pattern;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '.') {
      pattern += "\\.";
      continue;
    }
    const std::size_t close = path[i] == '{' ? path.find('}', i) : std::string::npos;
    const std::string_view name = close == std::string::npos
                                      ? std::string_view()
                                      : std::string_view(path).substr(i + 1, close - i - 1);
    if (name.empty() || !std::all_of(name.begin(), name.end(),
                                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; })) {
      pattern += path[i];
      continue;
    }
    if (name == "token") {
      pattern += "([0-9a-f]{64})";
    } else if (name == kDocumentKeyParameter) {
      // A plan document's item id: any text but a slash (the path arrives percent-decoded).
      pattern += "([^/]{1,400})";
    } else {
      pattern += "([0-9]+)";
    }
    i = close;
  }
  return pattern;
}

// A path as the log keeps it: a private link's token is left out.
std::string LoggedPath(const std::string& path) {
  static const std::regex token("[0-9a-f]{64}");
  return std::regex_replace(path, token, "{token}");
}

std::string AddressText(const sockaddr_storage& address, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
    port = ntohs(v6.sin6_port);
  }
  return text;
}

// Find the socket of the request's connection by its two addresses (handlers are not given it).
int SocketOf(const httplib::Request& request) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd", error)) {
    int fd = -1;
    const std::string name = entry.path().filename().string();
    if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc()) continue;
    sockaddr_storage local{};
    sockaddr_storage peer{};
    socklen_t local_size = sizeof(local);
    socklen_t peer_size = sizeof(peer);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0 ||
        getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) {
      continue;
    }
    int local_port = 0;
    int peer_port = 0;
    if (AddressText(peer, peer_port) == request.remote_addr && peer_port == request.remote_port &&
        AddressText(local, local_port) == request.local_addr && local_port == request.local_port) {
      return fd;
    }
  }
  return -1;
}

const char* Reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 431:
      return "Request Header Fields Too Large";
  }
  return "Error";
}

}  // namespace

// cpp-httplib 0.11 (Debian 12) takes the next request from a keep-alive connection even after a
// response that says "Connection: close", and reads a request line of any length into memory:
// the unread body of a refused request would be read whole as the next request line. So the
// answer is written here, the connection half-closed (the client sees the whole answer), what the
// client still sends is read and dropped for at most kDrainTime (a lingering close, so that it
// gets the answer rather than a reset), and the reading side is shut: the library then reads
// end-of-file and closes the connection; its own copy of the answer goes nowhere.
void AnswerAndClose(const httplib::Request& request, const httplib::Response& response) {
  constexpr auto kDrainTime = std::chrono::seconds(2);
  const int fd = SocketOf(request);
  if (fd < 0) return;
  const std::string head = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n"
      "X-Content-Type-Options: nosniff\r\n\r\n",
      response.status, Reason(response.status), response.get_header_value("Content-Type"),
      response.body.size());
  const std::string answer = head + response.body;
  for (std::size_t sent = 0; sent < answer.size();) {
    const ssize_t n = ::send(fd, answer.data() + sent, answer.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  const auto deadline = std::chrono::steady_clock::now() + kDrainTime;
  char drained[16384];
  for (auto now = std::chrono::steady_clock::now(); now < deadline;
       now = std::chrono::steady_clock::now()) {
    pollfd readable{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    if (::poll(&readable, 1, static_cast<int>(left.count()) + 1) <= 0) break;
    if (::recv(fd, drained, sizeof(drained), MSG_DONTWAIT) <= 0) break;
  }
  ::shutdown(fd, SHUT_RD);
}

namespace {

bool IsChunked(const httplib::Request& request) {
  return request.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
}

// A route's pattern with what it accepts as a body.
struct BodyRule {
  std::string method;
  std::regex pattern;
  Body body;
};

// Bound what a request may make the server read, before any of its body is read: the library
// would otherwise read a body to a path without a streaming handler (static files, 404) whole into
// memory. Every route but the upload takes at most kMaxJsonBytes, uncompressed, with a length;
// the upload streams to disk and counts its decompressed bytes itself (dataset_routes.cpp).
httplib::Server::HandlerResponse BoundRequest(const std::vector<BodyRule>& rules,
                                              std::size_t max_upload_bytes,
                                              const httplib::Request& request,
                                              httplib::Response& response) {
  const auto reject = [&](int status, std::string_view title_sv, std::string_view title_en,
                          const char* code, const std::string& detail) {
    const ScopedLanguage language(LenientRequestLanguage(request));
    // The unread body stays in the socket: the connection cannot carry another request.
    response.set_header("Connection", "close");
    WriteProblem(response, status, code, Tr(title_sv, title_en), detail);
    AnswerAndClose(request, response);
    return httplib::Server::HandlerResponse::Handled;
  };
  if (request.headers.size() > kMaxHeaderCount) {
    return reject(431, "För många rubrikfält", "Too many header fields",
                  "request_header_fields_too_large", std::to_string(kMaxHeaderCount));
  }
  const bool chunked = IsChunked(request);
  const std::string length_text = request.get_header_value("Content-Length");
  if (!chunked && (length_text.empty() || length_text == "0")) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  Body body = Body::kJson;
  for (const BodyRule& rule : rules) {
    if (rule.method == request.method && std::regex_match(request.path, rule.pattern)) {
      body = rule.body;
    }
  }
  const bool upload = body == Body::kUpload;
  const std::string encoding = request.get_header_value("Content-Encoding");
  if (!upload && !encoding.empty() && encoding != "identity") {
    return reject(415, "Komprimerad kropp tas inte emot här", "No compressed body here",
                  "unsupported_media_type", "Content-Encoding: " + encoding);
  }
  if (chunked) {
    if (upload) return httplib::Server::HandlerResponse::Unhandled;
    return reject(411, "Content-Length krävs", "Content-Length required", "length_required", {});
  }
  std::uint64_t length = 0;
  const auto [end, error] =
      std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
  if (error != std::errc() || end != length_text.data() + length_text.size()) {
    return reject(400, "Felaktig Content-Length", "Bad Content-Length", "bad_request", length_text);
  }
  const std::size_t limit = upload ? max_upload_bytes : kMaxJsonBytes;
  if (length > limit) {
    const ProblemInfo info = InfoOf(Problem::kPayloadTooLarge);
    return reject(info.status, info.title_sv, info.title_en, info.code, std::to_string(limit));
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

}  // namespace

std::optional<json> Context::JsonBody() {
  const std::string type = request.get_header_value("Content-Type");
  if (!type.starts_with("application/json")) {
    Fail(Problem::kUnsupportedMediaType, "Content-Type: application/json");
    return std::nullopt;
  }
  std::string body;
  bool too_large = false;
  if (reader != nullptr) {
    (*reader)([&](const char* data, std::size_t size) {
      too_large = body.size() + size > kMaxJsonBytes;
      if (!too_large) body.append(data, size);
      return !too_large;
    });
  }
  if (too_large) {
    response.set_header("Connection", "close");
    Fail(Problem::kPayloadTooLarge, "1 MiB");
    AnswerAndClose(request, response);
    return std::nullopt;
  }
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw Error(ErrorCode::kInvalidArgument, std::string(Tr("kroppen ska vara ett JSON-objekt",
                                                            "the body must be a JSON object")));
  }
  return parsed;
}

// With secure cookies the __Host- prefix makes the browser refuse the cookie unless it is Secure,
// for the whole site (Path=/) and set by this host itself (no Domain).
std::string SessionCookieName(const ServerConfig& config) {
  return config.secure_cookies ? "__Host-jamlik_session" : "jamlik_session";
}

std::string Context::ClientAddress() const {
  const auto& proxies = state.config.trusted_proxies;
  const auto trusted = [&](std::string_view address) {
    return std::find(proxies.begin(), proxies.end(), address) != proxies.end();
  };
  if (!trusted(request.remote_addr)) return request.remote_addr;
  const std::string forwarded = request.get_header_value("X-Forwarded-For");
  std::string_view rest(forwarded);
  // Proxies append: the right-most address that is not a proxy of ours is the one they saw.
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    std::string_view address = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    while (!address.empty() && address.front() == ' ') address.remove_prefix(1);
    while (!address.empty() && address.back() == ' ') address.remove_suffix(1);
    if (!address.empty() && !trusted(address)) return std::string(address);
  }
  return request.remote_addr;
}

void Context::Json(int status, const json& body) {
  response.status = status;
  // Stored text is valid UTF-8 (checked at the door, older rows repaired at start-up); should
  // any byte still not be, it shows as U+FFFD rather than failing the whole listing.
  JsonText(body.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Context::JsonText(std::string body) {
  // Larger JSON (an analysis' results or comparison, tens of megabytes, served from the result
  // cache at thousands of requests a second) goes uncompressed: httplib leaves "application/json;
  // charset=utf-8" as it is, where gzip would cost each request a second of CPU (compression.hpp).
  const char* type =
      body.size() <= kLargestBrotliBody ? "application/json" : "application/json; charset=utf-8";
  response.set_content(std::move(body), type);
}

void Context::Fail(Problem problem, const std::string& detail) {
  const ProblemInfo info = InfoOf(problem);
  WriteProblem(response, info.status, info.code, Tr(info.title_sv, info.title_en), detail);
}

void Context::FailAtField(Problem problem, const std::string& field) {
  const ProblemInfo info = InfoOf(problem);
  WriteProblem(response, info.status, info.code, Tr(info.title_sv, info.title_en), {},
               {{"field", field}});
}

json ToJson(const app::Organisation& organisation) {
  return {{"id", organisation.id},
          {"code", organisation.code},
          {"name", organisation.name},
          {"kind", app::OrganisationKindId(organisation.kind)},
          {"area_code", organisation.area_code}};
}

json ToJson(const app::User& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"site_admin", user.site_admin},
          {"coordinator", user.coordinator},
          {"must_change_password", user.must_change_password}};
}

json MembershipsJson(const std::vector<app::Membership>& memberships) {
  json array = json::array();
  for (const auto& membership : memberships) {
    array.push_back({{"organisation", ToJson(membership.organisation)},
                     {"role", app::RoleId(membership.role)}});
  }
  return array;
}

std::string StringField(const json& body, const char* field, bool required) {
  if (!body.contains(field)) {
    if (!required) return {};
  } else if (body.at(field).is_string()) {
    return body.at(field).get<std::string>();
  }
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("'{}' krävs och ska vara en text",
                                          "'{}' is required and must be a string")),
                          field),
              {}, field);
}

std::string DefaultWebRoot() {
  for (const char* candidate : {JAMLIK_BUILD_WEB_ROOT, JAMLIK_SOURCE_WEB_ROOT}) {
    if (fs::exists(fs::path(candidate) / "index.html")) return candidate;
  }
  return {};
}

struct Server::Impl {
  explicit Impl(ServerConfig server_config)
      : config(std::move(server_config)),
        store(store::OpenStore(app::WithSchema(config.store))),
        state{config, *store, std::make_shared<ResultCache>(kResultCacheBytes)} {}

  ServerConfig config;
  std::unique_ptr<store::Store> store;
  ServerState state;
  std::vector<Route> routes;
  std::vector<BodyRule> body_rules;
  httplib::Server http;
  int listen_socket = -1;  // set when the library creates it, to raise its backlog after bind

  // Participants' personal data is blanked `retention_days` after each activity: checked at start
  // and hourly. Every server of a cluster may run it; the change is the same whichever does.
  void SweepPersonalData() {
    const std::int64_t retention = config.retention_days * 24 * 3600;
    std::unique_lock lock(sweep_mutex);
    do {
      lock.unlock();
      try {
        if (const std::size_t blanked = app::DeleteExpiredPersonalData(*store, Now(), retention)) {
          spdlog::info("event=personal_data_deleted registrations={}", blanked);
        }
      } catch (const std::exception& error) {
        spdlog::error("event=error what=\"personal data sweep: {}\"", error.what());
      }
      lock.lock();
    } while (!sweep_stop.wait_for(lock, std::chrono::hours(1), [this] { return stopping; }));
  }

  // The outbox's mail goes out within seconds of its change, whichever server wrote it.
  void SendMail() {
    app::SmtpTransport smtp(config.smtp);
    const std::string host = config.site_url.empty() ? config.host : config.site_url;
    std::unique_lock lock(sweep_mutex);
    do {
      lock.unlock();
      try {
        const app::Delivery delivery = app::DeliverPending(*store, smtp, host, Now());
        if (delivery.sent + delivery.failed > 0) {
          spdlog::info("event=mail sent={} failed={}", delivery.sent, delivery.failed);
        }
      } catch (const std::exception& error) {
        spdlog::error("event=error what=\"mail: {}\"", error.what());
      }
      lock.lock();
    } while (!sweep_stop.wait_for(lock, std::chrono::seconds(2), [this] { return stopping; }));
  }

  ~Impl() {
    {
      const std::lock_guard lock(sweep_mutex);
      stopping = true;
    }
    sweep_stop.notify_all();
    if (sweeper.joinable()) sweeper.join();
    if (mailer.joinable()) mailer.join();
  }

  std::mutex sweep_mutex;
  std::condition_variable sweep_stop;
  bool stopping = false;
  std::thread sweeper;
  std::thread mailer;
};

Server::Server(ServerConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {
  if (const std::size_t repaired = app::RepairStoredNames(*impl_->store); repaired > 0) {
    spdlog::warn("event=recovery repaired_utf8_rows={}", repaired);
  }
  const app::SweepReport swept = app::SweepDataFolder(*impl_->store, impl_->config.store.data_dir);
  if (swept.unfinished_uploads + swept.orphaned_files > 0) {
    spdlog::warn("event=recovery removed_unfinished_uploads={} removed_orphaned_files={}",
                 swept.unfinished_uploads, swept.orphaned_files);
  }
  AddMetaRoutes(impl_->routes);
  AddAuthRoutes(impl_->routes);
  AddOrganisationRoutes(impl_->routes);
  AddDatasetRoutes(impl_->routes);
  AddAnalysisRoutes(impl_->routes);
  AddDistributionRoutes(impl_->routes);
  AddCompareRoutes(impl_->routes);
  AddMeetingRoutes(impl_->routes);
  AddPlanRoutes(impl_->routes);
  AddMemberRoutes(impl_->routes);
  AddProposalRoutes(impl_->routes);
  AddNewsRoutes(impl_->routes);
  AddExampleRoutes(impl_->routes);
  AddPlanReportRoutes(impl_->routes);
  AddPublishedRoutes(impl_->routes);
  AddEffectRoutes(impl_->routes);
  AddImpactRoutes(impl_->routes);
  AddComparisonGroupRoutes(impl_->routes);
  impl_->sweeper = std::thread([impl = impl_.get()] { impl->SweepPersonalData(); });
  if (impl_->config.smtp.url.empty()) {
    spdlog::warn("event=mail_not_configured what=\"mail stays in the outbox (no --smtp-url)\"");
  } else {
    impl_->mailer = std::thread([impl = impl_.get()] { impl->SendMail(); });
  }

  httplib::Server& http = impl_->http;
  const std::size_t threads = std::max<std::size_t>(impl_->config.threads, 1);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(impl_->config.max_upload_bytes);
  http.set_keep_alive_max_count(kKeepAliveRequests);
  http.set_keep_alive_timeout(kKeepAliveSeconds);
  http.set_read_timeout(kReadTimeoutSeconds);
  http.set_write_timeout(kReadTimeoutSeconds);
  // Small responses otherwise wait for the client's delayed ACK (Nagle): ~40 ms each.
  http.set_tcp_nodelay(true);
  // SO_REUSEADDR only: the library's default SO_REUSEPORT lets a second server bind the same
  // port and silently share its connections.
  http.set_socket_options([impl = impl_.get()](int socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    impl->listen_socket = socket;
  });
  for (const Route& route : impl_->routes) {
    if (route.method != "GET") {
      impl_->body_rules.push_back({route.method, std::regex(PathPattern(route.path)), route.body});
    }
  }
  http.set_pre_routing_handler(
      [impl = impl_.get()](const httplib::Request& request, httplib::Response& response) {
        return BoundRequest(impl->body_rules, impl->config.max_upload_bytes, request, response);
      });
  httplib::Headers security_headers = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"},
      // ECharts sets inline styles; scripts come only from the site itself.
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
       "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"},
  };
  // Secure cookies mean the site is reached over HTTPS: browsers are told to keep to it.
  if (impl_->config.secure_cookies) {
    security_headers.emplace("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  http.set_default_headers(std::move(security_headers));
  ServerState& state = impl_->state;
  for (const Route& route : impl_->routes) {
    const std::string pattern = PathPattern(route.path);
    auto plain = [&route, &state](const httplib::Request& request, httplib::Response& response) {
      Dispatch(route, state, request, response, nullptr);
    };
    auto with_body = [&route, &state](const httplib::Request& request, httplib::Response& response,
                                      const httplib::ContentReader& reader) {
      Dispatch(route, state, request, response, &reader);
    };
    if (route.method == "GET") {
      http.Get(pattern, plain);
    } else if (route.method == "POST") {
      http.Post(pattern, with_body);
    } else if (route.method == "PUT") {
      http.Put(pattern, with_body);
    } else if (route.method == "PATCH") {
      http.Patch(pattern, with_body);
    } else if (route.method == "DELETE") {
      http.Delete(pattern, with_body);
    }
  }

  const std::string& web_root = impl_->config.web_root;
  const bool has_web = !web_root.empty() && fs::exists(fs::path(web_root) / "index.html");
  if (has_web) {
    http.set_mount_point("/", web_root);
    for (const auto& [extension, type] :
         {std::pair{"mjs", "text/javascript"}, std::pair{"map", "application/json"},
          std::pair{"webmanifest", "application/manifest+json"}, std::pair{"ico", "image/x-icon"},
          std::pair{"woff2", "font/woff2"}}) {
      http.set_file_extension_and_mimetype_mapping(extension, type);
    }
    // Vite names built assets by their content hash: they never change, so browsers keep them.
    http.set_file_request_handler([](const httplib::Request& request, httplib::Response& response) {
      response.set_header("Cache-Control", request.path.starts_with("/assets/")
                                               ? "public, max-age=31536000, immutable"
                                               : "no-cache");
    });
  }
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [web_root, has_web](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const bool api = request.path.starts_with("/api/") || request.path == "/healthz";
        // The web application routes its own paths (/analyser/12): the browser gets index.html.
        if (!api && has_web && request.method == "GET" && response.status == 404) {
          std::ifstream index(fs::path(web_root) / "index.html", std::ios::binary);
          response.status = 200;
          response.set_header("Cache-Control", "no-cache");
          response.set_content(std::string(std::istreambuf_iterator<char>(index), {}),
                               "text/html; charset=utf-8");
          return httplib::Server::HandlerResponse::Handled;
        }
        const ScopedLanguage language(LenientRequestLanguage(request));
        ProblemInfo info{response.status, "bad_request", "Felaktig begäran", "Bad request"};
        if (response.status == 404) info = InfoOf(Problem::kNotFound);
        if (response.status == 413) info = InfoOf(Problem::kPayloadTooLarge);
        WriteProblem(response, response.status, info.code, Tr(info.title_sv, info.title_en), {});
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_logger([](const httplib::Request& request, const httplib::Response& response) {
    spdlog::info("event=request method={} path={} status={} bytes={} timing={} user={} remote={}",
                 request.method, LoggedPath(request.path), response.status, response.body.size(),
                 response.get_header_value("Server-Timing"), logged_user, request.remote_addr);
  });
}

Server::~Server() = default;

store::Store& Server::store() { return *impl_->store; }

const ServerConfig& Server::config() const { return impl_->config; }

std::vector<RouteInfo> Server::Routes() const {
  std::vector<RouteInfo> routes;
  for (const auto& route : impl_->routes) routes.push_back({route.method, route.path});
  return routes;
}

int Server::Bind() {
  const ServerConfig& config = impl_->config;
  const int port = config.port == 0
                       ? impl_->http.bind_to_any_port(config.host)
                       : (impl_->http.bind_to_port(config.host, config.port) ? config.port : -1);
  if (port < 0) {
    throw Error(ErrorCode::kIo,
                fmt::format(fmt::runtime(Tr("kan inte lyssna på {}:{}", "cannot listen on {}:{}")),
                            config.host, config.port));
  }
  // listen() again on a listening socket only changes its backlog (the kernel caps it at
  // net.core.somaxconn).
  if (impl_->listen_socket >= 0) ::listen(impl_->listen_socket, kListenBacklog);
  return port;
}

void Server::Run() { impl_->http.listen_after_bind(); }

void Server::Stop() { impl_->http.stop(); }

}  // namespace jamlik::server
