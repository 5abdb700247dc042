#include "synth/synthetic_population.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <numeric>
#include <vector>

#include "core/error.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"
#include "core/parallel.hpp"
#include "io/table_writer.hpp"
#include "synth/person_model_internal.hpp"
#include "synth/random_internal.hpp"
#include "synth/reference_data_internal.hpp"

namespace jamlik {
namespace {

using internal::Area;
using internal::Person;
using internal::PersonModel;

// Persons per block. Each block draws from its own stream, so the bytes do not depend on how
// blocks are spread over threads. Changing it changes every file.
constexpr std::size_t kBlockSize = std::size_t{1} << 16;
// The stream of the area-level draws, apart from the block streams 0, 1, 2, …
constexpr std::uint64_t kAreaStream = ~std::uint64_t{0};
// ---- Text ----------------------------------------------------------------------------------

struct Format {
  char delimiter;
  char decimal;
};

[[noreturn]] void ThrowWriteFailed(SourceLocation location = {}) {
  throw Error(ErrorCode::kIo,
              std::string(Tr("kunde inte skriva utdata", "could not write the output")),
              std::move(location));
}

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
  out += p.sex == internal::kWomen ? 'K' : 'M';
  out += d;
  AppendUnsigned(out, static_cast<unsigned>(p.age));
  out += d;
  out += internal::kEducationNames[static_cast<std::size_t>(p.education)];
  out += d;
  out += static_cast<char>('0' + p.quintile);
  out += d;
  out += internal::kBirthRegionNames[static_cast<std::size_t>(p.birth_region)];
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
  std::vector<const Area*> areas;
  std::vector<double> deprivation;        // N(0, 1) per area and seed; high = poorer
  std::vector<std::string> prefixes;      // "ar,lan,kommun,deso,"
  std::vector<std::size_t> first_person;  // areas.size() + 1 entries
};

Plan MakePlan(const SynthOptions& options) {
  const std::vector<Municipality>& municipalities = Municipalities();
  // Draw for every area of Sweden, so an area is the same in a county file and a national one.
  internal::Random random(options.seed, kAreaStream);
  Plan plan;
  for (const Area& area : PersonModel::Get().areas()) {
    const double deprivation = random.Normal();
    const Municipality& municipality = municipalities[area.municipality];
    if (!options.county.empty() && municipality.county_code != options.county) continue;
    plan.areas.push_back(&area);
    plan.deprivation.push_back(deprivation);
    const char d = options.delimiter;
    plan.prefixes.push_back(fmt::format("{}{}{}{}{}{}{}{}", options.year, d,
                                        municipality.county_code, d, municipality.code, d,
                                        area.code, d));
  }
  double total_weight = 0.0;
  for (const Area* area : plan.areas) total_weight += area->weight;
  std::vector<std::size_t> counts(plan.areas.size());
  std::vector<double> remainders(plan.areas.size());
  std::size_t assigned = 0;
  for (std::size_t i = 0; i < plan.areas.size(); ++i) {
    const double quota =
        static_cast<double>(options.persons) * plan.areas[i]->weight / total_weight;
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
      ThrowWriteFailed();
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

// Write one year's persons.
void WriteYear(const SynthOptions& options, std::uint64_t person_seed, const PersonModel& model,
               const Plan& plan, const Format& format, std::ostream& out) {
  const std::size_t blocks = (options.persons + kBlockSize - 1) / kBlockSize;
  OrderedWriter writer(out, options, blocks);
  ParallelFor(blocks, [&](std::size_t block) {
    try {
      const std::size_t begin = block * kBlockSize;
      const std::size_t end = std::min(options.persons, begin + kBlockSize);
      internal::Random random(person_seed, block);
      std::string text;
      text.reserve((end - begin) * 80);
      auto area = static_cast<std::size_t>(
          std::upper_bound(plan.first_person.begin(), plan.first_person.end(), begin) -
          plan.first_person.begin() - 1);
      for (std::size_t row = begin; row < end; ++row) {
        while (row >= plan.first_person[area + 1]) ++area;
        // Trends and municipal levels only in a several-year file: one year is as it always was.
        const bool several_years = options.last_year != 0;
        AppendRow(model.Draw(*plan.areas[area], plan.deprivation[area], random,
                             several_years ? options.year - 2025 : 0, several_years),
                  plan.prefixes[area], format, text);
      }
      writer.Write(block, text);
    } catch (...) {
      writer.Fail();
      throw;
    }
  });
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
  if (options.last_year != 0 && (options.last_year < options.year || options.last_year > 2100)) {
    invalid(fmt::format(fmt::runtime(Tr("sista året {} ligger utanför {}–2100",
                                        "the last year {} is outside {}–2100")),
                        options.last_year, options.year),
            "last_year", std::to_string(options.last_year));
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
  const PersonModel& model = PersonModel::Get();
  const Format format{options.delimiter, options.decimal_comma ? ',' : '.'};

  std::string header;
  for (std::string_view column : kSynthColumns) {
    if (!header.empty()) header += format.delimiter;
    header += column;
  }
  header += '\n';
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  if (!out) {
    ThrowWriteFailed();
  }

  const int last_year = std::max(options.year, options.last_year);
  for (int year = options.year; year <= last_year; ++year) {
    SynthOptions of_year = options;
    of_year.year = year;
    if (options.progress) {
      const double done = year - options.year;
      const double count = last_year - options.year + 1;
      of_year.progress = [&options, done, count](double f) {
        options.progress((done + f) / count);
      };
    }
    // Each later year its own persons: the person streams from the seed mixed with the year.
    const std::uint64_t person_seed =
        year == options.year
            ? options.seed
            : options.seed ^
                  (0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(year - options.year));
    WriteYear(of_year, person_seed, model, MakePlan(of_year), format, out);
  }
}

void WriteSyntheticPopulationFile(const SynthOptions& options, const std::filesystem::path& path) {
  ValidateSynthOptions(options);
  WriteFileAtomically(path.string(),
                      [&](std::ostream& out) { WriteSyntheticPopulation(options, out); });
}

}  // namespace jamlik
