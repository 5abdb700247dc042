#pragma once
// API test support: a real server on 127.0.0.1 at a free port, on a fresh database of each
// backend, and a client that keeps a session cookie and its CSRF token like a browser.
#include <httplib.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "app/accounts/accounts.hpp"
#include "server/server.hpp"
#include "store/testing.hpp"

namespace jamlik::server::testing {

// One signed-in (or anonymous) browser.
class Browser {
 public:
  explicit Browser(int port);
  // Log in; return the status.
  int LogIn(const std::string& email, const std::string& password);

  httplib::Result Get(const std::string& path);
  // Send `body` as JSON with the session's CSRF token (when there is one).
  httplib::Result Send(const std::string& method, const std::string& path,
                       const nlohmann::json& body = nlohmann::json::object());
  httplib::Result Upload(const std::string& path, const std::string& file_name,
                         const std::string& csv);
  httplib::Headers& headers() { return headers_; }
  const std::string& csrf_token() const { return csrf_token_; }

 private:
  httplib::Client client_;
  httplib::Headers headers_;
  std::string csrf_token_;
};

class ApiTest : public store::testing::StoreTest {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Change the server's configuration before it starts (limits a test wants small).
  virtual void Configure(ServerConfig& /*config*/) {}
  store::Store& store() { return server_->store(); }
  const std::string& data_dir() const { return scratch_->config().data_dir; }

  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// The password of every test account.
inline constexpr const char* kPassword = "ett långt lösenord";

// An API test with one municipality, Örebro (1880), and Anna (anna@example.se), its analyst or the
// role a test asks for.
class OrganisationApiTest : public ApiTest {
 protected:
  explicit OrganisationApiTest(app::Role anna_role = app::Role::kAnalyst) : anna_role_(anna_role) {}
  void SetUp() override;
  // "/api/organisations/{org}" + rest.
  std::string Path(const std::string& rest) const;

  std::int64_t org_ = 0;
  std::int64_t anna_ = 0;

 private:
  app::Role anna_role_;
};

// 300 pupils of Örebro (1880) and Nora (1881) by sex and education, 1 when eligible for upper
// secondary school (gymnasiebehorig): the file most API tests upload.
std::string PupilsCsv();

nlohmann::json JsonOf(const httplib::Result& result);

// The files of a zip archive (an .xlsx) by name: the central directory's entries, stored or
// deflated.
std::map<std::string, std::string> Unzip(const std::string& zip);

// The Content-Disposition header of GET `path` as it travels: the client library would decode its
// percent-encoding, so this reads the raw answer.
std::string RawContentDisposition(int port, const std::string& path, const std::string& cookie);

}  // namespace jamlik::server::testing
