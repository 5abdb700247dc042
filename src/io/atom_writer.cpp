#include "io/atom_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

namespace jamlik {

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') break;  // not XML 1.0
        out += c;
    }
  }
  return out;
}

std::string Rfc3339Time(std::int64_t seconds_since_epoch) {
  const auto seconds = static_cast<std::time_t>(seconds_since_epoch);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string WriteAtom(const AtomFeed& feed) {
  std::int64_t updated = feed.fallback_updated;
  if (!feed.entries.empty()) {
    updated = std::max_element(
                  feed.entries.begin(), feed.entries.end(),
                  [](const AtomEntry& a, const AtomEntry& b) { return a.updated < b.updated; })
                  ->updated;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += fmt::format("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
                     EscapeXml(feed.language));
  out += fmt::format("  <id>{}</id>\n", EscapeXml(feed.id));
  out += fmt::format("  <title>{}</title>\n", EscapeXml(feed.title));
  out += fmt::format("  <updated>{}</updated>\n", Rfc3339Time(updated));
  out += fmt::format("  <author><name>{}</name></author>\n", EscapeXml(feed.author));
  out += fmt::format("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
                     EscapeXml(feed.self_link));
  out += fmt::format("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                     EscapeXml(feed.alternate_link));
  out += "  <generator>Jämlik</generator>\n";
  for (const AtomEntry& entry : feed.entries) {
    out += "  <entry>\n";
    out += fmt::format("    <id>{}</id>\n", EscapeXml(entry.id));
    out += fmt::format("    <title>{}</title>\n", EscapeXml(entry.title));
    out += fmt::format("    <published>{}</published>\n", Rfc3339Time(entry.published));
    out += fmt::format("    <updated>{}</updated>\n", Rfc3339Time(entry.updated));
    out += fmt::format("    <author><name>{}</name></author>\n",
                       EscapeXml(entry.author.empty() ? feed.author : entry.author));
    out += fmt::format("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                       EscapeXml(entry.link));
    out += fmt::format("    <content type=\"html\">{}</content>\n", EscapeXml(entry.content_html));
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace jamlik
