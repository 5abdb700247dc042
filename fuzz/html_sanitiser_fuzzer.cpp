// Fuzz the rich-text sanitiser (src/io/html_sanitiser.hpp): for any bytes,
//  1. the output sanitises to itself (it is canonical: a parser reads it back as the same tree);
//  2. the output is valid UTF-8;
//  3. every tag in the output is one of the allow-list's, and the only attributes are an a's
//     href (http:, https: or mailto:) and rel="noopener nofollow".
// A sanitizer report or a failed check is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/html_sanitiser.hpp"

namespace {

[[noreturn]] void Finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "html_sanitiser_fuzzer: %s\n%s\n", what, detail.c_str());
  std::abort();
}

bool ValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (byte < 0x80) {
      length = 1;
    } else if ((byte & 0xe0) == 0xc0 && byte >= 0xc2) {
      length = 2;
    } else if ((byte & 0xf0) == 0xe0) {
      length = 3;
    } else if ((byte & 0xf8) == 0xf0 && byte <= 0xf4) {
      length = 4;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Every '<' starts an allowed tag; '>' and '"' outside tags are fine in text.
void CheckTags(const std::string& html) {
  static constexpr std::string_view kTags[] = {
      "<p>",   "</p>",  "<br>",  "<strong>",     "</strong>",     "<em>",  "</em>",
      "<ul>",  "</ul>", "<ol>",  "</ol>",        "<li>",          "</li>", "<h2>",
      "</h2>", "<h3>",  "</h3>", "<blockquote>", "</blockquote>", "</a>"};
  std::string_view rest(html);
  for (std::size_t at = rest.find('<'); at != std::string_view::npos; at = rest.find('<')) {
    rest.remove_prefix(at);
    bool known = false;
    for (const std::string_view tag : kTags) {
      if (StartsWith(rest, tag)) {
        rest.remove_prefix(tag.size());
        known = true;
        break;
      }
    }
    if (known) continue;
    if (!StartsWith(rest, "<a href=\"")) Finding("tag outside the allow-list", html);
    rest.remove_prefix(9);
    const std::size_t end = rest.find('"');
    if (end == std::string_view::npos) Finding("unterminated href", html);
    const std::string_view href = rest.substr(0, end);
    std::string scheme;
    for (const char c : href.substr(0, 7)) scheme += static_cast<char>(std::tolower(c));
    if (!StartsWith(scheme, "http:") && !StartsWith(scheme, "https:") &&
        !StartsWith(scheme, "mailto:")) {
      Finding("href with another scheme", html);
    }
    rest.remove_prefix(end);
    if (!StartsWith(rest, "\" rel=\"noopener nofollow\">")) Finding("a without rel", html);
    rest.remove_prefix(26);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string once = jamlik::SanitiseHtml(input);
  const std::string twice = jamlik::SanitiseHtml(once);
  if (twice != once) Finding("not idempotent", once + "\n---\n" + twice);
  if (!ValidUtf8(once)) Finding("invalid UTF-8", once);
  CheckTags(once);
  (void)jamlik::HtmlToText(input);
  return 0;
}
