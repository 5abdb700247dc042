// What people read from the API is in their interface language (the request's `lang` or
// Accept-Language), not the server's: problem details of uploads and filters, the labels beside the
// result codes, and the exports' headers, sheet names, CSV conventions and file names. On every
// backend.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <regex>
#include <string>

#include "app/accounts/accounts.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

constexpr const char* kBom = "\xEF\xBB\xBF";

class LabelsExportTest : public OrganisationApiTest {
 protected:
  // Upload the pupils and run "Behörighet i Örebro" by sex and education; return its path.
  std::string Analyse(Browser& browser, const json& indicator = json::object()) {
    std::string csv = PupilsCsv();
    const auto uploaded = browser.Upload(Path("/datasets"), "elever.csv", csv);
    EXPECT_EQ(uploaded->status, 201) << uploaded->body;
    dataset_id_ = JsonOf(uploaded).at("id").get<std::int64_t>();
    json definition = {{"id", "behorig"},
                       {"name_sv", "Gymnasiebehörighet"},
                       {"type", "proportion"},
                       {"numerator", "gymnasiebehorig"},
                       {"higher_is_favourable", true}};
    definition.update(indicator);
    const auto created = browser.Send("POST", Path("/analyses"),
                                      {{"name", "Behörighet i Örebro"},
                                       {"dataset_id", dataset_id_},
                                       {"areas", {"kommun"}},
                                       {"dimensions", {"kon", "utbildning"}},
                                       {"indicators", {definition}}});
    if (created->status != 201) return created->body;
    return Path("/analyses/" + std::to_string(JsonOf(created).at("id").get<int>()));
  }

  std::int64_t dataset_id_ = 0;
};

TEST_P(LabelsExportTest, UploadAndFilterErrorsAreInTheRequestsLanguage) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const std::string ragged = "kommun;dod\n1880;0\n1881;0;1\n";
  browser.headers().emplace("Accept-Language", "sv-SE,sv;q=0.9,en;q=0.8");
  const json swedish = JsonOf(browser.Upload(Path("/datasets"), "fel.csv", ragged));
  EXPECT_EQ(swedish.at("code"), "ragged_row");
  EXPECT_EQ(swedish.at("title"), "Felaktig begäran");
  EXPECT_NE(swedish.at("detail").get<std::string>().find("rad 3 har 3 fält, rubriken har 2"),
            std::string::npos)
      << swedish.dump();
  browser.headers().erase("Accept-Language");
  browser.headers().emplace("Accept-Language", "en-GB,en;q=0.9,sv;q=0.5");
  const json english = JsonOf(browser.Upload(Path("/datasets"), "fel.csv", ragged));
  EXPECT_EQ(english.at("title"), "Bad request");
  EXPECT_NE(english.at("detail").get<std::string>().find("line 3 has 3 fields, the header has 2"),
            std::string::npos)
      << english.dump();

  // A filter that does not parse, at analysis creation: the same problem in each language.
  const std::string english_problem = Analyse(browser, {{"filter", "kon => 'K'"}});
  EXPECT_NE(english_problem.find("condition 'kon => 'K'': expected"), std::string::npos)
      << english_problem;
  browser.headers().erase("Accept-Language");
  browser.headers().emplace("Accept-Language", "sv");
  const std::string swedish_problem = Analyse(browser, {{"filter", "kon => 'K'"}});
  EXPECT_NE(swedish_problem.find("villkoret 'kon => 'K'': väntade"), std::string::npos)
      << swedish_problem;
  // `lang` wins over the header; another value is an error naming it.
  const json asked = JsonOf(browser.Get(Path("/datasets/999999?lang=en")));
  EXPECT_EQ(asked.at("title"), "Not found");
  const json bad_lang = JsonOf(browser.Get(Path("/datasets?lang=de")));
  EXPECT_EQ(bad_lang.at("code"), "invalid_argument");
  EXPECT_EQ(bad_lang.at("field"), "lang");
}

TEST_P(LabelsExportTest, ResultRowsCarryLabelsBesideTheirCodesInTheRequestsLanguage) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const std::string analysis = Analyse(browser);
  ASSERT_EQ(analysis.rfind("/api/", 0), 0U) << analysis;
  for (const auto& [lang, sex, women, education, post_secondary] :
       {std::tuple{"sv", "Kön", "Kvinnor", "Utbildningsnivå", "Eftergymnasial"},
        std::tuple{"en", "Sex", "Women", "Education", "Post-secondary"}}) {
    browser.headers().erase("Accept-Language");
    browser.headers().emplace("Accept-Language", lang);
    const json rows = JsonOf(browser.Get(analysis + "/results")).at("rows");
    std::size_t seen = 0;
    for (const json& row : rows) {
      EXPECT_EQ(row.at("method_label"), "Wilson") << row.dump();
      if (row.at("dimension") == "kon" && row.at("subgroup") == "K") {
        EXPECT_EQ(row.at("dimension_label"), sex);
        EXPECT_EQ(row.at("subgroup_label"), women);
        ++seen;
      }
      if (row.at("dimension") == "utbildning" && row.at("subgroup") == "eftergymnasial") {
        EXPECT_EQ(row.at("dimension_label"), education);
        EXPECT_EQ(row.at("subgroup_label"), post_secondary);
        ++seen;
      }
    }
    EXPECT_EQ(seen, 4U) << lang;  // two municipalities
  }
  // The schema declares the label fields, so the web app's generated types have them.
  const json schema =
      JsonOf(browser.Get("/api/openapi.json")).at("components").at("schemas").at("ResultRow");
  for (const char* name : {"dimension_label", "subgroup_label", "method_label", "flag_label",
                           "suppression_reason_label"}) {
    EXPECT_EQ(schema.at("properties").at(name).at("type"), "string") << name;
  }
}

TEST_P(LabelsExportTest, CsvOpensInTheInterfacesExcelWithLabelsAndTheNameKeepsItsLetters) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const std::string analysis = Analyse(browser);
  ASSERT_EQ(analysis.rfind("/api/", 0), 0U) << analysis;

  // Swedish: a byte order mark, ';', a decimal comma, Swedish headers and labels beside codes.
  const auto swedish = browser.Get(analysis + "/export?format=csv&lang=sv");
  ASSERT_EQ(swedish->status, 200);
  const std::string& sv = swedish->body;
  ASSERT_TRUE(sv.starts_with(kBom));
  const std::string header = sv.substr(3, sv.find('\n') - 3);
  EXPECT_TRUE(header.starts_with("Indikator (id);Indikator;Typ;")) << header;
  EXPECT_NE(header.find(";Dimension;Dimensionens namn;Grupp;Gruppens namn;"), std::string::npos)
      << header;
  EXPECT_NE(sv.find(";kon;Kön;K;Kvinnor;"), std::string::npos);
  EXPECT_TRUE(std::regex_search(sv, std::regex(";[0-9]+,[0-9]+;"))) << "no decimal comma";
  EXPECT_FALSE(std::regex_search(sv, std::regex("[0-9]\\.[0-9]"))) << "a decimal point";
  // RFC 6266: an ASCII fallback and the UTF-8 name, percent-encoded.
  const std::string cookie = browser.headers().find("Cookie")->second;
  EXPECT_EQ(RawContentDisposition(port_, analysis + "/export?format=csv&lang=sv", cookie),
            "attachment; filename=\"Beh_righet_i__rebro.csv\"; "
            "filename*=UTF-8''Beh%C3%B6righet%20i%20%C3%96rebro.csv");

  // The option for ',' and points, in English.
  const auto english = browser.Get(analysis + "/export?format=csv&lang=en&decimal=point");
  ASSERT_EQ(english->status, 200);
  const std::string& en = english->body;
  ASSERT_TRUE(en.starts_with(kBom));
  EXPECT_TRUE(en.substr(3).starts_with("Indicator (id),Indicator,Type,")) << en.substr(0, 200);
  EXPECT_NE(en.find(",kon,Sex,K,Women,"), std::string::npos);
  EXPECT_TRUE(std::regex_search(en, std::regex(",[0-9]+\\.[0-9]+,"))) << "no decimal point";

  // The inequality measures as their own CSV, with their own name.
  const auto measures = browser.Get(analysis + "/export?format=csv&table=inequality&lang=sv");
  ASSERT_EQ(measures->status, 200);
  const std::string measures_header = measures->body.substr(3, measures->body.find('\n') - 3);
  EXPECT_NE(measures_header.find(";Dimension;Dimensionens namn;Mått (id);Mått;Skattning;"),
            std::string::npos)
      << measures_header;
  EXPECT_NE(measures->body.find(";utbildning;Utbildningsnivå;sii;"), std::string::npos);
  EXPECT_NE(
      RawContentDisposition(port_, analysis + "/export?format=csv&table=inequality&lang=sv", cookie)
          .find("filename*=UTF-8''Beh%C3%B6righet%20i%20%C3%96rebro%20%E2%80%93%20oj%C3%A4"
                "mlikhet.csv"),
      std::string::npos);
}

// The index of the cell style (cellXfs) whose number format is `format`, from styles.xml.
int StyleIndexOf(const std::string& styles, const std::string& format) {
  std::smatch match;
  if (!std::regex_search(
          styles, match,
          std::regex("<numFmt numFmtId=\"([0-9]+)\" formatCode=\"" + format + "\""))) {
    return -1;
  }
  const std::string id = match[1];
  const std::size_t start = styles.find("<cellXfs");
  const std::string xfs = styles.substr(start, styles.find("</cellXfs>") - start);
  int index = 0;
  const std::regex xf("<xf [^>]*");
  for (auto it = std::sregex_iterator(xfs.begin(), xfs.end(), xf); it != std::sregex_iterator();
       ++it, ++index) {
    if (it->str().find("numFmtId=\"" + id + "\"") != std::string::npos) return index;
  }
  return -1;
}

TEST_P(LabelsExportTest, ExcelHasResultsAndInequalitySheetsInTheUsersLanguageWithNumberFormats) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const std::string analysis = Analyse(browser);
  ASSERT_EQ(analysis.rfind("/api/", 0), 0U) << analysis;
  for (const auto& [lang, results_sheet, measures_sheet, estimate] :
       {std::tuple{"sv", "Indikatorer", "Ojämlikhet", "Skattning"},
        std::tuple{"en", "Indicators", "Inequality", "Estimate"}}) {
    const auto xlsx = browser.Get(analysis + "/export?format=xlsx&lang=" + lang);
    ASSERT_EQ(xlsx->status, 200);
    EXPECT_NE(RawContentDisposition(port_, analysis + "/export?format=xlsx&lang=" + lang,
                                    browser.headers().find("Cookie")->second)
                  .find("filename*=UTF-8''Beh%C3%B6righet%20i%20%C3%96rebro.xlsx"),
              std::string::npos);
    const auto files = Unzip(xlsx->body);
    ASSERT_TRUE(files.count("xl/workbook.xml") && files.count("xl/worksheets/sheet2.xml"));
    const std::string& workbook = files.at("xl/workbook.xml");
    EXPECT_NE(workbook.find(std::string("<sheet name=\"") + results_sheet + "\""),
              std::string::npos)
        << workbook;
    EXPECT_NE(workbook.find(std::string("<sheet name=\"") + measures_sheet + "\""),
              std::string::npos)
        << workbook;
    EXPECT_NE(files.at("xl/sharedStrings.xml").find(std::string("<t>") + estimate + "</t>"),
              std::string::npos);
    EXPECT_NE(files.at("xl/sharedStrings.xml")
                  .find(lang == std::string("sv") ? "<t>Kvinnor</t>" : "<t>Women</t>"),
              std::string::npos);
    // Estimates are numbers with one decimal's format; counts whole numbers; measures three.
    const std::string& styles = files.at("xl/styles.xml");
    for (const auto& [format, sheet] :
         {std::pair{"#,##0.0", "sheet1"}, {"#,##0", "sheet1"}, {"0.000", "sheet2"}}) {
      const int style = StyleIndexOf(styles, format);
      ASSERT_GT(style, 0) << format;
      const std::string& cells = files.at(std::string("xl/worksheets/") + sheet + ".xml");
      EXPECT_TRUE(
          std::regex_search(cells, std::regex("<c r=\"[A-Z]+[0-9]+\" s=\"" + std::to_string(style) +
                                              "\"><v>[0-9.]+</v></c>")))
          << format;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, LabelsExportTest,
                         ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
