// A large download (an analysis' CSV export) goes gzip-compressed when the browser accepts gzip,
// and as it is otherwise, never through cpp-httplib's brotli at quality 11, which took the demo's
// 6.5 MB export half a minute (server/compression.hpp). On every backend.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "server/compression.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

class LargeDownloadTest : public OrganisationApiTest {};

std::string Gunzip(const std::string& compressed) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 16 + MAX_WBITS), Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[1 << 16];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - stream.avail_out);
  }
  inflateEnd(&stream);
  EXPECT_EQ(status, Z_STREAM_END);
  return out;
}

// 3 000 persons of Örebro and Nora by the five person dimensions, and forty indicators on them:
// some 2 000 result rows, an export of about 350 kB.
std::string PersonsCsv() {
  std::string csv =
      "kommun;kon;utbildning;inkomstkvintil;fodelseregion;funktionsnedsattning;utfall\n";
  const char* education[] = {"förgymnasial", "gymnasial", "eftergymnasial"};
  const char* birth[] = {"Sverige", "Norden", "Europa", "utanför Europa"};
  for (int i = 0; i < 3000; ++i) {
    csv += i % 2 ? "1880;" : "1881;";
    csv += i % 3 ? "K;" : "M;";
    csv += std::string(education[i % 3]) + ";" + std::to_string(1 + i % 5) + ";";
    csv += std::string(birth[i % 4]) + ";" + (i % 7 ? "nej;" : "ja;");
    csv += i % 4 ? "1\n" : "0\n";
  }
  return csv;
}

TEST_P(LargeDownloadTest, ALargeExportIsGzippedForBrowsersAndNeverBrotli) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  const auto uploaded = browser.Upload(Path("/datasets"), "personer.csv", PersonsCsv());
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  json indicators = json::array();
  for (int i = 0; i < 40; ++i) {
    indicators.push_back({{"id", "utfall_" + std::to_string(i)},
                          {"name_sv", "Utfall " + std::to_string(i)},
                          {"type", "proportion"},
                          {"numerator", "utfall"},
                          {"higher_is_favourable", true}});
  }
  const json request = {
      {"name", "Stor export"},
      {"dataset_id", JsonOf(uploaded).at("id")},
      {"areas", {"kommun", "riket"}},
      {"dimensions",
       {"kon", "utbildning", "inkomstkvintil", "fodelseregion", "funktionsnedsattning"}},
      {"indicators", indicators}};
  const auto created = browser.Send("POST", Path("/analyses"), request);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string export_path = Path(
      "/analyses/" + std::to_string(JsonOf(created).at("id").get<int>()) + "/export?format=csv");

  httplib::Client client("127.0.0.1", port_);
  client.set_decompress(false);
  const std::string cookie = browser.headers().find("Cookie")->second;
  // What a client that asks for no compression gets: the reference bytes.
  const auto plain = client.Get(export_path, {{"Cookie", cookie}, {"Accept-Encoding", "identity"}});
  ASSERT_EQ(plain->status, 200);
  ASSERT_GT(plain->body.size(), kLargestBrotliBody);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_TRUE(plain->body.starts_with("\xEF\xBB\xBF"));
  // Chromium's header: gzip, and exactly the bytes above once unpacked.
  const auto chromium =
      client.Get(export_path, {{"Cookie", cookie}, {"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(chromium->status, 200);
  EXPECT_EQ(chromium->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(chromium->body.size(), plain->body.size() / 3);
  EXPECT_EQ(Gunzip(chromium->body), plain->body);
  // A client that accepts brotli only gets the bytes as they are.
  const auto brotli_only = client.Get(export_path, {{"Cookie", cookie}, {"Accept-Encoding", "br"}});
  ASSERT_EQ(brotli_only->status, 200);
  EXPECT_FALSE(brotli_only->has_header("Content-Encoding"));
  EXPECT_EQ(brotli_only->body, plain->body);
}

INSTANTIATE_TEST_SUITE_P(Backends, LargeDownloadTest,
                         ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
