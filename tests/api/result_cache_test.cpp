// Saved analyses' results served from memory (src/server/result_cache.hpp, issue 14 item 6): the
// same bytes as a serialisation without the cache, an ETag and 304, deletion and withdrawn access
// effective at once also on a second server over the same store, and one durable audit row per
// view under concurrency. On every backend.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <atomic>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses.hpp"
#include "core/i18n.hpp"
#include "server/result_cache.hpp"
#include "server/routes_internal.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

class ResultCacheTest : public OrganisationApiTest {
 protected:
  ResultCacheTest() : OrganisationApiTest(app::Role::kAdmin) {}

  // Upload a small file and save an analysis of it; return the analysis' path.
  std::string CreateAnalysis(Browser& browser) {
    std::string csv = PupilsCsv();
    csv += "1882;K;gymnasial;1\n";  // a municipality of one person: suppressed rows
    const auto uploaded = browser.Upload(Path("/datasets"), "personer.csv", csv);
    EXPECT_EQ(uploaded->status, 201) << uploaded->body;
    dataset_ = JsonOf(uploaded).at("id").get<std::int64_t>();
    const json request = {{"name", "Behörighet"},
                          {"dataset_id", dataset_},
                          {"areas", {"kommun", "riket"}},
                          {"dimensions", {"kon", "utbildning"}},
                          {"indicators",
                           {{{"id", "behorig"},
                             {"name_sv", "Gymnasiebehörighet"},
                             {"name_en", "Upper-secondary eligibility"},
                             {"type", "proportion"},
                             {"numerator", "gymnasiebehorig"},
                             {"higher_is_favourable", true}}}}};
    const auto created = browser.Send("POST", Path("/analyses"), request);
    EXPECT_EQ(created->status, 201) << created->body;
    analysis_ = JsonOf(created).at("id").get<std::int64_t>();
    return Path("/analyses/" + std::to_string(analysis_));
  }

  // The results' JSON as the handler wrote it before the cache: PublishResults, ResultRowJson per
  // row, dumped as Context::Json does (this audits one "reference" read).
  std::string UncachedBody(Language language) {
    const ScopedLanguage scoped(language);
    const auto analysis = app::FindAnalysis(store(), org_, analysis_);
    json rows = json::array();
    const PublishedResults published = app::PublishResults(store(), *analysis, anna_, "reference");
    for (const auto& row : published.rows()) {
      rows.push_back(ResultRowJson(row));
    }
    return json{{"analysis_id", analysis_}, {"rows", std::move(rows)}}.dump(
        -1, ' ', false, json::error_handler_t::replace);
  }

  std::int64_t Count(const std::string& action) {
    return store()
        .Acquire()
        ->Query("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND organisation_id = $2",
                {action, org_})[0]
        .Int(0);
  }

  std::int64_t dataset_ = 0;
  std::int64_t analysis_ = 0;
};

TEST_P(ResultCacheTest, TheCachedBytesAreAnUncachedSerialisationsInEachLanguage) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const std::string path = CreateAnalysis(browser) + "/results";
  for (const auto& [lang, language] :
       {std::pair{"sv", Language::kSwedish}, std::pair{"en", Language::kEnglish}}) {
    const std::string expected = UncachedBody(language);
    const auto first = browser.Get(path + "?lang=" + lang);   // serialised and kept
    const auto second = browser.Get(path + "?lang=" + lang);  // from the cache
    ASSERT_EQ(first->status, 200);
    ASSERT_EQ(second->status, 200);
    EXPECT_EQ(first->body, expected) << lang;
    EXPECT_EQ(second->body, expected) << lang;
    EXPECT_EQ(second->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(first->get_header_value("ETag"), second->get_header_value("ETag"));
    EXPECT_EQ(second->get_header_value("Cache-Control"), "no-store");
  }
  // The languages' bodies differ (labels), and so do their tags; suppressed rows (the one-person
  // municipality's and their complements) are still blank.
  const auto sv = browser.Get(path + "?lang=sv");
  const auto en = browser.Get(path + "?lang=en");
  EXPECT_NE(sv->body, en->body);
  EXPECT_NE(sv->get_header_value("ETag"), en->get_header_value("ETag"));
  std::size_t suppressed = 0;
  const json english = JsonOf(en);
  for (const auto& row : english.at("rows")) {
    if (!row.at("suppressed").get<bool>()) continue;
    ++suppressed;
    EXPECT_TRUE(row.at("estimate").is_null()) << row.dump();
  }
  EXPECT_GT(suppressed, 0U);
}

TEST_P(ResultCacheTest, AViewFromTheCacheIsAuditedLikeOneFromTheStore) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const std::string path = CreateAnalysis(browser);
  ASSERT_EQ(browser.Get(path + "/results")->status, 200);  // a miss: app::PublishResults audits
  ASSERT_EQ(browser.Get(path + "/results")->status, 200);  // a hit: result_cache.cpp audits
  const json entries = JsonOf(browser.Get(Path("/audit-log?limit=2"))).at("entries");
  ASSERT_EQ(entries.size(), 2U);
  json hit = entries[0], miss = entries[1];
  for (json* entry : {&hit, &miss}) {
    EXPECT_EQ(entry->at("action"), "view");
    entry->erase("id");
    entry->erase("time");
  }
  EXPECT_EQ(hit, miss);
  EXPECT_EQ(hit.at("user"), "anna@example.se");
  EXPECT_EQ(hit.at("table"), fmt::format("analysis {} 'Behörighet'", analysis_));
  EXPECT_GT(hit.at("rows").get<int>(), 10);
  EXPECT_GT(hit.at("suppressed_rows").get<int>(), 0);
  EXPECT_LT(hit.at("suppressed_rows").get<int>(), hit.at("rows").get<int>());

  // What may change is read per request: a renamed dataset is named anew in the next record.
  const std::string dataset_path = Path("/datasets/" + std::to_string(dataset_));
  ASSERT_EQ(browser.Send("PATCH", dataset_path, {{"name", "Elever"}})->status, 200);
  ASSERT_EQ(browser.Get(path + "/results")->status, 200);
  const json renamed = JsonOf(browser.Get(Path("/audit-log?limit=1"))).at("entries")[0];
  EXPECT_EQ(renamed.at("dataset"), fmt::format("dataset {}: Elever (personer.csv)", dataset_));
  EXPECT_NE(renamed.at("dataset"), hit.at("dataset"));
  // Once the dataset is gone, the analysis' record says so, as app::PublishResults does.
  ASSERT_EQ(browser.Send("DELETE", dataset_path)->status, 204);
  ASSERT_EQ(browser.Get(path + "/results")->status, 200);
  EXPECT_EQ(JsonOf(browser.Get(Path("/audit-log?limit=1"))).at("entries")[0].at("dataset"),
            "(deleted dataset)");
}

TEST_P(ResultCacheTest, AStrongETagAnswers304ToIfNoneMatchAndEach304IsAudited) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const std::string path = CreateAnalysis(browser) + "/results";
  const auto full = browser.Get(path);
  ASSERT_EQ(full->status, 200);
  const std::string etag = full->get_header_value("ETag");
  EXPECT_TRUE(std::regex_match(etag, std::regex("\"[0-9a-f]{32}\""))) << etag;  // strong
  const std::int64_t views = Count("view");
  EXPECT_EQ(views, 1);

  const auto conditional = [&](const std::string& if_none_match) {
    httplib::Headers headers = browser.headers();
    headers.emplace("If-None-Match", if_none_match);
    httplib::Client client("127.0.0.1", port_);
    return client.Get(path, headers);
  };
  for (const std::string& matching :
       {etag, "W/" + etag, "\"other\", " + etag, std::string("*"), " " + etag + " "}) {
    const auto answer = conditional(matching);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 304) << matching;
    EXPECT_TRUE(answer->body.empty());
    EXPECT_EQ(answer->get_header_value("ETag"), etag);
  }
  for (const std::string& other :
       {std::string("\"0123\""), etag.substr(0, etag.size() - 2) + "\""}) {
    const auto answer = conditional(other);
    EXPECT_EQ(answer->status, 200) << other;
    EXPECT_EQ(answer->body, full->body);
  }
  EXPECT_EQ(Count("view"), views + 5 + 2);  // each 304 is a view too
  // Another language has another body and tag: one language's tag does not match the other's.
  httplib::Client client("127.0.0.1", port_);
  httplib::Headers headers = browser.headers();
  headers.emplace("If-None-Match",
                  client.Get(path + "?lang=sv", browser.headers())->get_header_value("ETag"));
  const auto english = client.Get(path + "?lang=en", headers);
  EXPECT_EQ(english->status, 200);
  EXPECT_NE(english->get_header_value("ETag"), headers.find("If-None-Match")->second);
  EXPECT_EQ(client.Get(path + "?lang=sv", headers)->status, 304);
}

// A second server over the same store, as a cluster over one PostgreSQL runs them.
class SecondServer {
 public:
  explicit SecondServer(const store::StoreConfig& store) {
    ServerConfig config;
    config.port = 0;
    config.store = store;
    config.threads = 4;
    config.public_requests_per_minute = 1'000'000;
    server_ = std::make_unique<Server>(config);
    port_ = server_->Bind();
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~SecondServer() {
    server_->Stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_P(ResultCacheTest, DeletionAndWithdrawnAccessTakeEffectAtOnceOnEveryServer) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const std::string path = CreateAnalysis(browser);
  const auto bo = app::CreateUser(store(), "bo@example.se", "Bo", kPassword, false);
  app::SetMembership(store(), bo->id, org_, app::Role::kReader);

  SecondServer second(scratch_->config());
  Browser bo_here(port_), bo_there(second.port());
  ASSERT_EQ(bo_here.LogIn("bo@example.se", kPassword), 200);
  bo_there.headers() = bo_here.headers();  // the session lives in the shared store
  Browser anna_there(second.port());
  anna_there.headers() = browser.headers();
  // Both servers keep the results.
  const std::string body = browser.Get(path + "/results")->body;
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(bo_here.Get(path + "/results")->body, body);
    EXPECT_EQ(bo_there.Get(path + "/results")->body, body);
  }
  // Bo's membership ends: 403 on both at once, though both hold the bytes.
  ASSERT_TRUE(app::RemoveMembership(store(), bo->id, org_));
  EXPECT_EQ(bo_here.Get(path + "/results")->status, 403);
  EXPECT_EQ(bo_there.Get(path + "/results")->status, 403);
  EXPECT_EQ(anna_there.Get(path + "/results")->body, body);
  // Deleted through the first server: the second, which never saw the deletion, answers 404.
  ASSERT_EQ(browser.Send("DELETE", path)->status, 204);
  EXPECT_EQ(anna_there.Get(path + "/results")->status, 404);
  EXPECT_EQ(browser.Get(path + "/results")->status, 404);
  httplib::Headers headers = browser.headers();
  headers.emplace("If-None-Match", "*");
  httplib::Client client("127.0.0.1", second.port());
  EXPECT_EQ(client.Get(path + "/results", headers)->status, 404);
  // A new analysis never takes the deleted one's id, so no server can answer with its bytes.
  const std::string next = CreateAnalysis(browser);
  EXPECT_NE(next, path);
}

TEST_P(ResultCacheTest, EveryViewUnderConcurrencyHasItsDurableAuditRow) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const std::string path = CreateAnalysis(browser) + "/results";
  const auto first = browser.Get(path);
  ASSERT_EQ(first->status, 200);
  const std::string etag = first->get_header_value("ETag");
  constexpr int kThreads = 12;
  constexpr int kEach = 25;
  std::atomic<int> ok = 0, not_modified = 0, other = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", port_);
      client.set_read_timeout(std::chrono::seconds(60));
      for (int i = 0; i < kEach; ++i) {
        httplib::Headers headers = browser.headers();
        if ((t + i) % 3 == 0) headers.emplace("If-None-Match", etag);
        const auto answer = client.Get(path + ((t + i) % 2 ? "?lang=en" : "?lang=sv"), headers);
        if (!answer) {
          ++other;
        } else if (answer->status == 200) {
          ++ok;
        } else if (answer->status == 304) {
          ++not_modified;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(other, 0);
  EXPECT_EQ(ok + not_modified, kThreads * kEach);
  EXPECT_GT(not_modified, 0);
  // Each answer was sent only after its row was committed: all are there now, one per view.
  EXPECT_EQ(Count("view"), 1 + kThreads * kEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, ResultCacheTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

// The cache itself: bounded by bytes, least recently used first out, an analysis erased whole.
std::shared_ptr<const CachedResults> Body(std::size_t bytes) {
  auto results = std::make_shared<CachedResults>();
  results->body.assign(bytes, 'x');
  return results;
}

TEST(ResultCache, KeepsAtMostItsCapacityAndDropsTheLeastRecentlyUsedFirst) {
  ResultCache cache(1000);
  using Key = ResultCache::Key;
  cache.Insert(Key{1, 7, Language::kSwedish}, Body(400));
  cache.Insert(Key{2, 7, Language::kSwedish}, Body(400));
  EXPECT_EQ(cache.bytes(), 800U);
  ASSERT_NE(cache.Find(Key{1, 7, Language::kSwedish}), nullptr);  // 1 is now the most recent
  cache.Insert(Key{3, 7, Language::kSwedish}, Body(400));         // 2 leaves
  EXPECT_EQ(cache.Find(Key{2, 7, Language::kSwedish}), nullptr);
  EXPECT_NE(cache.Find(Key{1, 7, Language::kSwedish}), nullptr);
  EXPECT_NE(cache.Find(Key{3, 7, Language::kSwedish}), nullptr);
  EXPECT_EQ(cache.bytes(), 800U);
  EXPECT_EQ(cache.entries(), 2U);
  cache.Insert(Key{4, 7, Language::kSwedish}, Body(1001));  // larger than the whole: not kept
  EXPECT_EQ(cache.Find(Key{4, 7, Language::kSwedish}), nullptr);
  EXPECT_EQ(cache.bytes(), 800U);
  // Languages and organisations are separate entries; Erase takes every one of the analysis.
  cache.Insert(Key{1, 7, Language::kEnglish}, Body(100));
  EXPECT_EQ(cache.Find(Key{1, 8, Language::kEnglish}), nullptr);
  cache.Erase(1);
  EXPECT_EQ(cache.Find(Key{1, 7, Language::kSwedish}), nullptr);
  EXPECT_EQ(cache.Find(Key{1, 7, Language::kEnglish}), nullptr);
  EXPECT_EQ(cache.bytes(), 400U);
  EXPECT_EQ(cache.entries(), 1U);
  ResultCache none(0);
  none.Insert(Key{1, 7, Language::kSwedish}, Body(1));
  EXPECT_EQ(none.entries(), 0U);
}

TEST(ResultCache, IfNoneMatchUsesTheWeakComparison) {
  EXPECT_TRUE(IfNoneMatchMatches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(IfNoneMatchMatches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(IfNoneMatchMatches("\"x\", W/\"y\",\"abc\"", "\"abc\""));
  EXPECT_TRUE(IfNoneMatchMatches(" * ", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchMatches("", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchMatches("\"ab\"", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchMatches("abc", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchMatches("\"x\", ", "\"abc\""));
}

}  // namespace
}  // namespace jamlik::server::testing
