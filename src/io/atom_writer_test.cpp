#include "io/atom_writer.hpp"

#include <gtest/gtest.h>

namespace jamlik {
namespace {

TEST(AtomWriter, WritesTheFeedAndItsEntries) {
  AtomFeed feed;
  feed.id = "tag:example.se,2026:news";
  feed.title = "Nyheter & <annat>";
  feed.self_link = "https://example.se/api/public/news.atom";
  feed.alternate_link = "https://example.se/news";
  feed.author = "Mötesplatsen";
  feed.language = "sv";
  feed.fallback_updated = 0;
  feed.entries.push_back({"tag:example.se,2026:news/1", "Första \"nytt\"", 1796385600, 1796389200,
                          "", "https://example.se/news/1", "<p>a &amp; b</p>"});
  EXPECT_EQ(WriteAtom(feed),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">\n"
            "  <id>tag:example.se,2026:news</id>\n"
            "  <title>Nyheter &amp; &lt;annat&gt;</title>\n"
            "  <updated>2026-12-04T13:00:00Z</updated>\n"
            "  <author><name>Mötesplatsen</name></author>\n"
            "  <link rel=\"self\" type=\"application/atom+xml\" "
            "href=\"https://example.se/api/public/news.atom\"/>\n"
            "  <link rel=\"alternate\" type=\"text/html\" href=\"https://example.se/news\"/>\n"
            "  <generator>Jämlik</generator>\n"
            "  <entry>\n"
            "    <id>tag:example.se,2026:news/1</id>\n"
            "    <title>Första &quot;nytt&quot;</title>\n"
            "    <published>2026-12-04T12:00:00Z</published>\n"
            "    <updated>2026-12-04T13:00:00Z</updated>\n"
            "    <author><name>Mötesplatsen</name></author>\n"
            "    <link rel=\"alternate\" type=\"text/html\" href=\"https://example.se/news/1\"/>\n"
            "    <content type=\"html\">&lt;p&gt;a &amp;amp; b&lt;/p&gt;</content>\n"
            "  </entry>\n"
            "</feed>\n");
}

TEST(AtomWriter, EmptyFeedUsesTheFallbackTimeAndDropsControlCharacters) {
  AtomFeed feed;
  feed.title =
      "a\x01"
      "b\tc";
  feed.fallback_updated = 0;
  const std::string atom = WriteAtom(feed);
  EXPECT_NE(atom.find("<updated>1970-01-01T00:00:00Z</updated>"), std::string::npos);
  EXPECT_NE(atom.find("<title>ab\tc</title>"), std::string::npos);
  EXPECT_EQ(atom.find("<entry>"), std::string::npos);
}

}  // namespace
}  // namespace jamlik
