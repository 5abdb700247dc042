#include "synth/reference_data_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <string>
#include <string_view>

#include "core/embedded_csv_internal.hpp"
#include "core/error.hpp"
#include "synth/embedded_resources_internal.hpp"

namespace jamlik::internal {
namespace {

double ParseCount(std::string_view file, std::string_view text) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
    EmbeddedResourceDefect(file, fmt::format("'{}' is not a count", text));
  }
  return static_cast<double>(value);
}

std::size_t AgeBandIndex(std::string_view label) {
  static constexpr std::array<std::string_view, kAgeBands> kLabels = {
      "0-9",   "10-19", "20-29", "30-39", "40-49", "50-59",
      "60-69", "70-79", "80-89", "90-99", "100+"};
  const auto* found = std::find(kLabels.begin(), kLabels.end(), label);
  if (found == kLabels.end())
    EmbeddedResourceDefect("lan_alder_kon.csv", fmt::format("age band '{}'", label));
  return static_cast<std::size_t>(found - kLabels.begin());
}

ReferenceData Load() {
  ReferenceData data;
  std::map<std::string, std::size_t, std::less<>> municipality_index;
  std::map<std::string, std::size_t, std::less<>> county_index;
  data.municipalities = Municipalities();
  data.counties = Counties();
  for (std::size_t c = 0; c < data.counties.size(); ++c) {
    county_index.emplace(data.counties[c].code, c);
  }
  for (std::size_t m = 0; m < data.municipalities.size(); ++m) {
    municipality_index.emplace(data.municipalities[m].code, m);
    data.county_of.push_back(county_index.at(data.municipalities[m].county_code));
  }

  data.population.assign(data.municipalities.size(), -1.0);
  for (const auto& row :
       ParseEmbeddedCsv("kommun_folkmangd.csv", KommunFolkmangdCsv(), "kommun,folkmangd")) {
    const auto found = municipality_index.find(row[0]);
    if (found == municipality_index.end()) {
      EmbeddedResourceDefect("kommun_folkmangd.csv",
                             fmt::format("unknown municipality '{}'", row[0]));
    }
    data.population[found->second] = ParseCount("kommun_folkmangd.csv", row[1]);
  }
  if (std::find(data.population.begin(), data.population.end(), -1.0) != data.population.end()) {
    EmbeddedResourceDefect("kommun_folkmangd.csv", "a municipality has no population");
  }

  data.county_age_sex.assign(data.counties.size(), AgeSexCounts{});
  for (const auto& row :
       ParseEmbeddedCsv("lan_alder_kon.csv", LanAlderKonCsv(), "lan,alder,kon,folkmangd")) {
    const auto county = county_index.find(row[0]);
    if (county == county_index.end() || (row[2] != "K" && row[2] != "M")) {
      EmbeddedResourceDefect("lan_alder_kon.csv",
                             fmt::format("county '{}', sex '{}'", row[0], row[2]));
    }
    const std::size_t sex = row[2] == "K" ? kWomen : kMen;
    data.county_age_sex[county->second][sex][AgeBandIndex(row[1])] =
        ParseCount("lan_alder_kon.csv", row[3]);
  }

  // Scale the rounded municipal figures so that each county adds up to SCB's count.
  std::vector<double> approximate(data.counties.size(), 0.0);
  for (std::size_t m = 0; m < data.municipalities.size(); ++m) {
    approximate[data.county_of[m]] += data.population[m];
  }
  for (std::size_t m = 0; m < data.municipalities.size(); ++m) {
    double scb_total = 0.0;
    for (const auto& bands : data.county_age_sex[data.county_of[m]]) {
      for (double count : bands) scb_total += count;
    }
    if (scb_total <= 0.0) EmbeddedResourceDefect("lan_alder_kon.csv", "a county has no population");
    data.population[m] *= scb_total / approximate[data.county_of[m]];
  }
  return data;
}

}  // namespace

const ReferenceData& Reference() {
  static const ReferenceData data = Load();
  return data;
}

}  // namespace jamlik::internal
