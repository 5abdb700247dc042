#pragma once
// Write an Atom feed (RFC 4287) that feed readers subscribe to: a feed with its id, title,
// updated time, author and links (self and alternate), and entries each with an id, title,
// published and updated times, author, alternate link and content of type "html" (the HTML
// escaped as text, §3.1.1.2). Times are RFC 3339 in UTC ("2026-12-04T12:00:00Z"). Text is
// expected to be valid UTF-8; characters XML 1.0 does not allow (C0 controls other than tab,
// line feed and carriage return) are dropped.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jamlik {

struct AtomEntry {
  std::string id;  // an IRI that never changes: "tag:jamlik.example.se,2026:news/17"
  std::string title;
  std::int64_t published = 0;  // seconds since the epoch
  std::int64_t updated = 0;
  std::string author;
  std::string link;          // the entry's page
  std::string content_html;  // sanitised HTML
};

struct AtomFeed {
  std::string id;
  std::string title;
  std::string self_link;       // the feed's own address
  std::string alternate_link;  // the page listing the same entries
  std::string author;          // the feed's author, for entries without one
  std::string language;        // xml:lang: "sv" or "en"
  // The latest entry's updated time, or `fallback_updated` when there are none.
  std::int64_t fallback_updated = 0;
  std::vector<AtomEntry> entries;
};

std::string WriteAtom(const AtomFeed& feed);

// `text` escaped for XML character data and attribute values (& < > " ').
std::string EscapeXml(std::string_view text);
// RFC 3339 date-time in UTC: "2026-12-04T12:00:00Z".
std::string Rfc3339Time(std::int64_t seconds_since_epoch);

}  // namespace jamlik
