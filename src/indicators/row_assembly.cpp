#include "indicators/row_assembly.hpp"

#include <cstdint>
#include <utility>

#include "core/dimension_set.hpp"
#include "core/dimensions.hpp"
#include "core/geography.hpp"
#include "core/i18n.hpp"

namespace jamlik {

DimensionSetInfo DescribeDimensions(const Table& data, const std::vector<std::string>& dimensions) {
  DimensionSetInfo info;
  for (const auto& name : dimensions) {
    const Column& column = data.GetColumn(name);
    info.dictionaries.push_back(&column.categorical().dictionary);
  }
  info.name = DimensionSet(dimensions).Display();
  if (dimensions.size() == 1) {
    info.ordered = info.dictionaries[0]->ordered();
    if (const DimensionInfo* known = FindDimension(dimensions[0])) {
      info.reverse = known->advantaged == AdvantagedEnd::kFirst;
      if (!known->reference.empty()) {
        info.reference =
            WrittenCategory(*known, known->reference, info.dictionaries[0]->categories());
      }
    }
  }
  return info;
}

namespace {

// "K × förgymnasial", or "T" for the whole population.
std::string SubgroupLabel(const CellKey& key, const DimensionSetInfo& dimensions) {
  std::vector<std::string> categories;
  categories.reserve(key.subgroup.size());
  for (std::size_t d = 0; d < key.subgroup.size(); ++d) {
    categories.emplace_back(dimensions.dictionaries[d]->category(key.subgroup[d]));
  }
  return Subgroup(std::move(categories)).Display();
}

ResultFlag RowFlag(const IndicatorValue& value) {
  if (!value.value) return FlagOf(value.value.error());
  if (!value.interval) return FlagOf(value.interval.error());
  return ResultFlag::kNone;
}

}  // namespace

void AppendRows(const RowSource& source, const std::string& level, const Cells& cells,
                const DimensionSetInfo& dimensions,
                const std::map<std::string, std::vector<BandCounts>>& references,
                std::vector<ResultRow>& rows) {
  const IndicatorDefinition& definition = source.definition;
  const IndicatorType& type = source.type;
  CellInputs with_reference;
  for (const auto& [key, stored] : cells) {
    // Only isr reads a reference; other cells are used as they are, not copied (a median's cell
    // holds its values).
    const CellInputs* inputs = &stored;
    if (type.needs_reference) {
      with_reference = stored;
      with_reference.reference = references.at(key.period);
      inputs = &with_reference;
    }
    const CellInputs& cell = *inputs;
    ResultRow row;
    row.indicator = definition.id;
    row.indicator_name = BilingualText(definition.name_sv, definition.name_en);
    row.indicator_type = std::string(type.id);
    row.area_level = level;
    row.area = key.area;
    row.area_name = AreaName(level, key.area);
    row.period = key.period;
    row.dimension = dimensions.name;
    row.subgroup = SubgroupLabel(key, dimensions);
    if (dimensions.ordered) {
      const auto size = static_cast<std::int64_t>(dimensions.dictionaries[0]->size());
      const auto code = static_cast<std::int64_t>(key.subgroup[0]);
      row.subgroup_order = dimensions.reverse ? size - code : code + 1;
    }
    row.ordered_dimension = dimensions.ordered;
    row.reference_subgroup = !dimensions.reference.empty() && row.subgroup == dimensions.reference;
    row.favourable_indicator = definition.higher_is_favourable;
    const double multiplier = definition.multiplier.value_or(type.default_multiplier);
    row.indicator_scale = multiplier;
    IndicatorSettings settings{
        multiplier, definition.confidence[0],
        definition.method.empty() ? type.methods.front() : std::string_view(definition.method),
        source.standard};
    const IndicatorValue first = type.compute(cell, settings);
    if (first.value) row.estimate = *first.value;
    if (first.interval) {
      row.lower = first.interval->lower;
      row.upper = first.interval->upper;
    }
    row.confidence = definition.confidence[0];
    if (definition.confidence.size() == 2) {
      settings.confidence = definition.confidence[1];
      const IndicatorValue second = type.compute(cell, settings);
      row.confidence_2 = definition.confidence[1];
      if (second.interval) {
        row.lower_2 = second.interval->lower;
        row.upper_2 = second.interval->upper;
      }
    }
    type.kernel->describe_row(cell, row);
    row.method = first.method;
    row.flag = RowFlag(first);
    rows.push_back(std::move(row));
  }
}

}  // namespace jamlik
