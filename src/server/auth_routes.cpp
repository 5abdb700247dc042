// Log-in, log-out, the current session and password changes. Log-in is the one state-changing
// request without a CSRF token (there is no session yet); it demands a JSON body, which a
// cross-site HTML form cannot send.
#include <fmt/format.h>

#include <ctime>

#include "app/members/members.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

// A session cookie (no Max-Age: it goes when the browser closes; the server ends it after the
// idle timeout or the lifetime anyway); clearing it sets Max-Age=0.
std::string SessionCookie(const ServerConfig& config, const std::string& value) {
  return fmt::format("{}={}; Path=/;{} HttpOnly; SameSite=Strict{}", SessionCookieName(config),
                     value, value.empty() ? " Max-Age=0;" : "",
                     config.secure_cookies ? "; Secure" : "");
}

json SessionJson(Context& context, const app::Session& session) {
  return {
      {"user", ToJson(session.user)},
      {"memberships", MembershipsJson(app::MembershipsOf(context.state.store, session.user.id))},
      {"csrf_token", session.csrf_token},
      // What the web app shows: the coordinator's and the members' menus.
      {"meeting_place",
       {{"coordinator", app::IsCoordinator(session.user)},
        {"member", app::IsMeetingPlaceMember(context.state.store, session.user)}}},
      {"expires_at", session.expires_at}};
}

void LogIn(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const std::int64_t now = std::time(nullptr);
  const app::LoginResult result =
      app::LogIn(context.state.store, StringField(*body, "email"), StringField(*body, "password"),
                 context.ClientAddress(), context.state.config.sessions, now,
                 context.request.get_header_value("User-Agent"));
  switch (result.outcome) {
    case app::LoginOutcome::kThrottled:
      context.response.set_header("Retry-After", std::to_string(result.retry_after));
      context.Fail(Problem::kThrottled);
      return;
    case app::LoginOutcome::kBadCredentials:
      context.Fail(Problem::kBadCredentials);
      return;
    case app::LoginOutcome::kOk:
      break;
  }
  context.response.set_header("Set-Cookie",
                              SessionCookie(context.state.config, result.session.token));
  context.Json(200, SessionJson(context, result.session));
}

void LogOut(Context& context) {
  app::LogOut(context.state.store, context.session->token);
  context.response.set_header("Set-Cookie", SessionCookie(context.state.config, ""));
  context.response.status = 204;
}

void ChangePassword(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  // Every session ends, this one too: the browser logs in again with the new password.
  std::int64_t retry_after = 0;
  switch (app::ChangePassword(
      context.state.store, context.user().id, StringField(*body, "current_password"),
      StringField(*body, "new_password"), std::time(nullptr), &retry_after)) {
    case app::PasswordChange::kThrottled:
      context.response.set_header("Retry-After", std::to_string(retry_after));
      return context.Fail(Problem::kThrottled);
    case app::PasswordChange::kWrongPassword:
      return context.Fail(Problem::kBadCredentials);
    case app::PasswordChange::kChanged:
      break;
  }
  context.response.set_header("Set-Cookie", SessionCookie(context.state.config, ""));
  context.response.status = 204;
}

void ListSessions(Context& context) {
  json sessions = json::array();
  for (const auto& session : app::SessionsOf(context.state.store, *context.session,
                                             std::time(nullptr), context.state.config.sessions)) {
    sessions.push_back({{"created_at", session.created_at},
                        {"last_seen_at", session.last_seen_at},
                        {"expires_at", session.expires_at},
                        {"user_agent", session.user_agent},
                        {"current", session.current}});
  }
  context.Json(200, {{"sessions", sessions}});
}

void LogOutElsewhere(Context& context) {
  context.Json(200, {{"ended", app::EndOtherSessions(context.state.store, *context.session)}});
}

}  // namespace

void AddAuthRoutes(std::vector<Route>& routes) {
  routes.push_back({"POST", "/api/auth/login", Access::kPublic, LogIn});
  routes.push_back({"POST", "/api/auth/logout", Access::kSignedIn, LogOut, Body::kJson, true});
  routes.push_back(
      {"GET", "/api/auth/session", Access::kSignedIn,
       [](Context& context) { context.Json(200, SessionJson(context, *context.session)); },
       Body::kJson, true});
  routes.push_back(
      {"POST", "/api/auth/password", Access::kSignedIn, ChangePassword, Body::kJson, true});
  routes.push_back({"GET", "/api/auth/sessions", Access::kSignedIn, ListSessions});
  routes.push_back({"POST", "/api/auth/logout-others", Access::kSignedIn, LogOutElsewhere});
}

}  // namespace jamlik::server
