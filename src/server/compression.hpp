// What the server compresses. cpp-httplib 0.11 (Debian's, compiled) brotli-compresses text and
// JSON at quality 11 whenever the client accepts br, as every browser does: about 4 s per MB on
// this hardware (a 6.5 MB CSV export took 27 s; gzip 1.1 s, none 0.9 s). It decides after the
// route's handler has run, from the body's type and the request's Accept-Encoding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jamlik::server {

// Bodies up to this size are compressed as the client asks: brotli well under a second.
inline constexpr std::size_t kLargestBrotliBody = 256 * 1024;

// Accept-Encoding with brotli taken out: "gzip" when the client accepts gzip (without q=0), else
// "" (no compression). httplib looks for the substrings "br" and "gzip" only.
std::string AcceptedWithoutBrotli(std::string_view accept_encoding);

}  // namespace jamlik::server
