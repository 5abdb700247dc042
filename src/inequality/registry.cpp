#include "inequality/registry.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::inequality {

void Registry::Add(MeasureDescriptor descriptor) {
  const bool has_compute = descriptor.input == InputKind::kSubgroups
                               ? static_cast<bool>(descriptor.compute_subgroups)
                               : static_cast<bool>(descriptor.compute_individuals);
  if (!has_compute) {
    throw Error(ErrorCode::kInternal,
                fmt::format("inequality measure '{}' has no compute function", descriptor.id));
  }
  auto key = std::make_pair(descriptor.input, descriptor.id);
  if (!measures_.emplace(std::move(key), std::move(descriptor)).second) {
    throw Error(ErrorCode::kInternal, "inequality measure registered twice");
  }
}

const MeasureDescriptor* Registry::Find(InputKind input, std::string_view id) const {
  const auto it = measures_.find(std::make_pair(input, std::string(id)));
  return it == measures_.end() ? nullptr : &it->second;
}

std::vector<const MeasureDescriptor*> Registry::All() const {
  std::vector<const MeasureDescriptor*> all;
  for (const auto& [key, descriptor] : measures_) all.push_back(&descriptor);
  return all;
}

const Registry& MeasureRegistry() {
  static const Registry registry = [] {
    Registry filled;
    RegisterAll(filled);
    return filled;
  }();
  return registry;
}

namespace {

const MeasureDescriptor& FindOrThrow(InputKind input, std::string_view id) {
  const MeasureDescriptor* descriptor = MeasureRegistry().Find(input, id);
  if (descriptor == nullptr) {
    throw Error(
        ErrorCode::kInvalidArgument,
        fmt::format("{} '{}'", Tr("Okänt ojämlikhetsmått", "Unknown inequality measure"), id), {},
        "measure", std::string(id));
  }
  return *descriptor;
}

}  // namespace

MeasureResult Compute(std::string_view id, const SubgroupData& data,
                      const MeasureOptions& options) {
  return FindOrThrow(InputKind::kSubgroups, id).compute_subgroups(data, options);
}

MeasureResult Compute(std::string_view id, const Sample& sample, const MeasureOptions& options) {
  return FindOrThrow(InputKind::kIndividuals, id).compute_individuals(sample, options);
}

DimensionType DimensionTypeOf(const SubgroupData& data) {
  if (data.ordered) return DimensionType::kOrdered;
  return data.subgroups.size() == 2 ? DimensionType::kBinary : DimensionType::kUnordered;
}

}  // namespace jamlik::inequality
