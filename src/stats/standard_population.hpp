#pragma once
// Standard populations for direct age standardisation: the European Standard Population 2013
// built in (the project's default), and any other, e.g. the Swedish population of a chosen year,
// loaded from a table of (age band, population).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"

namespace jamlik {

// The ages [start, end], both inclusive; an open band ("90+") has no end.
struct AgeBand {
  int start = 0;
  std::optional<int> end;

  bool operator==(const AgeBand&) const = default;
};

// Return the label "0", "1-4" or "90+".
std::string AgeBandLabel(const AgeBand& band);

// Parse a label: two integers are a closed band ("0-4", "00-04", "10 – 14"), one integer and a
// '+' an open band ("90+"), one integer alone a single year ("0"). Throws kBadValue otherwise.
AgeBand ParseAgeBand(std::string_view label);

struct StandardPopulationBand {
  AgeBand band;
  double population = 0;
};

class StandardPopulation {
 public:
  // Take bands in any order. Throws kInvalidArgument unless they cover every age from 0 without
  // gaps or overlaps, the last band is open, each population is finite and >= 0, and the total is
  // positive.
  StandardPopulation(std::string name, std::vector<StandardPopulationBand> bands);

  // Read one band per row from `age_band_column` (labels as ParseAgeBand reads them) and
  // `population_column` (numeric). Throws kUnknownColumn, kTypeMismatch, kBadValue for a null or
  // unreadable cell (naming the row), or as the constructor does.
  static StandardPopulation FromTable(std::string name, const Table& table,
                                      std::string_view age_band_column,
                                      std::string_view population_column);

  const std::string& name() const { return name_; }
  // The bands sorted by age.
  const std::vector<StandardPopulationBand>& bands() const { return bands_; }
  double Total() const;

  // Return the standard population of `band`, the sum of the bands it covers. Throws
  // kInvalidArgument when `band` does not start and end on this population's band limits (0-2
  // cannot be taken from a 0-4 band).
  double Population(const AgeBand& band) const;

  // Return this population folded into bands starting at `start_ages` (the first 0, increasing,
  // the last band open), e.g. {0, 5, …, 90} for PHE's 19 bands. Throws as Population does.
  StandardPopulation Regroup(std::span<const int> start_ages) const;

 private:
  std::string name_;
  std::vector<StandardPopulationBand> bands_;
};

// Return the European Standard Population 2013 in its 21 published bands 0, 1-4, 5-9, …, 90-94, 95+
// (total 100 000). Reference: Eurostat (2013) Revision of the European Standard Population, Report
// of Eurostat's task force, Methodologies and Working papers, table 3.2.
const StandardPopulation& Esp2013();

// Return ESP 2013 in five-year bands 0-4, 5-9, … with the open band from `open_from` (a multiple of
// 5 from 5 to 95): 90 gives the 19 bands PHE publishes with, 85 the 18 bands of older tables.
StandardPopulation Esp2013FiveYear(int open_from = 90);

}  // namespace jamlik
