#pragma once
// Age banding for the age-banded indicator types (dsr, isr, life_expectancy): which band each
// row of the population falls in, from an age in years or an age-band label.
#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "core/table.hpp"
#include "indicators/indicator_definition.hpp"
#include "stats/standard_population.hpp"

namespace jamlik {

// The band of a row outside every band (no age, an age no band holds, or not in the population).
inline constexpr int kNoBand = -1;

// Return the life table's bands: 0, 1–4, 5–9, …, 85–89, 90+.
std::vector<AgeBand> LifeTableBands();

// The band of an age: whole ages up to kTabulatedAges are looked up, others searched.
class AgeBandFinder {
 public:
  explicit AgeBandFinder(std::vector<AgeBand> bands);

  int Find(double age) const {
    if (age >= 0 && age < kTabulatedAges && age == static_cast<int>(age)) {
      return table_[static_cast<int>(age)];
    }
    return Search(age);
  }
  int Find(std::int64_t age) const {
    if (age >= 0 && age < kTabulatedAges) return table_[static_cast<std::size_t>(age)];
    return Search(static_cast<double>(age));
  }

 private:
  static constexpr int kTabulatedAges = 256;

  int Search(double age) const;

  std::vector<AgeBand> bands_;
  std::array<int, kTabulatedAges> table_{};
};

// Where each row's age band comes from: an age in years or an age-band label. Read by the worker
// threads, so everything is resolved up front; the constructor checks the age column (throws
// kInvalidArgument naming the definition when it is not numeric).
class BandSource {
 public:
  BandSource(const IndicatorDefinition& definition, std::vector<AgeBand> bands, const Table& data);

  bool banded() const { return !bands_.empty(); }

  // Set out[i] to the band of row first_row + i where selected[i] is set, kNoBand elsewhere and
  // where the row has no age or an age no band holds; throws for an age-band label that is none
  // of the bands, at the first such row.
  void Find(std::size_t first_row, const std::vector<std::uint8_t>& selected,
            std::vector<int>& out) const;

 private:
  int Of(std::size_t row) const;
  // A single number names the band starting there, as life tables list their start ages.
  int BandOfLabel(const std::string& label) const;

  const IndicatorDefinition* definition_;
  std::vector<AgeBand> bands_;
  AgeBandFinder finder_;
  const Column* age_ = nullptr;
  const IntegerValues* whole_ages_ = nullptr;  // the age column's storage, by type
  const double* ages_ = nullptr;
  const Column* labels_ = nullptr;
  std::vector<int> band_of_code_;                 // categorical labels
  std::vector<std::exception_ptr> parse_errors_;  // categorical labels that are no band at all
};

}  // namespace jamlik
