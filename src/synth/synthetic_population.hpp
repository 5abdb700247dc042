#pragma once
// Synthetic Sweden: person-level microdata with real municipality codes, county age/sex structure
// from SCB and invented but realistic social gradients in education, income, disability, deaths,
// home care (hemtjänst) and school outcomes. See src/synth/README.md for the columns and models.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace jamlik {

struct SynthOptions {
  std::size_t persons = 0;  // ≥ 1
  std::uint64_t seed = 0;
  std::string county;  // "" = all of Sweden, else a 2-digit county code such as "18"
  int year = 2025;     // written in the column `ar`; 1900–2100
  // With last_year ≥ year: `persons` for each year from `year` to `last_year`, one after the
  // other, drawn anew each year (the areas stay the same), with municipal levels and moved along
  // the invented secular trends (README: Several years).
  int last_year = 0;
  char delimiter = ',';        // ',', ';', '\t' or '|'
  bool decimal_comma = false;  // write 12,5 instead of 12.5; needs delimiter ';' or '\t'
  // Called with the fraction written so far (0 < f ≤ 1, increasing, last call 1.0), one call at a
  // time but possibly from a worker thread. An exception thrown here stops the writing.
  std::function<void(double)> progress;
};

// The header of the output, in order.
inline constexpr std::array<std::string_view, 15> kSynthColumns = {
    "ar",    "lan",        "kommun",          "deso",          "kon",
    "alder", "utbildning", "inkomstkvintil",  "fodelseregion", "funktionsnedsattning",
    "dod",   "hemtjanst",  "gymnasiebehorig", "vardtimmar",    "inkomst"};

// Throw kInvalidArgument when the options cannot produce a file (nothing is written).
void ValidateSynthOptions(const SynthOptions& options);

// Write the header and options.persons rows to `out`. The same options give the same bytes,
// whatever the number of threads (JAMLIK_THREADS). Throws kInvalidArgument before writing
// anything when the options are wrong, kIo when the stream fails.
void WriteSyntheticPopulation(const SynthOptions& options, std::ostream& out);

// Write to `path` through a temporary file in the same folder renamed into place, so a failure
// never leaves a half-written file at `path`. A device or pipe (/dev/stdout) is written directly.
// Throws kIo naming `path` when it cannot be written.
void WriteSyntheticPopulationFile(const SynthOptions& options, const std::filesystem::path& path);

}  // namespace jamlik
