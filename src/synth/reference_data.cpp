#include "synth/reference_data_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "synth/embedded_resources_internal.hpp"

namespace jamlik::internal {
namespace {

[[noreturn]] void Fail(std::string_view file, std::string_view what) {
  throw Error(ErrorCode::kInternal, fmt::format("embedded resources/{}: {}", file, what),
              SourceLocation{});
}

// Return the data rows of a small comma-separated file without quoting, after checking its header.
std::vector<std::vector<std::string_view>> ParseCsv(std::string_view file, std::string_view text,
                                                    std::string_view header) {
  std::vector<std::vector<std::string_view>> rows;
  bool first = true;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (first) {
      if (line != header) Fail(file, fmt::format("header '{}', expected '{}'", line, header));
      first = false;
      continue;
    }
    std::vector<std::string_view> fields;
    for (std::size_t start = 0;;) {
      const std::size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    const auto expected =
        static_cast<std::size_t>(std::count(header.begin(), header.end(), ',')) + 1;
    if (fields.size() != expected)
      Fail(file, fmt::format("row '{}' has the wrong field count", line));
    rows.push_back(std::move(fields));
  }
  return rows;
}

double ParseCount(std::string_view file, std::string_view text) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
    Fail(file, fmt::format("'{}' is not a count", text));
  }
  return static_cast<double>(value);
}

std::size_t AgeBandIndex(std::string_view label) {
  static constexpr std::array<std::string_view, kAgeBands> kLabels = {
      "0-9",   "10-19", "20-29", "30-39", "40-49", "50-59",
      "60-69", "70-79", "80-89", "90-99", "100+"};
  const auto* found = std::find(kLabels.begin(), kLabels.end(), label);
  if (found == kLabels.end()) Fail("lan_alder_kon.csv", fmt::format("age band '{}'", label));
  return static_cast<std::size_t>(found - kLabels.begin());
}

ReferenceData Load() {
  ReferenceData data;
  std::map<std::string, std::size_t, std::less<>> municipality_index;
  std::map<std::string, std::size_t, std::less<>> county_index;
  for (const auto& row : ParseCsv("kommuner.csv", KommunerCsv(), "kommun,kommunnamn,lan,lannamn")) {
    if (row[0].size() != 4 || row[2].size() != 2 || row[0].substr(0, 2) != row[2]) {
      Fail("kommuner.csv", fmt::format("codes '{}', '{}'", row[0], row[2]));
    }
    auto [county, added] = county_index.try_emplace(std::string(row[2]), data.counties.size());
    if (added) data.counties.push_back({std::string(row[2]), std::string(row[3])});
    municipality_index.emplace(std::string(row[0]), data.municipalities.size());
    data.municipalities.push_back(
        {std::string(row[0]), std::string(row[1]), std::string(row[2]), std::string(row[3])});
    data.county_of.push_back(county->second);
  }
  const auto by_code = [](const auto& a, const auto& b) { return a.code < b.code; };
  if (!std::is_sorted(data.municipalities.begin(), data.municipalities.end(), by_code) ||
      !std::is_sorted(data.counties.begin(), data.counties.end(), by_code) ||
      municipality_index.size() != data.municipalities.size()) {
    Fail("kommuner.csv", "codes must be unique and sorted");
  }

  data.population.assign(data.municipalities.size(), -1.0);
  for (const auto& row :
       ParseCsv("kommun_folkmangd.csv", KommunFolkmangdCsv(), "kommun,folkmangd")) {
    const auto found = municipality_index.find(row[0]);
    if (found == municipality_index.end()) {
      Fail("kommun_folkmangd.csv", fmt::format("unknown municipality '{}'", row[0]));
    }
    data.population[found->second] = ParseCount("kommun_folkmangd.csv", row[1]);
  }
  if (std::find(data.population.begin(), data.population.end(), -1.0) != data.population.end()) {
    Fail("kommun_folkmangd.csv", "a municipality has no population");
  }

  data.county_age_sex.assign(data.counties.size(), AgeSexCounts{});
  for (const auto& row :
       ParseCsv("lan_alder_kon.csv", LanAlderKonCsv(), "lan,alder,kon,folkmangd")) {
    const auto county = county_index.find(row[0]);
    if (county == county_index.end() || (row[2] != "K" && row[2] != "M")) {
      Fail("lan_alder_kon.csv", fmt::format("county '{}', sex '{}'", row[0], row[2]));
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
    if (scb_total <= 0.0) Fail("lan_alder_kon.csv", "a county has no population");
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
