#pragma once
// What a password must be (OWASP ASVS 4.0 §2.1): at least 12 characters and at most 128 (counted
// as characters: "ä" is one), not the account's e-mail address, and not a common password — the
// list of John the Ripper's password.lst (Debian package john-data), also with digits or signs
// appended ("password12") and lower-case compared. No rules of composition (ASVS 2.1.9).
#include <string>

namespace jamlik::app {

inline constexpr std::size_t kMinPasswordCharacters = 12;
inline constexpr std::size_t kMaxPasswordCharacters = 128;

// Throw kInvalidArgument (field "password") saying what is wrong, in the user's language.
void CheckPasswordPolicy(const std::string& password, const std::string& email);

}  // namespace jamlik::app
