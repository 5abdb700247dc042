#pragma once
// The language of what a municipal user reads: Swedish first, English too.
#include <string>
#include <string_view>

namespace jamlik {

enum class Language { kSwedish, kEnglish };

// Return the process language: JAMLIK_LANG (sv/en), else LC_ALL, LC_MESSAGES, LANG starting with
// "sv" means Swedish; anything else English. Set once at start-up or by SetLanguage.
Language CurrentLanguage();
void SetLanguage(Language language);

// Pick the Swedish or English text by the current language.
std::string_view Tr(std::string_view swedish, std::string_view english);

}  // namespace jamlik
