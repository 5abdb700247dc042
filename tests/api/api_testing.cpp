#include "tests/api/api_testing.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdint>

#include "app/accounts/credentials.hpp"

namespace jamlik::server::testing {

using nlohmann::json;

Browser::Browser(int port) : client_("127.0.0.1", port) {
  client_.set_read_timeout(std::chrono::seconds(60));
}

int Browser::LogIn(const std::string& email, const std::string& password) {
  const auto result = client_.Post(
      "/api/auth/login", json{{"email", email}, {"password", password}}.dump(), "application/json");
  if (!result) return 0;
  if (result->status == 200) {
    const std::string cookie = result->get_header_value("Set-Cookie");
    headers_ = {{"Cookie", cookie.substr(0, cookie.find(';'))}};
    csrf_token_ = json::parse(result->body).at("csrf_token");
  }
  return result->status;
}

httplib::Result Browser::Get(const std::string& path) { return client_.Get(path, headers_); }

httplib::Result Browser::Send(const std::string& method, const std::string& path,
                              const json& body) {
  httplib::Headers headers = headers_;
  if (!csrf_token_.empty()) headers.emplace("X-CSRF-Token", csrf_token_);
  const std::string text = body.dump();
  if (method == "POST") return client_.Post(path, headers, text, "application/json");
  if (method == "PUT") return client_.Put(path, headers, text, "application/json");
  if (method == "PATCH") return client_.Patch(path, headers, text, "application/json");
  return client_.Delete(path, headers, text, "application/json");
}

httplib::Result Browser::Upload(const std::string& path, const std::string& file_name,
                                const std::string& csv) {
  httplib::Headers headers = headers_;
  if (!csrf_token_.empty()) headers.emplace("X-CSRF-Token", csrf_token_);
  const httplib::MultipartFormDataItems items = {{"file", csv, file_name, "text/csv"}};
  return client_.Post(path, headers, items);
}

void ApiTest::SetUp() {
  app::testing::UseCheapPasswordHashes();
  StoreTest::SetUp();
  if (IsSkipped()) return;
  store_.reset();  // the server opens its own
  ServerConfig config;
  config.port = 0;
  config.store = scratch_->config();
  config.threads = 4;
  // The tests log in hundreds of times a minute from one address; PublicRateTest sets a limit.
  config.public_requests_per_minute = 1'000'000;
  Configure(config);
  server_ = std::make_unique<Server>(config);
  port_ = server_->Bind();
  thread_ = std::thread([this] { server_->Run(); });
}

void ApiTest::TearDown() {
  if (server_) {
    server_->Stop();
    thread_.join();
    server_.reset();
  }
  StoreTest::TearDown();
}

void OrganisationApiTest::SetUp() {
  ApiTest::SetUp();
  if (IsSkipped()) return;
  org_ = app::CreateOrganisation(store(), "1880", "Örebro", app::OrganisationKind::kKommun)->id;
  anna_ = app::CreateUser(store(), "anna@example.se", "Anna", kPassword, false)->id;
  app::SetMembership(store(), anna_, org_, anna_role_);
}

std::string OrganisationApiTest::Path(const std::string& rest) const {
  return "/api/organisations/" + std::to_string(org_) + rest;
}

std::string PupilsCsv() {
  std::string csv = "kommun;kon;utbildning;gymnasiebehorig\n";
  for (int i = 0; i < 300; ++i) {
    csv += (i % 2 ? "1880;" : "1881;");
    csv += (i % 3 ? "K;" : "M;");
    csv += (i % 5 == 0 ? "förgymnasial;" : i % 5 < 3 ? "gymnasial;" : "eftergymnasial;");
    csv += (i % 4 ? "1\n" : "0\n");
  }
  return csv;
}

json JsonOf(const httplib::Result& result) { return json::parse(result->body); }

std::map<std::string, std::string> Unzip(const std::string& zip) {
  const auto u16 = [&](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(zip[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(zip[at + 1])) << 8;
  };
  const auto u32 = [&](std::size_t at) { return u16(at) | u16(at + 2) << 16; };
  const std::size_t end = zip.rfind("PK\x05\x06");
  if (end == std::string::npos) return {};
  std::map<std::string, std::string> files;
  std::size_t entry = u32(end + 16);
  for (std::uint32_t i = 0; i < u16(end + 10); ++i) {
    const std::uint32_t method = u16(entry + 10), size = u32(entry + 24);
    const std::uint32_t compressed = u32(entry + 20), local = u32(entry + 42);
    const std::string name = zip.substr(entry + 46, u16(entry + 28));
    const std::size_t data = local + 30 + u16(local + 26) + u16(local + 28);
    std::string out(size, '\0');
    if (method == 0) {
      out = zip.substr(data, size);
    } else {
      z_stream stream{};
      inflateInit2(&stream, -MAX_WBITS);
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      stream.avail_in = compressed;
      stream.next_out = reinterpret_cast<Bytef*>(out.data());
      stream.avail_out = size;
      inflate(&stream, Z_FINISH);
      inflateEnd(&stream);
    }
    files[name] = out;
    entry += 46 + u16(entry + 28) + u16(entry + 30) + u16(entry + 32);
  }
  return files;
}

std::string RawContentDisposition(int port, const std::string& path, const std::string& cookie) {
  const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) return {};
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie +
                              "\r\nConnection: close\r\n\r\n";
  if (::send(socket_fd, request.data(), request.size(), 0) < 0) return {};
  std::string answer;
  char buffer[4096];
  for (ssize_t got; (got = ::recv(socket_fd, buffer, sizeof(buffer), 0)) > 0;) {
    answer.append(buffer, static_cast<std::size_t>(got));
    if (answer.find("\r\n\r\n") != std::string::npos) break;
  }
  ::close(socket_fd);
  const std::size_t start = answer.find("Content-Disposition: ");
  if (start == std::string::npos) return {};
  const std::size_t from = start + std::string_view("Content-Disposition: ").size();
  return answer.substr(from, answer.find("\r\n", from) - from);
}

}  // namespace jamlik::server::testing
