#include "server/compression.hpp"

#include <algorithm>
#include <cctype>

namespace jamlik::server {
namespace {

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// "q=0", "q=0.0", "q=0.000": the client refuses the coding (RFC 9110 §12.4.2).
bool Refused(std::string_view parameters) {
  for (std::size_t start = 0; start < parameters.size();) {
    const std::size_t end = std::min(parameters.find(';', start), parameters.size());
    const std::string_view parameter = Trimmed(parameters.substr(start, end - start));
    if (parameter.size() >= 2 && (parameter[0] == 'q' || parameter[0] == 'Q') &&
        parameter[1] == '=') {
      const std::string_view value = Trimmed(parameter.substr(2));
      return !value.empty() && value.find_first_not_of("0.") == std::string_view::npos;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace

std::string AcceptedWithoutBrotli(std::string_view accept_encoding) {
  for (std::size_t start = 0; start <= accept_encoding.size();) {
    const std::size_t end = std::min(accept_encoding.find(',', start), accept_encoding.size());
    const std::string_view coding = accept_encoding.substr(start, end - start);
    const std::size_t semicolon = std::min(coding.find(';'), coding.size());
    if (EqualsIgnoringCase(Trimmed(coding.substr(0, semicolon)), "gzip") &&
        !Refused(coding.substr(semicolon))) {
      return "gzip";
    }
    start = end + 1;
  }
  return "";
}

}  // namespace jamlik::server
