// Learning examples: rich text sanitised, tags and filters, full-text search with the same
// results on both backends for simple word queries, moderation, and attachments checked by their
// bytes, on every backend.
#include "app/examples/examples.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "app/accounts/accounts.hpp"
#include "app/testing.hpp"
#include "core/error.hpp"
#include "core/labelled_enum_testing.hpp"

namespace jamlik::app {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;
namespace fs = std::filesystem;

TEST(WelfareAreaTest, EveryValueHasAnIdAndBothLabels) {
  jamlik::testing::ExpectCompleteEnumTable(WelfareArea::kPublicHealth);
}

TEST(SearchWordsTest, SplitsOnWhatIsNotALetterAndLowersAscii) {
  EXPECT_EQ(SearchWords("Läxhjälp, \"Vivalla\" OR bar*"),
            (std::vector<std::string>{"läxhjälp", "vivalla", "or", "bar"}));
  EXPECT_TRUE(SearchWords(" -*\"() ").empty());
}

TEST(SniffTest, TypesComeFromTheBytes) {
  EXPECT_EQ(SniffAttachmentType("%PDF-1.7\n"), "application/pdf");
  EXPECT_EQ(SniffAttachmentType("\x89PNG\r\n\x1a\nrest"), "image/png");
  EXPECT_EQ(SniffAttachmentType("\xff\xd8\xff\xe0rest"), "image/jpeg");
  EXPECT_EQ(SniffAttachmentType("<html><script>"), "");
  EXPECT_EQ(SniffAttachmentType("GIF89a"), "");
}

class ExamplesTest : public app::testing::AppStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    orebro_ = CreateOrganisation(*store_, "1880", "Örebro kommun", OrganisationKind::kKommun)->id;
    region_ = CreateOrganisation(*store_, "18", "Region Örebro län", OrganisationKind::kRegion)->id;
    user_ = CreateUser(*store_, "anna@example.se", "Anna", "ett långt lösenord", false)->id;
    data_dir_ = fs::temp_directory_path() /
                ("jamlik-examples-" + std::to_string(::getpid()) + "-" + GetParam().substr(0, 6));
    fs::remove_all(data_dir_);
  }
  void TearDown() override {
    fs::remove_all(data_dir_);
    StoreTest::TearDown();
  }

  Example Add(std::int64_t organisation, std::string title, std::string what,
              std::vector<Recommendation> recommendations, std::vector<WelfareArea> areas,
              std::vector<std::string> groups, std::int64_t at) {
    ExampleDraft draft;
    draft.title = std::move(title);
    draft.what = std::move(what);
    draft.for_whom = "Invånare";
    draft.contact_name = "Anna";
    draft.contact_email = "Anna@Example.se";
    draft.recommendations = std::move(recommendations);
    draft.welfare_areas = std::move(areas);
    draft.groups = std::move(groups);
    return CreateExample(*store_, organisation, user_, draft, at);
  }

  // The titles the filter finds, newest first.
  std::vector<std::string> Titles(const ExampleFilter& filter) {
    std::vector<std::string> titles;
    for (const auto& example : ListExamples(*store_, filter)) titles.push_back(example.title);
    return titles;
  }
  std::vector<std::string> Search(const std::string& query) {
    ExampleFilter filter;
    filter.query = query;
    return Titles(filter);
  }

  void AddThree() {
    Add(orebro_, "Läxhjälp i Vivalla",
        "<p>Kommunen erbjöd läxhjälp på biblioteket<script>alert(1)</script></p>",
        {Recommendation::kGoodStart}, {WelfareArea::kPreschoolAndSchool}, {"utbildning"}, kNow);
    Add(region_, "Hälsosamtal för äldre", "<p>Regionen gav hälsosamtal till personer över 65</p>",
        {Recommendation::kMeasure, Recommendation::kGoodStart}, {WelfareArea::kHealthCare},
        {"kon", "inkomstkvintil"}, kNow + 1);
    Add(orebro_, "Halsosamtal utan prickar", "<p>Ett stavfel med flit: halsosamtal</p>",
        {Recommendation::kSelfSupport}, {WelfareArea::kWorkAndIncome}, {}, kNow + 2);
  }

  std::int64_t orebro_ = 0;
  std::int64_t region_ = 0;
  std::int64_t user_ = 0;
  fs::path data_dir_;
};

TEST_P(ExamplesTest, RichTextIsSanitisedAndTheContactNormalised) {
  AddThree();
  const auto examples = ListExamples(*store_, {});
  ASSERT_EQ(examples.size(), 3u);
  const Example& first = examples[2];
  EXPECT_EQ(first.what, "<p>Kommunen erbjöd läxhjälp på biblioteket</p>");
  EXPECT_EQ(first.contact_email, "anna@example.se");
  EXPECT_EQ(first.organisation_name, "Örebro kommun");
  EXPECT_EQ(first.groups, (std::vector<std::string>{"utbildning"}));
  EXPECT_EQ(first.welfare_areas, (std::vector<WelfareArea>{WelfareArea::kPreschoolAndSchool}));
}

TEST_P(ExamplesTest, SearchFindsEveryWordWithÅÄÖAsLettersOfTheirOwn) {
  AddThree();
  EXPECT_EQ(Search("läxhjälp"), (std::vector<std::string>{"Läxhjälp i Vivalla"}));
  EXPECT_EQ(Search("Läxhjälp biblioteket"), (std::vector<std::string>{"Läxhjälp i Vivalla"}));
  EXPECT_TRUE(Search("läxhjälp äldre").empty());  // every word must occur
  // "hälsosamtal" and "halsosamtal" are different words: diacritics are not removed.
  EXPECT_EQ(Search("hälsosamtal"), (std::vector<std::string>{"Hälsosamtal för äldre"}));
  EXPECT_EQ(Search("halsosamtal"), (std::vector<std::string>{"Halsosamtal utan prickar"}));
  // The organisation's name is searched too; script content never is.
  EXPECT_EQ(Search("region"), (std::vector<std::string>{"Hälsosamtal för äldre"}));
  EXPECT_TRUE(Search("alert").empty());
  // Operators of either engine are only words here.
  EXPECT_TRUE(Search("vivalla OR äldre").empty());
  EXPECT_EQ(Search("vivalla*").size(), 1u);
  EXPECT_EQ(Search("").size(), 3u);
}

// Swedish stemming on both databases (PostgreSQL's swedish configuration, SQLite's FTS5 with the
// Snowball tokenizer): inflected forms find each other, compounds stay words of their own, and
// both backends answer every query alike.
TEST_P(ExamplesTest, SearchStemsSwedishTheSameOnBothDatabases) {
  Add(orebro_, "En skola för alla", "<p>Läxhjälp och elevhälsa i skolan</p>", {}, {}, {}, kNow);
  Add(orebro_, "Förskola i Vivalla", "<p>Språkstöd i förskolan för nyanlända barn</p>", {}, {}, {},
      kNow + 1);
  Add(region_, "Barnens hälsa", "<p>Hälsosamtal med föräldrar på vårdcentralerna</p>", {}, {}, {},
      kNow + 2);
  const std::vector<std::string> skola = {"En skola för alla"};
  const std::vector<std::string> forskola = {"Förskola i Vivalla"};
  EXPECT_EQ(Search("skolorna"), skola);
  EXPECT_EQ(Search("skolor"), skola);
  EXPECT_EQ(Search("Skola"), skola);
  EXPECT_EQ(Search("förskolor"), forskola);
  EXPECT_EQ(Search("förskolorna"), forskola);
  EXPECT_EQ(Search("förskola nyanlända"), forskola);
  const std::vector<std::string> children = {"Barnens hälsa", "Förskola i Vivalla"};
  EXPECT_EQ(Search("barn"), children);
  EXPECT_EQ(Search("barnen"), children);
  EXPECT_EQ(Search("vårdcentral"), (std::vector<std::string>{"Barnens hälsa"}));
  EXPECT_EQ(Search("förälder"), std::vector<std::string>{}) << "föräldr-, not föräld-";
  EXPECT_EQ(Search("föräldrarna"), (std::vector<std::string>{"Barnens hälsa"}));
  EXPECT_TRUE(Search("skolorna förskolor").empty());  // every word must occur
  // Stop words are dropped on both: they neither narrow a query nor find anything alone.
  EXPECT_EQ(Search("skola för alla"), skola);
  EXPECT_EQ(Search("förskola och nyanlända"), forskola);
  EXPECT_TRUE(Search("för").empty());
  EXPECT_TRUE(Search("och i med").empty());
  EXPECT_TRUE(Search("skolgård").empty());
}

TEST_P(ExamplesTest, AnIndexBuiltBeforeSwedishStemmingIsRebuiltWithIt) {
  // A database at examples version 1 (SQLite's index then stemmed as English), with an example.
  store::Schema before = Schema();
  for (store::SchemaModule& module : before) {
    if (module.name == "examples") module.migrations.resize(1);
  }
  store::testing::ScratchDatabase old(GetParam(), before);
  {
    const auto store = store::OpenStore(old.config());
    const auto organisation =
        CreateOrganisation(*store, "1880", "Örebro kommun", OrganisationKind::kKommun);
    ExampleDraft draft;
    draft.title = "Förskola i Vivalla";
    draft.what = "<p>Språkstöd</p>";
    draft.contact_name = "Anna";
    draft.contact_email = "anna@example.se";
    const auto writer = CreateUser(*store, "anna@example.se", "Anna", "ett långt lösenord", false);
    CreateExample(*store, organisation->id, writer->id, draft, kNow);
    // SQLite's porter stemmer of version 1 knew no Swedish (PostgreSQL's index always did).
    ExampleFilter filter;
    filter.query = "förskolor";
    EXPECT_EQ(ListExamples(*store, filter).size(), GetParam() == "sqlite" ? 0u : 1u);
  }
  store::StoreConfig upgraded_config = old.config();
  upgraded_config.modules = Schema();
  const auto upgraded = store::OpenStore(upgraded_config);
  ExampleFilter filter;
  filter.query = "förskolor";
  ASSERT_EQ(ListExamples(*upgraded, filter).size(), 1u);
  EXPECT_EQ(ListExamples(*upgraded, filter)[0].title, "Förskola i Vivalla");
}

TEST_P(ExamplesTest, FiltersByTagAndOrganisation) {
  AddThree();
  ExampleFilter filter;
  filter.recommendation = Recommendation::kGoodStart;
  EXPECT_EQ(Titles(filter),
            (std::vector<std::string>{"Hälsosamtal för äldre", "Läxhjälp i Vivalla"}));
  filter = {};
  filter.welfare_area = WelfareArea::kHealthCare;
  EXPECT_EQ(Titles(filter), (std::vector<std::string>{"Hälsosamtal för äldre"}));
  filter = {};
  filter.group = "kon";
  EXPECT_EQ(Titles(filter), (std::vector<std::string>{"Hälsosamtal för äldre"}));
  filter = {};
  filter.organisation = orebro_;
  filter.query = "halsosamtal";
  EXPECT_EQ(Titles(filter), (std::vector<std::string>{"Halsosamtal utan prickar"}));
}

TEST_P(ExamplesTest, EditsAreSearchedAndHiddenExamplesAreNotListed) {
  AddThree();
  const Example vivalla = ListExamples(*store_, {})[2];
  ExampleDraft draft = vivalla;
  draft.title = "Läxhjälp i Baronbackarna";
  ASSERT_TRUE(UpdateExample(*store_, vivalla.id, draft, kNow + 10));
  EXPECT_TRUE(Search("vivalla").empty());
  EXPECT_EQ(Search("baronbackarna"), (std::vector<std::string>{"Läxhjälp i Baronbackarna"}));

  ASSERT_TRUE(SetExampleHidden(*store_, vivalla.id, true));
  EXPECT_TRUE(Search("baronbackarna").empty());
  ExampleFilter filter;
  filter.query = "baronbackarna";
  filter.include_hidden = true;
  EXPECT_EQ(Titles(filter).size(), 1u);
}

TEST_P(ExamplesTest, RefusesBadFieldsNamingThem) {
  const auto field_of = [&](const std::function<void(ExampleDraft&)>& change) {
    ExampleDraft draft;
    draft.title = "T";
    draft.what = "<p>x</p>";
    draft.contact_name = "Anna";
    draft.contact_email = "anna@example.se";
    change(draft);
    try {
      CreateExample(*store_, orebro_, user_, draft, kNow);
    } catch (const Error& error) {
      return error.field();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(field_of([](ExampleDraft&) {}), "accepted");
  EXPECT_EQ(field_of([](ExampleDraft& d) { d.title.clear(); }), "title");
  EXPECT_EQ(field_of([](ExampleDraft& d) { d.contact_email = "inte en adress"; }), "contact_email");
  EXPECT_EQ(field_of([](ExampleDraft& d) { d.groups = {"kommun"}; }), "groups");
  EXPECT_EQ(field_of([](ExampleDraft& d) { d.analysis_id = 12345; }), "analysis_id");
}

TEST_P(ExamplesTest, AttachmentsAreCheckedByTheirBytesAndKeptOutsideTheWebRoot) {
  AddThree();
  const std::int64_t example = ListExamples(*store_, {})[0].id;
  const std::string pdf = "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n";
  const Attachment added =
      AddAttachment(*store_, data_dir_.string(), example, "../../rapport.pdf", pdf, kNow);
  EXPECT_EQ(added.file_name, "rapport.pdf");
  EXPECT_EQ(added.content_type, "application/pdf");
  EXPECT_EQ(added.bytes, static_cast<std::int64_t>(pdf.size()));
  const fs::path stored = AttachmentPath(data_dir_.string(), added);
  EXPECT_EQ(stored.parent_path(), data_dir_ / "attachments");
  std::ifstream in(stored, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), pdf);

  // HTML named .pdf is refused; so is an empty or too large file.
  const auto refused = [&](std::string_view bytes) {
    try {
      AddAttachment(*store_, data_dir_.string(), example, "rapport.pdf", bytes, kNow);
    } catch (const Error& error) {
      return error.field() == "file";
    }
    return false;
  };
  EXPECT_TRUE(refused("<html><script>alert(1)</script></html>"));
  EXPECT_TRUE(refused(""));
  EXPECT_TRUE(refused("%PDF-" + std::string(kMaxAttachmentBytes, 'x')));

  ASSERT_EQ(ListAttachments(*store_, example).size(), 1u);
  EXPECT_FALSE(FindAttachment(*store_, example + 1, added.id));
  EXPECT_TRUE(RemoveAttachment(*store_, data_dir_.string(), example, added.id));
  EXPECT_FALSE(fs::exists(stored));
  EXPECT_TRUE(ListAttachments(*store_, example).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ExamplesTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
