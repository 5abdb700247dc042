#include "app/accounts/password_policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <unordered_set>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/utf8.hpp"

namespace jamlik::app {
namespace {

constexpr const char* kCommonPasswords = "/usr/share/john/password.lst";

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> common = [] {
    std::ifstream file(kCommonPasswords);
    if (!file) {
      throw Error(ErrorCode::kIo,
                  fmt::format(fmt::runtime(Tr("listan över vanliga lösenord saknas: {} "
                                              "(Debianpaketet john-data, scripts/install-deps)",
                                              "the list of common passwords is missing: {} "
                                              "(Debian package john-data, scripts/install-deps)")),
                              kCommonPasswords));
    }
    std::unordered_set<std::string> words;
    for (std::string line; std::getline(file, line);) {
      if (!line.empty() && !line.starts_with("#!comment:")) words.insert(Lower(line));
    }
    return words;
  }();
  return common;
}

[[noreturn]] void Refuse(std::string_view swedish, std::string_view english) {
  throw Error(ErrorCode::kInvalidArgument, std::string(Tr(swedish, english)), {}, "password");
}

}  // namespace

void CheckPasswordPolicy(const std::string& password, const std::string& email) {
  if (!IsValidUtf8(password))
    Refuse("lösenordet är inte giltig UTF-8", "the password is not valid UTF-8");
  const std::size_t characters = Utf8Length(password);
  if (characters < kMinPasswordCharacters || characters > kMaxPasswordCharacters) {
    Refuse(
        "lösenordet ska ha 12–128 tecken; en mening av några ord är lätt att minnas",
        "the password must have 12–128 characters; a sentence of a few words is easy to remember");
  }
  const std::string lower = Lower(password);
  if (!email.empty() && lower == Lower(email)) {
    Refuse("lösenordet får inte vara e-postadressen",
           "the password must not be the e-mail address");
  }
  // A common password with digits or signs after it ("password12", "qwerty2024!") is as common.
  const std::size_t stem_end = lower.find_last_not_of("0123456789!?.#*@$%&-_ ") + 1;
  const std::string stem = lower.substr(0, stem_end);
  const bool digits_only = stem.empty();
  if (digits_only || CommonPasswords().contains(lower) || CommonPasswords().contains(stem)) {
    Refuse("lösenordet är för vanligt och står i listor som angripare prövar först",
           "the password is too common: it is in the lists attackers try first");
  }
}

}  // namespace jamlik::app
