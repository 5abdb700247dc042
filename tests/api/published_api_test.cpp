// POST /api/organisations/{org}/published-results on every backend: published statistics uploaded
// as an analysis, read back by the routes of any saved analysis. Kolada's two hand-made pages
// (tests/data/kolada: 12 values, one null) and the real SCB responses of ../shared/fixtures/scb
// with the value counts and sums their README states; a null stays missing; errors name the file
// and the JSON pointer, and nothing is saved from a bad file; the import is in the audit log.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses.hpp"
#include "app/analyses/audit_trail.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

const std::string kKolada = JAMLIK_TEST_DATA_DIR "/kolada/";
const std::string kScb = JAMLIK_SHARED_DIR "/fixtures/scb/";

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class PublishedApiTest : public OrganisationApiTest {
 protected:
  // Upload `files` (name, content) as `file` parts, with the other parts `fields`.
  httplib::Result UploadFiles(Browser& browser,
                              const std::vector<std::pair<std::string, std::string>>& files,
                              const std::map<std::string, std::string>& fields = {}) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(std::chrono::seconds(60));
    httplib::Headers headers = browser.headers();
    headers.emplace("X-CSRF-Token", browser.csrf_token());
    headers.emplace("Accept-Language", "en");
    httplib::MultipartFormDataItems items;
    for (const auto& [name, content] : files) {
      items.push_back({"file", content, name, "application/json"});
    }
    for (const auto& [name, value] : fields) items.push_back({name, value, "", ""});
    return client.Post(Path("/published-results"), headers, items);
  }

  Browser Anna() {
    Browser browser(port_);
    EXPECT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
    return browser;
  }

  std::size_t AnalysisCount() { return app::ListAnalyses(store(), org_).size(); }
};

const json& Row(const json& rows, const std::string& area, const std::string& period,
                const std::string& subgroup) {
  for (const auto& row : rows) {
    if (row.at("area") == area && row.at("period") == period && row.at("subgroup") == subgroup) {
      return row;
    }
  }
  ADD_FAILURE() << "no row " << area << " " << period << " " << subgroup;
  return rows;
}

TEST_P(PublishedApiTest, KoladaPagesBecomeAnAnalysisWithTheNullMissing) {
  Browser browser = Anna();
  const auto answer = UploadFiles(browser,
                                  {{"page_1.json", Read(kKolada + "page_1.json")},
                                   {"page_2.json", Read(kKolada + "page_2.json")}},
                                  {{"name", "Kolada N00926"}});
  ASSERT_EQ(answer->status, 201) << answer->body;
  const json imported = JsonOf(answer);
  EXPECT_EQ(imported.at("format"), "kolada");
  EXPECT_EQ(imported.at("files"), json({"page_1.json", "page_2.json"}));
  EXPECT_EQ(imported.at("values"), 11);
  EXPECT_EQ(imported.at("missing"), 1);
  EXPECT_EQ(imported.at("periods"), json({"2022", "2023"}));
  ASSERT_EQ(imported.at("indicators").size(), 1U);
  EXPECT_EQ(imported.at("indicators")[0].at("id"), "N00926");
  std::vector<std::string> areas;
  for (const auto& area : imported.at("areas")) areas.push_back(area.at("code"));
  EXPECT_EQ(areas, (std::vector<std::string>{"1814", "1880", "18", "00", "G124009"}));
  EXPECT_EQ(imported.at("areas")[1].at("name"), "Örebro");
  const json& analysis = imported.at("analysis");
  EXPECT_EQ(analysis.at("name"), "Kolada N00926");
  EXPECT_EQ(analysis.at("result_count"), 12);
  EXPECT_TRUE(analysis.at("dataset_id").is_null());
  EXPECT_EQ(analysis.at("source"),
            json({{"format", "kolada"}, {"files", {"page_1.json", "page_2.json"}}}));
  const std::int64_t id = analysis.at("id");
  EXPECT_EQ(answer->get_header_value("Location"), Path(fmt::format("/analyses/{}", id)));

  // The results route reads it like any analysis: the null is missing, never zero.
  const json rows = JsonOf(browser.Get(Path(fmt::format("/analyses/{}/results", id)))).at("rows");
  ASSERT_EQ(rows.size(), 12U);
  const json& missing = Row(rows, "1814", "2022", "K");
  EXPECT_TRUE(missing.at("estimate").is_null());
  EXPECT_EQ(missing.at("flag"), "missing_in_source");
  EXPECT_EQ(Row(rows, "1814", "2023", "K").at("estimate"), 24.6);
  EXPECT_EQ(Row(rows, "1814", "2023", "K").at("indicator_type"), "published");

  // The comparison with the county: 1814 is Lekeberg in Örebro county (18), whose Kolada value
  // 18.2 is the comparator.
  const auto compared =
      browser.Get(Path(fmt::format("/analyses/{}/comparison?against=lan&lang=en", id)));
  ASSERT_EQ(compared->status, 200) << compared->body;
  const json comparison = JsonOf(compared).at("rows");
  const json& lekeberg = Row(comparison, "1814", "2023", "T");
  EXPECT_EQ(lekeberg.at("comparator_area"), "18");
  EXPECT_EQ(lekeberg.at("comparator_value"), 18.2);
  EXPECT_NEAR(lekeberg.at("difference").get<double>(), 19.7 - 18.2, 1e-9);
  // Kolada publishes no interval: the mark says so rather than guessing.
  EXPECT_EQ(lekeberg.at("comparison"), "not_compared");

  // Exports and the measures read it too.
  EXPECT_EQ(browser.Get(Path(fmt::format("/analyses/{}/export?format=csv", id)))->status, 200);
  EXPECT_EQ(browser.Get(Path(fmt::format("/analyses/{}/inequality", id)))->status, 200);

  // The import and the reads are in the audit log, naming the files.
  const auto entries = app::ListAuditEntries(store(), org_, 100);
  const auto import = std::find_if(entries.begin(), entries.end(), [](const auto& entry) {
    return entry.record.action == "import_published";
  });
  ASSERT_NE(import, entries.end());
  EXPECT_EQ(import->record.dataset.path, "published kolada: page_1.json, page_2.json");
  EXPECT_EQ(import->record.rows, 12U);
  EXPECT_EQ(import->record.user, "anna@example.se");
  EXPECT_EQ(import->record.table, fmt::format("analysis {} 'Kolada N00926'", id));
  const auto view = std::find_if(entries.begin(), entries.end(),
                                 [](const auto& entry) { return entry.record.action == "view"; });
  ASSERT_NE(view, entries.end());
  EXPECT_EQ(view->record.dataset.path, "published kolada: page_1.json, page_2.json");
}

TEST_P(PublishedApiTest, RealScbResponsesImportWithTheirValueCounts) {
  Browser browser = Anna();
  const auto tab6471 = UploadFiles(
      browser, {{"TAB6471.json", Read(kScb + "pxwebpy__TAB6471_data.json")}}, {{"format", "auto"}});
  ASSERT_EQ(tab6471->status, 201) << tab6471->body;
  const json imported = JsonOf(tab6471);
  EXPECT_EQ(imported.at("format"), "scb");
  EXPECT_EQ(imported.at("values"), 2772);
  EXPECT_EQ(imported.at("missing"), 0);
  EXPECT_EQ(imported.at("areas").size(), 21U);
  EXPECT_EQ(imported.at("periods"), json({"2026M01", "2026M02", "2026M03", "2026M04"}));
  const json rows =
      JsonOf(browser.Get(Path(
                 fmt::format("/analyses/{}/results", imported.at("analysis").at("id").get<int>()))))
          .at("rows");
  ASSERT_EQ(rows.size(), 2772U);
  double sum = 0;
  for (const auto& row : rows) sum += row.at("estimate").get<double>();
  EXPECT_EQ(sum, 84837753.0);  // the README's sum: nothing dropped, nothing derived

  for (const auto& [file, count] : std::vector<std::pair<std::string, int>>{
           {"pxweb__v1_BefolkningNy-21059a-POST.json", 12},
           {"pxwebpy__v1_TAB3554_jsonstat2.json", 9},
           {"pxweb__v1_jsonstat1_BefolkningNy-28a10f-POST.json", 1},
           {"pxweb__TAB638_data-35e0e2-5aec69-POST.json", 1}}) {
    const auto answer = UploadFiles(browser, {{file, Read(kScb + file)}}, {{"format", "scb"}});
    ASSERT_EQ(answer->status, 201) << file << ": " << answer->body;
    EXPECT_EQ(JsonOf(answer).at("values"), count) << file;
  }
}

TEST_P(PublishedApiTest, HeatPlusTemplateKeepsItsIntervals) {
  Browser browser = Anna();
  const auto answer =
      UploadFiles(browser, {{"template.csv", Read(JAMLIK_TEST_DATA_DIR "/heat/template.csv")}});
  ASSERT_EQ(answer->status, 201) << answer->body;
  const json imported = JsonOf(answer);
  EXPECT_EQ(imported.at("format"), "heat");
  const json rows =
      JsonOf(browser.Get(Path(
                 fmt::format("/analyses/{}/results", imported.at("analysis").at("id").get<int>()))))
          .at("rows");
  bool found = false;
  for (const auto& row : rows) {
    // The template's "Kön"/"Kvinnor" become the known dimension's codes.
    if (row.at("indicator") == "bmi30" && row.at("area") == "1814" && row.at("period") == "2023" &&
        row.at("dimension") == "kon" && row.at("subgroup") == "K") {
      EXPECT_EQ(row.at("estimate"), 18.4);
      EXPECT_EQ(row.at("lower"), 15.1);
      EXPECT_EQ(row.at("upper"), 21.7);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST_P(PublishedApiTest, ABadFileNamesTheFileAndPlaceAndSavesNothing) {
  Browser browser = Anna();
  const std::size_t before = AnalysisCount();
  // A gender Kolada does not have: the importer's pointer in `field`, the file as named.
  const auto bad = UploadFiles(
      browser, {{"bad.json", R"({"values": [{"kpi": "N1", "municipality": "1814", "period": 2023,
                                 "values": [{"gender": "X", "value": 1}]}]})"}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(bad->get_header_value("Content-Type"), "application/problem+json");
  const json problem = JsonOf(bad);
  EXPECT_EQ(problem.at("code"), "bad_value");
  EXPECT_EQ(problem.at("field"), "/values/0/values/0/gender");
  EXPECT_NE(problem.at("detail").get<std::string>().find("bad.json"), std::string::npos);
  EXPECT_EQ(problem.at("detail").get<std::string>().find(data_dir()), std::string::npos);

  // Page 1 of 2 alone, and the pages with a broken one: whole or nothing.
  EXPECT_EQ(UploadFiles(browser, {{"page_1.json", Read(kKolada + "page_1.json")}})->status, 422);
  const auto broken = UploadFiles(browser, {{"page_1.json", Read(kKolada + "page_1.json")},
                                            {"page_2.json", "{\"values\": [\n  {,}\n]}"}});
  ASSERT_EQ(broken->status, 422);
  EXPECT_EQ(JsonOf(broken).at("line"), 2);
  EXPECT_EQ(JsonOf(broken).at("column"), 4);
  // A table list is no data.
  EXPECT_EQ(UploadFiles(browser, {{"tables.json", Read(kScb + "pxwebpy__tables.json")}})->status,
            422);
  // An unknown format, several SCB files, no file.
  const auto format = UploadFiles(browser, {{"a.json", "{}"}}, {{"format", "px"}});
  ASSERT_EQ(format->status, 400);
  EXPECT_EQ(JsonOf(format).at("field"), "format");
  const auto several =
      UploadFiles(browser, {{"a.json", "{}"}, {"b.json", "{}"}}, {{"format", "scb"}});
  ASSERT_EQ(several->status, 400);
  EXPECT_EQ(JsonOf(several).at("field"), "file");
  const auto none = UploadFiles(browser, {}, {{"name", "x"}});
  ASSERT_EQ(none->status, 400);
  EXPECT_EQ(JsonOf(none).at("field"), "file");
  EXPECT_EQ(AnalysisCount(), before);
  // Nothing left in the uploads folder either.
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(data_dir()) / "uploads")) {
    ADD_FAILURE() << "left behind: " << entry.path();
  }
}

class SmallPublishedLimitTest : public PublishedApiTest {
 protected:
  void Configure(ServerConfig& config) override { config.max_upload_bytes = 10'000; }
};

TEST_P(SmallPublishedLimitTest, AFileOverTheLimitIsRefused) {
  Browser browser = Anna();
  const auto answer =
      UploadFiles(browser, {{"TAB6471.json", Read(kScb + "pxwebpy__TAB6471_data.json")}});
  ASSERT_EQ(answer->status, 413);
  EXPECT_EQ(JsonOf(answer).at("code"), "payload_too_large");
  EXPECT_EQ(AnalysisCount(), 0U);
}

TEST_P(PublishedApiTest, AReaderMayReadButNotImport) {
  const std::int64_t reader =
      app::CreateUser(store(), "rita@example.se", "Rita", kPassword, false)->id;
  app::SetMembership(store(), reader, org_, app::Role::kReader);
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("rita@example.se", kPassword), 200);
  EXPECT_EQ(UploadFiles(browser, {{"page_1.json", Read(kKolada + "page_1.json")}})->status, 403);
  EXPECT_EQ(AnalysisCount(), 0U);
}

INSTANTIATE_TEST_SUITE_P(Backends, PublishedApiTest,
                         ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, SmallPublishedLimitTest,
                         ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
