#pragma once
// Sweden's 290 municipalities and 21 counties (län; the regions share their codes), as SCB codes
// and names. Public facts, embedded in the library from resources/kommuner.csv.
#include <string>
#include <string_view>
#include <vector>

namespace jamlik {

struct Municipality {
  std::string code;         // 4 digits, leading zero kept: "0180"
  std::string name;         // "Stockholm"
  std::string county_code;  // 2 digits: "01"
  std::string county_name;  // "Stockholms län"
};

struct County {
  std::string code;  // 2 digits: "01"
  std::string name;  // "Stockholms län"
};

// Return the municipalities ordered by code.
const std::vector<Municipality>& Municipalities();
// Return the counties ordered by code.
const std::vector<County>& Counties();
// Return the municipality with this 4-digit code, or nullptr.
const Municipality* FindMunicipality(std::string_view code);
// Return the county with this 2-digit code, or nullptr.
const County* FindCounty(std::string_view code);

}  // namespace jamlik
