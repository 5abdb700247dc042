#include "io/html_sanitiser.hpp"

#include <gumbo.h>

#include <memory>
#include <optional>
#include <vector>

namespace jamlik {
namespace {

using Output = std::unique_ptr<GumboOutput, void (*)(GumboOutput*)>;

// Parse `html` as the children of a div, the way a browser parses innerHTML.
Output ParseFragment(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_DIV;
  options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  options.max_errors = 0;  // the errors are not read: do not collect them
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  return {output, [](GumboOutput* parsed) { gumbo_destroy_output(&kGumboDefaultOptions, parsed); }};
}

// Dropped with everything inside: what runs, styles, embeds, or holds text a reader never sees.
bool DroppedWithContent(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag tag) {
  return tag == GUMBO_TAG_P || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_UL ||
         tag == GUMBO_TAG_OL || tag == GUMBO_TAG_LI || tag == GUMBO_TAG_BLOCKQUOTE;
}

// Where an element is: decides which elements may be written there so that a parser reads the
// output back as the same tree.
struct Mode {
  bool inline_only = false;  // inside p, h2, h3, a, strong or em
  bool in_anchor = false;
  bool in_list = false;  // the nearest written element is ul or ol
};

void AppendEscaped(std::string& out, std::string_view text, bool attribute) {
  for (const char c : text) {
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
        if (attribute) {
          out += "&quot;";
        } else {
          out += c;
        }
        break;
      default:
        out += c;
    }
  }
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The href kept: http:, https: or mailto: (any case), without control characters; else empty.
std::string SafeHref(const GumboElement& element) {
  const GumboAttribute* href = gumbo_get_attribute(&element.attributes, "href");
  if (href == nullptr) return {};
  std::string_view value(href->value);
  while (!value.empty() && IsAsciiSpace(value.front())) value.remove_prefix(1);
  while (!value.empty() && IsAsciiSpace(value.back())) value.remove_suffix(1);
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return {};
  }
  std::string scheme;
  for (const char c : value.substr(0, 7)) {
    scheme += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (scheme.rfind("http:", 0) == 0 || scheme.rfind("https:", 0) == 0 ||
      scheme.rfind("mailto:", 0) == 0) {
    return std::string(value);
  }
  return {};
}

// One element being written (or unwrapped): its children still to visit.
struct Frame {
  const GumboVector* children;
  unsigned int next;
  Mode mode;
  std::string close;  // the end tag to write after the children; empty when unwrapped
  std::size_t depth;  // elements written around the children
};

// Write `node`'s element itself when allowed here; return the frame for its children, or
// nothing when it is dropped with its content.
std::optional<Frame> Open(const GumboNode& node, const Frame& parent, std::string& out) {
  const GumboElement& element = node.v.element;
  if (node.type == GUMBO_NODE_TEMPLATE || element.tag_namespace != GUMBO_NAMESPACE_HTML ||
      DroppedWithContent(element.tag)) {
    return std::nullopt;
  }
  Frame unwrapped{&element.children, 0, parent.mode, {}, parent.depth};
  const Mode mode = parent.mode;
  const GumboTag tag = element.tag;
  if (tag == GUMBO_TAG_BR) {
    out += "<br>";
    return unwrapped;  // a void element: no children
  }
  if (parent.depth >= kMaxHtmlDepth) return unwrapped;
  if (IsBlock(tag) && mode.inline_only) return unwrapped;
  if (tag == GUMBO_TAG_LI && !mode.in_list) return unwrapped;
  Mode inner;
  const char* name = nullptr;
  switch (tag) {
    case GUMBO_TAG_P:
      name = "p";
      inner.inline_only = true;
      break;
    case GUMBO_TAG_H2:
      name = "h2";
      inner.inline_only = true;
      break;
    case GUMBO_TAG_H3:
      name = "h3";
      inner.inline_only = true;
      break;
    case GUMBO_TAG_UL:
      name = "ul";
      inner.in_list = true;
      break;
    case GUMBO_TAG_OL:
      name = "ol";
      inner.in_list = true;
      break;
    case GUMBO_TAG_LI:
      name = "li";
      break;
    case GUMBO_TAG_BLOCKQUOTE:
      name = "blockquote";
      break;
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_EM:
      name = tag == GUMBO_TAG_STRONG ? "strong" : "em";
      inner.inline_only = true;
      inner.in_anchor = mode.in_anchor;
      break;
    case GUMBO_TAG_A: {
      if (mode.in_anchor) return unwrapped;
      const std::string href = SafeHref(element);
      if (href.empty()) return unwrapped;
      out += "<a href=\"";
      AppendEscaped(out, href, true);
      out += "\" rel=\"noopener nofollow\">";
      inner.inline_only = true;
      inner.in_anchor = true;
      return Frame{&element.children, 0, inner, "</a>", parent.depth + 1};
    }
    default:
      return unwrapped;
  }
  out += '<';
  out += name;
  out += '>';
  return Frame{&element.children, 0, inner, std::string("</") + name + ">", parent.depth + 1};
}

const GumboNode* FragmentRoot(const GumboOutput& output) {
  // A fragment's nodes are the children of the html element the parser creates for it.
  return output.root;
}

}  // namespace

std::string SanitiseHtml(std::string_view html) {
  const Output output = ParseFragment(html);
  std::string out;
  std::vector<Frame> stack;
  stack.push_back({&FragmentRoot(*output)->v.element.children, 0, Mode{}, {}, 0});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next >= frame.children->length) {
      out += frame.close;
      stack.pop_back();
      continue;
    }
    const auto* node = static_cast<const GumboNode*>(frame.children->data[frame.next++]);
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        AppendEscaped(out, node->v.text.text, false);
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        // Open before pushing: `frame` refers into the stack.
        if (auto child = Open(*node, frame, out)) stack.push_back(std::move(*child));
        break;
      }
      default:  // comments, the document
        break;
    }
  }
  return out;
}

std::string HtmlToText(std::string_view html) {
  const Output output = ParseFragment(html);
  std::string text;
  struct Visit {
    const GumboVector* children;
    unsigned int next;
  };
  std::vector<Visit> stack{{&FragmentRoot(*output)->v.element.children, 0}};
  const auto separate = [&text] {
    if (!text.empty() && text.back() != ' ') text += ' ';
  };
  while (!stack.empty()) {
    Visit& visit = stack.back();
    if (visit.next >= visit.children->length) {
      stack.pop_back();
      continue;
    }
    const auto* node = static_cast<const GumboNode*>(visit.children->data[visit.next++]);
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
      text += node->v.text.text;
    } else if (node->type == GUMBO_NODE_WHITESPACE) {
      separate();
    } else if (node->type == GUMBO_NODE_ELEMENT) {
      const GumboElement& element = node->v.element;
      if (element.tag_namespace != GUMBO_NAMESPACE_HTML || DroppedWithContent(element.tag)) {
        continue;
      }
      if (IsBlock(element.tag) || element.tag == GUMBO_TAG_BR) separate();
      stack.push_back({&element.children, 0});
    }
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace jamlik
