#include "tests/api/api_testing.hpp"

#include <chrono>

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

json JsonOf(const httplib::Result& result) { return json::parse(result->body); }

}  // namespace jamlik::server::testing
