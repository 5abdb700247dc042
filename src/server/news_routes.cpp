// The meeting place's news. The public reads published items (JSON and an Atom feed at a stable
// path); coordinators write, edit, publish and unpublish; members read "the latest". Bodies are
// sanitised when stored (app/news), so they are sent as HTML as they are.
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "app/examples/examples.hpp"
#include "app/meetings/activities.hpp"
#include "app/members/members.hpp"
#include "app/news/news.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "io/atom_writer.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

// The access level of the routes that write news: coordinators of the meeting place.
constexpr Access kNewsWriter = Access::kCoordinator;
// Who reads "the latest": the meeting place's members (and coordinators).
constexpr Access kLatestReader = Access::kMember;

std::string SiteUrl(const Context& context) {
  const ServerConfig& config = context.state.config;
  if (!config.site_url.empty()) return config.site_url;
  return fmt::format("http://{}:{}", config.host, context.request.local_port);
}

json NewsJson(const app::NewsItem& item) {
  return {{"id", item.id},
          {"title", item.title},
          {"summary", item.summary},
          {"body", item.body},
          {"author", item.author},
          {"created_at", item.created_at},
          {"updated_at", item.updated_at},
          {"published", item.published()},
          {"published_at", item.published_at ? json(*item.published_at) : json(nullptr)}};
}

json NewsListJson(const std::vector<app::NewsItem>& items) {
  json list = json::array();
  for (const auto& item : items) list.push_back(NewsJson(item));
  return {{"news", std::move(list)}};
}

// ?limit=1…100 (default 20).
std::size_t LimitParameter(const httplib::Request& request) {
  const std::string text = request.get_param_value("limit");
  if (text.empty()) return 20;
  std::size_t limit = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || limit > 1000) {
      limit = 0;
      break;
    }
    limit = limit * 10 + static_cast<std::size_t>(c - '0');
  }
  if (limit < 1 || limit > 100) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("limit ska vara 1–100", "limit must be 1–100")), {}, "limit", text);
  }
  return limit;
}

// ?q=: words that must all occur, stemmed as Swedish (app/full_text.hpp).
std::string QueryParameter(const httplib::Request& request) {
  std::string query = request.get_param_value("q");
  if (query.size() > 500) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("sökfrågan är för lång", "the query is too long")), {}, "q");
  }
  return query;
}

void ListPublic(Context& context) {
  app::NewsFilter filter;
  filter.query = QueryParameter(context.request);
  filter.limit = LimitParameter(context.request);
  context.Json(200, NewsListJson(app::ListNews(context.state.store, filter)));
}

void ShowPublic(Context& context) {
  const auto item = app::FindNews(context.state.store, context.ids.at(0));
  if (!item || !item->published()) return context.Fail(Problem::kNotFound);
  context.Json(200, NewsJson(*item));
}

// The published news as an Atom feed (RFC 4287), newest first, in the request's language.
void Feed(Context& context) {
  const std::string site = SiteUrl(context);
  app::NewsFilter filter;
  filter.limit = 50;
  AtomFeed feed;
  feed.id = site + "/api/public/news.atom";
  feed.title = std::string(Tr("Mötesplatsens nyheter", "News from the meeting place"));
  feed.self_link = site + "/api/public/news.atom";
  feed.alternate_link = site + "/nyheter";
  feed.author = std::string(Tr("Mötesplatsen", "The meeting place"));
  feed.language = CurrentLanguage() == Language::kSwedish ? "sv" : "en";
  for (const auto& item : app::ListNews(context.state.store, filter)) {
    AtomEntry entry;
    entry.id = fmt::format("{}/nyheter/{}", site, item.id);
    entry.title = item.title;
    entry.published = *item.published_at;
    entry.updated = std::max(item.updated_at, *item.published_at);
    entry.author = item.author;
    entry.link = entry.id;
    entry.content_html = item.body;
    feed.fallback_updated = std::max(feed.fallback_updated, entry.updated);
    feed.entries.push_back(std::move(entry));
  }
  context.response.set_content(WriteAtom(feed), "application/atom+xml; charset=utf-8");
}

// ---- Coordinators ----

app::NewsDraft DraftFrom(const json& body) {
  return {StringField(body, "title"), StringField(body, "summary", false),
          StringField(body, "body")};
}

void ListAll(Context& context) {
  app::NewsFilter filter;
  filter.include_unpublished = true;
  filter.query = QueryParameter(context.request);
  filter.limit = LimitParameter(context.request);
  context.Json(200, NewsListJson(app::ListNews(context.state.store, filter)));
}

void ShowAny(Context& context) {
  const auto item = app::FindNews(context.state.store, context.ids.at(0));
  if (!item) return context.Fail(Problem::kNotFound);
  context.Json(200, NewsJson(*item));
}

void Create(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  app::NewsItem item = app::CreateNews(context.state.store, context.user().id, context.user().name,
                                       DraftFrom(*body), Now());
  if (body->value("published", false)) {
    item = *app::SetNewsPublished(context.state.store, item.id, true, Now());
  }
  context.response.set_header("Location", "/api/news/" + std::to_string(item.id));
  context.Json(201, NewsJson(item));
}

void Edit(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const auto item =
      app::UpdateNews(context.state.store, context.ids.at(0), DraftFrom(*body), Now());
  if (!item) return context.Fail(Problem::kNotFound);
  context.Json(200, NewsJson(*item));
}

void Publish(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  if (!body->contains("published") || !body->at("published").is_boolean()) {
    throw Error(
        ErrorCode::kInvalidArgument,
        std::string(Tr("published ska vara true eller false", "published must be true or false")),
        {}, "published");
  }
  const auto item = app::SetNewsPublished(context.state.store, context.ids.at(0),
                                          body->at("published").get<bool>(), Now());
  if (!item) return context.Fail(Problem::kNotFound);
  context.Json(200, NewsJson(*item));
}

// ---- Members ----

// "The latest" on a member's start page: the newest published news, the newest learning
// examples, and the coming activities (members-only ones too) in the counties of the caller's
// organisations (the member organisation's county, else the first two digits of its area code),
// mixed newest first by when each appeared.
void Latest(Context& context) {
  std::set<std::string> counties;
  for (const app::Membership& membership :
       app::MembershipsOf(context.state.store, context.user().id)) {
    // The county the meeting place records for a member organisation, else its area code's.
    const auto member =
        app::FindMemberOrganisation(context.state.store, membership.organisation.id);
    const std::string& area = membership.organisation.area_code;
    if (member && !member->county.empty()) {
      counties.insert(member->county);
    } else if (area.size() >= 2) {
      counties.insert(area.substr(0, 2));
    }
  }
  struct Item {
    std::int64_t at;
    json body;
  };
  std::vector<Item> items;
  app::NewsFilter news_filter;
  news_filter.limit = 10;
  for (const auto& item : app::ListNews(context.state.store, news_filter)) {
    items.push_back({*item.published_at,
                     {{"kind", "news"},
                      {"id", item.id},
                      {"title", item.title},
                      {"summary", item.summary},
                      {"at", *item.published_at},
                      {"path", fmt::format("/nyheter/{}", item.id)}}});
  }
  app::ExampleFilter example_filter;
  example_filter.limit = 10;
  for (const auto& example : app::ListExamples(context.state.store, example_filter)) {
    items.push_back({example.created_at,
                     {{"kind", "example"},
                      {"id", example.id},
                      {"title", example.title},
                      {"summary", example.organisation_name},
                      {"at", example.created_at},
                      {"path", fmt::format("/exempel/{}", example.id)}}});
  }
  for (const std::string& county : counties) {
    app::ActivityFilter filter;
    filter.include_members_only = true;
    filter.county = county;
    filter.ending_after = Now();
    for (const auto& activity : app::ListActivities(context.state.store, filter)) {
      items.push_back({activity.created_at,
                       {{"kind", "activity"},
                        {"id", activity.id},
                        {"title", activity.title},
                        {"summary", activity.place},
                        {"at", activity.created_at},
                        {"starts_at", activity.starts_at},
                        {"county", activity.county},
                        {"path", fmt::format("/aktiviteter/{}", activity.id)}}});
    }
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.at > b.at; });
  json list = json::array();
  for (Item& item : items) list.push_back(std::move(item.body));
  context.Json(200, {{"counties", json(counties)}, {"items", std::move(list)}});
}

}  // namespace

void AddNewsRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/public/news", Access::kPublic, ListPublic});
  routes.push_back({"GET", "/api/public/news/{news}", Access::kPublic, ShowPublic});
  routes.push_back({"GET", "/api/public/news.atom", Access::kPublic, Feed});
  routes.push_back({"GET", "/api/news", kNewsWriter, ListAll});
  routes.push_back({"POST", "/api/news", kNewsWriter, Create});
  routes.push_back({"GET", "/api/news/{news}", kNewsWriter, ShowAny});
  routes.push_back({"PUT", "/api/news/{news}", kNewsWriter, Edit});
  routes.push_back({"PATCH", "/api/news/{news}", kNewsWriter, Publish});
  routes.push_back({"GET", "/api/latest", kLatestReader, Latest});
}

}  // namespace jamlik::server
