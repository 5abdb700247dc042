// Standard populations; contract in standard_population.hpp.
#include "stats/standard_population.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

[[noreturn]] void ThrowBandMismatch(const AgeBand& band, std::string_view standard_name) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format("{} {} {} {}", Tr("Åldersgruppen", "The age band"), AgeBandLabel(band),
                          Tr("passar inte åldersgrupperna i standardbefolkningen",
                             "does not match the age bands of the standard population"),
                          standard_name),
              {}, "age_band", AgeBandLabel(band));
}

[[noreturn]] void ThrowBadBands(std::string_view name, std::string_view detail) {
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format("{} {}: {}", Tr("Standardbefolkningen", "The standard population"), name,
                          detail));
}

}  // namespace

std::string AgeBandLabel(const AgeBand& band) {
  if (!band.end) return fmt::format("{}+", band.start);
  if (*band.end == band.start) return fmt::format("{}", band.start);
  return fmt::format("{}-{}", band.start, *band.end);
}

AgeBand ParseAgeBand(std::string_view label) {
  std::vector<int> numbers;
  bool open = false;
  for (std::size_t i = 0; i < label.size();) {
    if (std::isdigit(static_cast<unsigned char>(label[i])) != 0) {
      int number = 0;
      const auto [end, error] =
          std::from_chars(label.data() + i, label.data() + label.size(), number);
      if (error != std::errc()) break;
      numbers.push_back(number);
      i = static_cast<std::size_t>(end - label.data());
    } else {
      // Separators (hyphen, en dash, spaces, "år") are skipped; only '+' carries meaning.
      open = open || label[i] == '+';
      ++i;
    }
  }
  if (numbers.size() == 2 && !open && numbers[0] <= numbers[1]) return {numbers[0], numbers[1]};
  if (numbers.size() == 1)
    return open ? AgeBand{numbers[0], std::nullopt} : AgeBand{numbers[0], numbers[0]};
  throw Error(ErrorCode::kBadValue,
              fmt::format("{} \"{}\"", Tr("Okänd åldersgrupp", "Unreadable age band"), label), {},
              "age_band", std::string(label));
}

StandardPopulation::StandardPopulation(std::string name, std::vector<StandardPopulationBand> bands)
    : name_(std::move(name)), bands_(std::move(bands)) {
  std::sort(bands_.begin(), bands_.end(),
            [](const auto& a, const auto& b) { return a.band.start < b.band.start; });
  if (bands_.empty() || bands_.front().band.start != 0) {
    ThrowBadBands(name_, Tr("den första åldersgruppen måste börja vid 0",
                            "the first age band must start at 0"));
  }
  for (std::size_t i = 0; i < bands_.size(); ++i) {
    const AgeBand& band = bands_[i].band;
    const bool last = i + 1 == bands_.size();
    if (last != !band.end) {
      ThrowBadBands(name_, Tr("endast den sista åldersgruppen ska vara öppen (till exempel 90+)",
                              "only the last age band must be open (for example 90+)"));
    }
    if (!last && *band.end + 1 != bands_[i + 1].band.start) {
      ThrowBadBands(
          name_, fmt::format("{} {} {} {}", Tr("åldersgruppen", "the age band"), AgeBandLabel(band),
                             Tr("ansluter inte till", "does not adjoin"),
                             AgeBandLabel(bands_[i + 1].band)));
    }
    const double population = bands_[i].population;
    if (!std::isfinite(population) || population < 0) {
      ThrowBadBands(name_, fmt::format("{} {}", Tr("ogiltig befolkning i", "invalid population in"),
                                       AgeBandLabel(band)));
    }
  }
  if (!(Total() > 0)) {
    ThrowBadBands(name_, Tr("befolkningen summerar till noll", "the population sums to zero"));
  }
}

StandardPopulation StandardPopulation::FromTable(std::string name, const Table& table,
                                                 std::string_view age_band_column,
                                                 std::string_view population_column) {
  const Column& labels = table.GetColumn(age_band_column);
  const Column& populations = table.GetColumn(population_column);
  if (!populations.IsNumeric()) {
    throw Error(
        ErrorCode::kTypeMismatch,
        fmt::format("{} {}", Tr("Kolumnen måste vara numerisk:", "The column must be numeric:"),
                    population_column),
        {}, std::string(population_column));
  }
  std::vector<StandardPopulationBand> bands;
  bands.reserve(table.num_rows());
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    for (const Column* column : {&labels, &populations}) {
      if (column->IsNull(row)) {
        throw Error(
            ErrorCode::kBadValue,
            fmt::format("{} {} {} {}", Tr("Värde saknas i kolumnen", "Missing value in column"),
                        column->name(), Tr("på rad", "on row"), row + 1),
            {}, column->name());
      }
    }
    bands.push_back({ParseAgeBand(labels.ValueToString(row)), populations.NumericAt(row)});
  }
  return StandardPopulation(std::move(name), std::move(bands));
}

double StandardPopulation::Total() const {
  double total = 0;
  for (const auto& band : bands_) total += band.population;
  return total;
}

double StandardPopulation::Population(const AgeBand& band) const {
  auto it = std::find_if(bands_.begin(), bands_.end(),
                         [&](const auto& b) { return b.band.start == band.start; });
  if (it == bands_.end()) ThrowBandMismatch(band, name_);
  double population = 0;
  for (; it != bands_.end(); ++it) {
    population += it->population;
    if (!band.end) continue;  // an open band takes every age from its start
    if (!it->band.end || *it->band.end > *band.end) ThrowBandMismatch(band, name_);
    if (*it->band.end == *band.end) return population;
  }
  if (band.end) ThrowBandMismatch(band, name_);
  return population;
}

StandardPopulation StandardPopulation::Regroup(std::span<const int> start_ages) const {
  std::vector<StandardPopulationBand> bands;
  bands.reserve(start_ages.size());
  for (std::size_t i = 0; i < start_ages.size(); ++i) {
    const bool last = i + 1 == start_ages.size();
    if (!last && start_ages[i + 1] <= start_ages[i]) {
      ThrowBadBands(name_, Tr("startåldrarna måste vara stigande", "the start ages must increase"));
    }
    const AgeBand band{start_ages[i],
                       last ? std::nullopt : std::optional<int>(start_ages[i + 1] - 1)};
    bands.push_back({band, Population(band)});
  }
  return StandardPopulation(name_, std::move(bands));
}

const StandardPopulation& Esp2013() {
  // Built once and never destroyed, so no destructor runs at exit (Google style).
  static const StandardPopulation* const esp = [] {
    // Eurostat (2013), table 3.2: 0, 1-4, then five-year bands to 90-94, and 95+.
    constexpr std::array<double, 19> kFiveYear = {5500, 5500, 5500, 6000, 6000, 6500, 7000,
                                                  7000, 7000, 7000, 6500, 6000, 5500, 5000,
                                                  4000, 2500, 1500, 800,  200};
    std::vector<StandardPopulationBand> bands = {{{0, 0}, 1000}, {{1, 4}, 4000}};
    for (std::size_t i = 0; i < kFiveYear.size(); ++i) {
      const int start = 5 * static_cast<int>(i + 1);
      const bool last = i + 1 == kFiveYear.size();
      bands.push_back({{start, last ? std::nullopt : std::optional<int>(start + 4)}, kFiveYear[i]});
    }
    return new StandardPopulation("esp2013", std::move(bands));
  }();
  return *esp;
}

StandardPopulation Esp2013FiveYear(int open_from) {
  if (open_from < 5 || open_from > 95 || open_from % 5 != 0) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format("{} {}",
                            Tr("Den öppna åldersgruppen måste börja vid en multipel av 5 från 5 "
                               "till 95, inte",
                               "The open age band must start at a multiple of 5 from 5 to 95, "
                               "not"),
                            open_from),
                {}, "open_from", fmt::format("{}", open_from));
  }
  std::vector<int> start_ages;
  for (int start = 0; start <= open_from; start += 5) start_ages.push_back(start);
  return Esp2013().Regroup(start_ages);
}

}  // namespace jamlik
