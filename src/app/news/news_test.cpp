// News: drafts, publishing and unpublishing, the body sanitised on the way in, on every backend.
#include "app/news/news.hpp"

#include <gtest/gtest.h>

#include "app/accounts/accounts.hpp"
#include "app/testing.hpp"
#include "core/error.hpp"

namespace jamlik::app {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

class NewsTest : public app::testing::AppStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    user_ = CreateUser(*store_, "samordnare@example.se", "Sam", "ett långt lösenord", false)->id;
  }
  std::int64_t user_ = 0;
};

TEST_P(NewsTest, TheBodyIsStoredSanitised) {
  const NewsItem item = CreateNews(
      *store_, user_, "Sam",
      {"Välkommen", "Kort", "<p onclick=\"x()\">Hej<script>alert(1)</script></p>"}, kNow);
  EXPECT_EQ(item.body, "<p>Hej</p>");
  EXPECT_EQ(FindNews(*store_, item.id)->body, "<p>Hej</p>");
  EXPECT_FALSE(item.published());
}

TEST_P(NewsTest, DraftsAreNotListedUntilPublished) {
  const NewsItem first = CreateNews(*store_, user_, "Sam", {"Första", "", "<p>a</p>"}, kNow);
  const NewsItem second = CreateNews(*store_, user_, "Sam", {"Andra", "", "<p>b</p>"}, kNow + 1);
  EXPECT_TRUE(ListNews(*store_, {}).empty());
  EXPECT_EQ(ListNews(*store_, {.include_unpublished = true}).size(), 2u);

  ASSERT_TRUE(SetNewsPublished(*store_, first.id, true, kNow + 10));
  ASSERT_TRUE(SetNewsPublished(*store_, second.id, true, kNow + 20));
  auto listed = ListNews(*store_, {});
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, second.id);  // newest first
  EXPECT_EQ(listed[0].published_at, kNow + 20);
  EXPECT_EQ(ListNews(*store_, {.published_after = kNow + 10}).size(), 1u);

  // Taken down, then published again: the first publication time is kept.
  ASSERT_TRUE(SetNewsPublished(*store_, first.id, false, kNow + 30));
  listed = ListNews(*store_, {});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, second.id);
  EXPECT_EQ(SetNewsPublished(*store_, first.id, true, kNow + 40)->published_at, kNow + 10);
  EXPECT_FALSE(SetNewsPublished(*store_, 9999, true, kNow));
}

// Full-text search with Swedish stemming, the same on both databases; drafts stay out of the
// public search, the markup is never searched, and an edit is searched as edited.
TEST_P(NewsTest, SearchStemsSwedishAndFindsOnlyWhatIsListed) {
  const NewsItem schools =
      CreateNews(*store_, user_, "Sam",
                 {"Ny rapport om skolor", "", "<p>Tio <em>skolor</em> deltog</p>"}, kNow);
  const NewsItem preschool =
      CreateNews(*store_, user_, "Sam",
                 {"Förskola", "Om förskolorna", "<p>En förskola i Vivalla</p>"}, kNow + 1);
  const NewsItem draft =
      CreateNews(*store_, user_, "Sam", {"Utkast om skola", "", "<p>Ej publicerad</p>"}, kNow + 2);
  ASSERT_TRUE(SetNewsPublished(*store_, schools.id, true, kNow + 10));
  ASSERT_TRUE(SetNewsPublished(*store_, preschool.id, true, kNow + 11));
  const auto ids = [&](const std::string& query, bool all = false) {
    NewsFilter filter;
    filter.query = query;
    filter.include_unpublished = all;
    std::vector<std::int64_t> found;
    for (const NewsItem& item : ListNews(*store_, filter)) found.push_back(item.id);
    return found;
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(ids("skolorna"), Ids{schools.id});
  EXPECT_EQ(ids("skola"), Ids{schools.id});
  EXPECT_EQ(ids("förskolor"), Ids{preschool.id});
  EXPECT_EQ(ids("FÖRSKOLA vivalla"), Ids{preschool.id});
  EXPECT_TRUE(ids("em").empty()) << "the markup is not searched";
  EXPECT_TRUE(ids("skolor förskolor").empty());
  // Coordinators search drafts too, newest change first.
  EXPECT_EQ(ids("skolorna", true), (Ids{draft.id, schools.id}));
  EXPECT_EQ(ids("", false).size(), 2u);
  ASSERT_TRUE(
      UpdateNews(*store_, schools.id, {"Ny rapport", "", "<p>Om äldreomsorgen</p>"}, kNow + 20));
  EXPECT_TRUE(ids("skolor").empty());
  EXPECT_EQ(ids("äldreomsorg"), Ids{schools.id});
}

TEST_P(NewsTest, EditingReplacesTheTextAndKeepsItSafe) {
  const NewsItem item = CreateNews(*store_, user_, "Sam", {"Titel", "", "<p>a</p>"}, kNow);
  const auto edited = UpdateNews(
      *store_, item.id, {"Ny titel", "Sammanfattning", "<a href=\"javascript:x\">b</a>"}, kNow + 5);
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->title, "Ny titel");
  EXPECT_EQ(edited->summary, "Sammanfattning");
  EXPECT_EQ(edited->body, "b");
  EXPECT_EQ(edited->updated_at, kNow + 5);
  EXPECT_EQ(edited->created_at, kNow);
  EXPECT_FALSE(UpdateNews(*store_, 9999, {"x", "", "y"}, kNow));
}

TEST_P(NewsTest, RefusesAnEmptyTitleOrBodyNamingTheField) {
  try {
    CreateNews(*store_, user_, "Sam", {"", "", "<p>a</p>"}, kNow);
    FAIL() << "an empty title was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "title");
  }
  try {
    CreateNews(*store_, user_, "Sam", {"T", "", ""}, kNow);
    FAIL() << "an empty body was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "body");
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, NewsTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::app
