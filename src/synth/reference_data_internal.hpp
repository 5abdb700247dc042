#pragma once
// The embedded reference files, parsed and checked once: municipalities and counties, municipal
// populations scaled to SCB's county totals, and each county's population by age band and sex.
#include <array>
#include <cstddef>
#include <vector>

#include "core/geography.hpp"

namespace jamlik::internal {

// SCB's 10-year bands 0-9, …, 90-99 and the open band 100+.
inline constexpr std::size_t kAgeBands = 11;
// Sex index in the tables: 0 = K (women), 1 = M (men).
inline constexpr std::size_t kWomen = 0;
inline constexpr std::size_t kMen = 1;

using AgeSexCounts = std::array<std::array<double, kAgeBands>, 2>;

struct ReferenceData {
  std::vector<Municipality> municipalities;  // by code
  std::vector<County> counties;              // by code
  std::vector<std::size_t> county_of;        // municipality index → county index
  // Approximate municipal population times the factor that makes each county sum to SCB's total.
  std::vector<double> population;
  std::vector<AgeSexCounts> county_age_sex;  // county index → [sex][band]
};

// Return the parsed data; throws kInternal (a build defect) when the files disagree.
const ReferenceData& Reference();

}  // namespace jamlik::internal
