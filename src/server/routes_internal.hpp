#pragma once
// The route table and what a handler sees. Every route declares who may call it; the one
// dispatcher (server.cpp) authenticates, checks CSRF and the caller's role in the path's
// organisation before the handler runs, so no handler can forget to.
#include <httplib.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/accounts.hpp"
#include "app/accounts/sessions.hpp"
#include "app/analyses/analyses.hpp"
#include "core/i18n.hpp"
#include "io/xlsx_writer.hpp"
#include "server/server.hpp"

namespace jamlik {
struct ResultRow;
}

namespace jamlik::server {

enum class Access {
  kPublic,         // anyone
  kSignedIn,       // any session
  kSiteAdmin,      // a site administrator
  kOrgManagement,  // an admin of the path's {org}, or a site administrator
  kOrgMetadata,    // any member of {org}, or a site administrator: its name, not its data
  kOrgRead,        // a reader (or more) of {org}; site administrators need a membership too
  kOrgWrite,       // an analyst (or admin) of {org}
  kCoordinator,    // a coordinator of the meeting place, or a site administrator
  kMember,  // a person of an approved member organisation of the meeting place, or a coordinator
};

// The problems the API answers itself, beside the engine's ErrorCodes.
enum class Problem {
  kUnauthenticated,         // 401: no valid session
  kBadCredentials,          // 401: wrong e-mail or password
  kForbidden,               // 403: the role does not allow it
  kCsrf,                    // 403: missing or wrong X-CSRF-Token
  kNotFound,                // 404
  kConflict,                // 409: the code or e-mail is taken
  kPayloadTooLarge,         // 413
  kUnsupportedMediaType,    // 415
  kThrottled,               // 429: too many failed log-ins
  kPasswordChangeRequired,  // 403: an initial or reset password must be changed first
  kTooManyRequests,         // 429: a client address over the limit of the public routes
  kRegistrationClosed,      // 409: the activity's registration deadline has passed
  kAlreadyRegistered,       // 409: the e-mail address is already registered to the activity
  kMembersOnly,             // 403: a members-only activity; members register signed in
};

class ResultCache;

struct ServerState {
  ServerConfig config;
  store::Store& store;
  std::shared_ptr<ResultCache> result_cache;  // saved analyses' results as sent (result_cache.hpp)
};

struct Context {
  const httplib::Request& request;
  httplib::Response& response;
  const httplib::ContentReader* reader;  // null for GET
  ServerState& state;
  std::vector<std::int64_t> ids;  // the path's {…} id parameters in order
  std::string token;              // the path's {token}: 64 lower-case hex digits
  std::optional<app::Session> session;
  std::optional<app::Organisation> organisation;  // for routes under /organisations/{org}

  const app::User& user() const { return session->user; }
  // The client's address: the peer's, or behind a trusted proxy the last address in
  // X-Forwarded-For that is not itself a trusted proxy.
  std::string ClientAddress() const;
  std::int64_t org_id() const { return organisation->id; }
  // Read the body as a JSON object (at most 1 MiB, Content-Type application/json); throws
  // kInvalidArgument for malformed JSON, answers 413/415 and returns nullopt otherwise.
  std::optional<nlohmann::json> JsonBody();
  void Json(int status, const nlohmann::json& body);
  // A serialised JSON answer, status set by the caller; see SetJsonContent in server.cpp.
  void JsonText(std::string body);
  void Fail(Problem problem, const std::string& detail = {});
  // Answer the problem with `field` naming the request field at fault (forms mark it).
  void FailAtField(Problem problem, const std::string& field);
};

// How large a request body a route accepts; checked from Content-Length before the body is read.
enum class Body {
  kJson,    // at most kMaxJsonBytes, not compressed (every route that is not an upload)
  kUpload,  // at most ServerConfig::max_upload_bytes after decompression, streamed to disk
};

inline constexpr std::size_t kMaxJsonBytes = std::size_t{1} << 20;

struct Route {
  std::string method;  // GET, POST, PUT, PATCH, DELETE
  // OpenAPI template; every {parameter} is a positive integer id, except {token}, a private
  // link's 64 hex digits (never logged).
  std::string path;
  Access access;
  std::function<void(Context&)> handler;
  Body body = Body::kJson;
  // Open to a session whose password must be changed first (the session, log-out, the change).
  bool before_password_change = false;
};

// The language of a request's answer (texts, labels, errors, exports): its `lang` parameter (sv
// or en; throws kInvalidArgument for another value), else the first of sv and en its
// Accept-Language prefers, else the server's language. The web app sends its interface language.
Language RequestLanguage(const httplib::Request& request);

// The session cookie's name: "__Host-jamlik_session" with secure cookies, else "jamlik_session".
std::string SessionCookieName(const ServerConfig& config);

void AddMetaRoutes(std::vector<Route>& routes);
void AddAuthRoutes(std::vector<Route>& routes);
void AddOrganisationRoutes(std::vector<Route>& routes);
void AddDatasetRoutes(std::vector<Route>& routes);
void AddAnalysisRoutes(std::vector<Route>& routes);
void AddDistributionRoutes(std::vector<Route>& routes);
void AddMeetingRoutes(std::vector<Route>& routes);
void AddPlanRoutes(std::vector<Route>& routes);
void AddCompareRoutes(std::vector<Route>& routes);
void AddMemberRoutes(std::vector<Route>& routes);
void AddProposalRoutes(std::vector<Route>& routes);
void AddNewsRoutes(std::vector<Route>& routes);
void AddExampleRoutes(std::vector<Route>& routes);
void AddPlanReportRoutes(std::vector<Route>& routes);
void AddPublishedRoutes(std::vector<Route>& routes);
void AddEffectRoutes(std::vector<Route>& routes);
void AddImpactRoutes(std::vector<Route>& routes);
void AddComparisonGroupRoutes(std::vector<Route>& routes);

// Send `response` now and close the connection, for an answer that leaves part of the request's
// body unread (413, 411): the rest must never be taken for the next request (server.cpp).
void AnswerAndClose(const httplib::Request& request, const httplib::Response& response);

// The hand-written part of the OpenAPI 3 document, embedded from openapi.json at build time.
std::string_view OpenApiSource();
// A result row's JSON and its schema, from the result fields' declaration (result_json.cpp).
nlohmann::json ResultRowJson(const ResultRow& row);
nlohmann::ordered_json ResultRowSchema();

// Downloads (downloads.cpp). The Content-Disposition of a file named `name` (å ä ö kept):
// RFC 6266 with an ASCII `filename` for old clients and `filename*` (RFC 5987) that current
// browsers prefer; "resultat" when nothing of the name is left.
std::string ContentDisposition(const std::string& name, const std::string& extension);
// A query parameter that is one of `allowed`, else `fallback` when absent; throws
// kInvalidArgument naming it otherwise.
std::string Choice(const httplib::Request& request, const char* name,
                   std::initializer_list<std::string_view> allowed, std::string_view fallback);
inline constexpr const char* kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// The bytes of an Excel workbook of `sheets`, written through a temporary file in the data folder
// (libxlsxwriter writes only files), which is removed.
std::string XlsxContent(std::span<const XlsxSheet> sheets, const ServerConfig& config);

// JSON forms of the domain objects.
nlohmann::json AnalysisJson(const app::Analysis& analysis);  // analysis_routes.cpp
nlohmann::json ToJson(const app::Organisation& organisation);
nlohmann::json ToJson(const app::User& user);
nlohmann::json MembershipsJson(const std::vector<app::Membership>& memberships);
// The time now, Unix seconds: what the store's times are.
std::int64_t Now();

// Public forms. Count the request against `limit` per `window_seconds` for its client address under
// `scope` ("register", "apply"); over it, answer 429 with Retry-After and return false.
bool WithinLimit(Context& context, const std::string& scope, std::int64_t limit,
                 std::int64_t window_seconds);
// Throw kInvalidArgument at the field consent unless the body's consent is true.
void RequireConsent(const nlohmann::json& body);

// Read a string field; throws kInvalidArgument naming it when it is missing (if required) or not
// a string.
std::string StringField(const nlohmann::json& body, const char* field, bool required = true);

}  // namespace jamlik::server
