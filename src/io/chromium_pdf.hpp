#pragma once
// Print an HTML document to PDF with Debian's Chromium, headless: the page's print stylesheet
// (@page, @media print) lays it out, as a browser's "Save as PDF" would. Chromium runs as a child
// process with a fresh profile in a temporary folder, no network (the document must carry its
// styles and images inline), and a time limit; nothing is left behind.
#include <string>

namespace jamlik {

struct ChromiumPdfOptions {
  // The browser: JAMLIK_CHROMIUM when set, else /usr/bin/chromium (scripts/install-deps).
  std::string executable;
  // Kill the browser after this many seconds (a shared machine may take ten to start it).
  int timeout_seconds = 120;
};

// Return the PDF's bytes for `html` (a complete UTF-8 document). Throws kIo naming the browser
// when it is missing, fails or takes too long.
std::string PrintHtmlToPdf(const std::string& html, const ChromiumPdfOptions& options = {});

}  // namespace jamlik
