// `jamlik fetch` without the network: a fake transport answers from a script and a fake clock moves
// only when the code under test waits, so paging, id splitting, back-off, the SCB call window, the
// cell limit and the cache are asserted exactly, with no real sleeping.
#include "published/fetch.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <set>

#include "core/error.hpp"
#include "published/fetch_sources.hpp"
#include "published/json_input.hpp"

namespace jamlik::published {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

class FakeClock final : public Clock {
 public:
  TimePoint Now() override { return now_; }
  void SleepFor(Duration duration) override {
    slept_ += duration;
    now_ += duration;
  }
  Duration slept() const { return slept_; }

 private:
  TimePoint now_{};
  Duration slept_{0};
};

// Answers each URL from its queue of responses (the last one repeats); records every call.
class FakeTransport final : public HttpTransport {
 public:
  explicit FakeTransport(Clock* clock = nullptr) : clock_(clock) {}
  void Add(const std::string& url, HttpResponse response) {
    responses_[url].push_back(std::move(response));
  }
  void Add(const std::string& url, std::string body) {
    Add(url, HttpResponse{200, std::move(body), {}});
  }
  HttpResponse Get(const std::string& url) override {
    calls.push_back(url);
    if (clock_) times.push_back(clock_->Now());
    auto found = responses_.find(url);
    if (found == responses_.end()) {
      if (answer_all) return HttpResponse{200, "{}", {}};
      ADD_FAILURE() << "unexpected request " << url;
      return HttpResponse{404, "", {}};
    }
    HttpResponse response = found->second.front();
    if (found->second.size() > 1) found->second.pop_front();
    return response;
  }
  std::vector<std::string> calls;
  std::vector<Clock::TimePoint> times;
  bool answer_all = false;

 private:
  Clock* clock_;
  std::map<std::string, std::deque<HttpResponse>> responses_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A Kolada data page of N00945: one entry per (municipality, period), K/M/T values.
std::string KoladaPage(const std::vector<std::pair<std::string, int>>& entries,
                       const std::string& next, const std::string& previous) {
  nlohmann::json page;
  page["count"] = entries.size();
  page["next_url"] = next.empty() ? nlohmann::json() : nlohmann::json(next);
  page["previous_url"] = previous.empty() ? nlohmann::json() : nlohmann::json(previous);
  page["values"] = nlohmann::json::array();
  for (const auto& [municipality, year] : entries) {
    nlohmann::json values = nlohmann::json::array();
    for (const char* gender : {"K", "M", "T"}) {
      nlohmann::json value = {{"gender", gender}, {"count", 1}, {"status", ""}};
      // 1880's women in 2021: missing, as Kolada sends it.
      if (municipality == "1880" && year == 2021 && std::string(gender) == "K") {
        value["value"] = nullptr;
        value["status"] = "Missing";
      } else {
        value["value"] = year - 2000 + (gender[0] == 'K' ? 0.5 : gender[0] == 'M' ? 0.25 : 0.0);
      }
      values.push_back(value);
    }
    page["values"].push_back(
        {{"kpi", "N00945"}, {"municipality", municipality}, {"period", year}, {"values", values}});
  }
  return page.dump();
}

TEST(KoladaFetch, FollowsNextUrlAndImportsLikeTheImporter) {
  FakeClock clock;
  FakeTransport transport;
  KoladaQuery query{{"N00945"}, {"1814", "1880"}, ParseYears("2020-2021")};
  query.per_page = 2;
  const std::string first = KoladaDataUrls(query).at(0);
  EXPECT_EQ(first,
            "https://api.kolada.se/v3/data/kpi/N00945/municipality/1814,1880/year/2020,2021"
            "?per_page=2");
  const std::string base =
      "https://api.kolada.se/v3/data/kpi/N00945/municipality/1814,1880/year/2020,2021";
  transport.Add(
      "https://api.kolada.se/v3/kpi/N00945",
      R"json({"count": 1, "values": [{"id": "N00945", "title": "Ohälsotal (test)"}]})json");
  transport.Add(first,
                KoladaPage({{"1814", 2020}, {"1814", 2021}}, base + "?page=2&per_page=2", ""));
  transport.Add(base + "?page=2&per_page=2",
                KoladaPage({{"1880", 2020}, {"1880", 2021}}, "", base + "?page=1&per_page=2"));
  Fetcher fetcher(transport, clock, KoladaLimits());
  const KoladaImport imported = FetchKolada(fetcher, query);
  ASSERT_EQ(transport.calls.size(), 3u);
  EXPECT_EQ(transport.calls[2], base + "?page=2&per_page=2");
  ASSERT_EQ(imported.results.rows.size(), 12u);
  std::size_t missing = 0;
  for (const ResultRow& row : imported.results.rows) {
    EXPECT_EQ(row.indicator_name.sv, "Ohälsotal (test)");
    if (!row.estimate) {
      ++missing;
      EXPECT_EQ(row.area, "1880");
      EXPECT_EQ(row.period, "2021");
      EXPECT_EQ(row.subgroup, "K");
    }
  }
  EXPECT_EQ(missing, 1u);
  EXPECT_EQ(clock.slept(), milliseconds(0));
}

TEST(KoladaFetch, ANextUrlBackToAFetchedPageIsAnError) {
  FakeClock clock;
  FakeTransport transport;
  KoladaQuery query{{"N00945"}, {"1814"}, {"2020"}};
  const std::string first = KoladaDataUrls(query).at(0);
  const std::string second =
      "https://api.kolada.se/v3/data/kpi/N00945/municipality/1814/year/2020?page=2";
  transport.Add("https://api.kolada.se/v3/kpi/N00945", R"json({"values": []})json");
  transport.Add(first, KoladaPage({{"1814", 2020}}, second, ""));
  transport.Add(second, KoladaPage({{"1814", 2020}}, first, ""));
  Fetcher fetcher(transport, clock, KoladaLimits());
  try {
    FetchKolada(fetcher, query);
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("next_url points to a page fetched already"),
              std::string::npos)
        << error.what();
  }
  EXPECT_EQ(transport.calls.size(), 3u);
}

TEST(KoladaFetch, SplitsIdsIntoSegmentsOfAtMost25) {
  KoladaQuery query;
  for (int i = 0; i < 30; ++i) query.kpis.push_back(fmt::format("N{:05}", i));
  for (int i = 0; i < 60; ++i) query.municipalities.push_back(fmt::format("{:04}", 1000 + i));
  query.years = ParseYears("2000-2030");  // 31 years
  const std::vector<std::string> urls = KoladaDataUrls(query);
  ASSERT_EQ(urls.size(), 2u * 3u * 2u);
  std::set<std::string> kpis, areas, years;
  for (const std::string& url : urls) {
    // …/data/kpi/A/municipality/B/year/C?per_page=5000
    const std::size_t k = url.find("/kpi/") + 5, m = url.find("/municipality/"),
                      y = url.find("/year/"), q = url.find('?');
    for (const auto& [segment, into] :
         {std::pair{url.substr(k, m - k), &kpis}, std::pair{url.substr(m + 14, y - m - 14), &areas},
          std::pair{url.substr(y + 6, q - y - 6), &years}}) {
      const std::vector<std::string> ids = SplitList(segment);
      EXPECT_LE(ids.size(), 25u) << url;
      into->insert(ids.begin(), ids.end());
    }
    EXPECT_TRUE(url.ends_with("?per_page=5000"));
  }
  EXPECT_EQ(kpis.size(), 30u);
  EXPECT_EQ(areas.size(), 60u);
  EXPECT_EQ(years.size(), 31u);
  EXPECT_EQ(KoladaKpiUrls(query).size(), 2u);
}

TEST(KoladaFetch, BadIdsAreUsageErrorsNamingThem) {
  EXPECT_THROW(ParseYears("2020-20x4"), Error);
  EXPECT_EQ(ParseYears("2018,2020-2022,2021"),
            (std::vector<std::string>{"2018", "2020", "2021", "2022"}));
  try {
    CheckKoladaQuery(KoladaQuery{{"N00945"}, {"18l4"}, {"2020"}});
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kUsage);
    EXPECT_EQ(error.value(), "18l4");
  }
}

TEST(Fetcher, HonoursRetryAfterOn429WithoutSleeping) {
  FakeClock clock;
  FakeTransport transport(&clock);
  transport.Add("u", HttpResponse{429, "slow down", {{"retry-after", "7"}}});
  transport.Add("u", HttpResponse{200, "ok", {}});
  Fetcher fetcher(transport, clock, KoladaLimits());
  EXPECT_EQ(fetcher.Get("u"), "ok");
  EXPECT_EQ(transport.calls.size(), 2u);
  EXPECT_EQ(clock.slept(), seconds(7));
  EXPECT_EQ(transport.times[1] - transport.times[0], seconds(7));
}

TEST(Fetcher, BacksOffOn5xxAndGivesUpAfterBoundedAttempts) {
  FakeClock clock;
  FakeTransport transport(&clock);
  transport.Add("https://x/y", HttpResponse{503, "", {}});
  Fetcher fetcher(transport, clock, KoladaLimits());
  try {
    fetcher.Get("https://x/y");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kIo);
    EXPECT_NE(std::string(error.what()).find("https://x/y"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("503"), std::string::npos) << error.what();
  }
  EXPECT_EQ(transport.calls.size(), 5u);
  EXPECT_EQ(clock.slept(), seconds(1 + 2 + 4 + 8));  // no wait after the last attempt
}

TEST(Fetcher, A404IsNotRetriedAndARetryAfterTooLongIsAnError) {
  FakeClock clock;
  FakeTransport transport;
  transport.Add("a", HttpResponse{404, "", {}});
  transport.Add("b", HttpResponse{429, "", {{"retry-after", "3600"}}});
  Fetcher fetcher(transport, clock, KoladaLimits());
  EXPECT_THROW(fetcher.Get("a"), Error);
  EXPECT_EQ(transport.calls.size(), 1u);
  EXPECT_THROW(fetcher.Get("b"), Error);
  EXPECT_EQ(transport.calls.size(), 2u);
  EXPECT_EQ(clock.slept(), milliseconds(0));
}

TEST(Fetcher, AnErrorTellsWhatTheServiceSaid) {
  FakeClock clock;
  FakeTransport transport;
  const std::string problem = R"json({"type": "x", "title": "Too many cells selected"})json";
  transport.Add("https://s/data", HttpResponse{400, problem, {}});
  Fetcher fetcher(transport, clock, ScbLimits());
  try {
    fetcher.Get("https://s/data");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "https://s/data answered HTTP 400: Too many cells selected");
  }
}

TEST(Fetcher, TheDefaultCacheIsUnderXdgCacheHome) {
  const char* home = std::getenv("HOME");
  const std::string saved_home = home ? home : "";
  ::setenv("XDG_CACHE_HOME", "/somewhere/cache", 1);
  EXPECT_EQ(DefaultCacheDir(), fs::path("/somewhere/cache/jamlik/fetch"));
  ::unsetenv("XDG_CACHE_HOME");
  ::setenv("HOME", "/home/analyst", 1);
  EXPECT_EQ(DefaultCacheDir(), fs::path("/home/analyst/.cache/jamlik/fetch"));
  ::setenv("HOME", saved_home.c_str(), 1);
}

TEST(Fetcher, ScbCallsStayWithin30PerAny10SecondWindow) {
  FakeClock clock;
  FakeTransport transport(&clock);
  transport.answer_all = true;
  Fetcher fetcher(transport, clock, ScbLimits());
  for (int i = 0; i < 100; ++i) {
    fetcher.Get(fmt::format("u{}", i));
    if (i % 7 == 0) clock.SleepFor(milliseconds(450));  // some work between calls
  }
  ASSERT_EQ(transport.times.size(), 100u);
  for (std::size_t i = 0; i < transport.times.size(); ++i) {
    std::size_t in_window = 0;
    for (std::size_t j = i; j < transport.times.size(); ++j) {
      if (transport.times[j] - transport.times[i] < seconds(10)) ++in_window;
    }
    EXPECT_LE(in_window, 30u) << "window starting at call " << i;
  }
  // The 31st call waits for the first to leave the window: 100 calls take at least 30 s.
  EXPECT_GE(transport.times.back() - transport.times.front(), seconds(30));
  EXPECT_EQ(transport.times[30] - transport.times[0], seconds(10));
}

TEST(Fetcher, ACacheHitAvoidsTheTransportAndAnExpiredEntryDoesNot) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("jamlik_fetch_cache_{}", ::getpid());
  fs::remove_all(dir);
  const DiskCache cache(dir, std::chrono::hours(24));
  FakeClock clock;
  FakeTransport transport;
  transport.Add("https://x/data?a=1", "body one");
  {
    Fetcher fetcher(transport, clock, ScbLimits(), &cache);
    EXPECT_EQ(fetcher.Get("https://x/data?a=1"), "body one");
    EXPECT_EQ(fetcher.transport_calls(), 1u);
  }
  {
    Fetcher fetcher(transport, clock, ScbLimits(), &cache);
    EXPECT_EQ(fetcher.Get("https://x/data?a=1"), "body one");
    EXPECT_EQ(fetcher.transport_calls(), 0u);
    EXPECT_EQ(fetcher.cache_hits(), 1u);
  }
  EXPECT_EQ(transport.calls.size(), 1u);
  fs::last_write_time(cache.PathOf("https://x/data?a=1"),
                      fs::file_time_type::clock::now() - std::chrono::hours(25));
  {
    Fetcher fetcher(transport, clock, ScbLimits(), &cache);
    fetcher.Get("https://x/data?a=1");
    EXPECT_EQ(fetcher.transport_calls(), 1u);
  }
  fs::remove_all(dir);
}

TEST(Fetcher, ARecordingReplaysAndAMissingUrlIsAnErrorNamingIt) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("jamlik_fetch_rec_{}", ::getpid());
  fs::remove_all(dir);
  FakeClock clock;
  FakeTransport live;
  live.Add("https://x/a", "answer a");
  {
    RecordingTransport recording(live, dir);
    Fetcher fetcher(recording, clock, KoladaLimits());
    EXPECT_EQ(fetcher.Get("https://x/a"), "answer a");
  }
  EXPECT_TRUE(fs::exists(dir / (UrlKey("https://x/a") + ".json")));
  EXPECT_NE(ReadFile((dir / "urls.tsv").string()).find("https://x/a"), std::string::npos);
  ReplayTransport replay(dir);
  Fetcher fetcher(replay, clock, KoladaLimits());
  EXPECT_EQ(fetcher.Get("https://x/a"), "answer a");
  try {
    fetcher.Get("https://x/b");
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("https://x/b"), std::string::npos) << error.what();
  }
  fs::remove_all(dir);
}

TEST(Fetcher, UrlKeyIsFnv1a64) {
  EXPECT_EQ(UrlKey(""), "cbf29ce484222325");
  EXPECT_EQ(UrlKey("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(PercentEncode("Ålder[1]", ","), "%C3%85lder%5B1%5D");
}

std::vector<ScbMetaVariable> SmallTable() {
  return {{"Region", {"00", "01", "0114", "0180", "1814", "1880"}, true},
          {"Kon", {"1", "2"}, true},
          {"ContentsCode", {"BE0101N1"}, false},
          {"Tid", {"2019", "2020", "2021", "2022", "2023", "2024"}, false}};
}

std::vector<std::string> CodesOf(const ScbCall& call, const std::string& variable) {
  for (const auto& [id, codes] : call.selection) {
    if (id == variable) return codes;
  }
  return {"<eliminated>"};
}

TEST(ScbFetch, QueryExpressionsResolveAgainstTheMetadata) {
  const auto calls =
      PlanScbCalls(SmallTable(), ParseScbQuery({"Region=18*,00", "Tid=from(2022); Kon=1"}));
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(CodesOf(calls[0], "Region"), (std::vector<std::string>{"00", "1814", "1880"}));
  EXPECT_EQ(CodesOf(calls[0], "Tid"), (std::vector<std::string>{"2022", "2023", "2024"}));
  EXPECT_EQ(CodesOf(calls[0], "Kon"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(CodesOf(calls[0], "ContentsCode"), (std::vector<std::string>{"BE0101N1"}));
  EXPECT_EQ(calls[0].cells, 9u);

  // Not named: Kon eliminated (it may be), ContentsCode and Tid wholly selected.
  const auto all = PlanScbCalls(SmallTable(), ParseScbQuery({"Region=range(0114,1814)"}));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(CodesOf(all[0], "Region"), (std::vector<std::string>{"0114", "0180", "1814"}));
  EXPECT_EQ(CodesOf(all[0], "Kon"), (std::vector<std::string>{"<eliminated>"}));
  EXPECT_EQ(CodesOf(all[0], "Tid").size(), 6u);
  EXPECT_EQ(CodesOf(PlanScbCalls(SmallTable(), ParseScbQuery({"Tid=last(2)"}))[0], "Tid"),
            (std::vector<std::string>{"2023", "2024"}));

  for (const char* bad :
       {"Region=9999", "Regio=00", "Tid=from(1990)", "Tid=last(x)", "Tid=foo(1)"}) {
    try {
      PlanScbCalls(SmallTable(), ParseScbQuery({bad}));
      ADD_FAILURE() << bad;
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kUsage) << bad;
    }
  }
  EXPECT_THROW(ParseScbQuery({"Region"}), Error);
  EXPECT_THROW(ParseScbQuery({"Region=00;Region=01"}), Error);
}

TEST(ScbFetch, CallsStayUnderTheCellLimitAndCoverEveryCellOnce) {
  // TAB6471's metadata sizes: 312 × 134 × 3 × 1 × 16 = 2 006 784 cells.
  std::vector<ScbMetaVariable> big(5);
  const std::size_t sizes[] = {312, 134, 3, 1, 16};
  const char* ids[] = {"Region", "Alder", "Kon", "ContentsCode", "Tid"};
  for (std::size_t v = 0; v < 5; ++v) {
    big[v].id = ids[v];
    for (std::size_t i = 0; i < sizes[v]; ++i) big[v].codes.push_back(std::to_string(i));
  }
  const auto calls = PlanScbCalls(big, ParseScbQuery({"Region=*;Alder=*;Kon=*"}));
  std::size_t total = 0;
  for (const ScbCall& call : calls) {
    EXPECT_LE(call.cells, 150000u);
    total += call.cells;
  }
  EXPECT_EQ(total, 2006784u);
  EXPECT_EQ(calls.size(), 14u);  // ceil(2 006 784 / 150 000) = 14: the split wastes no call

  // A small limit, every cell enumerated: each exactly once, even when one variable alone is over.
  const std::vector<ScbMetaVariable> small = {
      {"A", {"a1", "a2", "a3", "a4", "a5", "a6", "a7"}, false},
      {"B", {"b1", "b2", "b3", "b4", "b5"}, false},
      {"C", {"c1", "c2", "c3"}, false}};
  const auto pieces = PlanScbCalls(small, {}, 4);
  std::multiset<std::string> cells;
  for (const ScbCall& call : pieces) {
    EXPECT_LE(call.cells, 4u);
    for (const auto& a : CodesOf(call, "A"))
      for (const auto& b : CodesOf(call, "B"))
        for (const auto& c : CodesOf(call, "C")) cells.insert(a + b + c);
  }
  EXPECT_EQ(cells.size(), 105u);
  EXPECT_EQ(std::set<std::string>(cells.begin(), cells.end()).size(), 105u);
}

TEST(ScbFetch, FetchesTab638AsTheImporterReadsIt) {
  // SCB's real metadata and data responses of TAB638 (../shared/fixtures/scb): the query that
  // gives the one cell 50 937.
  const std::string fixtures = std::string(JAMLIK_SHARED_DIR) + "/fixtures/scb/";
  ScbQuery query;
  query.table = "TAB638";
  query.selections =
      ParseScbQuery({"Region=00;Civilstand=OG;Alder=0;Kon=1;ContentsCode=BE0101N1;Tid=2024"});
  FakeClock clock;
  FakeTransport transport;
  transport.Add("https://statistikdatabasen.scb.se/api/v2/tables/TAB638/metadata?lang=sv",
                ReadFile(fixtures + "pxweb__TAB638_metadata-f01ece.json"));
  const std::string data_url =
      "https://statistikdatabasen.scb.se/api/v2/tables/TAB638/data?lang=sv&outputFormat=json-stat2"
      "&valueCodes%5BRegion%5D=00&valueCodes%5BCivilstand%5D=OG&valueCodes%5BAlder%5D=0"
      "&valueCodes%5BKon%5D=1&valueCodes%5BContentsCode%5D=BE0101N1&valueCodes%5BTid%5D=2024";
  transport.Add(data_url, ReadFile(fixtures + "pxweb__TAB638_data-35e0e2-5aec69-POST.json"));
  Fetcher fetcher(transport, clock, ScbLimits());
  const ImportedResults imported = FetchScb(fetcher, query);
  ASSERT_EQ(transport.calls.size(), 2u);
  EXPECT_EQ(transport.calls[1], data_url);
  ASSERT_EQ(imported.rows.size(), 1u);
  EXPECT_EQ(imported.rows[0].estimate, 50937.0);
  EXPECT_EQ(imported.rows[0].area, "00");
  EXPECT_EQ(imported.rows[0].period, "2024");
}

}  // namespace
}  // namespace jamlik::published
