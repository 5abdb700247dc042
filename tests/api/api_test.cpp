// The JSON API over HTTP against a real server, on every backend: log-in, sessions, CSRF,
// uploads with located errors, analyses, exports, problem+json, and the OpenAPI document.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/accounts/accounts.hpp"
#include "app/schema.hpp"
#include "indicators/definition_schema.hpp"
#include "io/csv_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

class ApiFlowTest : public OrganisationApiTest {};

void ExpectProblem(const httplib::Result& result, int status, const std::string& code) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
  const json problem = JsonOf(result);
  EXPECT_EQ(problem.at("status"), status);
  EXPECT_EQ(problem.at("code"), code);
}

TEST_P(ApiFlowTest, UploadAnalyseExport) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("Anna@example.se", kPassword), 200);

  // A bad file: answered at its line, nothing stored.
  const auto bad = browser.Upload(Path("/datasets"), "fel.csv", "kommun;dod\n1880;0\n1881;0;1\n");
  ExpectProblem(bad, 422, "ragged_row");
  EXPECT_EQ(JsonOf(bad).at("line"), 3);
  // A typo among the ages: answered at its line and column, with the value, nothing stored.
  std::string ages = "Kommun;Ålder\n";
  for (int age = 0; age < 40; ++age) ages += fmt::format("1880;{}\n", age);
  ages += "1881;sjuttio\n";
  const auto typo = browser.Upload(Path("/datasets"), "aldrar.csv", ages);
  ExpectProblem(typo, 422, "bad_value");
  EXPECT_EQ(JsonOf(typo).at("line"), 42);
  EXPECT_EQ(JsonOf(typo).at("column"), 6);
  EXPECT_EQ(JsonOf(typo).at("field"), "Ålder");
  EXPECT_EQ(JsonOf(typo).at("value"), "sjuttio");
  EXPECT_TRUE(JsonOf(browser.Get(Path("/datasets"))).at("datasets").empty());

  const auto uploaded = browser.Upload(Path("/datasets"), "personer.csv", PupilsCsv());
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const json dataset = JsonOf(uploaded);
  EXPECT_EQ(dataset.at("row_count"), 300);
  EXPECT_EQ(dataset.at("delimiter"), ";");
  EXPECT_EQ(dataset.at("columns").size(), 4U);
  const std::string dataset_path = Path("/datasets/" + std::to_string(dataset.at("id").get<int>()));

  const auto marked =
      browser.Send("PATCH", dataset_path,
                   {{"name", "Elever"}, {"columns", {{{"name", "kon"}, {"role", "dimension"}}}}});
  ASSERT_EQ(marked->status, 200) << marked->body;
  EXPECT_EQ(JsonOf(marked).at("name"), "Elever");
  ExpectProblem(browser.Send("PATCH", dataset_path, {{"columns", {{{"name", "saknas"}}}}}), 422,
                "unknown_column");

  const json request = {{"name", "Behörighet"},
                        {"dataset_id", dataset.at("id")},
                        {"areas", {"kommun", "riket"}},
                        {"dimensions", {"kon", "utbildning"}},
                        {"indicators",
                         {{{"id", "behorig"},
                           {"name_sv", "Gymnasiebehörighet"},
                           {"type", "proportion"},
                           {"numerator", "gymnasiebehorig"},
                           {"higher_is_favourable", true}}}}};
  const auto created = browser.Send("POST", Path("/analyses"), request);
  ASSERT_EQ(created->status, 201) << created->body;
  const json analysis = JsonOf(created);
  EXPECT_GT(analysis.at("result_count"), 0);
  const std::string analysis_path =
      Path("/analyses/" + std::to_string(analysis.at("id").get<int>()));

  const json results = JsonOf(browser.Get(analysis_path + "/results"));
  ASSERT_EQ(results.at("rows").size(), analysis.at("result_count").get<std::size_t>());
  std::set<std::string> dimensions;
  for (const auto& row : results.at("rows")) dimensions.insert(row.at("dimension"));
  EXPECT_EQ(dimensions, (std::set<std::string>{"total", "kon", "utbildning"}));
  EXPECT_TRUE(results.at("rows")[0].at("suppressed").is_boolean());
  // Every row has exactly the fields the served schema declares (both derive from the result
  // fields' declaration), and the CSV export has them as its header, in order.
  const json schema =
      JsonOf(browser.Get("/api/openapi.json")).at("components").at("schemas").at("ResultRow");
  std::vector<std::string> declared;
  for (const auto& name : schema.at("required")) declared.push_back(name);
  ASSERT_GE(declared.size(), 28U);
  EXPECT_EQ(schema.at("properties").size(), declared.size());
  for (const auto& row : results.at("rows")) {
    std::set<std::string> keys;
    for (const auto& [key, value] : row.items()) keys.insert(key);
    EXPECT_EQ(keys, std::set<std::string>(declared.begin(), declared.end()));
  }
  // The flag and the suppression reason are ids from the lists the schema declares ("" for none).
  for (const char* name : {"flag", "suppression_reason"}) {
    const auto ids = schema.at("properties").at(name).at("enum").get<std::set<std::string>>();
    EXPECT_TRUE(ids.count("") == 1 && ids.size() > 1) << name;
    for (const auto& row : results.at("rows")) {
      EXPECT_EQ(ids.count(row.at(name).get<std::string>()), 1U) << name << ": " << row.dump();
    }
  }
  EXPECT_EQ(schema.at("properties")
                .at("suppression_reason")
                .at("enum")
                .get<std::set<std::string>>()
                .count("complementary"),
            1U);
  EXPECT_EQ(results.at("rows")[0].at("indicator_name"), "Gymnasiebehörighet");

  EXPECT_EQ(JsonOf(browser.Get(analysis_path)).at("indicators")[0].at("id"), "behorig");
  // The CSV export has a column per declared field (codes and labels beside them), headed in
  // words (tests/api/labels_export_test.cpp checks the words).
  const auto csv = browser.Get(analysis_path + "/export?format=csv&lang=en&decimal=point");
  EXPECT_EQ(csv->status, 200);
  const std::string csv_header = csv->body.substr(0, csv->body.find('\n'));
  EXPECT_TRUE(csv_header.starts_with("\xEF\xBB\xBFIndicator (id),Indicator,Type,")) << csv_header;
  EXPECT_EQ(std::count(csv_header.begin(), csv_header.end(), ',') + 1,
            static_cast<std::ptrdiff_t>(declared.size()));
  const auto xlsx = browser.Get(analysis_path + "/export?format=xlsx");
  EXPECT_EQ(xlsx->status, 200);
  EXPECT_TRUE(xlsx->body.starts_with("PK"));
  ExpectProblem(browser.Get(analysis_path + "/export?format=pdf"), 400, "invalid_argument");

  json unknown_column = request;
  unknown_column["indicators"][0]["numerator"] = "saknas";
  ExpectProblem(browser.Send("POST", Path("/analyses"), unknown_column), 422, "unknown_column");
  json bad_definition = request;
  bad_definition["indicators"][0]["typ"] = "rate";
  const auto bad_request = browser.Send("POST", Path("/analyses"), bad_definition);
  ExpectProblem(bad_request, 400, "invalid_argument");
  EXPECT_EQ(JsonOf(bad_request).at("field"), "indicators[0].typ");
  EXPECT_EQ(JsonOf(browser.Get(Path("/analyses"))).at("analyses").size(), 1U);

  // The median, a type with state of its own (the sample), through the same door; areas named.
  json median = request;
  median["name"] = "Median";
  median["dimensions"] = json::array();
  median["indicators"] = {{{"id", "median_behorig"},
                           {"name_sv", "Median"},
                           {"type", "median"},
                           {"value", "gymnasiebehorig"},
                           {"higher_is_favourable", true}}};
  const auto median_created = browser.Send("POST", Path("/analyses"), median);
  ASSERT_EQ(median_created->status, 201) << median_created->body;
  const std::string median_path =
      Path("/analyses/" + std::to_string(JsonOf(median_created).at("id").get<int>()));
  std::map<std::string, json> by_area;
  const json median_results = JsonOf(browser.Get(median_path + "/results"));
  for (const auto& row : median_results.at("rows")) {
    by_area[row.at("area").get<std::string>()] = row;
  }
  // 150 persons each, three in four eligible: the median is 1; the two municipalities lie in
  // Örebro county, which is then the whole.
  ASSERT_EQ(by_area.size(), 3U);
  EXPECT_EQ(by_area.at("1880").at("area_name"), "Örebro");
  EXPECT_EQ(by_area.at("1881").at("area_name"), "Kumla");
  EXPECT_EQ(by_area.at("18").at("area_name"), "Örebro län");
  EXPECT_EQ(by_area.at("18").at("estimate"), 1.0);
  EXPECT_EQ(by_area.at("18").at("denominator"), 300.0);
  EXPECT_EQ(by_area.at("1880").at("indicator_type"), "median");
  EXPECT_EQ(browser.Send("DELETE", median_path)->status, 204);

  EXPECT_EQ(browser.Send("DELETE", dataset_path)->status, 204);
  EXPECT_EQ(JsonOf(browser.Get(analysis_path)).at("dataset_id"), nullptr);
  EXPECT_EQ(browser.Send("DELETE", analysis_path)->status, 204);
  ExpectProblem(browser.Get(analysis_path), 404, "not_found");
}

// The API's doors (results, CSV export) never show a cell of the three-person municipality 1881,
// and the organisation's admin reads in the audit log who computed and exported what.
// An analyst's Excel file is a dataset like the same data as CSV: its first sheet, its columns
// recognised, the same analysis results.
TEST_P(ApiFlowTest, AnExcelWorkbookIsADatasetLikeItsCsv) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const std::string workbook =
      (std::filesystem::temp_directory_path() / fmt::format("jamlik_api_{}.xlsx", ::getpid()))
          .string();
  WriteXlsx(ReadCsvText(PupilsCsv(), "personer.csv"), workbook, "Elever");
  std::ifstream file(workbook, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::filesystem::remove(workbook);

  const auto excel = browser.Upload(Path("/datasets"), "elever.xlsx", bytes);
  ASSERT_EQ(excel->status, 201) << excel->body;
  const auto csv = browser.Upload(Path("/datasets"), "elever.csv", PupilsCsv());
  ASSERT_EQ(csv->status, 201) << csv->body;
  EXPECT_EQ(JsonOf(excel).at("row_count"), 300);
  EXPECT_EQ(JsonOf(excel).at("columns"), JsonOf(csv).at("columns"));
  EXPECT_EQ(JsonOf(excel).at("notes").at(0),
            "read from the Excel workbook's first sheet, 'Elever'");

  std::vector<json> estimates;
  for (const json& dataset_id : {JsonOf(excel).at("id"), JsonOf(csv).at("id")}) {
    const json request = {{"name", "Behörighet"},
                          {"dataset_id", dataset_id},
                          {"dimensions", {"kon", "utbildning"}},
                          {"indicators",
                           {{{"id", "behorig"},
                             {"name_sv", "Gymnasiebehörighet"},
                             {"type", "proportion"},
                             {"numerator", "gymnasiebehorig"},
                             {"higher_is_favourable", true}}}}};
    const auto created = browser.Send("POST", Path("/analyses"), request);
    ASSERT_EQ(created->status, 201) << created->body;
    const auto results =
        browser.Get(Path(fmt::format("/analyses/{}/results", JsonOf(created).at("id").get<int>())));
    ASSERT_EQ(results->status, 200) << results->body;
    const json body = JsonOf(results);
    json rows = json::array();
    for (const json& row : body.at("rows")) {
      rows.push_back(
          {row.at("dimension"), row.at("subgroup"), row.at("estimate"), row.at("lower")});
    }
    estimates.push_back(rows);
  }
  EXPECT_GT(estimates[0].size(), 5U);
  EXPECT_EQ(estimates[0], estimates[1]);
}

TEST_P(ApiFlowTest, ResultsAndExportsAreDisclosureControlledAndAudited) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  std::string csv = "kommun,kon,hemtjanst\n";
  for (int i = 0; i < 400; ++i)
    csv += fmt::format("1880,{},{}\n", i % 2 ? 'K' : 'M', i % 6 == 0 ? 1 : 0);
  csv += "1881,K,1\n1881,M,0\n1881,M,1\n";
  const auto uploaded = browser.Upload(Path("/datasets"), "hemtjanst.csv", csv);
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const json request = {{"name", "Hemtjänst"},
                        {"dataset_id", JsonOf(uploaded).at("id")},
                        {"areas", {"kommun", "riket"}},
                        {"dimensions", {"kon"}},
                        {"indicators",
                         {{{"id", "hemtjanst"},
                           {"name_sv", "Hemtjänst"},
                           {"type", "proportion"},
                           {"numerator", "hemtjanst"},
                           {"higher_is_favourable", false}}}}};
  const auto created = browser.Send("POST", Path("/analyses"), request);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string analysis_path =
      Path("/analyses/" + std::to_string(JsonOf(created).at("id").get<int>()));

  std::size_t suppressed = 0;
  const json results = JsonOf(browser.Get(analysis_path + "/results"));
  for (const auto& row : results.at("rows")) {
    if (row.at("area") == "1881") {
      EXPECT_TRUE(row.at("suppressed").get<bool>()) << row.dump();
    }
    if (!row.at("suppressed").get<bool>()) continue;
    ++suppressed;
    for (const char* field : {"estimate", "lower", "upper", "numerator", "denominator"}) {
      EXPECT_TRUE(row.at(field).is_null()) << field << ' ' << row.dump();
    }
  }
  EXPECT_GT(suppressed, 3U);  // 1881's three cells and their complements

  // In the CSV export, 1881's rows carry no figure: a suppressed row's numeric fields are empty.
  const auto exported = browser.Get(analysis_path + "/export?format=csv&lang=en&decimal=point");
  ASSERT_EQ(exported->status, 200);
  const Table table = ReadCsvText(exported->body, "export.csv");
  const Column& area = table.GetColumn("Area");
  const Column& estimate = table.GetColumn("Estimate");
  const Column& numerator = table.GetColumn("Numerator");
  std::size_t rows_1881 = 0;
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    if (area.ValueToString(row) != "1881") continue;
    ++rows_1881;
    EXPECT_TRUE(estimate.IsNull(row));
    EXPECT_TRUE(numerator.IsNull(row));
  }
  EXPECT_EQ(rows_1881, 3U);

  ExpectProblem(browser.Get(Path("/audit-log")), 403, "forbidden");  // analysts do not read it
  app::SetMembership(store(), app::FindUserByEmail(store(), "anna@example.se")->id, org_,
                     app::Role::kAdmin);
  const json log = JsonOf(browser.Get(Path("/audit-log?limit=10")));
  ASSERT_EQ(log.at("entries").size(), 3U);
  EXPECT_EQ(log.at("entries")[0].at("action"), "export_csv");
  EXPECT_EQ(log.at("entries")[1].at("action"), "view");
  EXPECT_EQ(log.at("entries")[2].at("action"), "publish");
  EXPECT_EQ(log.at("entries")[2].at("user"), "anna@example.se");
  EXPECT_EQ(log.at("entries")[2].at("suppressed_rows"), suppressed);
  ExpectProblem(browser.Get(Path("/audit-log?limit=0")), 400, "invalid_argument");
}

// Inequality measures of a saved analysis: an education gradient (40, 60 and 80 % from
// förgymnasial to eftergymnasial in 1880) gives D = 80 − 40 = 40 percentage points and R = 2 with
// positive SII and ACI; in 1881 the förgymnasial group has two persons, is suppressed, and every
// measure that needs it is undefined with a reason instead of using its value.
TEST_P(ApiFlowTest, InequalityMeasuresComeFromThePublishedResultsOnly) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  std::string csv = "kommun;utbildning;kon;behorig\n";
  const auto add = [&](const char* kommun, const char* utbildning, int persons, int positive) {
    for (int i = 0; i < persons; ++i) {
      csv +=
          fmt::format("{};{};{};{}\n", kommun, utbildning, i % 2 ? 'K' : 'M', i < positive ? 1 : 0);
    }
  };
  add("1880", "förgymnasial", 100, 40);
  add("1880", "gymnasial", 100, 60);
  add("1880", "eftergymnasial", 100, 80);
  add("1881", "förgymnasial", 2, 1);
  add("1881", "gymnasial", 50, 25);
  add("1881", "eftergymnasial", 50, 30);
  const auto uploaded = browser.Upload(Path("/datasets"), "utbildning.csv", csv);
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const json request = {{"name", "Behörighet efter utbildning"},
                        {"dataset_id", JsonOf(uploaded).at("id")},
                        {"areas", {"kommun"}},
                        {"dimensions", {"utbildning", "kon"}},
                        {"indicators",
                         {{{"id", "behorig"},
                           {"name_sv", "Gymnasiebehörighet"},
                           {"type", "proportion"},
                           {"numerator", "behorig"},
                           {"higher_is_favourable", true}}}}};
  const auto created = browser.Send("POST", Path("/analyses"), request);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string analysis_path =
      Path("/analyses/" + std::to_string(JsonOf(created).at("id").get<int>()));

  // The published results: education is ordered, 1881's förgymnasial is suppressed.
  const json results = JsonOf(browser.Get(analysis_path + "/results"));
  bool small_group_suppressed = false;
  for (const auto& row : results.at("rows")) {
    if (row.at("dimension") == "utbildning") {
      EXPECT_TRUE(row.at("ordered_dimension").get<bool>()) << row.dump();
    }
    if (row.at("area") == "1881" && row.at("subgroup") == "förgymnasial") {
      small_group_suppressed = row.at("suppressed").get<bool>();
    }
  }
  ASSERT_TRUE(small_group_suppressed);

  const json measures = JsonOf(browser.Get(analysis_path + "/inequality?lang=sv"));
  EXPECT_EQ(measures.at("language"), "sv");
  std::vector<std::string> ids;
  for (const auto& measure : measures.at("measures")) {
    ids.push_back(measure.at("id"));
    EXPECT_FALSE(measure.at("interpretation").get<std::string>().empty());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"d", "r", "sii", "rii", "aci", "rci"}));
  std::map<std::string, json> education_1880;
  std::map<std::string, json> education_1881;
  for (const auto& row : measures.at("rows")) {
    EXPECT_NE(row.at("dimension"), "total");
    if (row.at("dimension") != "utbildning") continue;
    EXPECT_EQ(row.at("indicator"), "behorig");
    EXPECT_EQ(row.at("area_level"), "kommun");
    (row.at("area") == "1880" ? education_1880 : education_1881)[row.at("measure")] = row;
  }
  ASSERT_EQ(education_1880.size(), 6U);
  ASSERT_EQ(education_1881.size(), 6U);

  const json& d = education_1880.at("d");
  EXPECT_EQ(d.at("measure_label"), "Differens (D)");
  EXPECT_NEAR(d.at("estimate").get<double>(), 40.0, 1e-9);  // 80 − 40: the advantaged lead
  EXPECT_LT(d.at("lower").get<double>(), 40.0);
  EXPECT_GT(d.at("upper").get<double>(), 40.0);
  EXPECT_GT(d.at("se").get<double>(), 0.0);
  EXPECT_EQ(d.at("confidence"), 0.95);
  EXPECT_TRUE(d.at("reason").is_null());
  EXPECT_NEAR(education_1880.at("r").at("estimate").get<double>(), 2.0, 1e-9);  // 80 / 40
  EXPECT_EQ(education_1880.at("r").at("se_scale"), "log");
  EXPECT_GT(education_1880.at("sii").at("estimate").get<double>(), 0.0);
  EXPECT_GT(education_1880.at("rii").at("estimate").get<double>(), 1.0);
  EXPECT_GT(education_1880.at("aci").at("estimate").get<double>(), 0.0);
  EXPECT_GT(education_1880.at("rci").at("estimate").get<double>(), 0.0);
  // Each row says what its sign means for this indicator (high is favourable), in Swedish.
  EXPECT_EQ(d.at("reading"),
            "Eftergymnasial har 40,0 procentenheter högre värde än Förgymnasial; högt värde är "
            "gynnsamt, så Förgymnasial har det sämre.");
  EXPECT_EQ(education_1880.at("sii").at("reading"),
            "Positivt: högre värden mot den gynnade änden än mot den missgynnade (Förgymnasial – "
            "Eftergymnasial); högt värde är gynnsamt, så den missgynnade gruppen har det sämre.");

  // 1881: the suppressed extreme makes D, R and every complex ordered measure undefined.
  for (const auto& [id, row] : education_1881) {
    EXPECT_TRUE(row.at("estimate").is_null()) << row.dump();
    EXPECT_TRUE(row.at("lower").is_null()) << row.dump();
    EXPECT_TRUE(row.at("reason").is_string()) << row.dump();
    EXPECT_FALSE(row.at("reason").get<std::string>().empty()) << row.dump();
    EXPECT_TRUE(row.at("reading").is_null()) << row.dump();  // no value, nothing to read
  }

  // English on request; a bad measure id or language is a 400 naming the parameter.
  const json english = JsonOf(browser.Get(analysis_path + "/inequality?measures=d&lang=en"));
  EXPECT_EQ(english.at("language"), "en");
  ASSERT_FALSE(english.at("rows").empty());
  for (const auto& row : english.at("rows")) EXPECT_EQ(row.at("measure"), "d");
  EXPECT_EQ(english.at("rows")[0].at("measure_label"), "Difference (D)");
  EXPECT_EQ(english.at("measures")[0].at("label"), "Difference (D)");
  bool read_in_english = false;
  for (const auto& row : english.at("rows")) {
    if (row.at("dimension") == "utbildning" && row.at("area") == "1880") {
      EXPECT_EQ(row.at("reading"),
                "Post-secondary is 40.0 percentage points higher than Primary; high values are "
                "favourable, which leaves Primary worse off.");
      read_in_english = true;
    }
  }
  EXPECT_TRUE(read_in_english);
  // A proportion's SII is logistic by default; sii=linear asks for the linear form, which the
  // rows and the measure list then name.
  const json linear = JsonOf(browser.Get(analysis_path + "/inequality?measures=sii&sii=linear"));
  ASSERT_EQ(linear.at("measures").size(), 1U);
  EXPECT_EQ(linear.at("measures")[0].at("id"), "sii_linear");
  for (const auto& row : linear.at("rows")) EXPECT_EQ(row.at("measure"), "sii_linear");
  const auto bad_form = browser.Get(analysis_path + "/inequality?sii=probit");
  ExpectProblem(bad_form, 400, "invalid_argument");
  EXPECT_EQ(JsonOf(bad_form).at("field"), "sii");
  const json all = JsonOf(browser.Get(analysis_path + "/inequality?measures=all"));
  EXPECT_GT(all.at("measures").size(), 20U);
  const auto bad = browser.Get(analysis_path + "/inequality?measures=d,gini_x");
  ExpectProblem(bad, 400, "invalid_argument");
  EXPECT_EQ(JsonOf(bad).at("field"), "measures");
  const auto bad_language = browser.Get(analysis_path + "/inequality?lang=de");
  ExpectProblem(bad_language, 400, "invalid_argument");
  EXPECT_EQ(JsonOf(bad_language).at("field"), "lang");
  ExpectProblem(browser.Get(Path("/analyses/999999/inequality")), 404, "not_found");
}

// The web app opens results at the organisation's own area and marks a condition's mistake at
// its field: the session names the area, and the problem names the condition's field path.
TEST_P(ApiFlowTest, TheSessionNamesTheOwnAreaAndAConditionsMistakeItsField) {
  const auto region = app::CreateOrganisation(store(), "region-orebro", "Region Örebro län",
                                              app::OrganisationKind::kRegion, "18");
  ASSERT_TRUE(region);
  EXPECT_EQ(region->area_code, "18");
  EXPECT_EQ(app::FindOrganisation(store(), org_)->area_code, "");
  const auto anna = app::FindUserByEmail(store(), "anna@example.se");
  app::SetMembership(store(), anna->id, region->id, app::Role::kReader);
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  std::map<std::string, std::string> areas;
  const json session = JsonOf(browser.Get("/api/auth/session"));
  for (const json& membership : session.at("memberships")) {
    areas[membership.at("organisation").at("name")] = membership.at("organisation").at("area_code");
  }
  EXPECT_EQ(areas,
            (std::map<std::string, std::string>{{"Region Örebro län", "18"}, {"Örebro", ""}}));
  EXPECT_THROW(app::CreateOrganisation(store(), "x", "X", app::OrganisationKind::kAnnan, "18 80"),
               Error);

  const auto uploaded = browser.Upload(Path("/datasets"), "personer.csv", PupilsCsv());
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  json request = {{"name", "Behörighet"},
                  {"dataset_id", JsonOf(uploaded).at("id")},
                  {"indicators",
                   {{{"id", "behorig"},
                     {"name_sv", "Gymnasiebehörighet"},
                     {"type", "proportion"},
                     {"numerator", "gymnasiebehorig"},
                     {"filter", "kon == 'K'"},
                     {"higher_is_favourable", true}},
                    {{"id", "behorig_m"},
                     {"name_sv", "Gymnasiebehörighet, män"},
                     {"type", "proportion"},
                     {"numerator", "gymnasiebehorig"},
                     {"filter", "kon === 'M'"},
                     {"higher_is_favourable", true}}}}};
  const auto mistaken = browser.Send("POST", Path("/analyses"), request);
  ExpectProblem(mistaken, 400, "invalid_argument");
  EXPECT_EQ(JsonOf(mistaken).at("field"), "indicators[1].filter");
  EXPECT_EQ(JsonOf(mistaken).at("value"), "kon === 'M'");
  // A dataset that is not there, or a code or e-mail address taken: the field is named as a
  // field, and the text is the problem's title in words.
  request["indicators"][1]["filter"] = "kon == 'M'";
  request["dataset_id"] = 999999;
  const auto no_dataset = browser.Send("POST", Path("/analyses"), request);
  ExpectProblem(no_dataset, 404, "not_found");
  EXPECT_EQ(JsonOf(no_dataset).at("field"), "dataset_id");
  app::CreateUser(store(), "site@example.se", "Site", kPassword, true);
  Browser site(port_);
  ASSERT_EQ(site.LogIn("site@example.se", kPassword), 200);
  const auto taken = site.Send("POST", "/api/organisations",
                               {{"code", "region-orebro"}, {"name", "Igen"}, {"kind", "region"}});
  ExpectProblem(taken, 409, "conflict");
  EXPECT_EQ(JsonOf(taken).at("field"), "code");
  EXPECT_EQ(JsonOf(taken).count("detail"), 0U) << taken->body;
  const auto email_taken = site.Send(
      "POST", "/api/users",
      {{"email", "anna@example.se"}, {"name", "Anna"}, {"password", "ett-långt-lösenord-2026"}});
  ExpectProblem(email_taken, 409, "conflict");
  EXPECT_EQ(JsonOf(email_taken).at("field"), "email");
}

TEST_P(ApiFlowTest, SessionsLiveInHttpOnlyStrictCookiesAndEndAtLogout) {
  Browser browser(port_);
  httplib::Client client("127.0.0.1", port_);
  const auto login = client.Post("/api/auth/login",
                                 json{{"email", "anna@example.se"}, {"password", kPassword}}.dump(),
                                 "application/json");
  ASSERT_EQ(login->status, 200);
  const std::string cookie = login->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  // A session cookie: it goes with the browser; the server ends the session after 30 idle
  // minutes or 8 hours anyway.
  EXPECT_EQ(cookie.find("Max-Age="), std::string::npos);
  EXPECT_EQ(cookie.find("Expires="), std::string::npos);

  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const json session = JsonOf(browser.Get("/api/auth/session"));
  EXPECT_EQ(session.at("user").at("email"), "anna@example.se");
  EXPECT_EQ(session.at("memberships")[0].at("role"), "analyst");
  EXPECT_EQ(browser.Send("POST", "/api/auth/logout")->status, 204);
  ExpectProblem(browser.Get("/api/auth/session"), 401, "unauthenticated");
}

TEST_P(ApiFlowTest, StateChangesNeedTheSessionsCsrfToken) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  httplib::Client client("127.0.0.1", port_);
  httplib::Headers without = browser.headers();
  ExpectProblem(client.Post(Path("/analyses"), without, "{}", "application/json"), 403, "csrf");
  httplib::Headers wrong = browser.headers();
  wrong.emplace("X-CSRF-Token", std::string(browser.csrf_token().size(), '0'));
  ExpectProblem(client.Delete(Path("/datasets/1"), wrong), 403, "csrf");
  ExpectProblem(client.Post("/api/auth/logout", without, "", "text/plain"), 403, "csrf");
}

TEST_P(ApiFlowTest, LoginIsThrottledAndNeedsJson) {
  Browser browser(port_);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(browser.LogIn("anna@example.se", "fel lösenord"), 401);
  httplib::Client client("127.0.0.1", port_);
  const auto throttled = client.Post(
      "/api/auth/login", json{{"email", "anna@example.se"}, {"password", kPassword}}.dump(),
      "application/json");
  ExpectProblem(throttled, 429, "throttled");
  EXPECT_FALSE(throttled->get_header_value("Retry-After").empty());
  ExpectProblem(
      client.Post("/api/auth/login", "email=a&password=b", "application/x-www-form-urlencoded"),
      415, "unsupported_media_type");
  ExpectProblem(client.Post("/api/auth/login", "{", "application/json"), 400, "invalid_argument");
}

TEST_P(ApiFlowTest, UnknownPathsAndHealth) {
  httplib::Client client("127.0.0.1", port_);
  ExpectProblem(client.Get("/api/nothing-here"), 404, "not_found");
  const auto health = client.Get("/healthz");
  ASSERT_EQ(health->status, 200);
  const std::map<std::string, int> latest = store::LatestVersions(app::Schema());
  EXPECT_EQ(JsonOf(health).at("schema").get<decltype(latest)>(), latest);
  EXPECT_EQ(latest.at("analyses"), 4);
  EXPECT_EQ(JsonOf(health).at("database"), GetParam());
  // Every registered type: count, proportion, rate, mean, median, dsr, isr, life_expectancy.
  EXPECT_EQ(JsonOf(client.Get("/api/indicator-types")).at("indicator_types").size(), 8U);
}

TEST_P(ApiFlowTest, TheOpenApiDocumentDescribesExactlyTheRegisteredRoutes) {
  httplib::Client client("127.0.0.1", port_);
  const json document = JsonOf(client.Get("/api/openapi.json"));
  EXPECT_EQ(document.at("openapi").get<std::string>().substr(0, 2), "3.");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, operations] : document.at("paths").items()) {
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(c));
      documented.emplace(upper, path);
      EXPECT_TRUE(operation.contains("responses")) << method << " " << path;
    }
  }
  std::set<std::pair<std::string, std::string>> registered;
  for (const auto& route : server_->Routes()) registered.emplace(route.method, route.path);
  EXPECT_EQ(documented, registered);
}

// The OpenAPI document is written by hand; the definition's keys are declared once, in
// indicators/definition_schema.hpp: the document must describe exactly those keys.
TEST_P(ApiFlowTest, TheOpenApiDocumentDescribesTheDefinitionSchemasKeys) {
  httplib::Client client("127.0.0.1", port_);
  const json schema = JsonOf(client.Get("/api/openapi.json"))
                          .at("components")
                          .at("schemas")
                          .at("IndicatorDefinition");
  std::set<std::string> documented;
  for (const auto& [key, property] : schema.at("properties").items()) documented.insert(key);
  std::set<std::string> required = schema.at("required").get<std::set<std::string>>();
  std::set<std::string> declared;
  std::set<std::string> declared_required;
  for (const DefinitionField& field : DefinitionFields()) {
    declared.emplace(field.json_key);
    if (field.required) declared_required.emplace(field.json_key);
  }
  EXPECT_EQ(documented, declared);
  EXPECT_EQ(required, declared_required);
  EXPECT_FALSE(schema.at("additionalProperties").get<bool>());
  std::set<std::string> built_in;
  for (const std::string_view name : BuiltInStandardPopulations()) built_in.emplace(name);
  EXPECT_EQ(
      schema.at("properties").at("standard_population").at("enum").get<std::set<std::string>>(),
      built_in);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiFlowTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
