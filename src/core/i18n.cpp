#include "core/i18n.hpp"

#include <atomic>
#include <cstdlib>
#include <string>

namespace jamlik {
namespace {

bool StartsWithSwedish(const char* value) {
  return value != nullptr && value[0] == 's' && value[1] == 'v';
}

Language LanguageFromEnvironment() {
  if (const char* lang = std::getenv("JAMLIK_LANG"); lang != nullptr && *lang != '\0') {
    return StartsWithSwedish(lang) ? Language::kSwedish : Language::kEnglish;
  }
  // POSIX precedence: the first of these that is set and non-empty decides.
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') {
      return StartsWithSwedish(value) ? Language::kSwedish : Language::kEnglish;
    }
  }
  return Language::kEnglish;
}

std::atomic<int>& LanguageSlot() {
  static std::atomic<int> slot{static_cast<int>(LanguageFromEnvironment())};
  return slot;
}

// -1: no ScopedLanguage on this thread.
thread_local int thread_language = -1;

}  // namespace

ScopedLanguage::ScopedLanguage(Language language) : previous_(thread_language) {
  thread_language = static_cast<int>(language);
}

ScopedLanguage::~ScopedLanguage() { thread_language = previous_; }

std::optional<Language> ThreadLanguage() {
  if (thread_language < 0) return std::nullopt;
  return static_cast<Language>(thread_language);
}

Language CurrentLanguage() {
  if (thread_language >= 0) return static_cast<Language>(thread_language);
  return static_cast<Language>(LanguageSlot().load());
}

void SetLanguage(Language language) { LanguageSlot().store(static_cast<int>(language)); }

std::string_view Tr(std::string_view swedish, std::string_view english) {
  return CurrentLanguage() == Language::kSwedish ? swedish : english;
}

std::string_view TrCount(std::size_t count, std::string_view swedish_one,
                         std::string_view swedish_many, std::string_view english_one,
                         std::string_view english_many) {
  return count == 1 ? Tr(swedish_one, english_one) : Tr(swedish_many, english_many);
}

std::string LocalNumbers(std::string text) {
  if (CurrentLanguage() != Language::kSwedish) return text;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '.' && digit(text[i - 1]) && digit(text[i + 1])) text[i] = ',';
  }
  return text;
}

std::string LocalNumber(std::string number) {
  if (CurrentLanguage() != Language::kSwedish) return number;
  const std::size_t start = number.find_first_of("0123456789");
  if (start == std::string::npos) return number;
  std::size_t end = number.find_first_not_of("0123456789", start);
  if (end == std::string::npos) end = number.size();
  if (end < number.size() && number[end] == '.') number[end] = ',';
  // Five or more integer digits: a no-break space (U+00A0) before each group of three from the
  // right, as Swedish typography sets thousands without a separator that could read as a decimal.
  constexpr std::string_view kNoBreakSpace = "\u00a0";
  if (end - start >= 5) {
    for (std::size_t at = end - 3; at > start; at -= 3) {
      number.insert(at, kNoBreakSpace);
      if (at < start + 3) break;
    }
  }
  return number;
}

std::string LocalCount(std::size_t count) { return LocalNumber(std::to_string(count)); }

}  // namespace jamlik
