// What every download shares: its Content-Disposition, the choice parameters (format=csv|xlsx)
// and the Excel file's bytes.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "app/accounts/credentials.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {

namespace fs = std::filesystem;

// An analysis' or an activity's name, å ä ö and all: `filename*` percent-encodes its UTF-8.
std::string ContentDisposition(const std::string& name, const std::string& extension) {
  std::string ascii;
  std::string encoded;
  for (unsigned char c : name) {
    const bool plain = c < 0x80 && (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.');
    // One '_' per character the fallback cannot carry: UTF-8 continuation bytes add none.
    if (plain) {
      ascii += static_cast<char>(c);
    } else if ((c & 0xC0) != 0x80) {
      ascii += '_';
    }
    encoded += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  if (ascii.empty()) {
    ascii = "resultat";
    encoded = "resultat";
  }
  return fmt::format("attachment; filename=\"{}.{}\"; filename*=UTF-8''{}.{}", ascii, extension,
                     encoded, extension);
}

// A query parameter that is one of `allowed`, else `fallback` when absent; throws
// kInvalidArgument naming it otherwise.
std::string Choice(const httplib::Request& request, const char* name,
                   std::initializer_list<std::string_view> allowed, std::string_view fallback) {
  const std::string value = request.get_param_value(name);
  if (value.empty()) return std::string(fallback);
  std::string listed;
  for (std::string_view choice : allowed) {
    if (value == choice) return value;
    listed += (listed.empty() ? "" : ", ") + std::string(choice);
  }
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format("{} {} {}", name, Tr("ska vara en av", "must be one of"), listed), {},
              name, value);
}

std::string XlsxContent(std::span<const XlsxSheet> sheets, const ServerConfig& config) {
  // libxlsxwriter writes files only: through a temporary one in the data folder.
  const fs::path folder = fs::path(config.store.data_dir) / "exports";
  fs::create_directories(folder);
  const fs::path path = folder / (app::RandomHex(16) + ".xlsx");
  WriteXlsx(sheets, path.string());
  std::ifstream in(path, std::ios::binary);
  std::string content(std::istreambuf_iterator<char>(in), {});
  in.close();
  fs::remove(path);
  return content;
}

}  // namespace jamlik::server
