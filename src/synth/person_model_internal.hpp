#pragma once
// The person model of the synthetic population: Sweden's DeSO-like areas and, for a person in an
// area, the draws of sex, age, household income position, birth region, education, disability,
// death, home care, school eligibility and income. Parameters and their sources: README.md.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "synth/random_internal.hpp"

namespace jamlik::internal {

inline constexpr int kMaxAge = 105;
inline constexpr std::size_t kAges = kMaxAge + 1;

// förgymnasial, gymnasial, eftergymnasial.
enum class Education : std::uint8_t { kPrimary, kSecondary, kTertiary };
enum class BirthRegion : std::uint8_t { kSweden, kNordic, kEurope, kOutsideEurope };

inline constexpr std::array<std::string_view, 3> kEducationNames = {"förgymnasial", "gymnasial",
                                                                    "eftergymnasial"};
inline constexpr std::array<std::string_view, 4> kBirthRegionNames = {"Sverige", "Norden", "Europa",
                                                                      "utanför Europa"};

// A DeSO-like small area.
struct Area {
  std::string code;  // kommun + A (rural) / B (other locality) / C (central locality) + 4 digits
  std::size_t municipality;  // index into Municipalities()
  std::size_t county;        // index into Counties()
  double weight;             // expected persons in the real population
  double foreign_shift;      // log-odds of being born abroad, for municipality size and urbanity
};

struct Person {
  std::size_t sex = 0;  // kWomen or kMen
  int age = 0;
  Education education = Education::kSecondary;  // own from 25, else the parents' highest
  int quintile = 3;                             // of household income, 1 lowest
  BirthRegion birth_region = BirthRegion::kSweden;
  bool disabled = false;
  bool died = false;
  std::optional<bool> home_care;     // from 65
  std::optional<bool> eligible;      // at 16
  std::optional<double> care_hours;  // from 65: hours a month, 0 without home care
  std::optional<double> income;      // from 20: thousand SEK a year
};

class PersonModel {
 public:
  // Return the model, built once from the embedded reference data.
  static const PersonModel& Get();

  // Return all areas of Sweden, ordered by code.
  const std::vector<Area>& areas() const { return areas_; }

  // Draw a person living in `area`; `deprivation` is the area's N(0, 1) draw, high = poorer.
  // `years_from_2025` moves the outcomes along the demo's invented secular trends, and
  // `municipal_levels` gives each municipality its own fixed level of home care, eligibility and
  // mortality (README: Several years); 0 and false are the model as it stands.
  Person Draw(const Area& area, double deprivation, Random& random, int years_from_2025 = 0,
              bool municipal_levels = false) const;

 private:
  // Ordered probit: latent = loading·position + √(1 − loading²)·noise; below `primary` is
  // förgymnasial, at or above `tertiary` eftergymnasial.
  struct EducationCuts {
    double loading;
    double primary;
    double tertiary;
  };

  PersonModel();

  std::vector<Area> areas_;
  // Per county: cumulative weights over (sex, age), women's ages then men's.
  std::vector<std::array<double, 2 * kAges>> age_sex_cumulative_;
  std::array<std::array<EducationCuts, kAges>, 2> education_{};
  std::array<double, kAges> foreign_logit_{};
  std::array<double, kAges> nordic_share_{};
  std::array<double, kAges> disability_logit_{};
  std::array<std::array<double, kAges>, 2> death_{};
  std::array<double, kAges> income_age_{};
  std::array<double, 4> quintile_cuts_{};
};

}  // namespace jamlik::internal
