#include "synth/person_model_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <span>

#include "core/error.hpp"
#include "core/geography.hpp"
#include "synth/reference_data_internal.hpp"

namespace jamlik::internal {
namespace {

// SCB's DeSO have 700–2 700 inhabitants; a municipality gets one area per this many.
constexpr double kPersonsPerArea = 1500.0;

struct Knot {
  double x;
  double y;
};

// Household position: N(0, 1) nationally, kAreaLoading² of its variance between areas.
constexpr double kAreaLoading = 0.55;

// Share born abroad by age (roughly SCB's profile); shifted by area and household position.
constexpr Knot kForeignShare[] = {{0, .02},  {5, .06},  {12, .12}, {17, .14}, {22, .19},
                                  {27, .26}, {33, .30}, {40, .29}, {47, .25}, {55, .20},
                                  {62, .17}, {70, .14}, {80, .11}, {95, .09}};
constexpr double kForeignIntercept = -0.05;  // calibrated: 20 % born abroad overall
constexpr double kForeignPosition = -0.6;    // logit per SD of household position
constexpr double kForeignPerLog10Population = 0.25;
constexpr double kForeignUrbanity[] = {-0.4, -0.1, 0.1};  // A, B, C areas
// Among the foreign-born: Nordic share by age (older Finland-born), then Europe a fixed share.
constexpr Knot kNordicShare[] = {{0, .05}, {40, .07}, {55, .18}, {70, .40}, {85, .50}};
constexpr double kEuropeShare = 0.30;

// Education targets by age for women and men: share förgymnasial and share eftergymnasial.
constexpr Knot kPrimaryWomen[] = {{25, .08}, {30, .07}, {50, .07}, {60, .09},
                                  {70, .16}, {80, .32}, {90, .50}, {100, .60}};
constexpr Knot kTertiaryWomen[] = {{25, .50}, {30, .62}, {40, .64}, {50, .53}, {60, .47},
                                   {70, .40}, {80, .30}, {90, .20}, {100, .15}};
constexpr Knot kPrimaryMen[] = {{25, .11}, {30, .10}, {50, .10}, {60, .13},
                                {70, .20}, {80, .30}, {90, .42}, {100, .55}};
constexpr Knot kTertiaryMen[] = {{25, .36}, {30, .47}, {40, .50}, {50, .40}, {60, .35},
                                 {70, .33}, {80, .28}, {90, .24}, {100, .18}};
constexpr int kOwnEducationAge = 25;  // below: the parents' highest education
constexpr double kParentsPrimary = 0.09;
constexpr double kParentsTertiary = 0.57;
constexpr double kEducationPosition = 0.5;         // loading of household position, adults
constexpr double kParentsEducationPosition = 0.6;  // and for the parents of children
// Latent shift and noise scale by birth region: education abroad is more spread out.
constexpr double kEducationShift[] = {0.0, 0.0, -0.1, -0.3};
constexpr double kEducationSpread[] = {1.0, 1.0, 1.1, 1.2};

// Disability prevalence by age, then log-odds by education and income quintile.
constexpr Knot kDisabilityShare[] = {{0, .025}, {15, .04}, {30, .06}, {50, .085},
                                     {65, .13}, {80, .24}, {95, .40}};
constexpr double kDisabilityEducation[] = {0.5, 0.0, -0.35};
constexpr double kDisabilityQuintile[] = {0.3, 0.1, 0.0, -0.1, -0.2};

// Annual death probability: Gompertz–Makeham by sex times relative risks.
struct Gompertz {
  double infant;   // age 0
  double makeham;  // age-independent part
  double level;    // a in a·exp(b·age)
  double slope;    // b
};
constexpr Gompertz kDeathWomen = {0.0019, 1.0e-4, 1.76e-6, 0.123};
constexpr Gompertz kDeathMen = {0.0023, 3.0e-4, 3.8e-6, 0.118};
constexpr double kDeathEducation[] = {1.30, 1.05, 0.88};
constexpr double kDeathQuintile[] = {1.30, 1.10, 1.00, 0.90, 0.80};
constexpr double kDeathDisability = 1.5;
constexpr double kMaxDeathProbability = 0.95;

// Home care (hemtjänst) from 65: log-odds linear in age, shifted by disability, income and sex.
constexpr int kHomeCareAge = 65;
constexpr double kHomeCareIntercept = -5.2;
constexpr double kHomeCarePerYear = 0.165;
constexpr double kHomeCareDisability = 1.1;
constexpr double kHomeCareQuintile[] = {0.4, 0.2, 0.0, -0.15, -0.35};
constexpr double kHomeCareWomen = 0.15;
// Hours per month for users: lognormal, median rising 3 % a year of age, more with disability.
constexpr double kCareHoursMedianAt80 = 20.0;
constexpr double kCareHoursPerYear = 0.03;
constexpr double kCareHoursDisability = 1.6;
constexpr double kCareHoursSigma = 0.8;
// At least half an hour (so users and non-users differ in the file) and at most a month's hours.
constexpr double kCareHoursMin = 0.5;
constexpr double kCareHoursMax = 720.0;

// Upper-secondary eligibility at 16: log-odds by parents' education, birth region, quintile.
constexpr int kEligibilityAge = 16;
constexpr double kEligibilityEducation[] = {0.95, 1.95, 2.9};
constexpr double kEligibilityRegion[] = {0.0, -0.2, -0.5, -1.2};
constexpr double kEligibilityQuintile[] = {-0.3, -0.1, 0.0, 0.1, 0.3};

// Secular trends per year (log-odds or log relative risk), zero at 2025: home care falling,
// eligibility rising (faster where parents have förgymnasial education, so the gap narrows),
// mortality falling 3 % a year.
constexpr double kHomeCareTrend = -0.15;
constexpr double kHomeCareTrendLocal = 0.06;
constexpr double kEligibilityTrend = 0.15;
constexpr double kEligibilityTrendLocal = 0.06;
constexpr double kEligibilityTrendPrimary = 0.10;
constexpr double kDeathPerYear = -0.03;
// Municipal levels (log-odds or log relative risk) times a fixed factor in [-1, 1].
constexpr double kHomeCareLevel = 0.35;
constexpr double kEligibilityLevel = 0.5;
constexpr double kDeathLevel = 0.12;

// Disposable income (thousand SEK a year) from 20: lognormal, median by quintile × age × sex.
constexpr int kIncomeAge = 20;
constexpr double kIncomeMedian[] = {140, 200, 250, 300, 400};
constexpr Knot kIncomeAgeFactor[] = {{20, .50},  {26, .80}, {35, 1.0}, {50, 1.10},
                                     {64, 1.05}, {66, .80}, {85, .70}, {105, .65}};
constexpr double kIncomeSex[] = {0.94, 1.06};  // women, men
constexpr double kIncomeSigma = 0.35;

double Logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double Logit(double p) { return std::log(p / (1.0 - p)); }
double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

// Bisection suffices: it fills a few hundred table entries once.
double NormalQuantile(double p) {
  double low = -10.0;
  double high = 10.0;
  for (int i = 0; i < 80; ++i) {
    const double middle = 0.5 * (low + high);
    if (NormalCdf(middle) < p) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return 0.5 * (low + high);
}

// Interpolate linearly between knots sorted by x, constant beyond both ends.
double Interpolate(std::span<const Knot> knots, double x) {
  if (x <= knots.front().x) return knots.front().y;
  for (std::size_t i = 1; i < knots.size(); ++i) {
    if (x <= knots[i].x) {
      const double t = (x - knots[i - 1].x) / (knots[i].x - knots[i - 1].x);
      return knots[i - 1].y + t * (knots[i].y - knots[i - 1].y);
    }
  }
  return knots.back().y;
}

// Spread a county's 10-year bands over single years: density interpolated linearly between band
// midpoints (the open band 100+ at 101 with a third of its count, as few pass 102), then
// rescaled so each band keeps its count. Ages 100–105 fall geometrically.
std::array<double, kAges> SingleYears(const std::array<double, kAgeBands>& bands) {
  std::array<Knot, kAgeBands> density{};
  for (std::size_t b = 0; b + 1 < kAgeBands; ++b) {
    density[b] = {10.0 * static_cast<double>(b) + 5.0, bands[b] / 10.0};
  }
  density[kAgeBands - 1] = {101.0, bands[kAgeBands - 1] / 3.0};
  std::array<double, kAges> years{};
  for (std::size_t b = 0; b + 1 < kAgeBands; ++b) {
    double sum = 0.0;
    for (std::size_t age = 10 * b; age < 10 * b + 10; ++age) {
      years[age] = Interpolate(density, static_cast<double>(age) + 0.5);
      sum += years[age];
    }
    for (std::size_t age = 10 * b; age < 10 * b + 10; ++age) {
      years[age] *= sum > 0.0 ? bands[b] / sum : 0.0;
    }
  }
  constexpr double kCentenarianRatio = 0.6;
  const double geometric_sum = (1.0 - std::pow(kCentenarianRatio, 6)) / (1.0 - kCentenarianRatio);
  for (std::size_t age = 100; age < kAges; ++age) {
    years[age] = bands[kAgeBands - 1] / geometric_sum *
                 std::pow(kCentenarianRatio, static_cast<double>(age - 100));
  }
  return years;
}

double DeathProbability(const Gompertz& g, int age) {
  if (age == 0) return g.infant;
  return std::min(kMaxDeathProbability, g.makeham + g.level * std::exp(g.slope * age));
}

// Split a municipality into areas A (rural), B (other localities), C (the central locality),
// the rural and small-town shares falling with population; every municipality has a C area.
void AddAreas(const Municipality& municipality, std::size_t index, std::size_t county,
              double population, std::vector<Area>& areas) {
  const auto count =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(population / kPersonsPerArea)));
  const double scale = std::log10(population / 3000.0);
  const double rural = std::clamp(0.55 - 0.22 * scale, 0.0, 0.55);
  const double small_town = std::clamp(0.25 - 0.06 * scale, 0.05, 0.25);
  std::array<std::size_t, 3> per_letter = {
      static_cast<std::size_t>(std::lround(static_cast<double>(count) * rural)),
      static_cast<std::size_t>(std::lround(static_cast<double>(count) * small_town)), 0};
  while (per_letter[0] + per_letter[1] >= count) --per_letter[per_letter[0] > 0 ? 0 : 1];
  per_letter[2] = count - per_letter[0] - per_letter[1];
  if (per_letter[2] > 899) {  // the 4-digit numbers 1010, 1020, …, 9990 would run out
    throw Error(ErrorCode::kInternal, fmt::format("too many areas in {}", municipality.code));
  }

  // Unequal sizes (0.6–1.4 of the mean) from the golden-ratio sequence: spread, and seed-free.
  std::vector<double> sizes(count);
  for (std::size_t i = 0; i < count; ++i) {
    sizes[i] = 0.6 + 0.8 * std::fmod(static_cast<double>(i + 1) * std::numbers::phi, 1.0);
  }
  const double size_sum = std::accumulate(sizes.begin(), sizes.end(), 0.0);
  const double log_population = std::log10(population / 50000.0);
  std::size_t i = 0;
  for (std::size_t letter = 0; letter < 3; ++letter) {
    for (std::size_t k = 1; k <= per_letter[letter]; ++k, ++i) {
      areas.push_back(
          {fmt::format("{}{}{}", municipality.code, static_cast<char>('A' + letter), 1000 + 10 * k),
           index, county, population * sizes[i] / size_sum,
           kForeignPerLog10Population * log_population + kForeignUrbanity[letter]});
    }
  }
}

}  // namespace

const PersonModel& PersonModel::Get() {
  static const PersonModel model;
  return model;
}

PersonModel::PersonModel() {
  const ReferenceData& reference = Reference();
  const auto cuts = [](double loading, double primary_share, double tertiary_share) {
    return EducationCuts{loading, NormalQuantile(primary_share),
                         NormalQuantile(1.0 - tertiary_share)};
  };
  for (std::size_t m = 0; m < reference.municipalities.size(); ++m) {
    AddAreas(reference.municipalities[m], m, reference.county_of[m], reference.population[m],
             areas_);
  }
  for (const AgeSexCounts& counts : reference.county_age_sex) {
    std::array<double, 2 * kAges> cumulative{};
    double sum = 0.0;
    for (std::size_t sex : {kWomen, kMen}) {
      const std::array<double, kAges> years = SingleYears(counts[sex]);
      for (std::size_t age = 0; age < kAges; ++age) {
        sum += years[age];
        cumulative[sex * kAges + age] = sum;
      }
    }
    age_sex_cumulative_.push_back(cumulative);
  }
  for (std::size_t age = 0; age < kAges; ++age) {
    const auto x = static_cast<double>(age);
    if (static_cast<int>(age) < kOwnEducationAge) {
      const EducationCuts parents =
          cuts(kParentsEducationPosition, kParentsPrimary, kParentsTertiary);
      education_[kWomen][age] = education_[kMen][age] = parents;
    } else {
      education_[kWomen][age] =
          cuts(kEducationPosition, Interpolate(kPrimaryWomen, x), Interpolate(kTertiaryWomen, x));
      education_[kMen][age] =
          cuts(kEducationPosition, Interpolate(kPrimaryMen, x), Interpolate(kTertiaryMen, x));
    }
    foreign_logit_[age] = Logit(Interpolate(kForeignShare, x)) + kForeignIntercept;
    nordic_share_[age] = Interpolate(kNordicShare, x);
    disability_logit_[age] = Logit(Interpolate(kDisabilityShare, x));
    death_[kWomen][age] = DeathProbability(kDeathWomen, static_cast<int>(age));
    death_[kMen][age] = DeathProbability(kDeathMen, static_cast<int>(age));
    income_age_[age] = Interpolate(kIncomeAgeFactor, x);
  }
  for (std::size_t q = 0; q < 4; ++q) {
    quintile_cuts_[q] = NormalQuantile(0.2 * static_cast<double>(q + 1));
  }
}

Person PersonModel::Draw(const Area& area, double deprivation, Random& random, int years_from_2025,
                         bool municipal_levels) const {
  // Invented secular trends per year from 2025 and municipal levels (README: Several years), each
  // municipality's from fixed factors in [-1, 1], so that some are better than their county and
  // some improve faster.
  const double t = static_cast<double>(years_from_2025);
  const auto m = static_cast<double>(area.municipality);
  const double local = std::sin(1.7 * m);
  const double care_level = municipal_levels ? kHomeCareLevel * std::sin(2.9 * m + 1.0) : 0.0;
  const double eligibility_level = municipal_levels ? kEligibilityLevel * std::cos(2.3 * m) : 0.0;
  const double death_level = municipal_levels ? kDeathLevel * std::sin(1.3 * m + 2.0) : 0.0;
  Person p;
  const auto& cumulative = age_sex_cumulative_[area.county];
  const auto cell =
      static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end() - 1,
                                                random.Uniform() * cumulative.back()) -
                               cumulative.begin());
  p.sex = cell / kAges;
  p.age = static_cast<int>(cell % kAges);
  const auto age = static_cast<std::size_t>(p.age);

  // Household position: standard normal nationally, so quintiles cut at normal quantiles.
  const double position =
      -kAreaLoading * deprivation + std::sqrt(1.0 - kAreaLoading * kAreaLoading) * random.Normal();
  p.quintile = 1 + static_cast<int>(std::count_if(quintile_cuts_.begin(), quintile_cuts_.end(),
                                                  [&](double cut) { return position >= cut; }));
  const auto q = static_cast<std::size_t>(p.quintile - 1);

  if (random.Bernoulli(
          Logistic(foreign_logit_[age] + area.foreign_shift + kForeignPosition * position))) {
    const double u = random.Uniform();
    p.birth_region = u < nordic_share_[age]                  ? BirthRegion::kNordic
                     : u < nordic_share_[age] + kEuropeShare ? BirthRegion::kEurope
                                                             : BirthRegion::kOutsideEurope;
  }
  const auto region = static_cast<std::size_t>(p.birth_region);

  const EducationCuts& cuts = education_[p.sex][age];
  const double latent =
      cuts.loading * position + kEducationShift[region] +
      kEducationSpread[region] * std::sqrt(1.0 - cuts.loading * cuts.loading) * random.Normal();
  p.education = latent < cuts.primary    ? Education::kPrimary
                : latent < cuts.tertiary ? Education::kSecondary
                                         : Education::kTertiary;
  const auto education = static_cast<std::size_t>(p.education);

  p.disabled = random.Bernoulli(
      Logistic(disability_logit_[age] + kDisabilityEducation[education] + kDisabilityQuintile[q]));
  p.died = random.Bernoulli(
      std::min(kMaxDeathProbability, death_[p.sex][age] * kDeathEducation[education] *
                                         kDeathQuintile[q] * (p.disabled ? kDeathDisability : 1.0) *
                                         std::exp(kDeathPerYear * t + death_level)));

  if (p.age >= kHomeCareAge) {
    p.home_care =
        random.Bernoulli(Logistic(kHomeCareIntercept + kHomeCarePerYear * (p.age - kHomeCareAge) +
                                  (p.disabled ? kHomeCareDisability : 0.0) + kHomeCareQuintile[q] +
                                  (p.sex == kWomen ? kHomeCareWomen : 0.0) +
                                  (kHomeCareTrend + kHomeCareTrendLocal * local) * t + care_level));
    p.care_hours = 0.0;
    if (*p.home_care) {
      p.care_hours = std::clamp(kCareHoursMedianAt80 * std::exp(kCareHoursPerYear * (p.age - 80)) *
                                    (p.disabled ? kCareHoursDisability : 1.0) *
                                    std::exp(kCareHoursSigma * random.Normal()),
                                kCareHoursMin, kCareHoursMax);
    }
  }
  if (p.age == kEligibilityAge) {
    p.eligible = random.Bernoulli(Logistic(
        kEligibilityEducation[education] + kEligibilityRegion[region] + kEligibilityQuintile[q] +
        (kEligibilityTrend + kEligibilityTrendLocal * local +
         (p.education == Education::kPrimary ? kEligibilityTrendPrimary : 0.0)) *
            t +
        eligibility_level));
  }
  if (p.age >= kIncomeAge) {
    p.income = kIncomeMedian[q] * income_age_[age] * kIncomeSex[p.sex] *
               std::exp(kIncomeSigma * random.Normal());
  }
  return p;
}

}  // namespace jamlik::internal
