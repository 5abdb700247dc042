#pragma once
// The language of what a municipal user reads: Swedish first, English too.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace jamlik {

enum class Language { kSwedish, kEnglish };

// Return the process language: JAMLIK_LANG (sv/en), else LC_ALL, LC_MESSAGES, LANG starting with
// "sv" means Swedish; anything else English. Set once at start-up or by SetLanguage; a
// ScopedLanguage on the calling thread takes precedence.
Language CurrentLanguage();
void SetLanguage(Language language);

// Use `language` on this thread while the object lives (a server request in its user's language):
// CurrentLanguage and Tr answer it here, and ParallelFor hands it to its worker threads. Nests.
class ScopedLanguage {
 public:
  explicit ScopedLanguage(Language language);
  ~ScopedLanguage();
  ScopedLanguage(const ScopedLanguage&) = delete;
  ScopedLanguage& operator=(const ScopedLanguage&) = delete;

 private:
  int previous_;
};

// Return this thread's ScopedLanguage, if one is active.
std::optional<Language> ThreadLanguage();

// Pick the Swedish or English text by the current language.
std::string_view Tr(std::string_view swedish, std::string_view english);

// The singular or the plural by `count` ("1 kategori", "2 kategorier").
std::string_view TrCount(std::size_t count, std::string_view swedish_one,
                         std::string_view swedish_many, std::string_view english_one,
                         std::string_view english_many);

// Text written by fmt (numbers in C's form, "0.9 – 39.4") as the current language writes numbers:
// in Swedish with a decimal comma ("0,9 – 39,4"); unchanged in English. Only a point between two
// digits is a decimal point.
std::string LocalNumbers(std::string text);

// One number written by fmt ("-12345.6") as the current language writes it: in Swedish with a
// decimal comma and, from five integer digits on, a no-break space between thousands
// ("-12 345,6", but "1234,5"); unchanged in English. Not for machine-readable output.
std::string LocalNumber(std::string number);

// A count in the current language's form: "12 345" in Swedish (LocalNumber), "12345" in English.
std::string LocalCount(std::size_t count);

// A text in both languages: results are stored language-neutral and each door shows the
// user's language.
struct BilingualText {
  std::string sv;
  std::string en;

  BilingualText() = default;
  BilingualText(std::string swedish, std::string english)
      : sv(std::move(swedish)), en(std::move(english)) {}
  // The same text in both languages (codes, names that are not translated).
  BilingualText(std::string both) : sv(both), en(std::move(both)) {}
  BilingualText(const char* both) : BilingualText(std::string(both)) {}

  const std::string& In(Language language) const {
    return language == Language::kSwedish ? sv : en;
  }
  const std::string& InCurrentLanguage() const { return In(CurrentLanguage()); }
  bool operator==(const BilingualText&) const = default;
};

}  // namespace jamlik
