#include "compare/labels.hpp"

#include <array>

namespace jamlik::compare {
namespace {

struct Words {
  std::string_view id;
  std::string_view sv;
  std::string_view en;
};

constexpr std::array kColumns = {
    Words{"comparator_area", "Jämförs med (kod)", "Compared with (code)"},
    Words{"comparator_name", "Jämförs med", "Compared with"},
    Words{"comparator_value", "Jämförelsevärde", "Comparator value"},
    Words{"polarity", "Riktning", "Polarity"},
    Words{"comparison", "Jämförelse (95 %)", "Comparison (95 %)"},
    Words{"comparison_2", "Jämförelse (99,8 %)", "Comparison (99.8 %)"},
    Words{"difference", "Skillnad", "Difference"},
    Words{"funnel_lower", "Trattgräns nedre (95 %)", "Funnel lower (95 %)"},
    Words{"funnel_upper", "Trattgräns övre (95 %)", "Funnel upper (95 %)"},
    Words{"funnel_lower_2", "Trattgräns nedre (99,8 %)", "Funnel lower (99.8 %)"},
    Words{"funnel_upper_2", "Trattgräns övre (99,8 %)", "Funnel upper (99.8 %)"},
    Words{"rank", "Rang", "Rank"},
    Words{"rank_of", "Rang av", "Rank of"},
    Words{"quartile", "Kvartil", "Quartile"},
    Words{"trend", "Trend", "Trend"},
    Words{"trend_reason", "Varför ingen trend", "Why no trend"},
    Words{"trend_chi_squared", "Trend χ²", "Trend χ²"},
    Words{"gap_trend", "Skillnadens trend", "Gap trend"},
    Words{"gap_trend_reason", "Varför ingen skillnadstrend", "Why no gap trend"},
    Words{"gap_trend_chi_squared", "Skillnadens trend χ²", "Gap trend χ²"},
};

constexpr std::array kMarks = {
    Words{"better", "bättre", "better"},
    Words{"similar", "likvärdig", "similar"},
    Words{"worse", "sämre", "worse"},
    Words{"higher", "högre", "higher"},
    Words{"lower", "lägre", "lower"},
    Words{"not_compared", "inte jämförd", "not compared"},
    Words{"increasing", "ökar", "increasing"},
    Words{"decreasing", "minskar", "decreasing"},
    Words{"no_significant_change", "ingen säker förändring", "no significant change"},
    Words{"could_not_be_calculated", "kan inte beräknas", "could not be calculated"},
    Words{"narrowing", "minskar", "narrowing"},
    Words{"widening", "ökar", "widening"},
    Words{"fewer_than_five_periods", "färre än fem perioder", "fewer than five periods"},
    Words{"missing_value", "värde saknas", "a value is missing"},
    Words{"no_counts_or_intervals", "varken antal eller intervall", "no counts or intervals"},
    Words{"no_variation", "ingen variation", "no variation"},
    Words{"no_standard_error", "inget medelfel", "no standard error"},
    Words{"no_comparator_value", "inget jämförelsevärde", "no comparator value"},
    Words{"high", "högt är bra", "high is good"},
    Words{"low", "lågt är bra", "low is good"},
    Words{"none", "ingen bedömning", "no judgement"},
};

template <std::size_t N>
const Words* Find(const std::array<Words, N>& list, std::string_view id) {
  for (const Words& words : list) {
    if (words.id == id) return &words;
  }
  return nullptr;
}

}  // namespace

std::string ComparisonColumnLabel(std::string_view column, Language language) {
  const Words* words = Find(kColumns, column);
  if (words == nullptr) return {};
  return std::string(language == Language::kSwedish ? words->sv : words->en);
}

std::string ComparisonMarkLabel(std::string_view id, Language language) {
  const Words* words = Find(kMarks, id);
  if (words == nullptr) return std::string(id);
  return std::string(language == Language::kSwedish ? words->sv : words->en);
}

}  // namespace jamlik::compare
