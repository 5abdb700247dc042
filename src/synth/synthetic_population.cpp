#include "synth/synthetic_population.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <numbers>
#include <numeric>
#include <optional>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/parallel.hpp"
#include "synth/municipalities.hpp"
#include "synth/random_internal.hpp"
#include "synth/reference_data_internal.hpp"

namespace jamlik {
namespace {

using internal::kAgeBands;
using internal::kMen;
using internal::kWomen;

constexpr int kMaxAge = 105;
constexpr std::size_t kAges = kMaxAge + 1;
// Persons per block. Each block draws from its own stream, so the bytes do not depend on how
// blocks are spread over threads. Changing it changes every file.
constexpr std::size_t kBlockSize = std::size_t{1} << 16;
// The stream of the area-level draws, apart from the block streams 0, 1, 2, …
constexpr std::uint64_t kAreaStream = ~std::uint64_t{0};
// SCB's DeSO have 700–2 700 inhabitants; a municipality gets one area per this many.
constexpr double kPersonsPerArea = 1500.0;

// ---- Model parameters (README.md explains each) ----------------------------------------------

struct Knot {
  double x;
  double y;
};

// Household position: N(0, 1) nationally, kAreaLoading² of its variance between areas.
constexpr double kAreaLoading = 0.55;

// Share born abroad by age (SCB's profile, rounded); shifted by area and household position.
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

// Upper-secondary eligibility at 16: log-odds by parents' education, birth region, quintile.
constexpr int kEligibilityAge = 16;
constexpr double kEligibilityEducation[] = {0.95, 1.95, 2.9};
constexpr double kEligibilityRegion[] = {0.0, -0.2, -0.5, -1.2};
constexpr double kEligibilityQuintile[] = {-0.3, -0.1, 0.0, 0.1, 0.3};

// Disposable income (thousand SEK a year) from 20: lognormal, median by quintile × age × sex.
constexpr int kIncomeAge = 20;
constexpr double kIncomeMedian[] = {140, 200, 250, 300, 400};
constexpr Knot kIncomeAgeFactor[] = {{20, .50},  {26, .80}, {35, 1.0}, {50, 1.10},
                                     {64, 1.05}, {66, .80}, {85, .70}, {105, .65}};
constexpr double kIncomeSex[] = {0.94, 1.06};  // women, men
constexpr double kIncomeSigma = 0.35;

// ---- Model tables --------------------------------------------------------------------------

enum class Education : std::uint8_t { kPrimary, kSecondary, kTertiary };
enum class BirthRegion : std::uint8_t { kSweden, kNordic, kEurope, kOutsideEurope };

constexpr std::string_view kEducationNames[] = {"förgymnasial", "gymnasial", "eftergymnasial"};
constexpr std::string_view kBirthRegionNames[] = {"Sverige", "Norden", "Europa", "utanför Europa"};

double Logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double Logit(double p) { return std::log(p / (1.0 - p)); }
double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

// Bisection suffices: it fills a few hundred table entries once.
double NormalQuantile(double p) {
  double low = -10.0;
  double high = 10.0;
  for (int i = 0; i < 80; ++i) {
    const double middle = 0.5 * (low + high);
    (NormalCdf(middle) < p ? low : high) = middle;
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

// Ordered probit: latent = loading·position + √(1 − loading²)·noise; below `primary` is
// förgymnasial, at or above `tertiary` eftergymnasial.
struct EducationCuts {
  double loading;
  double primary;
  double tertiary;
};

EducationCuts MakeCuts(double loading, double primary_share, double tertiary_share) {
  return {loading, NormalQuantile(primary_share), NormalQuantile(1.0 - tertiary_share)};
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

struct Area {
  std::string code;  // DeSO-like: kommun + A/B/C + 4 digits
  std::size_t municipality;
  std::size_t county;
  double weight;         // expected persons in the real population
  double foreign_shift;  // log-odds of being born abroad, for municipality size and urbanity
};

// Everything that does not depend on the options, built once.
struct Model {
  std::vector<Area> areas;  // all of Sweden, by code
  // Per county: cumulative weights over (sex, age), women's ages then men's.
  std::vector<std::array<double, 2 * kAges>> age_sex_cumulative;
  std::array<std::array<EducationCuts, kAges>, 2> education{};
  std::array<double, kAges> foreign_logit{};
  std::array<double, kAges> nordic_share{};
  std::array<double, kAges> disability_logit{};
  std::array<std::array<double, kAges>, 2> death{};
  std::array<double, kAges> income_age{};
  std::array<double, 4> quintile_cuts{};
};

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

Model BuildModel() {
  const internal::ReferenceData& reference = internal::Reference();
  Model model;
  for (std::size_t m = 0; m < reference.municipalities.size(); ++m) {
    AddAreas(reference.municipalities[m], m, reference.county_of[m], reference.population[m],
             model.areas);
  }
  for (const internal::AgeSexCounts& counts : reference.county_age_sex) {
    std::array<double, 2 * kAges> cumulative{};
    double sum = 0.0;
    for (std::size_t sex : {kWomen, kMen}) {
      const std::array<double, kAges> years = SingleYears(counts[sex]);
      for (std::size_t age = 0; age < kAges; ++age) {
        sum += years[age];
        cumulative[sex * kAges + age] = sum;
      }
    }
    model.age_sex_cumulative.push_back(cumulative);
  }
  for (std::size_t age = 0; age < kAges; ++age) {
    const auto x = static_cast<double>(age);
    if (static_cast<int>(age) < kOwnEducationAge) {
      const EducationCuts parents =
          MakeCuts(kParentsEducationPosition, kParentsPrimary, kParentsTertiary);
      model.education[kWomen][age] = model.education[kMen][age] = parents;
    } else {
      model.education[kWomen][age] = MakeCuts(kEducationPosition, Interpolate(kPrimaryWomen, x),
                                              Interpolate(kTertiaryWomen, x));
      model.education[kMen][age] =
          MakeCuts(kEducationPosition, Interpolate(kPrimaryMen, x), Interpolate(kTertiaryMen, x));
    }
    model.foreign_logit[age] = Logit(Interpolate(kForeignShare, x)) + kForeignIntercept;
    model.nordic_share[age] = Interpolate(kNordicShare, x);
    model.disability_logit[age] = Logit(Interpolate(kDisabilityShare, x));
    model.death[kWomen][age] = DeathProbability(kDeathWomen, static_cast<int>(age));
    model.death[kMen][age] = DeathProbability(kDeathMen, static_cast<int>(age));
    model.income_age[age] = Interpolate(kIncomeAgeFactor, x);
  }
  for (std::size_t q = 0; q < 4; ++q) {
    model.quintile_cuts[q] = NormalQuantile(0.2 * static_cast<double>(q + 1));
  }
  return model;
}

const Model& GetModel() {
  static const Model model = BuildModel();
  return model;
}

// ---- One person ----------------------------------------------------------------------------

struct AreaDraw {
  const Area* area;
  double deprivation;  // N(0, 1) per area and seed; high = poorer
};

struct Person {
  std::size_t sex = kWomen;
  int age = 0;
  Education education = Education::kSecondary;
  int quintile = 3;
  BirthRegion birth_region = BirthRegion::kSweden;
  bool disabled = false;
  bool died = false;
  std::optional<bool> home_care;
  std::optional<bool> eligible;
  std::optional<double> care_hours;
  std::optional<double> income;
};

Person DrawPerson(const Model& model, const AreaDraw& area, internal::Random& random) {
  Person p;
  const auto& cumulative = model.age_sex_cumulative[area.area->county];
  const auto cell =
      static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end() - 1,
                                                random.Uniform() * cumulative.back()) -
                               cumulative.begin());
  p.sex = cell / kAges;
  p.age = static_cast<int>(cell % kAges);
  const auto age = static_cast<std::size_t>(p.age);

  // Household position: standard normal nationally, so quintiles cut at normal quantiles.
  const double position = -kAreaLoading * area.deprivation +
                          std::sqrt(1.0 - kAreaLoading * kAreaLoading) * random.Normal();
  p.quintile =
      1 + static_cast<int>(std::count_if(model.quintile_cuts.begin(), model.quintile_cuts.end(),
                                         [&](double cut) { return position >= cut; }));
  const auto q = static_cast<std::size_t>(p.quintile - 1);

  if (random.Bernoulli(Logistic(model.foreign_logit[age] + area.area->foreign_shift +
                                kForeignPosition * position))) {
    const double u = random.Uniform();
    p.birth_region = u < model.nordic_share[age]                  ? BirthRegion::kNordic
                     : u < model.nordic_share[age] + kEuropeShare ? BirthRegion::kEurope
                                                                  : BirthRegion::kOutsideEurope;
  }
  const auto region = static_cast<std::size_t>(p.birth_region);

  const EducationCuts& cuts = model.education[p.sex][age];
  const double latent =
      cuts.loading * position + kEducationShift[region] +
      kEducationSpread[region] * std::sqrt(1.0 - cuts.loading * cuts.loading) * random.Normal();
  p.education = latent < cuts.primary    ? Education::kPrimary
                : latent < cuts.tertiary ? Education::kSecondary
                                         : Education::kTertiary;
  const auto education = static_cast<std::size_t>(p.education);

  p.disabled = random.Bernoulli(Logistic(model.disability_logit[age] +
                                         kDisabilityEducation[education] + kDisabilityQuintile[q]));
  p.died = random.Bernoulli(std::min(
      kMaxDeathProbability, model.death[p.sex][age] * kDeathEducation[education] *
                                kDeathQuintile[q] * (p.disabled ? kDeathDisability : 1.0)));

  if (p.age >= kHomeCareAge) {
    p.home_care =
        random.Bernoulli(Logistic(kHomeCareIntercept + kHomeCarePerYear * (p.age - kHomeCareAge) +
                                  (p.disabled ? kHomeCareDisability : 0.0) + kHomeCareQuintile[q] +
                                  (p.sex == kWomen ? kHomeCareWomen : 0.0)));
    p.care_hours = 0.0;
    if (*p.home_care) {
      p.care_hours = kCareHoursMedianAt80 * std::exp(kCareHoursPerYear * (p.age - 80)) *
                     (p.disabled ? kCareHoursDisability : 1.0) *
                     std::exp(kCareHoursSigma * random.Normal());
    }
  }
  if (p.age == kEligibilityAge) {
    p.eligible = random.Bernoulli(Logistic(kEligibilityEducation[education] +
                                           kEligibilityRegion[region] + kEligibilityQuintile[q]));
  }
  if (p.age >= kIncomeAge) {
    p.income = kIncomeMedian[q] * model.income_age[age] * kIncomeSex[p.sex] *
               std::exp(kIncomeSigma * random.Normal());
  }
  return p;
}

// ---- Text ----------------------------------------------------------------------------------

struct Format {
  char delimiter;
  char decimal;
};

void AppendUnsigned(std::string& out, unsigned long long value) {
  char digits[24];
  const auto result = std::to_chars(std::begin(digits), std::end(digits), value);
  out.append(digits, result.ptr);
}

// Write a non-negative value with one decimal.
void AppendTenths(std::string& out, double value, char decimal) {
  const auto tenths = static_cast<unsigned long long>(std::llround(value * 10.0));
  AppendUnsigned(out, tenths / 10);
  out += decimal;
  out += static_cast<char>('0' + tenths % 10);
}

void AppendRow(const Person& p, std::string_view prefix, Format format, std::string& out) {
  const char d = format.delimiter;
  out += prefix;
  out += p.sex == kWomen ? 'K' : 'M';
  out += d;
  AppendUnsigned(out, static_cast<unsigned>(p.age));
  out += d;
  out += kEducationNames[static_cast<std::size_t>(p.education)];
  out += d;
  out += static_cast<char>('0' + p.quintile);
  out += d;
  out += kBirthRegionNames[static_cast<std::size_t>(p.birth_region)];
  out += d;
  out += p.disabled ? "ja" : "nej";
  out += d;
  out += p.died ? '1' : '0';
  out += d;
  if (p.home_care) out += *p.home_care ? '1' : '0';
  out += d;
  if (p.eligible) out += *p.eligible ? '1' : '0';
  out += d;
  if (p.care_hours) AppendTenths(out, *p.care_hours, format.decimal);
  out += d;
  if (p.income) AppendTenths(out, *p.income, format.decimal);
  out += '\n';
}

// ---- The run -------------------------------------------------------------------------------

// The areas of the chosen county (or all), each with its deprivation, its row prefix and its
// exact number of persons: largest remainders of persons × weight, so shares hold exactly.
struct Plan {
  std::vector<AreaDraw> areas;
  std::vector<std::string> prefixes;      // "ar,lan,kommun,deso,"
  std::vector<std::size_t> first_person;  // areas.size() + 1 entries
};

Plan MakePlan(const Model& model, const SynthOptions& options) {
  const std::vector<Municipality>& municipalities = Municipalities();
  // Draw for every area of Sweden, so an area is the same in a county file and a national one.
  internal::Random random(options.seed, kAreaStream);
  Plan plan;
  for (const Area& area : model.areas) {
    const double deprivation = random.Normal();
    const Municipality& municipality = municipalities[area.municipality];
    if (!options.county.empty() && municipality.county_code != options.county) continue;
    plan.areas.push_back({&area, deprivation});
    const char d = options.delimiter;
    plan.prefixes.push_back(fmt::format("{}{}{}{}{}{}{}{}", options.year, d,
                                        municipality.county_code, d, municipality.code, d,
                                        area.code, d));
  }
  double total_weight = 0.0;
  for (const AreaDraw& area : plan.areas) total_weight += area.area->weight;
  std::vector<std::size_t> counts(plan.areas.size());
  std::vector<double> remainders(plan.areas.size());
  std::size_t assigned = 0;
  for (std::size_t i = 0; i < plan.areas.size(); ++i) {
    const double quota =
        static_cast<double>(options.persons) * plan.areas[i].area->weight / total_weight;
    counts[i] = static_cast<std::size_t>(quota);
    remainders[i] = quota - static_cast<double>(counts[i]);
    assigned += counts[i];
  }
  std::vector<std::size_t> order(plan.areas.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; assigned < options.persons; ++k, ++assigned) ++counts[order[k]];
  plan.first_person.resize(plan.areas.size() + 1);
  std::exclusive_scan(counts.begin(), counts.end(), plan.first_person.begin(), std::size_t{0});
  plan.first_person.back() = options.persons;
  return plan;
}

// Let blocks finish in any order but reach the stream in block order; memory stays at about one
// block per thread.
class OrderedWriter {
 public:
  OrderedWriter(std::ostream& out, const SynthOptions& options, std::size_t blocks)
      : out_(out), options_(options), blocks_(blocks) {}

  void Write(std::size_t block, const std::string& text) {
    std::unique_lock lock(mutex_);
    turn_.wait(lock, [&] { return next_ == block || failed_; });
    if (failed_) return;  // the failing block reports the error
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out_) {
      throw Error(ErrorCode::kIo,
                  std::string(Tr("kunde inte skriva utdata", "could not write the output")));
    }
    ++next_;
    if (options_.progress) {
      options_.progress(next_ == blocks_ ? 1.0
                                         : static_cast<double>(next_ * kBlockSize) /
                                               static_cast<double>(options_.persons));
    }
    turn_.notify_all();
  }

  // Release the threads waiting for their turn after a block failed.
  void Fail() {
    std::lock_guard lock(mutex_);
    failed_ = true;
    turn_.notify_all();
  }

 private:
  std::ostream& out_;
  const SynthOptions& options_;
  std::size_t blocks_;
  std::mutex mutex_;
  std::condition_variable turn_;
  std::size_t next_ = 0;
  bool failed_ = false;
};

// Write the file at `open_path`, naming `location` in errors.
void WriteFile(const SynthOptions& options, const std::filesystem::path& open_path,
               const SourceLocation& location) {
  std::ofstream out(open_path, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw Error(ErrorCode::kIo, std::string(Tr("kan inte skapa filen", "cannot create the file")),
                location);
  }
  try {
    WriteSyntheticPopulation(options, out);
  } catch (const Error& error) {
    if (error.code() != ErrorCode::kIo) throw;
    throw Error(ErrorCode::kIo, error.message(), location);
  }
  out.close();
  if (!out) {
    throw Error(ErrorCode::kIo,
                std::string(Tr("kunde inte skriva utdata", "could not write the output")),
                location);
  }
}

}  // namespace

void ValidateSynthOptions(const SynthOptions& options) {
  const auto invalid = [](std::string message, std::string field, std::string value) {
    throw Error(ErrorCode::kInvalidArgument, std::move(message), {}, std::move(field),
                std::move(value));
  };
  if (options.persons == 0) {
    invalid(std::string(Tr("antalet personer måste vara minst 1",
                           "the number of persons must be at least 1")),
            "persons", "0");
  }
  if (!options.county.empty() && FindCounty(options.county) == nullptr) {
    std::string codes;
    for (const County& county : Counties()) codes += (codes.empty() ? "" : ", ") + county.code;
    invalid(fmt::format(fmt::runtime(Tr("okänd länskod '{}' (län: {})",
                                        "unknown county code '{}' (counties: {})")),
                        options.county, codes),
            "county", options.county);
  }
  if (options.year < 1900 || options.year > 2100) {
    invalid(fmt::format(fmt::runtime(Tr("året {} ligger utanför 1900–2100",
                                        "the year {} is outside 1900–2100")),
                        options.year),
            "year", std::to_string(options.year));
  }
  constexpr std::string_view kDelimiters = ",;\t|";
  if (kDelimiters.find(options.delimiter) == std::string_view::npos) {
    invalid(std::string(Tr("avgränsaren måste vara ',', ';', tabb eller '|'",
                           "the delimiter must be ',', ';', tab or '|'")),
            "delimiter", std::string(1, options.delimiter));
  }
  if (options.decimal_comma && options.delimiter != ';' && options.delimiter != '\t') {
    invalid(std::string(Tr("decimalkomma kräver avgränsaren ';' eller tabb",
                           "a decimal comma needs the delimiter ';' or tab")),
            "delimiter", std::string(1, options.delimiter));
  }
}

void WriteSyntheticPopulation(const SynthOptions& options, std::ostream& out) {
  ValidateSynthOptions(options);
  const Model& model = GetModel();
  const Plan plan = MakePlan(model, options);
  const Format format{options.delimiter, options.decimal_comma ? ',' : '.'};

  std::string header;
  for (std::string_view column : kSynthColumns) {
    if (!header.empty()) header += format.delimiter;
    header += column;
  }
  header += '\n';
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  if (!out) {
    throw Error(ErrorCode::kIo,
                std::string(Tr("kunde inte skriva utdata", "could not write the output")));
  }

  const std::size_t blocks = (options.persons + kBlockSize - 1) / kBlockSize;
  OrderedWriter writer(out, options, blocks);
  ParallelFor(blocks, [&](std::size_t block) {
    try {
      const std::size_t begin = block * kBlockSize;
      const std::size_t end = std::min(options.persons, begin + kBlockSize);
      internal::Random random(options.seed, block);
      std::string text;
      text.reserve((end - begin) * 80);
      auto area = static_cast<std::size_t>(
          std::upper_bound(plan.first_person.begin(), plan.first_person.end(), begin) -
          plan.first_person.begin() - 1);
      for (std::size_t person = begin; person < end; ++person) {
        while (person >= plan.first_person[area + 1]) ++area;
        AppendRow(DrawPerson(model, plan.areas[area], random), plan.prefixes[area], format, text);
      }
      writer.Write(block, text);
    } catch (...) {
      writer.Fail();
      throw;
    }
  });
}

void WriteSyntheticPopulationFile(const SynthOptions& options, const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  ValidateSynthOptions(options);
  const SourceLocation location{path.string()};
  std::error_code ignored;
  // A device or pipe (/dev/stdout) is written in place: a rename would replace it with a file.
  if (const fs::file_status status = fs::status(path, ignored);
      fs::exists(status) && !fs::is_regular_file(status)) {
    WriteFile(options, path, location);
    return;
  }
  // Rename beside the real file, so that a symbolic link keeps pointing at it.
  fs::path target = path;
  if (fs::is_symlink(fs::symlink_status(path, ignored))) {
    if (fs::path resolved = fs::canonical(path, ignored); !resolved.empty()) target = resolved;
  }
  fs::path temporary = target;
  temporary += fmt::format(".tmp-{}", ::getpid());
  try {
    WriteFile(options, temporary, location);
    std::error_code renamed;
    fs::rename(temporary, target, renamed);
    if (renamed) {
      throw Error(ErrorCode::kIo,
                  fmt::format(fmt::runtime(Tr("kan inte byta namn på den tillfälliga filen: {}",
                                              "cannot rename the temporary file: {}")),
                              renamed.message()),
                  location);
    }
  } catch (...) {
    fs::remove(temporary, ignored);
    throw;
  }
}

}  // namespace jamlik
