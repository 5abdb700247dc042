#include "indicators/age_banding.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "core/i18n.hpp"
#include "indicators/definition_error_internal.hpp"
#include "stats/life_table.hpp"

namespace jamlik {

std::vector<AgeBand> LifeTableBands() {
  std::vector<AgeBand> bands;
  for (std::size_t i = 0; i < kLifeTableStartAges.size(); ++i) {
    const int start = kLifeTableStartAges[i];
    bands.push_back(i + 1 < kLifeTableStartAges.size()
                        ? AgeBand{start, kLifeTableStartAges[i + 1] - 1}
                        : AgeBand{start, std::nullopt});
  }
  return bands;
}

AgeBandFinder::AgeBandFinder(std::vector<AgeBand> bands) : bands_(std::move(bands)) {
  for (int age = 0; age < kTabulatedAges; ++age) table_[age] = Search(age);
}

int AgeBandFinder::Search(double age) const {
  for (std::size_t b = 0; b < bands_.size(); ++b) {
    if (age >= bands_[b].start && (!bands_[b].end || age <= *bands_[b].end)) {
      return static_cast<int>(b);
    }
  }
  return kNoBand;
}

BandSource::BandSource(const IndicatorDefinition& definition, std::vector<AgeBand> bands,
                       const Table& data)
    : definition_(&definition), bands_(std::move(bands)), finder_(bands_) {
  if (bands_.empty()) return;
  if (!definition.age.empty()) {
    age_ = &data.GetColumn(definition.age);
    if (!age_->IsNumeric()) {
      internal::InvalidDefinition(
          definition,
          fmt::format(fmt::runtime(Tr("åldern '{}' ska vara numerisk", "age '{}' must be numeric")),
                      definition.age));
    }
    if (age_->type() == ColumnType::kInt64) {
      whole_ages_ = &age_->integers();
    } else {
      ages_ = age_->doubles().data();
    }
    return;
  }
  labels_ = &data.GetColumn(definition.age_band);
  if (labels_->type() != ColumnType::kCategorical) return;
  // Parse each category once; an error is kept for the first row in the population that has it.
  const Dictionary& dictionary = labels_->categorical().dictionary;
  band_of_code_.resize(dictionary.size(), kNoBand);
  parse_errors_.resize(dictionary.size());
  for (std::uint32_t code = 0; code < dictionary.size(); ++code) {
    try {
      band_of_code_[code] = BandOfLabel(dictionary.category(code));
    } catch (...) {
      parse_errors_[code] = std::current_exception();
    }
  }
}

void BandSource::Find(std::size_t first_row, const std::vector<std::uint8_t>& selected,
                      std::vector<int>& out) const {
  out.resize(selected.size());
  if (whole_ages_ != nullptr) {
    // The usual case, ages in whole years: one table look-up per row.
    std::visit(
        [&](const auto& ages) {
          for (std::size_t i = 0; i < selected.size(); ++i) {
            const std::size_t row = first_row + i;
            out[i] = selected[i] == 0 || age_->IsNull(row)
                         ? kNoBand
                         : finder_.Find(static_cast<std::int64_t>(ages[row]));
          }
        },
        *whole_ages_);
    return;
  }
  for (std::size_t i = 0; i < selected.size(); ++i) {
    out[i] = selected[i] == 0 ? kNoBand : Of(first_row + i);
  }
}

int BandSource::Of(std::size_t row) const {
  if (age_ != nullptr) {
    if (age_->IsNull(row)) return kNoBand;
    return whole_ages_ != nullptr ? finder_.Find(age_->Int64At(row)) : finder_.Find(ages_[row]);
  }
  if (labels_->IsNull(row)) return kNoBand;
  int band = kNoBand;
  if (labels_->type() == ColumnType::kCategorical) {
    const std::uint32_t code = labels_->categorical().CodeAt(row);
    if (parse_errors_[code]) std::rethrow_exception(parse_errors_[code]);
    band = band_of_code_[code];
  } else {
    band = BandOfLabel(labels_->ValueToString(row));
  }
  if (band == kNoBand) {
    internal::InvalidDefinition(
        *definition_,
        fmt::format(
            fmt::runtime(Tr("rad {}: åldersgruppen '{}' finns inte i standardbefolkningen",
                            "row {}: age band '{}' is not one of the standard population's")),
            row + 2, labels_->ValueToString(row)));
  }
  return band;
}

int BandSource::BandOfLabel(const std::string& label) const {
  const AgeBand band = ParseAgeBand(label);
  const bool start_age = band.end == band.start;
  const auto found = std::find_if(bands_.begin(), bands_.end(), [&](const AgeBand& candidate) {
    return candidate == band || (start_age && candidate.start == band.start);
  });
  return found == bands_.end() ? kNoBand : static_cast<int>(found - bands_.begin());
}

}  // namespace jamlik
