#include "core/geography.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <span>
#include <utility>

#include "core/embedded_csv_internal.hpp"
#include "core/error.hpp"

namespace jamlik {
namespace {

struct CodeLists {
  std::vector<Municipality> municipalities;
  std::vector<County> counties;
};

CodeLists Load() {
  CodeLists lists;
  for (const auto& row : internal::ParseEmbeddedCsv("kommuner.csv", internal::KommunerCsv(),
                                                    "kommun,kommunnamn,lan,lannamn")) {
    if (row[0].size() != 4 || row[2].size() != 2) {
      internal::EmbeddedResourceDefect("kommuner.csv",
                                       fmt::format("codes '{}', '{}'", row[0], row[2]));
    }
    if (lists.counties.empty() || lists.counties.back().code != row[2]) {
      lists.counties.push_back({std::string(row[2]), std::string(row[3])});
    }
    lists.municipalities.push_back(
        {std::string(row[0]), std::string(row[1]), std::string(row[2]), std::string(row[3])});
  }
  const auto by_code = [](const auto& a, const auto& b) { return a.code < b.code; };
  const auto same_code = [](const auto& a, const auto& b) { return a.code == b.code; };
  if (!std::is_sorted(lists.municipalities.begin(), lists.municipalities.end(), by_code) ||
      !std::is_sorted(lists.counties.begin(), lists.counties.end(), by_code) ||
      std::adjacent_find(lists.municipalities.begin(), lists.municipalities.end(), same_code) !=
          lists.municipalities.end() ||
      std::adjacent_find(lists.counties.begin(), lists.counties.end(), same_code) !=
          lists.counties.end()) {
    internal::EmbeddedResourceDefect("kommuner.csv", "codes must be unique and sorted by county");
  }
  return lists;
}

const CodeLists& Lists() {
  static const CodeLists lists = Load();
  return lists;
}

// Binary search a list sorted by code.
template <typename T>
const T* FindByCode(const std::vector<T>& items, std::string_view code) {
  const auto found =
      std::lower_bound(items.begin(), items.end(), code,
                       [](const T& item, std::string_view c) { return item.code < c; });
  return found != items.end() && found->code == code ? &*found : nullptr;
}

bool IsSmallArea(std::string_view level) {
  return level == area_level::kDeso || level == area_level::kRegso;
}

// The municipality of a municipality, DeSO or RegSO code.
const Municipality* MunicipalityOf(std::string_view level, std::string_view code) {
  if (level == area_level::kMunicipality) return FindMunicipality(code);
  if (IsSmallArea(level) && code.size() > 4) return FindMunicipality(code.substr(0, 4));
  return nullptr;
}

}  // namespace

const std::vector<Municipality>& Municipalities() { return Lists().municipalities; }

const std::vector<County>& Counties() { return Lists().counties; }

const Municipality* FindMunicipality(std::string_view code) {
  return FindByCode(Municipalities(), code);
}

const County* FindCounty(std::string_view code) { return FindByCode(Counties(), code); }

std::optional<std::string> ContainingArea(std::string_view from_level, std::string_view code,
                                          std::string_view to_level) {
  if (from_level == to_level) return std::string(code);
  if (to_level == area_level::kNation) return std::string(kNationCode);
  if (to_level == area_level::kAllData) return std::string(kAllDataCode);
  const Municipality* municipality = MunicipalityOf(from_level, code);
  if (municipality == nullptr) return std::nullopt;
  if (to_level == area_level::kMunicipality && IsSmallArea(from_level)) return municipality->code;
  if (to_level == area_level::kCounty) return municipality->county_code;
  return std::nullopt;
}

BilingualText AreaName(std::string_view level, std::string_view code) {
  if (level == area_level::kNation) return {"Sverige", "Sweden"};
  if (level == area_level::kAllData) return {"Hela datamängden", "All data"};
  if (level == area_level::kMunicipality) {
    if (const Municipality* municipality = FindMunicipality(code)) return municipality->name;
  }
  if (level == area_level::kCounty) {
    if (const County* county = FindCounty(code)) return county->name;
  }
  return std::string(code);
}

std::string_view TopAreaLevel(std::string_view finest_level,
                              const std::vector<std::string>& codes) {
  std::set<std::string> counties;
  for (const std::string& code : codes) {
    const auto county = ContainingArea(finest_level, code, area_level::kCounty);
    if (!county) return area_level::kAllData;
    counties.insert(*county);
  }
  if (counties.size() == Counties().size()) return area_level::kNation;
  if (counties.size() == 1) return area_level::kCounty;
  return area_level::kAllData;
}

std::optional<std::string> TranslateCode(std::string_view code_list, std::string_view code) {
  using Pair = std::pair<std::string_view, std::string_view>;
  // SCB writes the total of sex as "1+2" in API v1 tables and as "TotSa" (or "TotSA") in API v2.
  static constexpr std::array kScbSex = {Pair{"1", "M"}, Pair{"2", "K"}, Pair{"1+2", "T"},
                                         Pair{"TotSa", "T"}, Pair{"TotSA", "T"}};
  static constexpr std::array kKoladaSex = {Pair{"T", "T"}, Pair{"K", "K"}, Pair{"M", "M"}};
  std::span<const Pair> list;
  if (code_list == "scb_kon") list = kScbSex;
  if (code_list == "kolada_kon") list = kKoladaSex;
  if (list.empty()) {
    throw Error(
        ErrorCode::kInvalidArgument,
        fmt::format(fmt::runtime(Tr("kodlistan '{}' finns inte (finns: scb_kon, kolada_kon)",
                                    "code list '{}' does not exist (there are: scb_kon, "
                                    "kolada_kon)")),
                    code_list));
  }
  for (const auto& [from, to] : list) {
    if (from == code) return std::string(to);
  }
  return std::nullopt;
}

namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// SCB's small areas: DeSO "0114A0010" (municipality, A/B/C, four digits), RegSO "0114R001".
std::optional<PlacedArea> SmallArea(std::string_view code) {
  if (code.size() < 8 || FindMunicipality(code.substr(0, 4)) == nullptr) return std::nullopt;
  const char kind = code[4];
  if (code.size() == 9 && (kind == 'A' || kind == 'B' || kind == 'C') &&
      AllDigits(code.substr(5))) {
    return PlacedArea{area_level::kDeso, std::string(code)};
  }
  if (code.size() == 8 && kind == 'R' && AllDigits(code.substr(5))) {
    return PlacedArea{area_level::kRegso, std::string(code)};
  }
  return std::nullopt;
}

}  // namespace

std::optional<PlacedArea> TranslateArea(std::string_view code_list, std::string_view code) {
  if (code_list == "scb_region") {
    if (code == kNationCode) return PlacedArea{area_level::kNation, std::string(kNationCode)};
    if (FindCounty(code) != nullptr) return PlacedArea{area_level::kCounty, std::string(code)};
    if (FindMunicipality(code) != nullptr) {
      return PlacedArea{area_level::kMunicipality, std::string(code)};
    }
    return SmallArea(code);
  }
  if (code_list == "kolada_omrade") {
    // Kolada writes every area with four characters: "0000" the nation, "00" + the county's code
    // for a region ("0018" Region Örebro län), the municipality's code otherwise.
    if (code == "0000") return PlacedArea{area_level::kNation, std::string(kNationCode)};
    if (code.size() == 4 && code.starts_with("00") && FindCounty(code.substr(2)) != nullptr) {
      return PlacedArea{area_level::kCounty, std::string(code.substr(2))};
    }
    if (FindMunicipality(code) != nullptr) {
      return PlacedArea{area_level::kMunicipality, std::string(code)};
    }
    return std::nullopt;
  }
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("områdeslistan '{}' finns inte (finns: scb_region, "
                                          "kolada_omrade)",
                                          "area code list '{}' does not exist (there are: "
                                          "scb_region, kolada_omrade)")),
                          code_list));
}

}  // namespace jamlik
