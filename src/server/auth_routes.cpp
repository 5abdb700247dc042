// Log-in, log-out, the current session and password changes. Log-in is the one state-changing
// request without a CSRF token (there is no session yet); it demands a JSON body, which a
// cross-site HTML form cannot send.
#include <fmt/format.h>

#include <ctime>

#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

std::string SessionCookie(const std::string& value, std::int64_t max_age, bool secure) {
  return fmt::format("jamlik_session={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", value,
                     max_age, secure ? "; Secure" : "");
}

json SessionJson(Context& context, const app::Session& session) {
  return {
      {"user", ToJson(session.user)},
      {"memberships", MembershipsJson(app::MembershipsOf(context.state.store, session.user.id))},
      {"csrf_token", session.csrf_token},
      {"expires_at", session.expires_at}};
}

void LogIn(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const std::int64_t now = std::time(nullptr);
  const app::LoginResult result =
      app::LogIn(context.state.store, StringField(*body, "email"), StringField(*body, "password"),
                 context.ClientAddress(), context.state.config.sessions, now);
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
                              SessionCookie(result.session.token, result.session.expires_at - now,
                                            context.state.config.secure_cookies));
  context.Json(200, SessionJson(context, result.session));
}

void LogOut(Context& context) {
  app::LogOut(context.state.store, context.session->token);
  context.response.set_header("Set-Cookie",
                              SessionCookie("", 0, context.state.config.secure_cookies));
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
  context.response.set_header("Set-Cookie",
                              SessionCookie("", 0, context.state.config.secure_cookies));
  context.response.status = 204;
}

}  // namespace

void AddAuthRoutes(std::vector<Route>& routes) {
  routes.push_back({"POST", "/api/auth/login", Access::kPublic, LogIn});
  routes.push_back({"POST", "/api/auth/logout", Access::kSignedIn, LogOut});
  routes.push_back({"GET", "/api/auth/session", Access::kSignedIn, [](Context& context) {
                      context.Json(200, SessionJson(context, *context.session));
                    }});
  routes.push_back({"POST", "/api/auth/password", Access::kSignedIn, ChangePassword});
}

}  // namespace jamlik::server
