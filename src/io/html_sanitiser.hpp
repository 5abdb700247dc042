#pragma once
// Rich text (news bodies, learning examples' descriptions) through an allow-list: the input is
// parsed as an HTML fragment by a real HTML5 parser (Gumbo, Debian's libgumbo), and the tree is
// written out again keeping only
//   p, br, strong, em, ul, ol, li, h2, h3, blockquote, and a with an http:, https: or mailto:
//   href (rel="noopener nofollow" added; every other attribute dropped).
// script, style, iframe, object, embed, template, noscript, forms' option lists, SVG and MathML
// are dropped with everything inside them; other elements (div, span, img, table, …) are dropped
// but their text kept; comments and every other attribute (on*, style, src, …) are dropped.
//
// The output is canonical: text escaped (& < >), attributes quoted, every element closed, and
// nested so that an HTML parser reads it back as the same tree — block elements only at the top,
// in li and in blockquote; p, h2, h3, a, strong and em hold text and inline elements only; li only
// inside ul or ol; no a inside an a; at most kMaxHtmlDepth elements deep. So
// SanitiseHtml(SanitiseHtml(x)) == SanitiseHtml(x) (the fuzz target checks this).
#include <cstddef>
#include <string>
#include <string_view>

namespace jamlik {

inline constexpr std::size_t kMaxHtmlDepth = 32;

// The safe form of `html` (UTF-8; invalid bytes become U+FFFD).
std::string SanitiseHtml(std::string_view html);

// The text of sanitised (or any) HTML without its tags, entities decoded, blocks separated by a
// space: what full-text search indexes and what a plain-text summary shows.
std::string HtmlToText(std::string_view html);

}  // namespace jamlik
