// Goal-and-budget plans through the API on every backend: an analyst builds a plan on a saved
// analysis, follows it up, comments; a reader reads and cannot edit; the next year starts as a
// copy; what was reported stays as reported; the audit trail names who changed what.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/analyses/analyses.hpp"
#include "app/analyses/indicator_json.hpp"
#include "app/datasets/datasets.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class PlanApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    org_ = app::CreateOrganisation(store(), "1880", "Örebro", app::OrganisationKind::kKommun)->id;
    other_ =
        app::CreateOrganisation(store(), "0180", "Stockholm", app::OrganisationKind::kKommun)->id;
    const auto analyst = app::CreateUser(store(), "ada@example.se", "Ada", kPassword, false);
    app::SetMembership(store(), analyst->id, org_, app::Role::kAnalyst);
    const auto reader = app::CreateUser(store(), "rut@example.se", "Rut", kPassword, false);
    app::SetMembership(store(), reader->id, org_, app::Role::kReader);
    app::CreateUser(store(), "site@example.se", "Site", kPassword, true);
    // Gymnasiebehörighet by parents' education: 2024 short 30 of 100, long 90 of 100; 2025 short
    // 45 of 100, long 88 of 100. D (long − short, percentage points) is 60 in 2024, 43 in 2025.
    const std::string upload = (fs::path(data_dir()) / "plan.part").string();
    std::ofstream out(upload);
    out << "kommun,ar,utb,behorig\n";
    const auto rows = [&](int year, const char* group, int eligible) {
      for (int i = 0; i < 100; ++i) {
        out << "1880," << year << ',' << group << ',' << (i < eligible ? 1 : 0) << '\n';
      }
    };
    rows(2024, "kort", 30);
    rows(2024, "lang", 90);
    rows(2025, "kort", 45);
    rows(2025, "lang", 88);
    out.close();
    const auto dataset =
        app::ImportDataset(store(), data_dir(), org_, analyst->id, "", "p.csv", upload);
    analysis_ = app::RunAnalysis(store(), data_dir(), org_, analyst->id, "Behörighet", dataset.id,
                                 app::IndicatorDefinitionsFromJson(json::parse(R"([{
      "id": "behorighet", "name_sv": "Behöriga", "type": "proportion", "numerator": "behorig",
      "higher_is_favourable": true, "areas": ["kommun"], "period": "ar", "dimensions": ["utb"]
    }])")))
                    ->id;
  }

  std::string Org(std::int64_t org) const { return "/api/organisations/" + std::to_string(org); }

  json Document() const {
    json document = json::parse(R"({
      "bodies": [
        {"id": "kf", "kind": "fullmaktige", "name": "Kommunfullmäktige"},
        {"id": "bun", "kind": "namnd", "name": "Barn- och utbildningsnämnden", "parent": "kf"},
        {"id": "skola", "kind": "unit", "name": "Grundskolan", "parent": "bun"}],
      "goals": [
        {"id": "kf1", "body": "kf", "title": "Alla barn får en god start i livet",
         "recommendation": "good_start", "welfare_area": "utbildning"},
        {"id": "bun1", "body": "bun", "title": "Skillnaden i behörighet ska halveras",
         "recommendation": "good_start", "welfare_area": "utbildning", "contributes_to": "kf1"}],
      "periods": [
        {"id": "2025-T1", "kind": "tertial", "deadline": "2025-05-31"},
        {"id": "2025-H1", "kind": "half_year", "deadline": "2025-08-31"},
        {"id": "2025", "kind": "year", "deadline": "2026-02-28"}],
      "targets": [],
      "measures": [
        {"id": "laxhjalp", "name": "Läxhjälp", "committee": "bun",
         "target_group": {"dimension": "utb", "subgroups": ["kort"]},
         "budget": {"2025": 2000000, "2026": 2500000}, "start": "2025-01-01",
         "status": "ongoing", "goals": ["bun1"]}]})");
    document["targets"] = json::array({Target()});
    return document;
  }

  json Target() const {
    return {{"id", "gap"},
            {"goal", "bun1"},
            {"analysis", analysis_},
            {"indicator", "behorighet"},
            {"area", "1880"},
            {"kind", "gap"},
            {"measure", "d"},
            {"dimension", "utb"},
            {"baseline_period", "2024"},
            {"target_value", 30},
            {"target_period", "2026"}};
  }

  std::int64_t org_ = 0;
  std::int64_t other_ = 0;
  std::int64_t analysis_ = 0;
};

TEST_P(PlanApiTest, AnAnalystPlansFollowsUpAndTheYearIsCopied) {
  Browser analyst(port_);
  ASSERT_EQ(analyst.LogIn("ada@example.se", kPassword), 200);
  const auto created =
      analyst.Send("POST", Org(org_) + "/plans", {{"year", 2025}, {"document", Document()}});
  ASSERT_EQ(created->status, 201) << created->body;
  const json plan = JsonOf(created);
  const std::string path = Org(org_) + "/plans/" + std::to_string(plan["id"].get<std::int64_t>());
  EXPECT_EQ(created->get_header_value("Location"), path);
  EXPECT_EQ(plan["budget"]["total"], 2'000'000.0);
  EXPECT_EQ(plan["budget"]["committees"][0]["sek"], 2'000'000.0);
  EXPECT_EQ(plan["budget"]["goals"][1]["sek"], 2'000'000.0);
  EXPECT_EQ(plan["budget"]["goals"][0]["sek"], 0.0);  // the assembly goal has no measure of its own

  // A second plan for the year is a conflict; a bad document names its field.
  const auto again =
      analyst.Send("POST", Org(org_) + "/plans", {{"year", 2025}, {"document", Document()}});
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(JsonOf(again)["field"], "year");
  json bad = Document();
  bad["targets"][0]["measure"] = "gini";
  const auto refused =
      analyst.Send("POST", Org(org_) + "/plans", {{"year", 2025}, {"document", bad}});
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(JsonOf(refused)["field"], "targets[0].measure");

  // The follow-up of the year: D = 43 in 2025 (90 − 30 = 60 in 2024; path to 30 in 2026 is 45 at
  // the end of 2025). D is below the path: on track unless its interval reaches the target.
  const auto followed = analyst.Send("POST", path + "/follow-ups", {{"period", "2025"}});
  ASSERT_EQ(followed->status, 201) << followed->body;
  const json record = JsonOf(followed)["follow_ups"][0];
  EXPECT_EQ(record["target"], "gap");
  EXPECT_EQ(record["evaluated_period"], "2025");
  EXPECT_NEAR(record["baseline"].get<double>(), 60.0, 1e-9);
  EXPECT_NEAR(record["estimate"].get<double>(), 43.0, 1e-9);
  EXPECT_NEAR(record["path_value"].get<double>(), 45.0, 1e-9);
  EXPECT_EQ(record["target_value"], 30.0);
  EXPECT_EQ(record["status"], "on_track");
  EXPECT_LT(record["lower"].get<double>(), 43.0);
  EXPECT_GT(record["upper"].get<double>(), 43.0);
  // The first half-year ends before the 2025 results: the baseline year is shown, on its path.
  const auto half = analyst.Send("POST", path + "/follow-ups", {{"period", "2025-H1"}});
  EXPECT_EQ(JsonOf(half)["follow_ups"][0]["evaluated_period"], "2024");
  EXPECT_EQ(JsonOf(half)["follow_ups"][0]["status"], "on_track");
  EXPECT_EQ(analyst.Send("POST", path + "/follow-ups", {{"period", "2025-T3"}})->status, 400);

  const std::string record_path =
      path + "/follow-ups/" + std::to_string(record["id"].get<std::int64_t>());
  const auto commented =
      analyst.Send("POST", record_path + "/comments", {{"comment", "Läxhjälpen når fler."}});
  ASSERT_EQ(commented->status, 201) << commented->body;
  EXPECT_EQ(JsonOf(commented)["comment"], "Läxhjälpen når fler.");
  EXPECT_EQ(JsonOf(commented)["comments"][0]["user_name"], "Ada");

  // A reader reads everything and changes nothing.
  Browser reader(port_);
  ASSERT_EQ(reader.LogIn("rut@example.se", kPassword), 200);
  EXPECT_EQ(reader.Get(path)->status, 200);
  EXPECT_EQ(JsonOf(reader.Get(path + "/follow-ups?period=2025"))["follow_ups"].size(), 1u);
  EXPECT_EQ(reader.Send("PUT", path, {{"version", 1}, {"document", Document()}})->status, 403);
  EXPECT_EQ(reader.Send("POST", path + "/follow-ups", {{"period", "2025"}})->status, 403);
  // A site administrator sees nothing of the organisation's plans.
  Browser site(port_);
  ASSERT_EQ(site.LogIn("site@example.se", kPassword), 200);
  EXPECT_EQ(site.Get(Org(org_) + "/plans")->status, 403);
  EXPECT_EQ(site.Get(path)->status, 403);
  // Another organisation's path does not reach the plan.
  EXPECT_EQ(analyst.Get(Org(other_) + "/plans/" + std::to_string(plan["id"].get<int>()))->status,
            403);

  // The next year starts as a copy; then both years are edited.
  const auto copied =
      analyst.Send("POST", Org(org_) + "/plans", {{"year", 2026}, {"copy_from", plan["id"]}});
  ASSERT_EQ(copied->status, 201) << copied->body;
  const json next = JsonOf(copied);
  EXPECT_EQ(next["copied_from"], plan["id"]);
  EXPECT_EQ(next["document"]["periods"][2]["id"], "2026");
  EXPECT_EQ(next["budget"]["total"], 2'500'000.0);
  json edited = Document();
  edited["targets"][0]["target_value"] = 20;
  edited["targets"][0]["measure"] = "r";
  edited["targets"][0]["target_value"] = 1.2;
  const auto put = analyst.Send("PUT", path, {{"version", 1}, {"document", edited}});
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(JsonOf(put)["version"], 2);
  const auto stale = analyst.Send("PUT", path, {{"version", 1}, {"document", Document()}});
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(JsonOf(stale)["field"], "version");

  // What was reported for 2025 is unchanged by the edit.
  const json kept = JsonOf(analyst.Get(path + "/follow-ups?period=2025"))["follow_ups"][0];
  EXPECT_EQ(kept["id"], record["id"]);
  EXPECT_EQ(kept["status"], "on_track");
  EXPECT_EQ(kept["estimate"], record["estimate"]);
  EXPECT_EQ(kept["path_value"], record["path_value"]);
  EXPECT_EQ(kept["target_snapshot"]["measure"], "d");
  EXPECT_EQ(kept["comment"], "Läxhjälpen når fler.");

  // The audit trail: created, followed up twice, commented, updated — who and what.
  const json changes = JsonOf(analyst.Get(path + "/changes"))["changes"];
  ASSERT_EQ(changes.size(), 5u);
  EXPECT_EQ(changes[0]["action"], "created");
  EXPECT_EQ(changes[3]["action"], "commented");
  EXPECT_EQ(changes[4]["action"], "updated");
  EXPECT_EQ(changes[4]["user_name"], "Ada");
  EXPECT_EQ(changes[4]["changes"][0]["id"], "gap");
  EXPECT_EQ(changes[4]["changes"][0]["fields"]["measure"]["from"], "d");
  EXPECT_EQ(changes[4]["changes"][0]["fields"]["measure"]["to"], "r");
  EXPECT_EQ(changes[4]["changes"][0]["fields"]["target_value"]["to"], 1.2);

  const json plans = JsonOf(reader.Get(Org(org_) + "/plans"))["plans"];
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[0]["year"], 2025);
  EXPECT_FALSE(plans[0].contains("document"));
}

TEST_P(PlanApiTest, TargetsFollowOnlyTheOrganisationsOwnAnalyses) {
  Browser analyst(port_);
  ASSERT_EQ(analyst.LogIn("ada@example.se", kPassword), 200);
  const auto foreign = app::CreateUser(store(), "sven@example.se", "Sven", kPassword, false);
  app::SetMembership(store(), foreign->id, other_, app::Role::kAnalyst);
  Browser other(port_);
  ASSERT_EQ(other.LogIn("sven@example.se", kPassword), 200);
  const auto refused =
      other.Send("POST", Org(other_) + "/plans", {{"year", 2025}, {"document", Document()}});
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(JsonOf(refused)["field"], "targets[0].analysis");
  // A comment on a record of another plan is not found.
  const auto created =
      analyst.Send("POST", Org(org_) + "/plans", {{"year", 2025}, {"document", Document()}});
  const std::string path =
      Org(org_) + "/plans/" + std::to_string(JsonOf(created)["id"].get<std::int64_t>());
  EXPECT_EQ(analyst.Send("POST", path + "/follow-ups/999999/comments", {{"comment", "x"}})->status,
            404);
  EXPECT_EQ(analyst.Get(Org(org_) + "/plans/999999")->status, 404);
}

// The output of a program run on a file (a reader independent of the writer), or "" on failure.
std::string ProgramOutput(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string out;
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;) {
    out.append(buffer, got);
  }
  return ::pclose(pipe) == 0 ? out : std::string();
}

// The annual report's equity section, downloaded as Excel (read back by openpyxl) and as PDF
// (printed by Chromium, read back by pdftotext), in the language asked for; readers may download
// it, a site administrator may not; the format and the period are checked.
TEST_P(PlanApiTest, TheAnnualReportDownloadsAsExcelAndPdf) {
  Browser analyst(port_);
  ASSERT_EQ(analyst.LogIn("ada@example.se", kPassword), 200);
  const auto created =
      analyst.Send("POST", Org(org_) + "/plans", {{"year", 2025}, {"document", Document()}});
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string path =
      Org(org_) + "/plans/" + std::to_string(JsonOf(created)["id"].get<std::int64_t>());
  // Before any follow-up the report says so: targets without status.
  Browser reader(port_);
  ASSERT_EQ(reader.LogIn("rut@example.se", kPassword), 200);
  const auto early = reader.Get(path + "/report?format=xlsx&lang=sv");
  ASSERT_EQ(early->status, 200) << early->body;
  const auto followed = analyst.Send("POST", path + "/follow-ups", {{"period", "2025"}});
  ASSERT_EQ(followed->status, 201) << followed->body;
  const json record = JsonOf(followed)["follow_ups"][0];
  analyst.Send(
      "POST",
      path + "/follow-ups/" + std::to_string(record["id"].get<std::int64_t>()) + "/comments",
      {{"comment", "Läxhjälpen når fler."}});

  const auto xlsx = reader.Get(path + "/report?format=xlsx&lang=sv");
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_EQ(xlsx->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(xlsx->get_header_value("Content-Disposition").find("jamlikhetsavsnitt-2025.xlsx"),
            std::string::npos);
  const std::string workbook = (fs::path(data_dir()) / "report.xlsx").string();
  std::ofstream(workbook, std::ios::binary) << xlsx->body;
  const std::string read =
      ProgramOutput("/usr/bin/python3 " JAMLIK_XLSX_TO_JSON " '" + workbook + "'");
  ASSERT_FALSE(read.empty()) << "openpyxl could not read the workbook";
  const json sheets = json::parse(read);
  ASSERT_TRUE(sheets.contains("Mål") && sheets.contains("Målvärden") &&
              sheets.contains("Insatser") && sheets.contains("Budget"))
      << read;
  // Goals: both, the committee's contributing to the assembly's.
  EXPECT_EQ(sheets["Mål"][1][2], "Alla barn får en god start i livet");
  EXPECT_EQ(sheets["Mål"][2][2], "Skillnaden i behörighet ska halveras");
  EXPECT_EQ(sheets["Mål"][2][1], "Barn- och utbildningsnämnden");
  EXPECT_EQ(sheets["Mål"][2][4], "Alla barn får en god start i livet");
  // The target's row: the stored record's numbers and status, its comment.
  const json& header = sheets["Målvärden"][0];
  const json& row = sheets["Målvärden"][1];
  const auto cell = [&](const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return row[i];
    }
    return json("missing column " + name);
  };
  EXPECT_EQ(cell("Mål"), "Skillnaden i behörighet ska halveras");
  EXPECT_EQ(cell("Indikator"), "Behöriga");
  EXPECT_EQ(cell("Status"), "↗ På väg");
  EXPECT_EQ(cell("Uppgifter för period"), "2025");
  EXPECT_NEAR(cell("Utgångsvärde").get<double>(), 60.0, 1e-9);
  EXPECT_NEAR(cell("Skattning").get<double>(), 43.0, 1e-9);
  EXPECT_DOUBLE_EQ(cell("Nedre gräns").get<double>(), record["lower"].get<double>());
  EXPECT_DOUBLE_EQ(cell("Övre gräns").get<double>(), record["upper"].get<double>());
  EXPECT_NEAR(cell("Banans värde").get<double>(), 45.0, 1e-9);
  EXPECT_EQ(cell("Målvärde").get<double>(), 30.0);
  EXPECT_EQ(cell("Kommentar"), "Läxhjälpen når fler.");
  // The measure with its budget of the year; the budget per committee and the total.
  EXPECT_EQ(sheets["Insatser"][1][0], "Läxhjälp");
  EXPECT_EQ(sheets["Insatser"][1][7].get<double>(), 2'000'000.0);
  EXPECT_EQ(sheets["Budget"][1][0], "Barn- och utbildningsnämnden");
  EXPECT_EQ(sheets["Budget"][1][1].get<double>(), 2'000'000.0);
  EXPECT_EQ(sheets["Budget"][2][0], "Totalt");
  EXPECT_EQ(sheets["Budget"][2][1].get<double>(), 2'000'000.0);

  // The PDF in English, for the period asked for.
  const auto pdf = reader.Get(path + "/report?format=pdf&lang=en&period=2025");
  ASSERT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  ASSERT_TRUE(pdf->body.starts_with("%PDF"));
  const std::string document = (fs::path(data_dir()) / "report.pdf").string();
  std::ofstream(document, std::ios::binary) << pdf->body;
  std::string text = ProgramOutput("pdftotext -layout '" + document + "' -");
  ASSERT_FALSE(text.empty()) << "pdftotext could not read the PDF";
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  for (const char* expected : {"The annual report's equity section 2025", "Follow-up 2025",
                               "Give all children and young people a good start in life",
                               "Skillnaden i behörighet ska halveras", "On track", "60.0", "43.0",
                               "45.0", "Läxhjälp", "SEK 2,000,000", "Läxhjälpen når fler."}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " not in:\n" << text;
  }

  // The format and the period are checked; a site administrator gets nothing.
  EXPECT_EQ(JsonOf(reader.Get(path + "/report?format=docx"))["field"], "format");
  const auto unknown = reader.Get(path + "/report?format=xlsx&period=2025-T2");
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(JsonOf(unknown)["field"], "period");
  Browser site(port_);
  ASSERT_EQ(site.LogIn("site@example.se", kPassword), 200);
  EXPECT_EQ(site.Get(path + "/report?format=xlsx")->status, 403);
  EXPECT_EQ(reader.Get(Org(org_) + "/plans/999999/report?format=xlsx")->status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanApiTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
